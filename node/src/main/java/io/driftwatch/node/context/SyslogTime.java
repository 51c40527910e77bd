package io.driftwatch.node.context;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The two time stamps syslog writes at the start of a line: the traditional {@code Nov 28 10:00:03}
 * (host local time, no year: the year is the one that puts the time at most a day after the
 * reference, the end of the window being read) and RFC 3339 ({@code
 * 2026-11-28T10:00:03.123456+01:00}, the zone written out).
 */
final class SyslogTime {

  private static final DateTimeFormatter TRADITIONAL =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("MMM d HH:mm:ss")
          .parseDefaulting(ChronoField.YEAR, 2000)
          .toFormatter(Locale.ROOT);
  private static final DateTimeFormatter OFFSET_NO_COLON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][.SSS]XX", Locale.ROOT);

  /** A parsed time and where the rest of the line starts. */
  record Stamp(Instant at, int rest) {}

  private SyslogTime() {}

  /** The time stamp at the start of {@code line}, or null when it has none. */
  static Stamp parse(String line, ZoneId zone, Instant reference) {
    if (line.length() >= 15 && Character.isLetter(line.charAt(0))) {
      // "Nov 28 10:00:03" or "Nov  8 10:00:03"
      String text = line.substring(0, 15).replaceAll(" +", " ");
      try {
        Instant at = withYear(LocalDateTime.parse(text, TRADITIONAL), zone, reference);
        return at == null ? null : new Stamp(at, 15);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    int space = line.indexOf(' ');
    if (space < 19) {
      return null;
    }
    Instant at = offsetTime(line.substring(0, space));
    return at == null ? null : new Stamp(at, space);
  }

  /** An RFC 3339 time, with or without a colon in its offset; null when it is not one. */
  static Instant offsetTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text, OFFSET_NO_COLON).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  private static Instant withYear(LocalDateTime parsedIn2000, ZoneId zone, Instant reference) {
    ZonedDateTime ref = reference.atZone(zone);
    int year = ref.getYear();
    ZonedDateTime candidate = atYear(parsedIn2000, year, zone);
    if (candidate == null || candidate.isAfter(ref.plusDays(1))) {
      candidate = atYear(parsedIn2000, year - 1, zone);
    }
    return candidate == null ? null : candidate.toInstant();
  }

  private static ZonedDateTime atYear(LocalDateTime time, int year, ZoneId zone) {
    if (time.getMonthValue() == 2 && time.getDayOfMonth() == 29 && !java.time.Year.isLeap(year)) {
      return null;
    }
    return time.withYear(year).atZone(zone);
  }
}
