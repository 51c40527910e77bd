package io.driftwatch.node.store;

import java.util.Optional;

/**
 * Turns a key prefix into a range {@code [prefix, upperBound)} that an ordered index can scan,
 * instead of a LIKE pattern (where {@code _} and {@code %} in fact keys would be wildcards).
 */
public final class KeyPrefix {

  private KeyPrefix() {}

  /**
   * The smallest string greater than every string starting with {@code prefix}, in code point order
   * (which is also the byte order of UTF-8, as SQLite and Cassandra compare text). Empty when there
   * is none: an empty prefix, or one made only of the highest code point.
   */
  public static Optional<String> upperBound(String prefix) {
    int[] codePoints = prefix.codePoints().toArray();
    for (int i = codePoints.length - 1; i >= 0; i--) {
      if (codePoints[i] < Character.MAX_CODE_POINT) {
        int next = codePoints[i] + 1;
        // Surrogate code points cannot stand alone in a string; the next character is U+E000.
        if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
          next = Character.MAX_SURROGATE + 1;
        }
        codePoints[i] = next;
        return Optional.of(new String(codePoints, 0, i + 1));
      }
    }
    return Optional.empty();
  }
}
