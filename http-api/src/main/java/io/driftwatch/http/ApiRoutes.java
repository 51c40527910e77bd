package io.driftwatch.http;

import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRegistry;
import io.driftwatch.coordinator.content.ContentDiffs;
import io.driftwatch.coordinator.context.ContextEvents;
import io.driftwatch.coordinator.drift.DriftQueries;
import io.driftwatch.coordinator.drift.PolicyRegistry;
import io.driftwatch.coordinator.inventory.InventoryImporter;
import io.driftwatch.node.host.HostMetrics;
import io.driftwatch.node.store.ChangeStore;
import java.time.Clock;
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
  private final DriftRoutes drift;
  private final PolicyRoutes policies;
  private final EventRoutes events;

  public ApiRoutes(
      ActorSystem<?> system,
      ChangeStore store,
      HostRegistry registry,
      HostQueries queries,
      FleetQueries fleet,
      DriftQueries drift,
      InventoryImporter imports,
      PolicyRegistry policies,
      HostMetrics hostMetrics,
      Clock clock,
      ApiSettings settings,
      ContextEvents contextEvents,
      ContentDiffs contentDiffs) {
    Json json = new Json(system);
    this.errors = new ErrorHandling(json);
    this.auth = new ApiAuth(settings.token());
    this.health = new HealthRoutes(system, store, json, clock);
    this.metrics = new MetricsRoutes(store, hostMetrics, clock);
    this.hosts =
        new HostRoutes(
            registry,
            queries,
            json,
            errors,
            clock,
            settings.defaultInterval(),
            contextEvents,
            contentDiffs);
    this.diff = new DiffRoutes(queries, json, clock, contentDiffs);
    this.fleet = new FleetRoutes(fleet, json, clock);
    this.inventory = new InventoryRoutes(imports, json, settings.defaultInterval());
    this.drift = new DriftRoutes(drift, json);
    this.policies = new PolicyRoutes(policies, json, clock);
    this.events = new EventRoutes(contextEvents, json, clock);
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
                                    drift.routes(),
                                    policies.routes(),
                                    events.routes())))),
            metrics.routes()));
  }
}
