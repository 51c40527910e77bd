package io.driftwatch.coordinator.stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event as one line for people (Slack messages, {@code driftwatch watch}): kind, host, key, old
 * → new, and the time the data gives.
 */
public final class EventLine {

  private EventLine() {}

  public static String of(String kind, JsonNode data) {
    String host = text(data, "host");
    String line =
        switch (kind) {
          case "change" ->
              host
                  + " "
                  + text(data, "key")
                  + " "
                  + value(data, "old")
                  + " → "
                  + value(data, "new");
          case "change-set" ->
              data.path("hosts").size()
                  + " hosts "
                  + text(data, "key")
                  + " "
                  + value(data, "old")
                  + " → "
                  + value(data, "new");
          case "host-status" ->
              host
                  + " "
                  + text(data, "previous")
                  + " → "
                  + text(data, "status")
                  + (data.hasNonNull("detail") ? " (" + text(data, "detail") + ")" : "");
          case "flap" ->
              host
                  + " "
                  + text(data, "key")
                  + " flapping: "
                  + data.path("changes").asInt()
                  + " changes since "
                  + text(data, "since");
          case "drift", "drift-resolved" ->
              host
                  + " "
                  + text(data, "key")
                  + " "
                  + value(data, "actual")
                  + (data.has("expected") ? " (expected " + value(data, "expected") + ")" : "");
          default -> data.toString();
        };
    return kind + " " + line;
  }

  private static String text(JsonNode data, String field) {
    JsonNode v = data.get(field);
    return v == null || v.isNull() ? "-" : v.isTextual() ? v.asText() : v.toString();
  }

  private static String value(JsonNode data, String field) {
    JsonNode v = data.get(field);
    return v == null || v.isNull() ? "(absent)" : v.isTextual() ? v.asText() : v.toString();
  }
}
