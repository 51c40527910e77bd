package io.driftwatch.coordinator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.coordinator.context.ChangeSetContext;
import io.driftwatch.coordinator.context.EventType;
import io.driftwatch.coordinator.context.PostedEvent;
import io.driftwatch.node.fact.ChangeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class ChangeSetsTest {

  private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

  private static final BiConsumer<ChangeEvent, ChangeSetContext.Builder> NO_CONTEXT = (e, b) -> {};

  private static ChangeEvent change(String host, String key, String old, String now, int minute) {
    Instant at = T.plusSeconds(60L * minute);
    return new ChangeEvent(
        UUID.randomUUID().toString(), host, key, old, now, at.minusSeconds(60), at);
  }

  @Test
  void theSameTransitionOnManyHostsIsOneChangeSet() {
    List<ChangeEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(change("web-" + i, "package:openssl", "3.0.11", "3.0.13", 2 + i % 8));
    }
    events.add(change("web-3", "sysctl:vm.swappiness", "60", "10", 5));

    List<ChangeSet> sets =
        ChangeSets.group(
            events, Set.of("web-0", "web-1", "web-2", "web-3", "web-4"), 100, NO_CONTEXT, 20);

    assertThat(sets).hasSize(2);
    ChangeSet openssl = sets.get(0);
    assertThat(openssl.key()).isEqualTo("package:openssl");
    assertThat(openssl.hosts()).containsExactly("web-0", "web-1", "web-2", "web-3", "web-4");
    assertThat(openssl.first()).isEqualTo(T.plusSeconds(120));
    assertThat(openssl.last()).isEqualTo(T.plusSeconds(360));
    assertThat(sets.get(1).hosts()).containsExactly("web-3");
  }

  @Test
  void differentTransitionsOfOneKeyStayApartAndAFlappingHostCountsOnce() {
    List<ChangeEvent> events =
        List.of(
            change("a", "service:cron.service", "active enabled", null, 1),
            change("a", "service:cron.service", null, "active enabled", 2),
            change("a", "service:cron.service", "active enabled", null, 3),
            change("b", "service:cron.service", "active enabled", null, 4));

    List<ChangeSet> sets = ChangeSets.group(events, Set.of("a", "b"), 100, NO_CONTEXT, 20);

    assertThat(sets).hasSize(2);
    assertThat(sets.get(0).newValue()).isNull();
    assertThat(sets.get(0).hostCount()).isEqualTo(2);
    assertThat(sets.get(0).events()).isEqualTo(3);
    assertThat(sets.get(1).oldValue()).isNull();
  }

  @Test
  void hostListsAreCappedButCounted() {
    List<ChangeEvent> events = new ArrayList<>();
    Set<String> all = new java.util.HashSet<>();
    for (int i = 0; i < 30; i++) {
      events.add(change("h" + (100 + i), "os:version_id", "12", "13", 1));
      all.add("h" + (100 + i));
    }

    ChangeSet set = ChangeSets.group(events, all, 10, NO_CONTEXT, 20).get(0);

    assertThat(set.hostCount()).isEqualTo(30);
    assertThat(set.hosts()).hasSize(10).startsWith("h100");
    assertThat(set.hostsTruncated()).isTrue();
  }

  @Test
  void aChangeSetMergesTheContextOfItsChangesOnceEach() {
    PostedEvent run =
        new PostedEvent(
            "cm-812", EventType.CM_RUN, "puppet", "#812", List.of(), null, T, T.plusSeconds(600));
    List<ChangeEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(change("web-" + i, "package:openssl", "3.0.11", "3.0.13", 2 + i));
    }
    events.add(change("web-9", "sysctl:vm.swappiness", "60", "10", 5));
    BiConsumer<ChangeEvent, ChangeSetContext.Builder> context =
        (e, b) -> {
          if (e.key().startsWith("package:")) {
            b.events(List.of(run));
            b.attribute(e.host(), e.host().equals("web-4") ? "bob" : "alice", "apt-get upgrade");
          }
        };

    List<ChangeSet> sets =
        ChangeSets.group(
            events, Set.of("web-0", "web-1", "web-2", "web-3", "web-4", "web-9"), 100, context, 20);

    ChangeSetContext openssl = sets.get(0).context();
    assertThat(openssl.events()).containsExactly(run);
    assertThat(openssl.actors())
        .containsExactly(
            new ChangeSetContext.Actor("alice", 4, "apt-get upgrade"),
            new ChangeSetContext.Actor("bob", 1, "apt-get upgrade"));
    assertThat(openssl.summary())
        .isEqualTo(
            "apt-get upgrade by alice on 4 hosts and apt-get upgrade by bob on 1 host,"
                + " during cm-run #812");
    assertThat(sets.get(1).context()).isEqualTo(ChangeSetContext.NONE);
  }
}
