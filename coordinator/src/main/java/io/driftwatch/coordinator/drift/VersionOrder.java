package io.driftwatch.coordinator.drift;

import java.util.Objects;

/**
 * Compares package versions the way the package managers do, written from dpkg's and rpm's
 * documented algorithms. Never throws for odd text: any string is a version, so a fact value that
 * is not a well-formed version still compares deterministically.
 *
 * <p>Debian (dpkg): epoch numerically, then upstream, then revision, each compared in alternating
 * runs of non-digits and digits. In a non-digit run {@code ~} sorts before everything, even the end
 * of the string, letters sort before non-letters; digit runs compare as numbers.
 *
 * <p>RPM (rpmvercmp): epoch numerically, then version, then release (only when both have one); each
 * is split into alphanumeric segments, separators ignored; a numeric segment is newer than an
 * alphabetic one, {@code ~} sorts before everything and {@code ^} after the end of the string but
 * before anything else.
 */
public final class VersionOrder {

  private VersionOrder() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  public static int compare(VersionScheme scheme, String a, String b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    return switch (scheme) {
      case DEBIAN -> compareDebian(a, b);
      case RPM -> compareRpm(a, b);
    };
  }

  // ---- Debian ----

  private static int compareDebian(String a, String b) {
    Evr x = Evr.split(a.strip(), true);
    Evr y = Evr.split(b.strip(), true);
    int c = compareNumbers(x.epoch, y.epoch);
    if (c != 0) {
      return c;
    }
    c = debianPart(x.version, y.version);
    return c != 0 ? c : debianPart(x.release, y.release);
  }

  /** dpkg's comparison of one part (upstream or revision). */
  private static int debianPart(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !isDigit(a.charAt(i)))
          || (j < b.length() && !isDigit(b.charAt(j)))) {
        int ca = debianWeight(a, i);
        int cb = debianWeight(b, j);
        if (ca != cb) {
          return Integer.compare(ca, cb);
        }
        // Equal weights here mean the same non-digit character on both sides.
        i++;
        j++;
      }
      int endA = digitRunEnd(a, i);
      int endB = digitRunEnd(b, j);
      int c = compareNumbers(a.substring(i, endA), b.substring(j, endB));
      if (c != 0) {
        return c;
      }
      i = endA;
      j = endB;
    }
    return 0;
  }

  /**
   * The weight of the character at {@code i} in a non-digit run: {@code ~} lowest, then the end of
   * the part and digits (the run has ended), then letters, then everything else.
   */
  private static int debianWeight(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    char c = s.charAt(i);
    if (isDigit(c)) {
      return 0;
    }
    if (c == '~') {
      return -1;
    }
    if (isLetter(c)) {
      return c;
    }
    return c + 256;
  }

  // ---- RPM ----

  private static int compareRpm(String a, String b) {
    Evr x = Evr.split(a.strip(), false);
    Evr y = Evr.split(b.strip(), false);
    int c = compareNumbers(x.epoch, y.epoch);
    if (c != 0) {
      return c;
    }
    c = rpmPart(x.version, y.version);
    if (c != 0 || x.release == null || y.release == null) {
      return c;
    }
    return rpmPart(x.release, y.release);
  }

  /** rpmvercmp over one part (version or release). */
  private static int rpmPart(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      i = skipRpmSeparators(a, i);
      j = skipRpmSeparators(b, j);
      char ca = i < a.length() ? a.charAt(i) : 0;
      char cb = j < b.length() ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (ca == 0) {
          return -1;
        }
        if (cb == 0) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == 0 || cb == 0) {
        break;
      }
      boolean numeric = isDigit(ca);
      int endA = numeric ? digitRunEnd(a, i) : letterRunEnd(a, i);
      int endB = numeric ? digitRunEnd(b, j) : letterRunEnd(b, j);
      if (endB == j) {
        // Segments of different types: a number is newer than letters.
        return numeric ? 1 : -1;
      }
      String segA = a.substring(i, endA);
      String segB = b.substring(j, endB);
      int c = numeric ? compareNumbers(segA, segB) : Integer.signum(segA.compareTo(segB));
      if (c != 0) {
        return c;
      }
      i = endA;
      j = endB;
    }
    boolean restA = i < a.length();
    boolean restB = j < b.length();
    return restA == restB ? 0 : restA ? 1 : -1;
  }

  private static int skipRpmSeparators(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (isDigit(c) || isLetter(c) || c == '~' || c == '^') {
        break;
      }
      i++;
    }
    return i;
  }

  // ---- shared ----

  /** A version split into epoch (digits, "0" when absent), version and release. */
  private record Evr(String epoch, String version, String release) {

    /**
     * Splits at the first ':' (when what precedes it is all digits) and the last '-'. Debian's
     * missing revision is the empty string (which equals "0"); rpm's is null (not compared).
     */
    static Evr split(String s, boolean debian) {
      String epoch = "0";
      int colon = s.indexOf(':');
      if (colon > 0 && s.substring(0, colon).chars().allMatch(VersionOrder::isDigit)) {
        epoch = s.substring(0, colon);
        s = s.substring(colon + 1);
      }
      int dash = s.lastIndexOf('-');
      if (dash < 0) {
        return new Evr(epoch, s, debian ? "" : null);
      }
      return new Evr(epoch, s.substring(0, dash), s.substring(dash + 1));
    }
  }

  /** Compares two runs of ASCII digits (possibly empty, meaning 0) as unbounded numbers. */
  private static int compareNumbers(String a, String b) {
    String x = stripZeros(a);
    String y = stripZeros(b);
    if (x.length() != y.length()) {
      return Integer.compare(x.length(), y.length());
    }
    return Integer.signum(x.compareTo(y));
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }

  private static int digitRunEnd(String s, int i) {
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int letterRunEnd(String s, int i) {
    while (i < s.length() && isLetter(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
