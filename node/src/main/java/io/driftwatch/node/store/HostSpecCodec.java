package io.driftwatch.node.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.node.fact.DurationText;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
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

  /** The spec as a JSON object: name, transport, root, tags (sorted), interval. */
  public static String toJson(HostSpec spec) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("name", spec.name());
    json.put("transport", spec.transport().wireName());
    json.put("root", spec.root());
    ObjectNode tags = json.putObject("tags");
    spec.tags().forEach(tags::put);
    json.put("interval", DurationText.format(spec.interval()));
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
    return new HostSpec(
        required(json, "name"),
        Transport.parse(required(json, "transport")),
        json.hasNonNull("root") ? json.get("root").asText() : null,
        tags,
        DurationText.parse(required(json, "interval")));
  }

  private static String required(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("host spec has no \"" + field + "\"");
    }
    return value.asText();
  }
}
