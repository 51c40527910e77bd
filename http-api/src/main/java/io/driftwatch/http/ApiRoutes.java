package io.driftwatch.http;

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
  private final StreamRoutes stream;
  private final WebhookRoutes webhooks;

  public ApiRoutes(ActorSystem<?> system, ApiServices s, Clock clock, ApiSettings settings) {
    Json json = new Json(system);
    this.errors = new ErrorHandling(json);
    this.auth = new ApiAuth(settings.token());
    this.health = new HealthRoutes(system, s.store(), json, clock);
    this.metrics = new MetricsRoutes(s.store(), s.hostMetrics(), clock, s.notifications().hub());
    this.hosts =
        new HostRoutes(
            s.registry(),
            s.queries(),
            json,
            errors,
            clock,
            settings.defaultInterval(),
            s.contextEvents(),
            s.contentDiffs());
    this.diff = new DiffRoutes(s.queries(), json, clock, s.contentDiffs());
    this.fleet = new FleetRoutes(s.fleet(), json, clock);
    this.inventory = new InventoryRoutes(s.imports(), json, settings.defaultInterval());
    this.drift = new DriftRoutes(s.drift(), json);
    this.policies = new PolicyRoutes(s.policies(), json, clock);
    this.events = new EventRoutes(s.contextEvents(), json, clock);
    this.stream = new StreamRoutes(s.notifications());
    this.webhooks = new WebhookRoutes(s.notifications());
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
                                    events.routes(),
                                    stream.routes(),
                                    webhooks.routes())))),
            metrics.routes()));
  }
}
