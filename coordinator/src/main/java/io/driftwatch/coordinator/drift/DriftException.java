package io.driftwatch.coordinator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.TimeSpec;
import io.driftwatch.node.fact.DurationText;
import io.driftwatch.node.host.HostSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * Accepted drift: findings on the hosts {@code selector} picks, for keys matching {@code key} (a
 * glob) and, when {@code value} is set, only while the host holds that value, are silenced until
 * {@code expires}. An expired exception stays stored (and in history) but no longer silences.
 *
 * @param value the accepted actual value, or null for any value
 * @param expires the end of the acceptance, or null for never
 */
public record DriftException(
    String id,
    Selector selector,
    String key,
    String value,
    String owner,
    String reason,
    Instant expires) {

  private static final Set<String> FIELDS =
      Set.of("id", "selector", "key", "value", "owner", "reason", "expires");

  public DriftException {
    PolicyName.requireValid("exception id", id);
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(key, "key");
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner: required (who accepted this drift)");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason: required (why this drift is accepted)");
    }
  }

  /** True while the exception silences findings: it has not expired at {@code now}. */
  public boolean activeAt(Instant now) {
    return expires == null || now.isBefore(expires);
  }

  /**
   * True when this exception's scope covers {@code host} holding {@code actual} for {@code key}.
   */
  public boolean covers(HostSpec host, String key, String actual) {
    return selector.matches(host)
        && KeyGlob.matches(this.key, key)
        && (value == null || value.equals(actual));
  }

  /** Reads a stored definition or a body whose {@code expires} is absolute. */
  public static DriftException fromJson(String id, JsonNode body) {
    return fromJson(id, body, Instant.now());
  }

  /**
   * Reads a body; {@code expires} is an ISO time or a time relative to {@code now}, either ahead
   * ({@code 7d}, {@code +12h}) or, accepted but already inactive, behind ({@code -1d}).
   */
  public static DriftException fromJson(String id, JsonNode body, Instant now) {
    PolicyJson.requireFields(body, "exception", FIELDS);
    PolicyJson.requireSameName(body, "id", id);
    return new DriftException(
        id,
        PolicyJson.selector(body),
        PolicyJson.keyPattern(body),
        PolicyJson.text(body, "value"),
        PolicyJson.text(body, "owner"),
        PolicyJson.text(body, "reason"),
        expires(PolicyJson.text(body, "expires"), now));
  }

  /**
   * An expiry as typed: ISO, {@code never}, or relative to {@code now} ({@code 7d}, {@code +7d}).
   */
  public static Instant expires(String text, Instant now) {
    if (text == null || text.strip().equals("never")) {
      return null;
    }
    String t = text.strip();
    try {
      if (t.startsWith("+")) {
        return ahead(now, t.substring(1));
      }
      if (!t.isEmpty() && Character.isDigit(t.charAt(0)) && !t.contains("-") && !t.contains(":")) {
        return ahead(now, t);
      }
      return TimeSpec.parse(t, now);
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "expires: " + e.getMessage() + "; or a time ahead like 7d, +12h, or never");
    }
  }

  /** {@code now} plus a duration, to the second: an expiry shown to people, not a timestamp. */
  private static Instant ahead(Instant now, String duration) {
    return now.plus(DurationText.parse(duration)).truncatedTo(ChronoUnit.SECONDS);
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", id);
    json.put("selector", selector.toString());
    json.put("key", key);
    if (value != null) {
      json.put("value", value);
    }
    json.put("owner", owner);
    json.put("reason", reason);
    if (expires != null) {
      json.put("expires", expires.toString());
    }
    return json;
  }
}
