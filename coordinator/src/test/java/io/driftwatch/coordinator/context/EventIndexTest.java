package io.driftwatch.coordinator.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventIndexTest {

  private static final Instant PREVIOUS = Instant.parse("2026-11-28T10:00:00Z");
  private static final Instant DETECTED = PREVIOUS.plus(Duration.ofMinutes(5));
  private static final ChangeEvent CHANGE =
      new ChangeEvent("c1", "web-1", "package:nginx", "1.22", "1.24", PREVIOUS, DETECTED);
  private static final HostSpec WEB_1 =
      new HostSpec(
          "web-1",
          Transport.LOCAL,
          "/",
          Map.of("role", "web/canary", "env", "prod"),
          Duration.ofMinutes(1),
          null,
          null,
          null);

  private static PostedEvent event(String id, Instant at, Instant until) {
    return new PostedEvent(id, EventType.DEPLOY, "ci", id, List.of(), null, at, until);
  }

  private static PostedEvent about(String id, List<String> hosts, String selector) {
    return new PostedEvent(
        id,
        EventType.DEPLOY,
        "ci",
        id,
        hosts,
        selector == null ? null : Selector.parse(selector),
        PREVIOUS.plusSeconds(60),
        null);
  }

  private static List<String> ids(List<PostedEvent> events) {
    return events.stream().map(PostedEvent::id).toList();
  }

  @Test
  void anEventMatchesWhenItsSpanMeetsTheWindowWidenedBySlackAndSkew() {
    EventIndex index =
        EventIndex.of(
            List.of(
                event("inside", PREVIOUS.plusSeconds(30), null),
                event("in-slack", PREVIOUS.minus(Duration.ofMinutes(14)), null),
                event("before-slack", PREVIOUS.minus(Duration.ofMinutes(16)), null),
                event("long-run", PREVIOUS.minus(Duration.ofHours(3)), PREVIOUS.plusSeconds(1)),
                event(
                    "ended-before",
                    PREVIOUS.minus(Duration.ofHours(3)),
                    PREVIOUS.minus(Duration.ofMinutes(20))),
                event("in-skew", DETECTED.plusSeconds(59), null),
                event("after", DETECTED.plusSeconds(61), null)),
            EventBodyTest.SETTINGS);

    assertThat(ids(index.around(CHANGE, WEB_1)))
        .containsExactlyInAnyOrder("inside", "in-slack", "long-run", "in-skew");
  }

  @Test
  void anEventMatchesTheHostsItNamesSelectsOrTheWholeFleet() {
    EventIndex index =
        EventIndex.of(
            List.of(
                about("fleet", List.of(), null),
                about("named", List.of("web-2", "web-1"), null),
                about("other-host", List.of("web-2"), null),
                about("role", List.of(), "role=web"),
                about("subrole", List.of(), "role=web/canary,env=prod"),
                about("other-role", List.of(), "role=db"),
                about("glob", List.of(), "name=web-*")),
            EventBodyTest.SETTINGS);

    assertThat(ids(index.around(CHANGE, WEB_1)))
        .containsExactlyInAnyOrder("fleet", "named", "role", "subrole", "glob");
    // A host no longer monitored has no spec: named and fleet-wide events only.
    assertThat(ids(index.around(CHANGE, null))).containsExactlyInAnyOrder("fleet", "named");
  }

  @Test
  void theReadCoversEveryEventThatCouldMatchAndARowStoredTwiceCountsOnce() {
    ChangeEvent later =
        new ChangeEvent(
            "c2", "web-1", "k:x", "a", "b", DETECTED, DETECTED.plus(Duration.ofMinutes(5)));

    TimeRange range = EventIndex.readRange(List.of(CHANGE, later), EventBodyTest.SETTINGS);

    assertThat(range.from())
        .isEqualTo(PREVIOUS.minus(Duration.ofMinutes(15)).minus(Duration.ofHours(24)));
    assertThat(range.to()).isEqualTo(DETECTED.plus(Duration.ofMinutes(6)));
    assertThat(EventIndex.readRange(List.of(), EventBodyTest.SETTINGS)).isNull();
    PostedEvent e = event("twice", PREVIOUS, null);
    assertThat(EventIndex.of(List.of(e, e), EventBodyTest.SETTINGS).all()).hasSize(1);
  }

  @Test
  void atMostTheConfiguredNumberOfEventsIsShownPerChangeTheLatestFirst() {
    ContextEventSettings two =
        new ContextEventSettings(
            Duration.ofMinutes(15),
            Duration.ofMinutes(1),
            Duration.ofHours(24),
            2,
            100,
            Duration.ofHours(24));
    EventIndex index =
        EventIndex.of(
            List.of(
                event("a", PREVIOUS.plusSeconds(1), null),
                event("b", PREVIOUS.plusSeconds(2), null),
                event("c", PREVIOUS.plusSeconds(3), null)),
            two);

    assertThat(ids(index.around(CHANGE, WEB_1))).containsExactly("c", "b");
  }
}
