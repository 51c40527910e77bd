package io.driftwatch.coordinator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.LocalHosts;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.store.ProbeRecord;
import io.driftwatch.node.store.SqliteChangeStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's aggregator over its live hosts (now) and over the store (at an instant). */
class FleetAggregatorTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path tmp;
  private SqliteChangeStore store;
  private LocalHosts local;
  private ActorRef<FleetAggregator.Command> aggregator;
  private ActorRef<String> entity;

  @BeforeEach
  void setUp() {
    store = SqliteChangeStore.open(tmp.resolve("data"));
    local = LocalHosts.get(testKit.system());
    aggregator = testKit.spawn(FleetAggregator.create(store, 4));
    entity = testKit.createTestProbe(String.class).getRef();
  }

  @AfterEach
  void tearDown() {
    local.entries().forEach(e -> local.withdraw(e.name(), e.entity()));
    testKit.stop(aggregator);
    store.close();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static HostSpec spec(String name, String role) {
    return new HostSpec(name, Transport.LOCAL, "/", Map.of("role", role), Duration.ofMinutes(1));
  }

  private void live(String name, String role, FactSet facts, Instant asOf) {
    local.publish(new LocalHosts.Entry(spec(name, role), facts, asOf, entity));
  }

  private FleetAggregate ask(FleetQuery query) {
    TestProbe<FleetAggregator.Partial> replies = testKit.createTestProbe();
    aggregator.tell(new FleetAggregator.Aggregate(query, Duration.ofSeconds(5), replies.getRef()));
    return replies.receiveMessage(Duration.ofSeconds(10)).aggregate();
  }

  @Test
  void aggregatesTheSelectedLiveHostsUnderThePrefix() {
    live("web-1", "web", FactSet.of(Map.of("package:a", "1", "os:id", "debian")), T0);
    live("web-2", "web/canary", FactSet.of(Map.of("package:a", "2", "os:id", "debian")), T0);
    live("web-3", "web", FactSet.empty(), null);
    live("db-1", "db", FactSet.of(Map.of("package:a", "1")), T0);

    FleetAggregate a = ask(new FleetQuery("role=web", "package:", null, 10));

    assertThat(a.hosts()).containsExactly("web-1", "web-2");
    assertThat(a.notProbed()).containsExactly("web-3");
    assertThat(a.keys()).containsOnlyKeys("package:a");
    assertThat(a.keys().get("package:a").values().get("2").hosts()).containsExactly("web-2");
  }

  @Test
  void atAnInstantReadsEachLiveHostsPastStateFromTheStore() {
    record(store, "web-1", T0, Map.of("package:a", "1"));
    record(store, "web-2", T0, Map.of("package:a", "1"));
    recordChange(store, "web-2", T0.plusSeconds(3600), "package:a", "1", "2");
    live("web-1", "web", FactSet.of(Map.of("package:a", "1")), T0);
    live("web-2", "web", FactSet.of(Map.of("package:a", "2")), T0.plusSeconds(3600));
    live("web-3", "web", FactSet.of(Map.of("package:a", "1")), T0.plusSeconds(7200));

    FleetAggregate before = ask(new FleetQuery("role=web", "", T0.plusSeconds(60), 10));
    FleetAggregate after = ask(new FleetQuery("role=web", "", T0.plusSeconds(3601), 10));

    assertThat(before.hosts()).containsExactly("web-1", "web-2");
    assertThat(before.notProbed()).containsExactly("web-3");
    assertThat(before.keys().get("package:a").values()).containsOnlyKeys("1");
    assertThat(after.keys().get("package:a").values().get("2").hosts()).containsExactly("web-2");
  }

  @Test
  void aQueryThatFailsDoesNotTakeTheAggregatorDown() {
    live("web-1", "web", FactSet.of(Map.of("package:a", "1")), T0);
    TestProbe<FleetAggregator.Partial> replies = testKit.createTestProbe();

    aggregator.tell(
        new FleetAggregator.Aggregate(
            new FleetQuery("not a selector", "", null, 10),
            Duration.ofSeconds(5),
            replies.getRef()));
    replies.expectNoMessage(Duration.ofMillis(200));

    assertThat(ask(new FleetQuery("role=web", "", null, 10)).hosts()).containsExactly("web-1");
  }

  @Test
  void queriesAndAnswersCrossTheWireIntact() {
    live("web-1", "web", FactSet.of(Map.of("package:a", "1")), T0);
    live("web-2", "web", FactSet.of(Map.of("os:id", "debian")), T0);
    FleetAggregate a = ask(new FleetQuery("role=web", "", null, 10));
    SerializationTestKit serialization = testKit.serializationTestKit();
    TestProbe<FleetAggregator.Partial> replies = testKit.createTestProbe();

    serialization.verifySerialization(new FleetAggregator.Partial("pekko://x@1.2.3.4:1", a), true);
    serialization.verifySerialization(
        new FleetAggregator.Aggregate(
            new FleetQuery("role=web", "package:", T0, 10),
            Duration.ofSeconds(4),
            replies.getRef()),
        true);
  }

  private static void record(
      SqliteChangeStore store, String host, Instant at, Map<String, String> facts) {
    store
        .recordProbe(new ProbeRecord(host, at, List.of(), Optional.of(FactSet.of(facts)), Map.of()))
        .toCompletableFuture()
        .join();
  }

  private static void recordChange(
      SqliteChangeStore store, String host, Instant at, String key, String old, String now) {
    ChangeEvent change =
        new ChangeEvent(java.util.UUID.randomUUID().toString(), host, key, old, now, at, at);
    store
        .recordProbe(new ProbeRecord(host, at, List.of(change), Optional.empty(), Map.of()))
        .toCompletableFuture()
        .join();
  }
}
