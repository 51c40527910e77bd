package io.driftwatch.node.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.probe.LocalProber;
import io.driftwatch.node.probe.Prober;
import io.driftwatch.node.store.ChangeQuery;
import io.driftwatch.node.store.SpoolSettings;
import io.driftwatch.node.store.SpoolingChangeStore;
import io.driftwatch.node.store.SqliteChangeStore;
import io.driftwatch.node.store.SwitchableChangeStore;
import io.driftwatch.node.store.SwitchableChangeStore.Mode;
import io.driftwatch.node.testing.Await;
import io.driftwatch.node.testing.DefaultSettings;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host entity over a spooled store whose store goes away: probes go on and are believed once
 * spooled, a restarted entity carries on from what was spooled, and a full spool pauses probing.
 */
class HostEntitySpoolTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final AtomicInteger hostIds = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private SwitchableChangeStore remote;
  private SpoolingChangeStore store;
  private ExecutorService probeThreads;
  private final HostMetrics metrics = new HostMetrics();
  private final AtomicInteger probesStarted = new AtomicInteger();

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
    if (probeThreads != null) {
      probeThreads.shutdownNow();
    }
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private HostEntity.Deps deps(long maxRecords) {
    remote = new SwitchableChangeStore(SqliteChangeStore.open(tmp.resolve("remote")), "remote");
    store =
        SpoolingChangeStore.open(
            remote,
            tmp.resolve("data"),
            new SpoolSettings(
                maxRecords,
                64L << 20,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                2,
                Duration.ofMillis(20),
                Duration.ofMillis(200)));
    probeThreads = Executors.newFixedThreadPool(2);
    CollectorSettings collector = DefaultSettings.collector();
    LocalProber local =
        new LocalProber(
            new Collector(StandardSources.all(collector), collector),
            collector,
            probeThreads,
            Duration.ofSeconds(30));
    Prober counting =
        (spec, requested) -> {
          probesStarted.incrementAndGet();
          return local.probe(spec, requested);
        };
    return new HostEntity.Deps(
        store,
        counting,
        new SnapshotPolicy(500, Duration.ofHours(24)),
        Clock.systemUTC(),
        Duration.ofHours(1),
        metrics);
  }

  private record Started(String name, Path root, ActorRef<HostEntity.Command> entity) {}

  private Started start(HostEntity.Deps deps, FixtureHost host, Duration interval) {
    String name = "spooled-" + hostIds.incrementAndGet();
    Path root = host.writeTo(tmp.resolve(name));
    HostSpec spec =
        new HostSpec(name, Transport.LOCAL, root.toString(), Map.of("role", "web"), interval);
    store.putHost(spec).toCompletableFuture().join();
    ActorRef<HostEntity.Command> entity =
        testKit.spawn(HostEntity.create(name, deps, Optional.empty()));
    status(entity); // recovered from the store, which answers now
    return new Started(name, root, entity);
  }

  private HostEntity.ProbeReply probe(ActorRef<HostEntity.Command> entity) {
    TestProbe<HostEntity.ProbeReply> replies = testKit.createTestProbe();
    entity.tell(new HostEntity.ProbeNow(replies.getRef()));
    return replies.receiveMessage(WAIT);
  }

  private HostStatus status(ActorRef<HostEntity.Command> entity) {
    TestProbe<HostEntity.StatusReply> replies = testKit.createTestProbe();
    entity.tell(new HostEntity.GetStatus(replies.getRef()));
    return ((HostEntity.Status) replies.receiveMessage(WAIT)).status();
  }

  private HostEntity.CurrentFacts facts(ActorRef<HostEntity.Command> entity) {
    TestProbe<HostEntity.FactsReply> replies = testKit.createTestProbe();
    entity.tell(new HostEntity.GetFacts(replies.getRef()));
    return (HostEntity.CurrentFacts) replies.receiveMessage(WAIT);
  }

  private List<ChangeEvent> history(String host) {
    return store
        .changes(ChangeQuery.ofHost(host, "", TimeRange.until(Instant.now().plusSeconds(1)), 1000))
        .toCompletableFuture()
        .join()
        .changes();
  }

  private long probes(HostMetrics.Outcome outcome) {
    return metrics.probesByOutcome().get(outcome);
  }

  @Test
  void aRestartedEntityCarriesOnFromItsSpooledProbesWithoutRecordingThemAgain() {
    HostEntity.Deps deps = deps(1000);
    FixtureHost host = FixtureHost.debian12();
    Started started = start(deps, host, Duration.ofHours(1));
    probe(started.entity());

    remote.set(Mode.UNAVAILABLE);
    host.withSysctl("vm.swappiness", "7").writeTo(started.root());
    HostEntity.Probed spooled = (HostEntity.Probed) probe(started.entity());
    assertThat(spooled.changes()).isEqualTo(1);
    assertThat(store.spool().orElseThrow().records()).isEqualTo(1);
    testKit.stop(started.entity());

    // The store reads again but still takes no writes: the record waits in the spool.
    remote.set(Mode.FAILING_WRITES);
    ActorRef<HostEntity.Command> restarted =
        testKit.spawn(HostEntity.create(started.name(), deps, Optional.empty()));
    HostEntity.CurrentFacts recovered = facts(restarted);
    assertThat(recovered.facts().get("sysctl:vm.swappiness")).isEqualTo("7");
    assertThat(recovered.asOf()).isEqualTo(spooled.probedAt());
    HostEntity.Probed again = (HostEntity.Probed) probe(restarted);
    assertThat(again.changes()).isZero();

    remote.set(Mode.AVAILABLE);
    Await.until(WAIT, "the spool to drain", () -> store.spool().orElseThrow().records() == 0);
    assertThat(history(started.name()))
        .extracting(ChangeEvent::key, ChangeEvent::newValue)
        .containsExactly(tuple("sysctl:vm.swappiness", "7"));
  }

  @Test
  void whileTheSpoolIsFullHostsAreNotProbedAndProbingResumesOnceItDrains() {
    HostEntity.Deps deps = deps(1);
    FixtureHost host = FixtureHost.debian12();
    Started started = start(deps, host, Duration.ofSeconds(1));
    Await.until(WAIT, "a first probe", () -> probes(HostMetrics.Outcome.OK) >= 1);

    remote.set(Mode.UNAVAILABLE);
    Await.until(WAIT, "the spool to fill", () -> store.spool().orElseThrow().full());
    int startedWhenFull = probesStarted.get();
    Await.until(WAIT, "ticks skipped", () -> probes(HostMetrics.Outcome.SKIPPED) >= 2);
    HostEntity.ProbeReply asked = probe(started.entity());

    assertThat(asked).isInstanceOf(HostEntity.ProbeFailed.class);
    assertThat(((HostEntity.ProbeFailed) asked).reason()).isEqualTo("STORE_UNAVAILABLE");
    assertThat(((HostEntity.ProbeFailed) asked).detail()).contains("spool is full");
    // At most a probe that had already started when the spool filled up.
    assertThat(probesStarted.get()).isLessThanOrEqualTo(startedWhenFull + 1);

    // Changed while nobody probes it: found by the first probe once the spool has room.
    host.withSysctl("vm.swappiness", "7").writeTo(started.root());
    remote.set(Mode.AVAILABLE);
    Await.until(
        WAIT,
        "the change to be recorded",
        () ->
            history(started.name()).stream().anyMatch(c -> c.key().equals("sysctl:vm.swappiness")));
    assertThat(history(started.name()))
        .extracting(ChangeEvent::key, ChangeEvent::newValue)
        .containsExactly(tuple("sysctl:vm.swappiness", "7"));
    assertThat(store.spool().orElseThrow().full()).isFalse();
  }

  @Test
  void hostsAreCountedInTheirStateWhileMonitored() {
    HostEntity.Deps deps = deps(1000);
    Started started = start(deps, FixtureHost.debian12(), Duration.ofHours(1));
    assertThat(metrics.hostsByState())
        .containsEntry(HostStatus.State.PENDING, 1L)
        .containsEntry(HostStatus.State.OK, 0L);

    probe(started.entity());
    assertThat(metrics.hostsByState())
        .containsEntry(HostStatus.State.PENDING, 0L)
        .containsEntry(HostStatus.State.OK, 1L);
    assertThat(probes(HostMetrics.Outcome.OK)).isEqualTo(1);

    TestProbe<Done> done = testKit.createTestProbe();
    started.entity().tell(new HostEntity.Unregister(done.getRef()));
    done.expectMessage(Done.getInstance());
    done.expectTerminated(started.entity(), WAIT);
    assertThat(metrics.hostsByState().values()).containsOnly(0L);
  }
}
