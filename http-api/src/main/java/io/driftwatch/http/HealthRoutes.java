package io.driftwatch.http;

import io.driftwatch.node.store.ChangeStore;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /v1/health}: is this node serving, how many members and hosts it sees. */
final class HealthRoutes extends AllDirectives {

  private final ActorSystem<?> system;
  private final ChangeStore store;
  private final Json json;

  HealthRoutes(ActorSystem<?> system, ChangeStore store, Json json) {
    this.system = system;
    this.store = store;
    this.json = json;
  }

  Route routes() {
    return path("health", () -> get(this::health));
  }

  private Route health() {
    int members = 0;
    for (var member : Cluster.get(system).state().getMembers()) {
      if (member.status() == MemberStatus.up()) {
        members++;
      }
    }
    int up = members;
    return onSuccess(
        store.hosts(),
        hosts ->
            completeOK(
                new Wire.Health("ok", up, hosts.size(), store.kind(), Version.current()),
                json.marshaller()));
  }
}
