package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** latest(host) while records wait in the spool: the store's state with them applied on top. */
class SpoolOverlayTest {

  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private static Instant at(long seconds) {
    return T.plusSeconds(seconds);
  }

  private static StoredState stateAfter(HostTimeline host, Instant probedAt, Instant snapshotAt) {
    return new StoredState(host.current(), probedAt, snapshotAt, 0);
  }

  @Test
  void spooledRecordsAreAppliedInOrderOnTopOfTheStoresState() {
    HostTimeline host = new HostTimeline("web-1");
    host.probeWithSnapshot(at(0), Map.of("custom:a", "1", "custom:b", "1"));
    StoredState stored = stateAfter(host, at(0), at(0));
    ProbeRecord p1 = host.probe(at(60), Map.of("custom:a", "2", "custom:b", "1"));
    ProbeRecord p2 = host.probe(at(120), Map.of("custom:a", "3", "custom:c", "1"));

    StoredState latest = SpoolOverlay.apply(Optional.of(stored), List.of(p1, p2)).orElseThrow();

    assertThat(latest.facts()).isEqualTo(host.current());
    assertThat(latest.lastProbeAt()).isEqualTo(at(120));
    assertThat(latest.lastSnapshotAt()).isEqualTo(at(0));
    assertThat(latest.changesSinceSnapshot()).isEqualTo(1 + 3);
  }

  @Test
  void recordsTheStoreAlreadyHoldsChangeNothingWhenAppliedAgain() {
    HostTimeline host = new HostTimeline("web-1");
    host.probeWithSnapshot(at(0), Map.of("custom:a", "1", "custom:b", "1"));
    ProbeRecord p1 = host.probe(at(60), Map.of("custom:a", "2"));
    ProbeRecord p2 = host.probe(at(120), Map.of("custom:a", "1", "custom:b", "2"));
    ProbeRecord p3 = host.probe(at(180), Map.of("custom:b", "2", "custom:c", "9"));
    // A timed-out write of p1 and p2 landed after all; they are still in the spool as well.
    StoredState storedThroughP2 =
        new StoredState(FactSet.of(Map.of("custom:a", "1", "custom:b", "2")), at(120), at(0), 4);

    StoredState latest =
        SpoolOverlay.apply(Optional.of(storedThroughP2), List.of(p1, p2, p3)).orElseThrow();

    assertThat(latest.facts()).isEqualTo(host.current());
    assertThat(latest.lastProbeAt()).isEqualTo(at(180));
  }

  @Test
  void aSpooledSnapshotIsTheStateAndRestartsTheCount() {
    HostTimeline host = new HostTimeline("web-1");
    host.probeWithSnapshot(at(0), Map.of("custom:a", "1"));
    StoredState stored = new StoredState(host.current(), at(0), at(0), 499);
    ProbeRecord snapshot = host.probeWithSnapshot(at(60), Map.of("custom:a", "2"));
    ProbeRecord after = host.probe(at(120), Map.of("custom:a", "2", "custom:b", "1"));

    StoredState latest =
        SpoolOverlay.apply(Optional.of(stored), List.of(snapshot, after)).orElseThrow();

    assertThat(latest.facts()).isEqualTo(host.current());
    assertThat(latest.lastSnapshotAt()).isEqualTo(at(60));
    assertThat(latest.changesSinceSnapshot()).isEqualTo(1);
  }

  @Test
  void aHostTheStoreNeverSawIsKnownFromItsSpooledFirstProbe() {
    HostTimeline host = new HostTimeline("web-1");
    ProbeRecord first = host.probeWithSnapshot(at(0), Map.of("custom:a", "1"));

    StoredState latest = SpoolOverlay.apply(Optional.empty(), List.of(first)).orElseThrow();

    assertThat(latest.facts()).isEqualTo(host.current());
    assertThat(latest.lastProbeAt()).isEqualTo(at(0));
    assertThat(latest.lastSnapshotAt()).isEqualTo(at(0));
  }

  @Test
  void aFailedProbesRecordChangesTheFactsButNotTheTimeTheyAreKnownAs() {
    HostTimeline host = new HostTimeline("web-1");
    host.probeWithSnapshot(at(0), Map.of("custom:a", "1", "probe:reachable", "true"));
    StoredState stored = stateAfter(host, at(0), at(0));
    ChangeEvent down =
        new ChangeEvent("down-1", "web-1", "probe:reachable", "true", "false", at(0), at(60));

    StoredState latest =
        SpoolOverlay.apply(
                Optional.of(stored), List.of(ProbeRecord.unreachable("web-1", at(60), down)))
            .orElseThrow();

    assertThat(latest.facts().get("probe:reachable")).isEqualTo("false");
    assertThat(latest.lastProbeAt()).isEqualTo(at(0));
    assertThat(latest.changesSinceSnapshot()).isEqualTo(1);
  }

  @Test
  void nothingSpooledIsTheStoresAnswer() {
    StoredState stored = new StoredState(FactSet.of(Map.of("custom:a", "1")), at(0), at(0), 3);

    assertThat(SpoolOverlay.apply(Optional.of(stored), List.of())).contains(stored);
    assertThat(SpoolOverlay.apply(Optional.empty(), List.of())).isEmpty();
  }
}
