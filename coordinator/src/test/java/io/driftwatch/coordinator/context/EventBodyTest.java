package io.driftwatch.coordinator.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBodyTest {

  static final ContextEventSettings SETTINGS =
      new ContextEventSettings(
          Duration.ofMinutes(15),
          Duration.ofMinutes(1),
          Duration.ofHours(24),
          20,
          10_000,
          Duration.ofHours(24));

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static PostedEvent parse(String json) throws Exception {
    return EventBody.parse(JSON.readTree(json), NOW, "carol", SETTINGS);
  }

  private static void refused(String json, String message) {
    JsonNode body;
    try {
      body = JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> EventBody.parse(body, NOW, null, SETTINGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aFullBodyIsReadAndStoredWithItsSpan() throws Exception {
    PostedEvent e =
        parse(
            "{\"id\":\"cm-812\",\"type\":\"cm-run\",\"who\":\"puppet\",\"what\":\"#812\","
                + "\"selector\":\"role=web\",\"at\":\"-30m\",\"until\":\"2026-11-28T09:50:00Z\"}");

    assertThat(e.id()).isEqualTo("cm-812");
    assertThat(e.type()).isEqualTo(EventType.CM_RUN);
    assertThat(e.selector()).hasToString("role=web");
    assertThat(e.at()).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
    assertThat(e.until()).isEqualTo(Instant.parse("2026-11-28T09:50:00Z"));
    PostedEvent read = PostedEvent.of(e.toStored());
    assertThat(read.id()).isEqualTo(e.id());
    assertThat(read.sameAs(e, true)).isTrue();
  }

  @Test
  void defaultsAreAGeneratedIdNowTheUserAndTheWholeFleet() throws Exception {
    PostedEvent e = parse("{\"type\":\"note\",\"what\":\"rebooting the rack\"}");

    assertThat(e.id()).hasSize(36);
    assertThat(e.at()).isEqualTo(NOW);
    assertThat(e.who()).isEqualTo("carol");
    assertThat(e.fleetWide()).isTrue();
    assertThat(
            EventBody.parse(
                    JSON.readTree("{\"type\":\"note\",\"what\":\"x\"}"), NOW, null, SETTINGS)
                .who())
        .isEqualTo("anonymous");
  }

  @Test
  void badBodiesAreRefusedNamingTheField() {
    refused("[]", "expected a JSON object");
    refused("{\"what\":\"x\"}", "type: required");
    refused("{\"type\":\"reboot\",\"what\":\"x\"}", "type: unknown event type \"reboot\"");
    refused("{\"type\":\"deploy\"}", "what: required");
    refused("{\"type\":\"deploy\",\"what\":\"  \"}", "what: must not be empty");
    refused("{\"type\":\"deploy\",\"what\":\"" + "x".repeat(1001) + "\"}", "what: at most 1000");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"who\":\"a\\u001b[31m\"}", "who: control");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"host\":\"web-1\"}", "unknown field \"host\"");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"hosts\":\"web-1\"}", "hosts: expected an array");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"hosts\":[]}", "hosts: empty");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"hosts\":[\"ok\",\"../etc\"]}", "hosts[1]:");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"hosts\":[\"a\",7]}", "hosts[1]: expected");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"selector\":\"role\"}", "selector: invalid");
    refused(
        "{\"type\":\"deploy\",\"what\":\"x\",\"hosts\":[\"a\"],\"selector\":\"role=web\"}",
        "hosts, selector: give one");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"at\":\"yesterday\"}", "at: invalid time");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"at\":\"2026-11-29T00:00:00Z\"}", "at: ");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"at\":\"-1h\",\"until\":\"-2h\"}", "until: ");
    refused(
        "{\"type\":\"deploy\",\"what\":\"x\",\"at\":\"-3d\",\"until\":\"-1h\"}",
        "until: an event may last at most");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"id\":\"a b\"}", "id: invalid event id");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"id\":\"" + "a".repeat(129) + "\"}", "id:");
    refused("{\"type\":\"deploy\",\"what\":\"x\",\"at\":5}", "at: expected a string");
  }

  @Test
  void aRepeatIsTheSameEventAndAnyOtherFieldMakesItAnother() throws Exception {
    PostedEvent a = parse("{\"id\":\"d1\",\"type\":\"deploy\",\"what\":\"web 1.4.2\"}");
    PostedEvent later =
        EventBody.parse(
            JSON.readTree("{\"id\":\"d1\",\"type\":\"deploy\",\"what\":\"web 1.4.2\"}"),
            NOW.plusSeconds(5),
            "carol",
            SETTINGS);
    PostedEvent other = parse("{\"id\":\"d1\",\"type\":\"deploy\",\"what\":\"web 1.4.3\"}");

    assertThat(a.sameAs(later, false)).isTrue();
    assertThat(a.sameAs(later, true)).isFalse();
    assertThat(a.sameAs(other, false)).isFalse();
  }
}
