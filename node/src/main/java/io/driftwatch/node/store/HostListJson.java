package io.driftwatch.node.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/** The embedded store's form of a context event's host names: a JSON array of strings. */
final class HostListJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private HostListJson() {}

  static String encode(List<String> hosts) {
    try {
      return MAPPER.writeValueAsString(hosts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always encodes", e);
    }
  }

  /** The names; throws {@link IllegalArgumentException} for text that is not such an array. */
  static List<String> decode(String json) {
    try {
      List<String> hosts = MAPPER.readValue(json, STRINGS);
      return hosts == null ? List.of() : hosts;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON array of host names: " + e.getMessage(), e);
    }
  }
}
