package io.driftwatch.node.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.node.fact.DurationText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of a {@link Simulation}, the same in a host's registration body, an inventory entry
 * and the stored host spec: {@code {"seed":7,"facts":2000,"drift":[{"kind":"plant",
 * "key":"package:libc6","value":"2.36-9+deb12u3","hosts":["web-07"]}]}}. Reading says which field
 * is wrong ({@code simulation.drift[1].from: ...}).
 */
public final class SimulationJson {

  private static final Set<String> FIELDS = Set.of("seed", "facts", "drift");
  private static final Set<String> DRIFT_FIELDS =
      Set.of("kind", "key", "value", "hosts", "share", "from", "until", "period");

  private SimulationJson() {}

  /** Reads a simulation; a missing or null node gives {@link Simulation#DEFAULT}'s values. */
  public static Simulation read(JsonNode json) {
    if (json == null || json.isNull() || json.isMissingNode()) {
      return Simulation.DEFAULT;
    }
    if (!json.isObject()) {
      throw new IllegalArgumentException("simulation: expected an object");
    }
    unknownFields(json, FIELDS, "simulation");
    long seed = json.has("seed") ? integer(json.get("seed"), "simulation.seed") : 1;
    long facts =
        json.has("facts")
            ? integer(json.get("facts"), "simulation.facts")
            : Simulation.DEFAULT_FACTS;
    List<Drift> drift = new ArrayList<>();
    JsonNode list = json.path("drift");
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray()) {
        throw new IllegalArgumentException("simulation.drift: expected an array");
      }
      if (list.size() > Simulation.MAX_DRIFTS) {
        throw new IllegalArgumentException(
            "simulation.drift: at most " + Simulation.MAX_DRIFTS + " entries");
      }
      for (int i = 0; i < list.size(); i++) {
        String where = "simulation.drift[" + i + "]";
        try {
          drift.add(drift(list.get(i), where));
        } catch (IllegalArgumentException e) {
          throw e.getMessage().startsWith(where)
              ? e
              : new IllegalArgumentException(where + ": " + e.getMessage());
        }
      }
    }
    try {
      return new Simulation(
          seed, (int) Math.max(Integer.MIN_VALUE, Math.min(facts, Integer.MAX_VALUE)), drift);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("simulation: " + e.getMessage());
    }
  }

  /** The simulation as JSON, fields that are unset left out. */
  public static ObjectNode write(Simulation simulation) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("seed", simulation.seed());
    json.put("facts", simulation.facts());
    ArrayNode list = json.putArray("drift");
    for (Drift d : simulation.drift()) {
      ObjectNode o = list.addObject();
      o.put("kind", d.kind().wireName());
      o.put("key", d.key());
      o.put("value", d.value());
      if (d.hosts() != null) {
        ArrayNode hosts = o.putArray("hosts");
        d.hosts().forEach(hosts::add);
      }
      if (d.share() != null) {
        o.put("share", d.share());
      }
      if (d.from() != null) {
        o.put("from", d.from().toString());
        o.put("until", d.until().toString());
      }
      if (d.period() != null) {
        o.put("period", DurationText.format(d.period()));
      }
    }
    return json;
  }

  private static Drift drift(JsonNode json, String where) {
    if (!json.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object");
    }
    unknownFields(json, DRIFT_FIELDS, where);
    JsonNode kind = json.get("kind");
    if (kind == null || !kind.isTextual()) {
      throw new IllegalArgumentException(where + ".kind: required, plant, rollout or flap");
    }
    List<String> hosts = null;
    if (json.hasNonNull("hosts")) {
      if (!json.get("hosts").isArray()) {
        throw new IllegalArgumentException(
            where + ".hosts: expected an array of host names or globs");
      }
      hosts = new ArrayList<>();
      for (JsonNode h : json.get("hosts")) {
        hosts.add(text(h, where + ".hosts"));
      }
    }
    Double share = null;
    if (json.hasNonNull("share")) {
      if (!json.get("share").isNumber()) {
        throw new IllegalArgumentException(where + ".share: expected a number in (0, 1]");
      }
      share = json.get("share").asDouble();
    }
    return new Drift(
        Drift.Kind.parse(kind.asText()),
        json.hasNonNull("key") ? text(json.get("key"), where + ".key") : null,
        json.hasNonNull("value") ? text(json.get("value"), where + ".value") : null,
        hosts,
        share,
        instant(json.get("from"), where + ".from"),
        instant(json.get("until"), where + ".until"),
        json.hasNonNull("period")
            ? DurationText.parse(text(json.get("period"), where + ".period"))
            : null);
  }

  private static void unknownFields(JsonNode json, Set<String> known, String where) {
    json.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                throw new IllegalArgumentException(
                    where
                        + ": unknown field \""
                        + name
                        + "\" (known: "
                        + String.join(", ", known.stream().sorted().toList())
                        + ")");
              }
            });
  }

  private static long integer(JsonNode json, String where) {
    if (!json.canConvertToLong() || !json.isIntegralNumber()) {
      throw new IllegalArgumentException(where + ": expected an integer");
    }
    return json.asLong();
  }

  private static String text(JsonNode json, String where) {
    if (!json.isTextual()) {
      throw new IllegalArgumentException(where + ": expected a string");
    }
    return json.asText();
  }

  private static Instant instant(JsonNode json, String where) {
    if (json == null || json.isNull()) {
      return null;
    }
    try {
      return Instant.parse(text(json, where));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + ": " + json + " is not an ISO-8601 instant such as 2026-11-28T10:00:00Z");
    }
  }
}
