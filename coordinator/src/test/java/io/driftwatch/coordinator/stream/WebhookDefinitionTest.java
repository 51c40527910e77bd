package io.driftwatch.coordinator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookDefinitionTest {

  @Test
  void parsesAFullDefinitionAndHidesTheSecretAndTheUrlsPathInLogs() {
    WebhookDefinition d =
        WebhookDefinition.parse(
            "ops",
            "{\"url\":\"https://hooks.example:8443/T0/secret-token?x=1\",\"kinds\":[\"drift\","
                + "\"change-set\"],\"selector\":\"role=web\",\"format\":\"slack\",\"secret\":\"k\"}");
    assertThat(d.kinds()).isEqualTo(Set.of("drift", "change-set"));
    assertThat(d.format()).isEqualTo(WebhookDefinition.Format.SLACK);
    assertThat(d.where()).isEqualTo("https://hooks.example:8443");
    assertThat(d.toJson(false).get("secret").asText()).isEqualTo("(set)");
    assertThat(WebhookDefinition.parse("ops", d.stored())).isEqualTo(d);
  }

  @Test
  void defaultsAreJsonAndTheDefaultKinds() {
    WebhookDefinition d = WebhookDefinition.parse("a", "{\"url\":\"http://127.0.0.1:9/x\"}");
    assertThat(d.format()).isEqualTo(WebhookDefinition.Format.JSON);
    assertThat(d.kinds()).isEqualTo(StreamFilter.DEFAULT_KINDS);
    assertThat(d.secret()).isEmpty();
  }

  @Test
  void refusesBadDefinitionsNamingTheField() {
    assertThatThrownBy(() -> WebhookDefinition.parse("a", "{\"url\":\"ftp://x/\"}"))
        .hasMessageStartingWith("url:");
    assertThatThrownBy(() -> WebhookDefinition.parse("a", "{}")).hasMessageStartingWith("url:");
    assertThatThrownBy(
            () -> WebhookDefinition.parse("a", "{\"url\":\"http://x/\",\"kinds\":[\"nope\"]}"))
        .hasMessageStartingWith("kinds:");
    assertThatThrownBy(
            () -> WebhookDefinition.parse("a", "{\"url\":\"http://x/\",\"format\":\"xml\"}"))
        .hasMessageStartingWith("format:");
    assertThatThrownBy(
            () -> WebhookDefinition.parse("a", "{\"url\":\"http://x/\",\"selector\":\"role\"}"))
        .hasMessageStartingWith("selector:");
    assertThatThrownBy(() -> WebhookDefinition.parse("a", "{\"url\":\"http://x/\",\"to\":1}"))
        .hasMessageContaining("unknown field");
    assertThatThrownBy(() -> WebhookDefinition.parse("a b", "{\"url\":\"http://x/\"}"))
        .hasMessageContaining("invalid webhook name");
    assertThatThrownBy(() -> WebhookDefinition.parse("a", "[1]"))
        .hasMessageContaining("JSON object");
  }

  @Test
  void backOffDoublesUpToItsCap() {
    BackOff b = new BackOff(Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(b.delay(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(b.delay(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(60)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void idsKeepIncreasingWhenTheClockStandsStillOrGoesBack() {
    EventIds ids = new EventIds();
    assertThat(ids.next(1000)).isEqualTo(1000);
    assertThat(ids.next(1000)).isEqualTo(1001);
    assertThat(ids.next(900)).isEqualTo(1002);
    assertThat(ids.next(5000)).isEqualTo(5000);
  }

  @Test
  void recentIdsForgetTheOldestBeyondCapacity() {
    RecentIds seen = new RecentIds(2);
    assertThat(seen.add(1)).isTrue();
    assertThat(seen.add(1)).isFalse();
    seen.add(2);
    seen.add(3);
    assertThat(seen.add(1)).isTrue();
  }
}
