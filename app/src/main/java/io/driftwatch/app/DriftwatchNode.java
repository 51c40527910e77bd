package io.driftwatch.app;

import com.typesafe.config.Config;
import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.HostKeeper;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRegistry;
import io.driftwatch.coordinator.KnownHosts;
import io.driftwatch.coordinator.content.ContentDiffs;
import io.driftwatch.coordinator.content.ContentSettings;
import io.driftwatch.coordinator.context.ContextEventSettings;
import io.driftwatch.coordinator.context.ContextEvents;
import io.driftwatch.coordinator.drift.DriftQueries;
import io.driftwatch.coordinator.drift.DriftSettings;
import io.driftwatch.coordinator.drift.DriftTracker;
import io.driftwatch.coordinator.drift.GoldenSnapshots;
import io.driftwatch.coordinator.drift.PolicyRegistry;
import io.driftwatch.coordinator.fleet.FleetSettings;
import io.driftwatch.coordinator.inventory.ImportQueue;
import io.driftwatch.coordinator.inventory.InventoryImport;
import io.driftwatch.coordinator.inventory.InventoryPlan;
import io.driftwatch.coordinator.stream.Notifications;
import io.driftwatch.coordinator.stream.StreamSettings;
import io.driftwatch.coordinator.stream.WebhookRegistry;
import io.driftwatch.http.ApiRoutes;
import io.driftwatch.http.ApiServer;
import io.driftwatch.http.ApiServices;
import io.driftwatch.http.ApiSettings;
import io.driftwatch.node.host.HostEntity;
import io.driftwatch.node.host.HostMetrics;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.notify.Notifier;
import io.driftwatch.node.store.ChangeStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * One running Driftwatch node: the store, the actor system with its sharded host entities, the
 * coordinator's services and the HTTP API, wired in one place and reused by the launcher and the
 * end-to-end tests. Stopping it (or Ctrl-C) runs Pekko's coordinated shutdown, which also closes
 * the store and releases the data directory.
 */
public final class DriftwatchNode {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** After sharding's removal margin, time for the coordinator to re-allocate the shards. */
  private static final Duration REMOVAL_SLACK = Duration.ofSeconds(2);

