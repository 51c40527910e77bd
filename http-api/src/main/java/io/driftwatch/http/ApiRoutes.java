package io.driftwatch.http;

import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRegistry;
import io.driftwatch.coordinator.inventory.InventoryImporter;
import io.driftwatch.coordinator.stream.Notifications;
import io.driftwatch.node.host.HostMetrics;
import io.driftwatch.node.store.ChangeStore;
import java.time.Clock;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** All of API v1 under {@code /v1} and {@code /metrics}, wrapped in the JSON error handling. */
public final class ApiRoutes extends AllDirectives {

  private final ErrorHandling errors;
  private final ApiAuth auth;
  private final HealthRoutes health;
  private final MetricsRoutes metrics;
  private final HostRoutes hosts;
  private final DiffRoutes diff;
  private final FleetRoutes fleet;
  private final InventoryRoutes inventory;
  private final Optional<Notifications> notifications;

  public ApiRoutes(
      ActorSystem<?> system,
      ChangeStore store,
      HostRegistry registry,
      HostQueries queries,
      FleetQueries fleet,
      InventoryImporter imports,
      HostMetrics hostMetrics,
      Clock clock,
      ApiSettings settings) {
    this(system, store, registry, queries, fleet, imports, hostMetrics, clock, settings, null);
  }

  /** With notifications: {@code /v1/stream}, {@code /v1/webhooks} and their metrics. */
  public ApiRoutes(
      ActorSystem<?> system,
      ChangeStore store,
      HostRegistry registry,
      HostQueries queries,
      FleetQueries fleet,
      InventoryImporter imports,
      HostMetrics hostMetrics,
      Clock clock,
      ApiSettings settings,
      Notifications notifications) {
    this.notifications = Optional.ofNullable(notifications);
    Json json = new Json(system);
    this.errors = new ErrorHandling(json);
    this.auth = new ApiAuth(settings.token());
    this.health = new HealthRoutes(system, store, json, clock);
    this.metrics =
        new MetricsRoutes(store, hostMetrics, clock, this.notifications.map(Notifications::hub));
    this.hosts = new HostRoutes(registry, queries, json, errors, clock, settings.defaultInterval());
    this.diff = new DiffRoutes(queries, json, clock);
    this.fleet = new FleetRoutes(fleet, json, clock);
    this.inventory = new InventoryRoutes(imports, json, settings.defaultInterval());
  }

  /**
   * Health and metrics stay open for load balancers, Kubernetes probes and scrapers (they hold
   * counts, no host names or facts); everything else may need a token.
   */
  public Route routes() {
    return errors.wrap(
        concat(
            pathPrefix(
                "v1",
                () ->
                    concat(
                        health.routes(),
                        auth.require(
                            () ->
                                concat(
                                    hosts.routes(),
                                    diff.routes(),
                                    fleet.routes(),
                                    inventory.routes(),
                                    stream())))),
            metrics.routes()));
  }

  private Route stream() {
    return notifications
        .map(n -> concat(new StreamRoutes(n).routes(), new WebhookRoutes(n).routes()))
        .orElseGet(this::reject);
  }
}
