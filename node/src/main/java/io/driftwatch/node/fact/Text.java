package io.driftwatch.node.fact;

/** Small text helpers for values that came from outside and must be shown safely. */
public final class Text {

  private static final int QUOTE_LIMIT = 80;

  private Text() {}

  /** Quotes a possibly hostile string for an error message: bounded, control characters escaped. */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    int limit = Math.min(s.length(), QUOTE_LIMIT);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (s.length() > limit) {
      out.append("…(").append(s.length()).append(" chars)");
    }
    return out.append('"').toString();
  }

  /**
   * Normalises a fact value: trims it and folds runs of whitespace (tabs, newlines) into one space,
   * so that formatting noise is never reported as a change.
   */
  public static String normalise(String value) {
    return value.strip().replaceAll("\\s+", " ");
  }
}
