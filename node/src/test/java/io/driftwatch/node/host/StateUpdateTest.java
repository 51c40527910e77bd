package io.driftwatch.node.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateUpdateTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final SnapshotPolicy POLICY = new SnapshotPolicy(500, Duration.ofHours(24));

  private static Collection collected(Map<String, String> facts, Map<String, String> failed) {
    return new Collection(FactSet.of(facts), Map.of(), failed, List.of(), Duration.ZERO);
  }

  @Test
  void firstProbeIsASnapshotWithoutChangeEvents() {
    StateUpdate u =
        StateUpdate.of(
            "web-1",
            FactSet.empty(),
            null,
            collected(Map.of("package:a", "1", "os:id", "debian"), Map.of()),
            T0,
            POLICY,
            null,
            0);

    assertThat(u.firstProbe()).isTrue();
    assertThat(u.changes()).isEmpty();
    assertThat(u.snapshotDue()).isTrue();
    assertThat(u.next().asMap())
        .containsOnlyKeys("package:a", "os:id", "probe:reachable")
        .containsEntry("probe:reachable", "true");
  }

  @Test
  void laterProbesEmitTheDeltaWithItsDetectionWindow() {
    FactSet previous =
        FactSet.of(Map.of("package:a", "1", "package:b", "1", "probe:reachable", "true"));
    StateUpdate u =
        StateUpdate.of(
            "web-1",
            previous,
            T0,
            collected(Map.of("package:a", "2", "package:b", "1"), Map.of()),
            T1,
            POLICY,
            T0,
            3);

    assertThat(u.firstProbe()).isFalse();
    assertThat(u.snapshotDue()).isFalse();
    assertThat(u.changes()).hasSize(1);
    ChangeEvent change = u.changes().get(0);
    assertThat(change.key()).isEqualTo("package:a");
    assertThat(change.oldValue()).isEqualTo("1");
    assertThat(change.newValue()).isEqualTo("2");
    assertThat(change.windowFrom()).isEqualTo(T0);
    assertThat(change.detectedAt()).isEqualTo(T1);
  }

  @Test
  void aFailedCategoryKeepsItsLastKnownValuesInsteadOfReportingRemovals() {
    FactSet previous =
        FactSet.of(
            Map.of(
                "package:a",
                "1",
                "package:b",
                "1",
                "sysctl:vm.swappiness",
                "60",
                "probe:reachable",
                "true"));
    // The dpkg database was cut in half: only package:a was read, and sysctl changed meanwhile.
    StateUpdate u =
        StateUpdate.of(
            "web-1",
            previous,
            T0,
            collected(
                Map.of("package:a", "1", "sysctl:vm.swappiness", "10"),
                Map.of("package", "truncated status file")),
            T1,
            POLICY,
            T0,
            0);

    assertThat(u.next().get("package:b")).isEqualTo("1");
    assertThat(u.changes()).extracting(ChangeEvent::key).containsExactly("sysctl:vm.swappiness");
  }

  @Test
  void aFailedCategoryNeverSeenBeforeKeepsWhatWasCollected() {
    StateUpdate u =
        StateUpdate.of(
            "web-1",
            FactSet.of(Map.of("os:id", "debian", "probe:reachable", "true")),
            T0,
            collected(Map.of("os:id", "debian", "package:a", "1"), Map.of("package", "truncated")),
            T1,
            POLICY,
            T0,
            0);

    assertThat(u.next().get("package:a")).isEqualTo("1");
  }

  @Test
  void aHostComingBackIsAReachabilityChange() {
    FactSet previous = FactSet.of(Map.of("os:id", "debian", "probe:reachable", "false"));
    StateUpdate u =
        StateUpdate.of(
            "web-1",
            previous,
            T0,
            collected(Map.of("os:id", "debian"), Map.of()),
            T1,
            POLICY,
            T0,
            0);

    assertThat(u.changes())
        .extracting(ChangeEvent::key, ChangeEvent::oldValue, ChangeEvent::newValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("probe:reachable", "false", "true"));
  }

  @Test
  void losingAHostIsRecordedOnce() {
    FactSet up = FactSet.of(Map.of("os:id", "debian", "probe:reachable", "true"));
    ChangeEvent down = StateUpdate.unreachable("web-1", up, T0, T1).orElseThrow();

    assertThat(down.oldValue()).isEqualTo("true");
    assertThat(down.newValue()).isEqualTo("false");
    assertThat(down.windowFrom()).isEqualTo(T0);
    assertThat(StateUpdate.unreachable("web-1", up.apply(List.of(down)), T0, T1)).isEmpty();
  }

  @Test
  void snapshotsAreDueAfterEnoughChangesOrTime() {
    SnapshotPolicy policy = new SnapshotPolicy(10, Duration.ofHours(1));
    assertThat(policy.isDue(null, 0, 0, T0)).isTrue();
    assertThat(policy.isDue(T0, 5, 4, T0.plusSeconds(60))).isFalse();
    assertThat(policy.isDue(T0, 5, 5, T0.plusSeconds(60))).isTrue();
    assertThat(policy.isDue(T0, 0, 0, T0.plus(Duration.ofHours(1)))).isTrue();
  }
}
