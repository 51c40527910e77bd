package io.driftwatch.node.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.node.fact.DurationText;
import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.simulate.SimulationJson;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The stored form of a {@link HostSpec}: a small JSON object with readable values ({@code
 * "interval":"60s"}), written field by field so that renaming a Java component never changes what
 * is on disk, and read tolerantly so that a spec written by a later version with more fields still
 * loads.
 */
public final class HostSpecCodec {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private HostSpecCodec() {}

  /**
   * The spec as a JSON object: name, transport, root, tags (sorted), interval, managedBy, and an
   * {@code ssh} object with the SSH options that are set, and a simulated host's {@code
   * simulation}.
   */
  public static String toJson(HostSpec spec) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("name", spec.name());
    json.put("transport", spec.transport().wireName());
    json.put("root", spec.root());
    ObjectNode tags = json.putObject("tags");
    spec.tags().forEach(tags::put);
    json.put("interval", DurationText.format(spec.interval()));
    json.put("managedBy", spec.managedBy());
    ObjectNode ssh = json.putObject("ssh");
    SshOptions o = spec.ssh();
    putIfSet(ssh, "address", o.address());
    if (o.port() != null) {
      ssh.put("port", o.port());
    }
    putIfSet(ssh, "user", o.user());
    putIfSet(ssh, "identity", o.identity());
    putIfSet(ssh, "knownHosts", o.knownHosts());
    putIfSet(ssh, "hostKeyPolicy", o.hostKeyPolicy() == null ? null : o.hostKeyPolicy().wireName());
    if (o.sudo() != null) {
      ssh.put("sudo", o.sudo());
    }
    putIfSet(ssh, "jump", o.jump());
    if (spec.simulation() != null) {
      json.set("simulation", SimulationJson.write(spec.simulation()));
    }
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write host spec as JSON", e);
    }
  }

  /**
   * Reads a spec written by {@link #toJson}, ignoring fields it does not know; throws {@link
   * IllegalArgumentException} saying what is missing or invalid.
   */
  public static HostSpec fromJson(String text) {
    JsonNode json;
    try {
      json = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("host spec is not valid JSON: " + e.getOriginalMessage());
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("host spec is not a JSON object");
    }
    SortedMap<String, String> tags = new TreeMap<>();
    json.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
    JsonNode ssh = json.path("ssh");
    return new HostSpec(
        required(json, "name"),
        Transport.parse(required(json, "transport")),
        optional(json, "root"),
        tags,
        DurationText.parse(required(json, "interval")),
        new SshOptions(
            optional(ssh, "address"),
            ssh.hasNonNull("port") ? ssh.get("port").asInt() : null,
            optional(ssh, "user"),
            optional(ssh, "identity"),
            optional(ssh, "knownHosts"),
            ssh.hasNonNull("hostKeyPolicy")
                ? HostKeyPolicy.parse(ssh.get("hostKeyPolicy").asText())
                : null,
            ssh.hasNonNull("sudo") ? ssh.get("sudo").asBoolean() : null,
            optional(ssh, "jump")),
        optional(json, "managedBy"),
        json.hasNonNull("simulation") ? SimulationJson.read(json.get("simulation")) : null);
  }

  private static void putIfSet(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  private static String optional(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asText() : null;
  }

  private static String required(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("host spec has no \"" + field + "\"");
    }
    return value.asText();
  }
}
