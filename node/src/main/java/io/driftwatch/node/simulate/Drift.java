package io.driftwatch.node.simulate;

import io.driftwatch.node.fact.FactKey;
import io.driftwatch.node.fact.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One planted departure from a simulated host's profile, for the hosts it selects: a fixed value
 * ({@link Kind#PLANT}), a value a rollout switches each host to at its own instant between {@code
 * from} and {@code until} ({@link Kind#ROLLOUT}), or a value that alternates with the profile's
 * every {@code period} ({@link Kind#FLAP}). A null {@code value} means the key is absent.
 *
 * @param hosts globs ({@code *}, {@code ?}) on host names; null selects by {@code share} instead
 * @param share the fraction of hosts selected, each by a stable hash of (seed, key, host name);
 *     null with null {@code hosts} selects every host
 */
public record Drift(
    Kind kind,
    String key,
    String value,
    List<String> hosts,
    Double share,
    Instant from,
    Instant until,
    Duration period) {

  public static final int MAX_HOST_PATTERNS = 1000;

  /** What the drift does over time. */
  public enum Kind {
    PLANT,
    ROLLOUT,
    FLAP;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.wireName().equals(text)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown kind " + Text.quote(text) + ": expected plant, rollout or flap");
    }
  }

  public Drift {
    Objects.requireNonNull(kind, "kind is required: plant, rollout or flap");
    if (key == null) {
      throw new IllegalArgumentException("key is required");
    }
    FactKey.requireValid(key);
    if (value != null
        && (value.length() > 4096 || value.chars().anyMatch(c -> c < 32 && c != '\t'))) {
      throw new IllegalArgumentException(
          "value of " + key + ": at most 4096 characters, no control characters but tab");
    }
    if (hosts != null && share != null) {
      throw new IllegalArgumentException("give either hosts or share, not both");
    }
    if (hosts != null) {
      if (hosts.isEmpty() || hosts.size() > MAX_HOST_PATTERNS) {
        throw new IllegalArgumentException(
            "hosts: 1 to " + MAX_HOST_PATTERNS + " host names or globs");
      }
      for (String h : hosts) {
        if (h == null
            || h.isEmpty()
            || h.length() > 253
            || h.chars().anyMatch(Character::isISOControl)) {
          throw new IllegalArgumentException(
              "hosts: " + Text.quote(h) + " is not a host name or glob");
        }
      }
      hosts = List.copyOf(hosts);
    }
    if (share != null && !(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share " + share + " is out of range: use (0, 1]");
    }
    switch (kind) {
      case PLANT -> {
        requireAbsent("from", from, kind);
        requireAbsent("until", until, kind);
        requireAbsent("period", period, kind);
      }
      case ROLLOUT -> {
        if (from == null || until == null) {
          throw new IllegalArgumentException("a rollout needs from and until (ISO-8601 instants)");
        }
        if (!from.isBefore(until)) {
          throw new IllegalArgumentException("from " + from + " is not before until " + until);
        }
        requireAbsent("period", period, kind);
      }
      case FLAP -> {
        if (period == null || period.compareTo(Duration.ofSeconds(1)) < 0) {
          throw new IllegalArgumentException("a flap needs a period of at least 1s");
        }
        requireAbsent("from", from, kind);
        requireAbsent("until", until, kind);
      }
    }
  }

  private static void requireAbsent(String field, Object value, Kind kind) {
    if (value != null) {
      throw new IllegalArgumentException(field + " does not apply to kind " + kind.wireName());
    }
  }
}
