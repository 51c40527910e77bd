package io.driftwatch.http;

import java.util.Locale;

/**
 * Builds Prometheus' text exposition format (version 0.0.4): per metric a HELP and a TYPE line,
 * then its samples, with help text and label values escaped as the format requires.
 */
final class PrometheusText {

  private final StringBuilder text = new StringBuilder();

  /** Starts a metric; its samples follow. {@code type} is gauge or counter. */
  PrometheusText metric(String name, String type, String help) {
    text.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** A sample without labels. */
  PrometheusText sample(String name, double value) {
    text.append(name).append(' ').append(number(value)).append('\n');
    return this;
  }

  /** A sample with one label. */
  PrometheusText sample(String name, String label, String labelValue, double value) {
    text.append(name)
        .append('{')
        .append(label)
        .append("=\"")
        .append(escapeLabel(labelValue))
        .append("\"} ")
        .append(number(value))
        .append('\n');
    return this;
  }

  String text() {
    return text.toString();
  }

  /** Whole numbers without a fraction (counts read better), others as Java prints doubles. */
  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%s", value);
  }

  private static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
