package io.driftwatch.coordinator;

import io.driftwatch.node.fact.DurationText;
import io.driftwatch.node.fact.Text;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses the times users type: ISO-8601 instants ({@code 2026-11-27T10:00:00Z}, with an offset, or
 * without one meaning UTC), dates ({@code 2026-11-27}, midnight UTC), {@code now}, and times
 * relative to now ({@code -1h}, {@code -30m}, {@code -7d}).
 */
public final class TimeSpec {

  /** Earliest and latest instants accepted; anything outside is a typo, not a query. */
  static final Instant EARLIEST = Instant.EPOCH;

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private TimeSpec() {}

  /** Parses {@code text} relative to {@code now}; throws IllegalArgumentException when it can't. */
  public static Instant parse(String text, Instant now) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty time");
    }
    String t = text.strip();
    Instant result;
    if (t.equals("now")) {
      result = now;
    } else if (t.startsWith("-")) {
      try {
        result = now.minus(DurationText.parse(t.substring(1)));
      } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
        throw invalid(text);
      }
    } else {
      result = parseAbsolute(t, text);
    }
    if (result.isBefore(EARLIEST) || result.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          "time " + Text.quote(text) + " is out of range (1970 to 9999)");
    }
    return result;
  }

  private static Instant parseAbsolute(String t, String original) {
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (t.endsWith("Z") || t.endsWith("z")) {
        return Instant.parse(t.substring(0, t.length() - 1) + "Z");
      }
      if (t.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(t).toInstant();
      }
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw invalid(original);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid time "
            + Text.quote(text)
            + ": use an ISO-8601 instant like 2026-11-27T10:00:00Z, a date like 2026-11-27,"
            + " 'now', or a relative time like -1h, -30m, -7d");
  }
}
