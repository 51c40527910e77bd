package io.driftwatch.cassandra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The columns of the exceptions table taken from an exception's JSON definition: {@code owner} and
 * {@code expires} (an ISO-8601 instant). The definition stays the authority; a field that is
 * missing or unreadable leaves its column empty rather than failing the write, because the API
 * validated the body already and the columns only serve queries.
 */
record ExceptionColumns(String owner, Instant expiresAt) {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  static ExceptionColumns of(String definition) {
    JsonNode json;
    try {
      json = MAPPER.readTree(definition);
    } catch (JsonProcessingException e) {
      return new ExceptionColumns(null, null);
    }
    if (json == null || !json.isObject()) {
      return new ExceptionColumns(null, null);
    }
    JsonNode owner = json.get("owner");
    JsonNode expires = json.get("expires");
    return new ExceptionColumns(
        owner != null && owner.isTextual() ? owner.asText() : null,
        expires != null && expires.isTextual() ? instant(expires.asText()) : null);
  }

  private static Instant instant(String text) {
    try {
      return Buckets.clamp(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
