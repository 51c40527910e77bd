package io.driftwatch.coordinator.drift;

import java.time.Instant;
import java.util.Objects;

/**
 * One judgement: {@code host} holds {@code actual} for {@code key} where {@code expected} was
 * expected (null = absent on either side), since when and how much it matters.
 *
 * @param baseline the baseline's or expectation's name; null for the default peers baseline
 * @param since when the host's current value appeared (its last recorded change of the key), null
 *     when no change of it is recorded (held since the host's first probe) or not read
 * @param exception the id of the exception that silences it, or null
 */
public record Finding(
    String host,
    String key,
    String actual,
    String expected,
    Source source,
    String baseline,
    Instant since,
    Severity severity,
    String exception) {

  public Finding {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(severity, "severity");
  }

  /** A finding not yet ranked nor dated: severity low until the rules say otherwise. */
  public static Finding of(
      String host, String key, String actual, String expected, Source source, String baseline) {
    return new Finding(host, key, actual, expected, source, baseline, null, Severity.LOW, null);
  }

  /** What the finding is about, without when or how much: a finding gone is one whose id went. */
  public String id() {
    return String.join(
        "\u0000",
        host,
        key,
        String.valueOf(actual),
        String.valueOf(expected),
        source.wire(),
        String.valueOf(baseline));
  }

  /** Whether the key was added, removed or changed relative to what was expected. */
  public Change change() {
    if (expected == null) {
      return Change.ADDED;
    }
    return actual == null ? Change.REMOVED : Change.CHANGED;
  }

  public Finding withSince(Instant at) {
    return new Finding(host, key, actual, expected, source, baseline, at, severity, exception);
  }

  public Finding withSeverity(Severity s) {
    return new Finding(host, key, actual, expected, source, baseline, since, s, exception);
  }

  public Finding withException(String id) {
    return new Finding(host, key, actual, expected, source, baseline, since, severity, id);
  }

  /** How the actual value departs from the expected one, for severity rules ({@code when}). */
  public enum Change {
    ADDED,
    REMOVED,
    CHANGED
  }
}
