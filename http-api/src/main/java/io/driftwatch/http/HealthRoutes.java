package io.driftwatch.http;

import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.SpoolStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/health}: is this node serving, how many members are up and how it sees the
 * cluster, how many hosts it monitors, and its store's state. It answers {@code "status":"ok"}
 * whenever the node serves, also while the store is down (then {@code "degraded":true}, with the
 * spool's backlog): probes go on and are kept meanwhile.
 */
final class HealthRoutes extends AllDirectives {

  // A store that hangs must not hang health checks; the host count is then left out.
  private static final Duration STORE_DEADLINE = Duration.ofSeconds(2);

  private final ActorSystem<?> system;
  private final ChangeStore store;
  private final Json json;
  private final Clock clock;

  HealthRoutes(ActorSystem<?> system, ChangeStore store, Json json, Clock clock) {
    this.system = system;
    this.store = store;
    this.json = json;
    this.clock = clock;
  }

  Route routes() {
    return path("health", () -> get(this::health));
  }

  private Route health() {
    return onSuccess(hostCount(), hosts -> completeOK(health(hosts), json.marshaller()));
  }

  private Wire.Health health(Integer hosts) {
    Cluster cluster = Cluster.get(system);
    CurrentClusterState state = cluster.state();
    int members = 0;
    for (var member : state.getMembers()) {
      if (member.status() == MemberStatus.up()) {
        members++;
      }
    }
    Optional<SpoolStatus> spool = store.spool();
    Wire.Store described =
        new Wire.Store(
            store.kind(),
            spool.map(SpoolStatus::storeAvailable).orElse(null),
            spool.map(s -> Wire.Spool.of(s, clock.instant())).orElse(null));
    boolean degraded = hosts == null || spool.map(SpoolStatus::degraded).orElse(false);
    return new Wire.Health(
        "ok",
        members,
        hosts,
        described,
        degraded,
        Version.current(),
        Wire.ClusterView.of(state, cluster.selfMember().address()));
  }

  /** The number of monitored hosts, or null when the store does not answer in time. */
  private CompletionStage<Integer> hostCount() {
    // The deadline completes a future of its own (thenApply's), never the store's.
    return store
        .hosts()
        .thenApply(List::size)
        .toCompletableFuture()
        .orTimeout(STORE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .handle((count, error) -> error == null ? count : null);
  }
}
