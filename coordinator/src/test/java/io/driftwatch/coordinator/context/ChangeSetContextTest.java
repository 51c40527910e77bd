package io.driftwatch.coordinator.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.ChangeContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeSetContextTest {

  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

  private static PostedEvent event(String id, EventType type, String what, int minute) {
    return new PostedEvent(
        id, type, "ci", what, List.of(), null, T.plusSeconds(60L * minute), null);
  }

  private static ChangeContext apt(String actor, String detail) {
    return new ChangeContext(
        T,
        actor,
        List.of(new ChangeContext.HostRecord("apt-history", T, actor, "upgrade", detail)),
        List.of());
  }

  @Test
  void theSummarySaysWhoOnHowManyHostsAndDuringWhat() {
    ChangeSetContext.Builder b = new ChangeSetContext.Builder();
    for (int i = 0; i < 40; i++) {
      b.attribute("web-" + i, apt("alice", "apt-get upgrade"));
      b.events(List.of(event("cm-812", EventType.CM_RUN, "#812", 0)));
    }

    ChangeSetContext c = b.build(40, 20);

    assertThat(c.actors())
        .containsExactly(new ChangeSetContext.Actor("alice", 40, "apt-get upgrade"));
    assertThat(c.events()).extracting(PostedEvent::id).containsExactly("cm-812");
    assertThat(c.summary()).isEqualTo("apt-get upgrade by alice on 40 hosts, during cm-run #812");
  }

  @Test
  void withoutActorsTheHostsAreCountedAndManyEventsAreShortened() {
    ChangeSetContext c =
        new ChangeSetContext.Builder()
            .events(
                List.of(
                    event("d1", EventType.DEPLOY, "web 1.4.2", 1),
                    event("i1", EventType.INCIDENT, "INC-7 latency", 2),
                    event("n1", EventType.NOTE, "x".repeat(200), 3)))
            .build(3, 20);

    assertThat(c.actors()).isEmpty();
    assertThat(c.summary())
        .isEqualTo("on 3 hosts, during deploy web 1.4.2, incident INC-7 latency and 1 more event");
  }

  @Test
  void actorsWithoutWhatAndTheListedEventsAreTheLatest() {
    ChangeSetContext c =
        new ChangeSetContext.Builder()
            .attribute("a", new ChangeContext(null, "bob", List.of(), List.of()))
            .attribute("b", ChangeContext.NONE)
            .events(
                List.of(
                    event("e1", EventType.NOTE, "one", 1), event("e2", EventType.NOTE, "two", 2)))
            .build(2, 1);

    assertThat(c.actors()).containsExactly(new ChangeSetContext.Actor("bob", 1, null));
    assertThat(c.events()).extracting(PostedEvent::id).containsExactly("e2");
    assertThat(c.summary()).isEqualTo("by bob on 1 host, during note two");
    assertThat(new ChangeSetContext.Builder().build(5, 20)).isEqualTo(ChangeSetContext.NONE);
  }
}
