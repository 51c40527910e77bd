package io.driftwatch.app.cli;

/**
 * Terminal colours for human output: on for an interactive terminal, off when output is piped, when
 * NO_COLOR is set, or with --no-color.
 */
public final class Style {

  private final boolean on;

  public Style(boolean on) {
    this.on = on;
  }

  /** Colours when stdout is a terminal and the user did not turn them off. */
  public static Style detect(boolean noColorFlag) {
    return new Style(!noColorFlag && System.console() != null && System.getenv("NO_COLOR") == null);
  }

  public String removed(String s) {
    return paint("31", s);
  }

  public String added(String s) {
    return paint("32", s);
  }

  public String warn(String s) {
    return paint("33", s);
  }

  /** A unified diff's hunk header. */
  public String hunk(String s) {
    return paint("36", s);
  }

  public String dim(String s) {
    return paint("2", s);
  }

  public String bold(String s) {
    return paint("1", s);
  }

  private String paint(String code, String s) {
    return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
