package io.driftwatch.node.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.notify.Notice;
import io.driftwatch.node.notify.Notifier;
import io.driftwatch.node.probe.LocalProber;
import io.driftwatch.node.store.ChangeQuery;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.SqliteChangeStore;
import io.driftwatch.node.testing.DefaultSettings;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host entity against real parts: a fixture root probed by the local prober, history in a real
 * SQLite store on disk.
 */
class HostEntityTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final AtomicInteger hostIds = new AtomicInteger();
  private static final Duration PROBE_WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private ChangeStore store;
  private ExecutorService probeThreads;
  private HostEntity.Deps deps;

  @BeforeEach
  void setUp() {
    store = SqliteChangeStore.open(tmp.resolve("data"));
    probeThreads = Executors.newFixedThreadPool(2);
    CollectorSettings collector = DefaultSettings.collector();
    LocalProber prober =
        new LocalProber(
            new Collector(StandardSources.all(collector), collector),
            collector,
            probeThreads,
            Duration.ofSeconds(30));
    deps =
        new HostEntity.Deps(
            store,
            prober,
            new SnapshotPolicy(500, Duration.ofHours(24)),
            Clock.systemUTC(),
            // Resumed hosts wait for their explicit probes: the tests decide when probes happen.
            Duration.ofHours(1));
  }

  @AfterEach
  void tearDown() {
    store.close();
    probeThreads.shutdownNow();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private String newHostName() {
    return "host-" + hostIds.incrementAndGet();
  }

  private HostSpec register(String name, Path root, Duration interval) {
    HostSpec spec =
        new HostSpec(name, Transport.LOCAL, root.toString(), Map.of("role", "web"), interval);
    store.putHost(spec).toCompletableFuture().join();
    return spec;
  }

  /** A registered fixture host and its running entity. */
  private record Started(String name, Path root, ActorRef<HostEntity.Command> entity) {}

  private Started start(FixtureHost host, Duration interval) {
    String name = newHostName();
    Path root = host.writeTo(tmp.resolve(name));
    register(name, root, interval);
    return new Started(name, root, spawn(name));
  }

  private ActorRef<HostEntity.Command> spawn(String name) {
    return testKit.spawn(HostEntity.create(name, deps, Optional.empty()));
  }

  private HostEntity.ProbeReply probe(ActorRef<HostEntity.Command> entity) {
    TestProbe<HostEntity.ProbeReply> replies = testKit.createTestProbe();
    entity.tell(new HostEntity.ProbeNow(replies.getRef()));
    return replies.receiveMessage(PROBE_WAIT);
  }

  private HostStatus status(ActorRef<HostEntity.Command> entity) {
    TestProbe<HostEntity.StatusReply> replies = testKit.createTestProbe();
    entity.tell(new HostEntity.GetStatus(replies.getRef()));
    return ((HostEntity.Status) replies.receiveMessage()).status();
  }

  private HostEntity.CurrentFacts facts(ActorRef<HostEntity.Command> entity) {
    TestProbe<HostEntity.FactsReply> replies = testKit.createTestProbe();
    entity.tell(new HostEntity.GetFacts(replies.getRef()));
    return (HostEntity.CurrentFacts) replies.receiveMessage();
  }

  private List<ChangeEvent> history(String host) {
    return store
        .changes(ChangeQuery.ofHost(host, "", TimeRange.until(Instant.now().plusSeconds(1)), 1000))
        .toCompletableFuture()
        .join()
        .changes();
  }

  @Test
  void announcesEachChangeOnlyOnceItIsRecordedAndTheHostBeingLostAndBack() throws Exception {
    // The notifier looks in the store as each notice arrives: a change must already be there.
    BlockingQueue<Notice> notices = new LinkedBlockingQueue<>();
    List<String> unrecorded = new CopyOnWriteArrayList<>();
    Notifier checking =
        notice -> {
          if (notice.kind().equals("change")
              && history(notice.host()).stream().noneMatch(c -> notice.json().contains(c.key()))) {
            unrecorded.add(notice.json());
          }
          notices.add(notice);
        };
    deps =
        new HostEntity.Deps(
            deps.store(),
            deps.prober(),
            deps.snapshots(),
            deps.clock(),
            deps.startSpread(),
            deps.metrics(),
            deps.contexts(),
            checking);
    FixtureHost host = FixtureHost.debian12();
    Started started = start(host, Duration.ofHours(1));
    probe(started.entity());
    assertThat(notices).isEmpty(); // a first probe is a snapshot, and a first ok is not news

    host.withSysctl("vm.swappiness", "5").writeTo(started.root());
    probe(started.entity());
    Notice change = notices.poll(30, TimeUnit.SECONDS);
    assertThat(change.kind()).isEqualTo("change");
    assertThat(change.host()).isEqualTo(started.name());
    assertThat(change.tags()).containsEntry("role", "web");
    assertThat(change.json())
        .contains("\"key\":\"sysctl:vm.swappiness\"", "\"new\":\"5\"", "\"window\":{\"from\"");

    Path away = started.root().resolveSibling(started.name() + "-away");
    Files.move(started.root(), away);
    probe(started.entity());
    List<Notice> lost =
        List.of(notices.poll(30, TimeUnit.SECONDS), notices.poll(30, TimeUnit.SECONDS));
    assertThat(lost).extracting(Notice::kind).containsExactlyInAnyOrder("host-status", "change");
    Notice status = lost.stream().filter(n -> n.kind().equals("host-status")).findFirst().get();
    assertThat(status.json()).contains("\"status\":\"unreachable\"", "\"previous\":\"ok\"");

    Files.move(away, started.root());
    probe(started.entity());
    List<String> back = new ArrayList<>();
    while (back.size() < 2) {
      back.add(notices.poll(30, TimeUnit.SECONDS).json());
    }
    assertThat(String.join("\n", back)).contains("\"status\":\"ok\"", "probe:reachable");
    assertThat(unrecorded).isEmpty();
  }

  @Test
  void firstProbeRecordsTheStateThenLaterProbesRecordOnlyTheDelta() throws Exception {
    FixtureHost host = FixtureHost.debian12();
    Started started = start(host, Duration.ofHours(1));
    String name = started.name();
    Path root = started.root();
    ActorRef<HostEntity.Command> entity = started.entity();

    HostEntity.Probed first = (HostEntity.Probed) probe(entity);
    assertThat(first.firstProbe()).isTrue();
    assertThat(first.changes()).isZero();
    assertThat(first.factCount()).isGreaterThan(50);
    assertThat(facts(entity).facts().get("package:libc6")).isNotNull();

    String oldLibc = facts(entity).facts().get("package:libc6");
    host.withPackage("libc6", "2.36-9+deb12u99").writeTo(root);
    HostEntity.Probed second = (HostEntity.Probed) probe(entity);

    assertThat(second.firstProbe()).isFalse();
    assertThat(second.changes()).isEqualTo(1);
    List<ChangeEvent> changes = history(name);
    assertThat(changes).hasSize(1);
    ChangeEvent change = changes.get(0);
    assertThat(change.key()).isEqualTo("package:libc6");
    assertThat(change.oldValue()).isEqualTo(oldLibc);
    assertThat(change.newValue()).isEqualTo("2.36-9+deb12u99");
    assertThat(change.windowFrom()).isEqualTo(first.probedAt());
    assertThat(change.detectedAt()).isEqualTo(second.probedAt());
    assertThat(status(entity).state()).isEqualTo(HostStatus.State.OK);
  }

  @Test
  void aFailedProbeMarksTheHostUnreachableAndKeepsItsLastFacts() throws Exception {
    Started started = start(FixtureHost.debian12(), Duration.ofHours(1));
    String name = started.name();
    Path root = started.root();
    ActorRef<HostEntity.Command> entity = started.entity();
    int factCount = ((HostEntity.Probed) probe(entity)).factCount();

    Files.move(root, tmp.resolve(name + "-gone"));
    HostEntity.ProbeReply reply = probe(entity);

    assertThat(reply).isInstanceOf(HostEntity.ProbeFailed.class);
    assertThat(((HostEntity.ProbeFailed) reply).reason()).isEqualTo("ROOT_MISSING");
    HostStatus status = status(entity);
    assertThat(status.state()).isEqualTo(HostStatus.State.UNREACHABLE);
    assertThat(status.detail()).contains(root.toString()).contains("does not exist");
    assertThat(facts(entity).facts().size()).isEqualTo(factCount);
    assertThat(facts(entity).facts().get("probe:reachable")).isEqualTo("false");
    // Losing the host is recorded once, however many probes fail.
    probe(entity);
    assertThat(history(name))
        .extracting(ChangeEvent::key, ChangeEvent::oldValue, ChangeEvent::newValue)
        .containsExactly(tuple("probe:reachable", "true", "false"));

    Files.move(tmp.resolve(name + "-gone"), root);
    assertThat(probe(entity)).isInstanceOf(HostEntity.Probed.class);
    assertThat(status(entity).state()).isEqualTo(HostStatus.State.OK);
    assertThat(history(name))
        .extracting(ChangeEvent::key, ChangeEvent::newValue)
        .containsExactly(tuple("probe:reachable", "false"), tuple("probe:reachable", "true"));
  }

  @Test
  void aRestartedEntityRecoversItsStateFromTheStore() throws Exception {
    FixtureHost host = FixtureHost.debian12();
    Started started = start(host, Duration.ofHours(1));
    String name = started.name();
    Path root = started.root();
    ActorRef<HostEntity.Command> entity = started.entity();
    HostEntity.Probed first = (HostEntity.Probed) probe(entity);
    testKit.stop(entity);

    ActorRef<HostEntity.Command> restarted = spawn(name);
    HostEntity.CurrentFacts recovered = facts(restarted);
    assertThat(recovered.asOf()).isEqualTo(first.probedAt());
    assertThat(recovered.facts().size()).isEqualTo(first.factCount());

    host.withSysctl("vm.swappiness", "1").writeTo(root);
    HostEntity.Probed next = (HostEntity.Probed) probe(restarted);
    assertThat(next.firstProbe()).isFalse();
    assertThat(history(name))
        .extracting(ChangeEvent::key, ChangeEvent::newValue)
        .containsExactly(tuple("sysctl:vm.swappiness", "1"));
  }

  @Test
  void probesOnItsIntervalWithoutBeingAsked() throws Exception {
    String name = start(FixtureHost.debian12(), Duration.ofSeconds(1)).name();

    TestProbe<Object> waiter = testKit.createTestProbe();
    waiter.awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          var latest = store.latest(name).toCompletableFuture().join();
          assertThat(latest).isPresent();
          return null;
        });
    Instant firstSeen = store.latest(name).toCompletableFuture().join().get().lastProbeAt();
    waiter.awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          Instant last = store.latest(name).toCompletableFuture().join().get().lastProbeAt();
          assertThat(last).isAfter(firstSeen);
          return null;
        });
  }

  @Test
  void aProbeRequestedDuringAProbeGetsAFreshProbe() throws Exception {
    ActorRef<HostEntity.Command> entity =
        start(FixtureHost.debian12(), Duration.ofHours(1)).entity();

    TestProbe<HostEntity.ProbeReply> a = testKit.createTestProbe();
    TestProbe<HostEntity.ProbeReply> b = testKit.createTestProbe();
    entity.tell(new HostEntity.ProbeNow(a.getRef()));
    entity.tell(new HostEntity.ProbeNow(b.getRef()));
    HostEntity.Probed ra = (HostEntity.Probed) a.receiveMessage(PROBE_WAIT);
    HostEntity.Probed rb = (HostEntity.Probed) b.receiveMessage(PROBE_WAIT);

    assertThat(rb.probedAt()).isAfter(ra.probedAt());
  }

  @Test
  void whenTheStoreFailsTheProbesChangesAreNotBelieved() throws Exception {
    FixtureHost host = FixtureHost.debian12();
    Started started = start(host, Duration.ofHours(1));
    Path root = started.root();
    ActorRef<HostEntity.Command> entity = started.entity();
    probe(entity);
    String before = facts(entity).facts().get("sysctl:vm.swappiness");

    store.close();
    host.withSysctl("vm.swappiness", "7").writeTo(root);
    HostEntity.ProbeReply failed = probe(entity);

    assertThat(failed).isInstanceOf(HostEntity.ProbeFailed.class);
    assertThat(((HostEntity.ProbeFailed) failed).reason()).isEqualTo("STORE_UNAVAILABLE");
    assertThat(facts(entity).facts().get("sysctl:vm.swappiness")).isEqualTo(before);
  }

  @Test
  void anUnregisteredHostStopsAndAnswersNotMonitored() {
    ActorRef<HostEntity.Command> entity =
        start(FixtureHost.debian12(), Duration.ofHours(1)).entity();
    probe(entity);

    TestProbe<Done> done = testKit.createTestProbe();
    entity.tell(new HostEntity.Unregister(done.getRef()));
    done.expectMessage(Done.getInstance());
    done.expectTerminated(entity, Duration.ofSeconds(5));

    ActorRef<HostEntity.Command> unknown = spawn(newHostName());
    TestProbe<HostEntity.StatusReply> replies = testKit.createTestProbe();
    unknown.tell(new HostEntity.GetStatus(replies.getRef()));
    assertThat(replies.receiveMessage()).isInstanceOf(HostEntity.NotMonitored.class);
  }

  @Test
  void theEntityKeepsItsEntryInTheMemberDirectoryCurrent() {
    LocalHosts local = LocalHosts.get(testKit.system());
    Started started = start(FixtureHost.debian12(), Duration.ofHours(1));
    TestProbe<Object> poll = testKit.createTestProbe();
    poll.awaitAssert(
        () ->
            assertThat(local.entries())
                .anySatisfy(
                    e -> {
                      assertThat(e.name()).isEqualTo(started.name());
                      assertThat(e.asOf()).isNull();
                    }));

    probe(started.entity());
    LocalHosts.Entry probed =
        local.entries().stream().filter(e -> e.name().equals(started.name())).findFirst().get();
    assertThat(probed.facts()).isEqualTo(facts(started.entity()).facts());
    assertThat(probed.asOf()).isNotNull();
    assertThat(probed.spec().tags()).containsEntry("role", "web");

    TestProbe<Done> done = testKit.createTestProbe();
    started.entity().tell(new HostEntity.Unregister(done.getRef()));
    done.expectMessage(Done.getInstance());
    assertThat(local.entries()).noneMatch(e -> e.name().equals(started.name()));
  }
}
