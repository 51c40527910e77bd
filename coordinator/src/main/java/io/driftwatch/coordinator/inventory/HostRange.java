package io.driftwatch.coordinator.inventory;

import io.driftwatch.node.fact.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Expands an Ansible host pattern into host names: {@code web-[01:03]} is web-01, web-02, web-03 (a
 * zero-padded start keeps its width), {@code db-[a:c]} is db-a, db-b, db-c, {@code [1:9:2]} steps
 * by 2, and several ranges in one pattern multiply.
 */
final class HostRange {

  /** Longer patterns are refused before expanding, which also bounds the recursion below. */
  static final int MAX_PATTERN_LENGTH = 1024;

  private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");
  private static final Pattern LOWER = Pattern.compile("[a-z]");
  private static final Pattern UPPER = Pattern.compile("[A-Z]");

  private HostRange() {}

  /**
   * The names {@code pattern} stands for, in order. Throws IllegalArgumentException for a malformed
   * range, or when the pattern stands for more than {@code limit} names.
   */
  static List<String> expand(String pattern, int limit) {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new IllegalArgumentException(
          "host pattern " + Text.quote(pattern) + " is longer than " + MAX_PATTERN_LENGTH);
    }
    List<String> names = new ArrayList<>();
    expand(pattern, "", pattern, limit, names);
    return names;
  }

  private static void expand(
      String pattern, String done, String rest, int limit, List<String> names) {
    int open = rest.indexOf('[');
    int close = rest.indexOf(']');
    if (open < 0 && close < 0) {
      if (names.size() >= limit) {
        throw new IllegalArgumentException(
            "host pattern " + Text.quote(pattern) + " stands for more than " + limit + " hosts");
      }
      names.add(done + rest);
      return;
    }
    if (open >= 0 && close < 0) {
      throw new IllegalArgumentException(
          "host pattern " + Text.quote(pattern) + " has an unclosed '['");
    }
    if (open < 0 || close < open) {
      throw new IllegalArgumentException(
          "host pattern " + Text.quote(pattern) + " has an unmatched ']'");
    }
    String head = done + rest.substring(0, open);
    String tail = rest.substring(close + 1);
    for (String value : values(pattern, rest.substring(open + 1, close), limit)) {
      expand(pattern, head + value, tail, limit, names);
    }
  }

  private static List<String> values(String pattern, String range, int limit) {
    String[] parts = range.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw malformed(pattern, "expected [start:end] or [start:end:step]");
    }
    String start = parts[0];
    String end = parts[1];
    long step = 1;
    if (parts.length == 3) {
      if (!NUMBER.matcher(parts[2]).matches() || Long.parseLong(parts[2]) < 1) {
        throw malformed(pattern, "the step must be a whole number of at least 1");
      }
      step = Long.parseLong(parts[2]);
    }
    if (NUMBER.matcher(start).matches() && NUMBER.matcher(end).matches()) {
      int width = start.length() > 1 && start.charAt(0) == '0' ? start.length() : 0;
      if (width > 0 && end.length() != width) {
        // web-[01:100] is ambiguous: is web-099 or web-99 meant? Ansible refuses it too.
        throw malformed(pattern, "a zero-padded range needs a start and end of the same width");
      }
      return sequence(pattern, Long.parseLong(start), Long.parseLong(end), step, limit).stream()
          .map(n -> padded(n, width))
          .toList();
    }
    boolean lower = LOWER.matcher(start).matches() && LOWER.matcher(end).matches();
    boolean upper = UPPER.matcher(start).matches() && UPPER.matcher(end).matches();
    if (lower || upper) {
      return sequence(pattern, start.charAt(0), end.charAt(0), step, limit).stream()
          .map(n -> String.valueOf((char) n.intValue()))
          .toList();
    }
    throw malformed(pattern, "a range is numbers like [01:20] or single letters like [a:f]");
  }

  private static List<Long> sequence(String pattern, long start, long end, long step, int limit) {
    if (start > end) {
      throw malformed(pattern, "the start of a range must not be after its end");
    }
    if ((end - start) / step + 1 > limit) {
      throw new IllegalArgumentException(
          "host pattern " + Text.quote(pattern) + " stands for more than " + limit + " hosts");
    }
    List<Long> values = new ArrayList<>();
    for (long n = start; n <= end; n += step) {
      values.add(n);
    }
    return values;
  }

  private static String padded(long n, int width) {
    String text = Long.toString(n);
    return text.length() < width ? "0".repeat(width - text.length()) + text : text;
  }

  private static IllegalArgumentException malformed(String pattern, String why) {
    return new IllegalArgumentException(
        "invalid host range in " + Text.quote(pattern) + ": " + why);
  }
}
