package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRegistry;
import io.driftwatch.coordinator.KnownHosts;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.context.ContextEventSettings;
import io.driftwatch.coordinator.context.ContextEvents;
import io.driftwatch.coordinator.fleet.Disagreement;
import io.driftwatch.coordinator.fleet.FleetAggregator;
import io.driftwatch.coordinator.fleet.FleetDiff;
import io.driftwatch.coordinator.fleet.FleetSettings;
import io.driftwatch.node.host.HostEntity;
import io.driftwatch.node.host.HostMetrics;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.LocalHosts;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.testing.Await;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet diff across three real cluster members (ActorSystems on 127.0.0.1 ports, joined by
 * hand) sharing the real Cassandra store: hosts are spread over all members, each member aggregates
 * its own, and a member whose aggregator does not answer in time has its hosts named as missing
 * while the others' answer arrives by the deadline.
 */
class FleetClusterTest {

  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private final Keyspace keyspace = LocalCassandra.uniqueKeyspace("fleet");
  private final List<Member> members = new ArrayList<>();

  /** One cluster member: its actor system, its own store client and prober. */
  private record Member(ActorSystem<Void> system, ChangeStore store, NodeProbing probing) {

    void stop() {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      probing.close();
      store.close();
    }

    Set<String> hosts() {
      Set<String> names = new TreeSet<>();
      LocalHosts.get(system).entries().forEach(e -> names.add(e.name()));
      return names;
    }
  }

  @AfterEach
  void stop() {
    members.forEach(Member::stop);
    LocalCassandra.drop(keyspace);
  }

  private Config config(String name) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("driftwatch.store", "cassandra");
    settings.put("driftwatch.cassandra.contact-points", LocalCassandra.contactPoint());
    settings.put("driftwatch.cassandra.keyspace", keyspace.name());
    settings.put("driftwatch.fleet.deadline", DEADLINE.toMillis() + "ms");
    settings.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    return TestNode.config(tmp.resolve(name), settings);
  }

  /**
   * Starts a member with host entities; {@code aggregator} false leaves the fleet role to tests.
   */
  private Member member(String name, boolean aggregator) {
    Config config = config(name);
    NodeSettings settings = NodeSettings.fromConfig(config);
    ChangeStore store = NodeStore.open(settings, NodeStore.BUILT_IN);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "driftwatch", config);
    NodeProbing probing = NodeProbing.start(config, settings);
    HostEntity.init(
        system,
        new HostEntity.Deps(
            store,
            probing.prober(),
            settings.snapshots(),
            Clock.systemUTC(),
            settings.probe().startSpread(),
            new HostMetrics()));
    if (aggregator) {
      FleetQueries.startAggregator(system, store, FleetSettings.fromConfig(config));
    }
    Member member = new Member(system, store, probing);
    members.add(member);
    return member;
  }

  @Test
  void eachMemberAggregatesItsOwnHostsAndASilentMembersHostsAreMissing() {
    Member a = member("a", true);
    Member b = member("b", true);
    Member c = member("c", false);
    // c's aggregator takes queries and never answers, as a member stuck in a long GC would.
    ActorRef<FleetAggregator.Command> silent =
        c.system()
            .systemActorOf(
                Behaviors.setup(
                    ctx -> {
                      ctx.getSystem()
                          .receptionist()
                          .tell(Receptionist.register(FleetAggregator.SERVICE_KEY, ctx.getSelf()));
                      return Behaviors.<FleetAggregator.Command>ignore();
                    }),
                "silent-aggregator",
                Props.empty());
    joinAll(a);

    Config config = config("a");
    KnownHosts known = new KnownHosts(a.store(), Duration.ofSeconds(30));
    HostRegistry registry = new HostRegistry(a.system(), known, Duration.ofSeconds(30));
    HostQueries queries =
        new HostQueries(
            a.system(), a.store(), known, Duration.ofSeconds(30), Duration.ofSeconds(60));
    FleetQueries fleet =
        new FleetQueries(
            a.system(),
            a.store(),
            known,
            FleetSettings.fromConfig(config),
            new ContextEvents(a.store(), known, ContextEventSettings.fromConfig(config)));
    FixtureHost base = FixtureHost.debian12();
    List<String> hosts = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      String name = "db-" + i;
      FixtureHost host = i == 5 ? base.withPackage("libc6", "2.36-9+deb12u3") : base;
      Path root = host.writeTo(tmp.resolve("hosts").resolve(name));
      HostSpec spec =
          new HostSpec(
              name, Transport.LOCAL, root.toString(), Map.of("role", "db"), Duration.ofHours(1));
      await(registry.register(spec));
      hosts.add(name);
    }
    hosts.forEach(h -> assertThat(await(queries.probe(h))).isInstanceOf(HostEntity.Probed.class));

    assertThat(a.hosts()).isNotEmpty();
    assertThat(b.hosts()).isNotEmpty();
    assertThat(c.hosts()).isNotEmpty();
    Set<String> onC = c.hosts();

    long started = System.nanoTime();
    FleetDiff partial = await(fleet.diff(Selector.parse("role=db"), "", null, 100));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(partial.hosts()).isEqualTo(12);
    assertThat(partial.missing()).containsExactlyElementsOf(onC);
    assertThat(partial.answered()).isEqualTo(12 - onC.size());
    assertThat(took).isLessThan(DEADLINE.plusSeconds(3));
    List<String> deviants =
        partial.differences().stream()
            .flatMap(d -> d.values().stream().skip(1))
            .flatMap(v -> v.hosts().stream())
            .toList();
    assertThat(deviants).isEqualTo(onC.contains("db-5") ? List.of() : List.of("db-5"));

    // c's real aggregator comes up and the silent one leaves: the next answers are complete.
    FleetQueries.startAggregator(c.system(), c.store(), FleetSettings.fromConfig(config));
    c.system().receptionist().tell(Receptionist.deregister(FleetAggregator.SERVICE_KEY, silent));
    Await.until(
        WAIT,
        "a complete answer",
        () -> await(fleet.diff(Selector.parse("role=db"), "", null, 100)).missing().isEmpty());
    FleetDiff complete = await(fleet.diff(Selector.parse("role=db"), "", null, 100));
    assertThat(complete.answered()).isEqualTo(12);
    assertThat(complete.differences()).hasSize(1);
    Disagreement libc = complete.differences().get(0);
    assertThat(libc.key()).isEqualTo("package:libc6");
    assertThat(libc.majority().count()).isEqualTo(11);
    assertThat(libc.values().get(1).hosts()).containsExactly("db-5");
  }

  private void joinAll(Member first) {
    Cluster seed = Cluster.get(first.system());
    for (Member m : members) {
      Cluster.get(m.system()).manager().tell(Join.create(seed.selfMember().address()));
    }
    Await.until(
        WAIT,
        "all members up",
        () ->
            members.stream()
                .allMatch(
                    m -> {
                      List<MemberStatus> statuses = new ArrayList<>();
                      Cluster.get(m.system())
                          .state()
                          .getMembers()
                          .forEach(x -> statuses.add(x.status()));
                      return statuses.size() == members.size()
                          && statuses.stream().allMatch(MemberStatus.up()::equals);
                    }));
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
