package io.driftwatch.coordinator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.TimeSpec;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostName;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the hosts a selector picks are compared with: {@code {"selector":"role=db","kind":"peers",
 * "threshold":0.6}}, {@code {"kind":"time","at":"-1d"}}, {@code {"kind":"golden","host":"web-1"}}
 * or a saved snapshot ({@code "snapshot":true} at PUT time fills {@code facts} and {@code
 * savedAt}).
 *
 * @param threshold peers: the share of a host's peers that must agree on a value for a host holding
 *     another to be drifting, in (0, 1]; {@link #DEFAULT_THRESHOLD} for the other kinds
 * @param at time: the reference time as typed ({@code -1d} or ISO, relative to the evaluation);
 *     golden: optionally the time of the golden host; null otherwise
 * @param host golden: the golden host, or null
 * @param like golden: the selector text of the group whose consensus was saved, or null
 * @param facts golden: the saved snapshot, or null for a live golden host
 * @param savedAt when the snapshot was saved, or null
 */
public record Baseline(
    String name,
    Selector selector,
    BaselineKind kind,
    double threshold,
    String at,
    String host,
    String like,
    Map<String, String> facts,
    Instant savedAt) {

  public static final double DEFAULT_THRESHOLD = 0.6;

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "selector",
          "kind",
          "threshold",
          "at",
          "host",
          "like",
          "facts",
          "savedAt",
          "snapshot");

  /** Validates; throws IllegalArgumentException naming the field at fault. */
  public Baseline {
    PolicyName.requireValid("baseline name", name);
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(kind, "kind");
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "threshold: " + threshold + " is outside (0, 1]; e.g. 0.6 = 60% of the peers agree");
    }
    if (kind != BaselineKind.PEERS && threshold != DEFAULT_THRESHOLD) {
      throw new IllegalArgumentException("threshold: only for peers baselines");
    }
    if (at != null) {
      if (kind == BaselineKind.PEERS) {
        throw new IllegalArgumentException("at: not for peers baselines");
      }
      requireTime(at);
    }
    if (kind == BaselineKind.TIME && at == null) {
      throw new IllegalArgumentException(
          "at: required for a time baseline, e.g. -1d or an ISO time");
    }
    if (kind != BaselineKind.GOLDEN) {
      onlyGolden("host", host);
      onlyGolden("like", like);
      onlyGolden("facts", facts);
      onlyGolden("savedAt", savedAt);
    } else {
      if ((host == null) == (like == null)) {
        throw new IllegalArgumentException(
            "host: a golden baseline names either a host or, with like, a group (not both)");
      }
      if (host != null) {
        try {
          HostName.requireValid(host);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("host: " + e.getMessage());
        }
      }
      if (like != null) {
        try {
          Selector.parse(like);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("like: " + e.getMessage());
        }
      }
    }
    facts = facts == null ? null : Collections.unmodifiableMap(new TreeMap<>(facts));
  }

  private static void onlyGolden(String field, Object value) {
    if (value != null) {
      throw new IllegalArgumentException(field + ": only for golden baselines");
    }
  }

  private static void requireTime(String at) {
    try {
      TimeSpec.parse(at, Instant.now());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("at: " + e.getMessage());
    }
  }

  /** True for a golden baseline whose facts were saved, rather than read from a live host. */
  public boolean isSnapshot() {
    return facts != null;
  }

  /** This baseline with a saved snapshot. */
  public Baseline withSnapshot(Map<String, String> snapshot, Instant at) {
    return new Baseline(name, selector, kind, threshold, this.at, host, like, snapshot, at);
  }

  /** True when the body asks for a snapshot to be saved now ({@code "snapshot": true}). */
  public static boolean wantsSnapshot(JsonNode body) {
    JsonNode snapshot = body == null ? null : body.get("snapshot");
    if (snapshot == null || snapshot.isNull()) {
      return false;
    }
    if (!snapshot.isBoolean()) {
      throw new IllegalArgumentException("snapshot: expected true or false");
    }
    return snapshot.booleanValue();
  }

  /**
   * Reads a PUT body; {@code name} comes from the path. A body with {@code "snapshot":true} is read
   * without its facts: the caller saves them ({@link #withSnapshot}).
   */
  public static Baseline fromJson(String name, JsonNode body) {
    PolicyJson.requireFields(body, "baseline", FIELDS);
    PolicyJson.requireSameName(body, "name", name);
    boolean snapshot = wantsSnapshot(body);
    BaselineKind kind = BaselineKind.parse(PolicyJson.required(body, "kind"));
    if (snapshot && kind != BaselineKind.GOLDEN) {
      throw new IllegalArgumentException("snapshot: only for golden baselines");
    }
    Map<String, String> facts = snapshot ? null : facts(body);
    String like = PolicyJson.text(body, "like");
    if (like != null && facts == null && !snapshot) {
      throw new IllegalArgumentException(
          "like: a group's golden baseline is a saved snapshot: add \"snapshot\": true");
    }
    Baseline baseline =
        new Baseline(
            name,
            PolicyJson.selector(body),
            kind,
            threshold(body),
            PolicyJson.text(body, "at"),
            PolicyJson.text(body, "host"),
            like,
            facts,
            snapshot ? null : savedAt(body));
    return baseline;
  }

  private static double threshold(JsonNode body) {
    JsonNode node = body.get("threshold");
    if (node == null || node.isNull()) {
      return DEFAULT_THRESHOLD;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException("threshold: expected a number in (0, 1], e.g. 0.6");
    }
    return node.doubleValue();
  }

  private static Map<String, String> facts(JsonNode body) {
    JsonNode node = body.get("facts");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("facts: expected an object of fact key to value");
    }
    Map<String, String> facts = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException(
            "facts: the value of " + Text.quote(e.getKey()) + " is not a string");
      }
      facts.put(e.getKey(), e.getValue().textValue());
    }
    return facts;
  }

  private static Instant savedAt(JsonNode body) {
    String text = PolicyJson.text(body, "savedAt");
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "savedAt: " + Text.quote(text) + " is not an ISO-8601 instant");
    }
  }

  /** The stored definition, which {@link #fromJson} reads back to an equal baseline. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    json.put("selector", selector.toString());
    json.put("kind", kind.wireName());
    if (kind == BaselineKind.PEERS) {
      json.put("threshold", threshold);
    }
    if (at != null) {
      json.put("at", at);
    }
    if (host != null) {
      json.put("host", host);
    }
    if (like != null) {
      json.put("like", like);
    }
    if (facts != null) {
      ObjectNode saved = json.putObject("facts");
      facts.forEach(saved::put);
    }
    if (savedAt != null) {
      json.put("savedAt", savedAt.toString());
    }
    return json;
  }
}
