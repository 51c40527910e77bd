package io.driftwatch.node.context;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of a text log into lines a parser may trust: decoded as UTF-8 (bad bytes
 * replaced), a line cut short by the start of a tail read dropped, over-long lines (binary garbage,
 * hostile input) dropped, control characters removed from what remains.
 */
final class LogText {

  /**
   * No legitimate line of these logs is longer; apt's package lists are wrapped by nothing, but an
   * upgrade of a whole release still fits.
   */
  static final int MAX_LINE = 64 * 1024;

  /** The longest text kept of one field (a command line, a detail). */
  static final int MAX_FIELD = 512;

  private LogText() {}

  /**
   * @param cut true when the bytes are the tail of a larger file, so that their first line is
   *     probably only the end of one
   */
  static List<String> lines(byte[] bytes, boolean cut) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    int from = 0;
    if (cut) {
      int nl = text.indexOf('\n');
      from = nl < 0 ? text.length() : nl + 1;
    }
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      int end = nl < 0 ? text.length() : nl;
      if (end - from <= MAX_LINE) {
        lines.add(clean(text.substring(from, end)));
      }
      from = end + 1;
    }
    return lines;
  }

  /** Control characters dropped (a tab becomes a space), bounded to {@link #MAX_FIELD}. */
  static String field(String value) {
    if (value == null) {
      return null;
    }
    String cleaned = clean(value).strip();
    if (cleaned.isEmpty()) {
      return null;
    }
    return cleaned.length() <= MAX_FIELD ? cleaned : cleaned.substring(0, MAX_FIELD) + "…";
  }

  private static String clean(String line) {
    StringBuilder out = null;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
      if (control && out == null) {
        out = new StringBuilder(line.length()).append(line, 0, i);
      }
      if (out != null) {
        if (c == '\t') {
          out.append(' ');
        } else if (!control) {
          out.append(c);
        }
      }
    }
    return out == null ? line : out.toString();
  }
}
