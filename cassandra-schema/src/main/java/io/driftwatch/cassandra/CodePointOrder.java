package io.driftwatch.cassandra;

import io.driftwatch.node.fact.ChangeEvent;
import java.util.Comparator;

/**
 * Orders text the way Cassandra (and SQLite) do, by code point (the byte order of UTF-8), which
 * differs from {@link String#compareTo} for characters beyond U+FFFF. Used where results from
 * several partitions are merged, so that ties sort exactly as inside one partition.
 */
final class CodePointOrder {

  /** Newest first; ties by key, then host, then id, each descending, as the queries sort. */
  static final Comparator<ChangeEvent> NEWEST_FIRST =
      Comparator.comparing(ChangeEvent::detectedAt)
          .thenComparing(ChangeEvent::key, CodePointOrder::compare)
          .thenComparing(ChangeEvent::host, CodePointOrder::compare)
          .thenComparing(ChangeEvent::id, CodePointOrder::compare)
          .reversed();

  private CodePointOrder() {}

  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