  /** As long as the API lets an import request run: registering many hosts takes a while. */
  private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);

  private final ActorSystem<Void> system;
  private final ChangeStore store;
  private final HostRegistry registry;
  private final InetSocketAddress address;

  private DriftwatchNode(
      ActorSystem<Void> system,
      ChangeStore store,
      HostRegistry registry,
      InetSocketAddress address) {
    this.system = system;
    this.store = store;
    this.registry = registry;
    this.address = address;
  }

  /**
   * Starts a node from fully resolved config. Blocks until the API is serving; fails with a clear
   * message if the data directory is taken or the port is in use.
   */
  public static DriftwatchNode start(Config config) {
    return start(config, Optional.empty(), NodeStore.BUILT_IN, Notifier.NONE);
  }

  /** Starts a node whose notices (drift, …) go to {@code notifier}: for tests that watch them. */
  static DriftwatchNode start(Config config, Notifier notifier) {
    return start(config, Optional.empty(), NodeStore.BUILT_IN, notifier);
  }

  /**
   * Starts a node and makes the {@code default} inventory list exactly {@code inventory}, as an
   * import would: new hosts registered, hosts it no longer lists removed, unchanged ones left
   * alone. Fails, stopping the node, if the inventory lists hosts someone else registered.
   */
  public static DriftwatchNode start(Config config, List<HostSpec> inventory) {
    return start(config, Optional.of(inventory), NodeStore.BUILT_IN, Notifier.NONE);
  }

  /**
   * Starts a node whose non-embedded store comes from {@code remote}, behind the spool as any
   * remote store: for tests that stand a switchable store in for a remote one.
   */
  static DriftwatchNode start(Config config, NodeStore.Remote remote) {
    return start(config, Optional.empty(), remote, Notifier.NONE);
  }

  private static DriftwatchNode start(
      Config config,
      Optional<List<HostSpec>> inventory,
      NodeStore.Remote remote,
      Notifier notifier) {
    NodeSettings settings = NodeSettings.fromConfig(config);
    // Taken whatever the store: the data directory also holds the spool.
    DataDirLock lock = DataDirLock.acquire(settings.dataDir());
    ChangeStore store;
    try {
      store = NodeStore.open(settings, remote);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SeedNodes.SYSTEM, config);
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "close-store",
            () -> {
              store.close();
              lock.close();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
    try {
      RunningStore.ID.get(system).set(store);
      ManagementSettings management = ManagementSettings.fromConfig(config);
      NodeManagement.startManagement(system, management, START_TIMEOUT);
      if (management.bootstrap()) {
        // Joining itself or seeds would form a cluster beside the one its peers bootstrap.
        NodeManagement.bootstrap(system, management);
      } else {
        ClusterJoin.join(system, settings.cluster().seeds());
      }

      NodeProbing probing = NodeProbing.start(config, settings);
      HostMetrics metrics = new HostMetrics();
      CoordinatedShutdown.get(system)
          .addTask(
              CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
              "stop-probes",
              () -> {
                probing.close();
                return CompletableFuture.completedFuture(Done.getInstance());
              });
      // Notices from this member's hosts (and the drift tracker) go to the cluster's sequencer.
      Notifications notifications =
          Notifications.start(
              system,
              StreamSettings.fromConfig(config),
              new WebhookRegistry(store, Clock.systemUTC(), WebhookRegistry.fromConfig(config)),
              Clock.systemUTC());
      HostEntity.init(
          system,
          new HostEntity.Deps(
              store,
              probing.prober(),
              settings.snapshots(),
              Clock.systemUTC(),
              settings.probe().startSpread(),
              metrics,
              probing.contexts(),
              notifications.notifier()));

      // Registry reads wait for the store as long as a probe's record does before it is spooled.
      KnownHosts known = new KnownHosts(store, settings.spool().writeTimeout());
      HostRegistry registry = new HostRegistry(system, known, settings.askTimeout());
      // Wakes every monitored host once the cluster has formed, and again whenever shards move.
      HostKeeper.init(
          system,
          registry,
          settings.cluster().wakeInterval(),
          ClusterSettings.removalMargin(config).plus(REMOVAL_SLACK));
      HostQueries queries =
          new HostQueries(system, store, known, settings.askTimeout(), settings.probe().timeout());
      FleetSettings fleetSettings = FleetSettings.fromConfig(config);
      FleetQueries.startAggregator(system, store, fleetSettings);
      ContextEvents contextEvents =
          new ContextEvents(store, known, ContextEventSettings.fromConfig(config));
      FleetQueries fleet = new FleetQueries(system, store, known, fleetSettings, contextEvents);
      // Imports from any member run one at a time, on the member holding the import queue.
      ImportQueue imports = ImportQueue.init(system, new InventoryImport(registry), IMPORT_TIMEOUT);
      PolicyRegistry policies =
          new PolicyRegistry(
              store,
              GoldenSnapshots.of(queries, fleet, known),
              Clock.systemUTC(),
              PolicyRegistry.CACHE_FOR);
      DriftQueries drift =
          new DriftQueries(
              known,
              fleet,
              queries,
              store,
              policies::current,
              DriftSettings.fromConfig(config),
              Clock.systemUTC());
      // Drift notices go to the stream and webhooks, and to the caller's notifier (tests).
      Notifier driftNotices =
          notice -> {
            notifications.notifier().publish(notice);
            notifier.publish(notice);
          };
      DriftTracker.init(system, drift, driftNotices, Clock.systemUTC());
      ApiServices services =
          new ApiServices(
              store,
              registry,
              queries,
              fleet,
              drift,
              policies,
              contextEvents,
              new ContentDiffs(
                  store, ContentSettings.fromConfig(config), system.executionContext()),
              imports,
              notifications,
              metrics);
      ApiRoutes routes =
          new ApiRoutes(
              system,
              services,
              Clock.systemUTC(),
              new ApiSettings(settings.probe().defaultInterval(), settings.apiToken()));
      ServerBinding binding =
          await(
              ApiServer.start(
                  system, routes.routes(), settings.httpInterface(), settings.httpPort()));

      // Loads this member's copy of the registry (KnownHosts) and starts the hosts at once, before
      // the keeper's singleton may be up; the keeper keeps them going from then on.
      await(registry.wakeAll());
      if (inventory.isPresent()) {
        await(imports.apply(InventoryPlan.DEFAULT, inventory.get(), false));
      }
      return new DriftwatchNode(system, store, registry, binding.localAddress());
    } catch (RuntimeException e) {
      system.terminate();
      await(system.getWhenTerminated());
      throw e;
    }
  }

  /** This member's cluster address as {@code host:port}, e.g. {@code 127.0.0.1:7355}. */
  public String member() {
    return HostEntity.memberName(
        org.apache.pekko.cluster.typed.Cluster.get(system).selfMember().address());
  }

  /** The base URL of the API, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return "http://" + address.getHostString() + ":" + address.getPort();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public ChangeStore store() {
    return store;
  }

  public HostRegistry registry() {
    return registry;
  }

  /** Runs coordinated shutdown and waits until the node is fully stopped. */
  public void stop() {
    await(CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason()));
    await(system.getWhenTerminated());
  }

  /** Completes when the node has stopped, however it was stopped. */
  public CompletionStage<Done> whenStopped() {
    return system.getWhenTerminated();
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage
          .toCompletableFuture()
          .get(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "node did not start within " + START_TIMEOUT.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }
}
