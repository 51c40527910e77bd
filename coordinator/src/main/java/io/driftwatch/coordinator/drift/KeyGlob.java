package io.driftwatch.coordinator.drift;

/**
 * A fact key pattern in a policy: an exact key, or a glob where {@code *} stands for any run of
 * characters ({@code sysctl:vm.*}, {@code package:*}). Matched without regular expressions, so a
 * pattern costs at most linear-times-stars work whatever the key.
 */
final class KeyGlob {

  private KeyGlob() {}

  static boolean isGlob(String pattern) {
    return pattern.indexOf('*') >= 0;
  }

  /** The part of a pattern before its first {@code *}: what every key it matches starts with. */
  static String prefix(String pattern) {
    int star = pattern.indexOf('*');
    return star < 0 ? pattern : pattern.substring(0, star);
  }

  /** True when {@code key} matches {@code pattern} as a whole. */
  static boolean matches(String pattern, String key) {
    if (!isGlob(pattern)) {
      return pattern.equals(key);
    }
    int p = 0;
    int k = 0;
    int star = -1;
    int resume = 0;
    while (k < key.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = k;
      } else if (p < pattern.length() && pattern.charAt(p) == key.charAt(k)) {
        p++;
        k++;
      } else if (star >= 0) {
        // Let the last star swallow one more character and retry from there.
        p = star + 1;
        k = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
