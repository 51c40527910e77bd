package io.driftwatch.bench.fleetdiff;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRegistry;
import io.driftwatch.coordinator.KnownHosts;
import io.driftwatch.coordinator.content.ContentDiffs;
import io.driftwatch.coordinator.content.ContentSettings;
import io.driftwatch.coordinator.context.ContextEventSettings;
import io.driftwatch.coordinator.context.ContextEvents;
import io.driftwatch.coordinator.drift.DriftQueries;
import io.driftwatch.coordinator.drift.DriftSettings;
import io.driftwatch.coordinator.drift.GoldenSnapshots;
import io.driftwatch.coordinator.drift.PolicyRegistry;
import io.driftwatch.coordinator.fleet.FleetSettings;
import io.driftwatch.coordinator.inventory.InventoryImport;
import io.driftwatch.coordinator.stream.Notifications;
import io.driftwatch.coordinator.stream.StreamSettings;
import io.driftwatch.coordinator.stream.WebhookRegistry;
import io.driftwatch.http.ApiRoutes;
import io.driftwatch.http.ApiServer;
import io.driftwatch.http.ApiServices;
import io.driftwatch.http.ApiSettings;
import io.driftwatch.node.host.HostEntity;
import io.driftwatch.node.host.HostMetrics;
import io.driftwatch.node.host.LocalHosts;
import io.driftwatch.node.host.SnapshotPolicy;
import io.driftwatch.node.simulate.SimulatedProber;
import io.driftwatch.node.store.ChangeStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * One Driftwatch member as the benchmark runs it, wired as {@code DriftwatchNode} wires a node (the
 * bench module does not depend on the launcher): a cluster member with the sharded host entities,
 * its fleet aggregator, the registry and queries, and the real HTTP API on a free port. Two things
 * differ, both for measuring: the simulated prober and the entities read the benchmark's {@link
 * StepClock}, and there is no host keeper, import queue or management server.
 */
final class BenchMember implements AutoCloseable {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

  final ActorSystem<Void> system;
  final ChangeStore store;
  final HostRegistry registry;
  final HostQueries queries;
  final int httpPort;

  private BenchMember(
      ActorSystem<Void> system,
      ChangeStore store,
      HostRegistry registry,
      HostQueries queries,
      int httpPort) {
    this.system = system;
    this.store = store;
    this.registry = registry;
    this.queries = queries;
    this.httpPort = httpPort;
  }

  /**
   * Starts a member on cluster port {@code clusterPort} of 127.0.0.1 that joins {@code seed} (its
   * own address when null).
   */
  static BenchMember start(
      ChangeStore store, StepClock clock, int clusterPort, Address seed, Config overrides) {
    Config config =
        overrides
            .withFallback(
                ConfigFactory.parseString(
                    """
                    pekko.actor.provider = cluster
                    pekko.remote.artery.canonical.hostname = "127.0.0.1"
                    pekko.remote.artery.canonical.port = %d
                    pekko.cluster.sharding.number-of-shards = 100
                    # As the app's cluster.conf: host entities are never passivated (whether the
                    # node's reference.conf or Pekko's wins depends on the classpath's order).
                    pekko.cluster.sharding.passivation.strategy = none
                    pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                    pekko.coordinated-shutdown.exit-jvm = off
                    pekko.loglevel = WARNING
                    # Registered hosts are first probed within this (the default spreads 10 s).
                    driftwatch.probe.start-spread = 2s
                    """
                        .formatted(clusterPort)))
            // As the app's application.conf: fleet answers over Artery's large-message lane.
            .withFallback(ConfigFactory.parseResources("fleet-remote.conf"))
            .withFallback(ConfigFactory.load())
            .resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "driftwatch", config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(seed == null ? cluster.selfMember().address() : seed));
    Config dw = config.getConfig("driftwatch");
    HostEntity.init(
        system,
        new HostEntity.Deps(
            store,
            new SimulatedProber(clock),
            SnapshotPolicy.fromConfig(dw.getConfig("snapshot")),
            clock,
            dw.getDuration("probe.start-spread"),
            new HostMetrics()));
    KnownHosts known = new KnownHosts(store, ASK_TIMEOUT);
    HostRegistry registry = new HostRegistry(system, known, ASK_TIMEOUT);
    HostQueries queries = new HostQueries(system, store, known, ASK_TIMEOUT, PROBE_TIMEOUT);
    FleetSettings fleetSettings = FleetSettings.fromConfig(config);
    FleetQueries.startAggregator(system, store, fleetSettings);
    ContextEvents contextEvents =
        new ContextEvents(store, known, ContextEventSettings.fromConfig(config));
    FleetQueries fleet = new FleetQueries(system, store, known, fleetSettings, contextEvents);
    ApiServices services =
        new ApiServices(
            store,
            registry,
            queries,
            fleet,
            new DriftQueries(
                known,
                fleet,
                queries,
                store,
                () ->
                    CompletableFuture.completedFuture(
                        io.driftwatch.coordinator.drift.Policies.NONE),
                DriftSettings.fromConfig(config),
                clock),
            new PolicyRegistry(
                store, GoldenSnapshots.of(queries, fleet, known), clock, PolicyRegistry.CACHE_FOR),
            contextEvents,
            new ContentDiffs(store, ContentSettings.fromConfig(config), system.executionContext()),
            new InventoryImport(registry),
            Notifications.start(
                system,
                StreamSettings.fromConfig(config),
                new WebhookRegistry(store, clock, WebhookRegistry.fromConfig(config)),
                clock),
            new HostMetrics());
    ApiRoutes routes =
        new ApiRoutes(
            system, services, clock, new ApiSettings(SimFleet.INTERVAL, Optional.empty()));
    ServerBinding binding = await(ApiServer.start(system, routes.routes(), "127.0.0.1", 0));
    return new BenchMember(system, store, registry, queries, binding.localAddress().getPort());
  }

  Address address() {
    return Cluster.get(system).selfMember().address();
  }

  int members() {
    int up = 0;
    for (var m : Cluster.get(system).state().getMembers()) {
      up += m.status() == org.apache.pekko.cluster.MemberStatus.up() ? 1 : 0;
    }
    return up;
  }

  /** Hosts living on this member that have been probed (their facts are what it aggregates). */
  int probedHosts() {
    return (int) LocalHosts.get(system).entries().stream().filter(e -> e.asOf() != null).count();
  }

  LocalHosts localHosts() {
    return LocalHosts.get(system);
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("member did not stop", e);
    }
  }
}
