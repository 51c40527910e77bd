package io.driftwatch.node.fact;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints short durations like {@code 500ms}, {@code 60s}, {@code 5m}, {@code 7d}. */
public final class DurationText {

  private static final Pattern SHAPE = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)");

  private DurationText() {}

  /** Parses a duration; throws {@link IllegalArgumentException} naming the accepted forms. */
  public static Duration parse(String text) {
    Matcher m = text == null ? null : SHAPE.matcher(text.strip());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "invalid duration "
              + Text.quote(text)
              + ": expected a whole number and a unit, like 500ms, 30s, 5m, 2h, 7d or 1w");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      case "w" -> Duration.ofDays(7 * n);
      default -> throw new IllegalStateException("unreachable");
    };
  }

  /** Prints a duration in the largest unit that divides it exactly. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms > 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
