package io.driftwatch.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.fact.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Questions about many hosts at once: {@code GET /v1/fleet/diff?selector=&prefix=&at=&limit=}
 * (which hosts are not like the others, and how) and {@code GET
 * /v1/changes?selector=&since=&until=&prefix=&limit=} (fleet change sets).
 */
final class FleetRoutes extends AllDirectives {

  /** Fleet change sets look back this far unless asked otherwise. */
  static final Duration DEFAULT_CHANGES_SINCE = Duration.ofHours(24);

  /** Keys listed in a fleet diff unless asked otherwise. */
  static final int DEFAULT_DIFF_LIMIT = 1000;

  private final FleetQueries fleet;
  private final Json json;
  private final Clock clock;

  FleetRoutes(FleetQueries fleet, Json json, Clock clock) {
    this.fleet = fleet;
    this.json = json;
    this.clock = clock;
  }

  Route routes() {
    return concat(
        path(
            segment("fleet").slash("diff"),
            () ->
                get(
                    () ->
                        parameterOptional(
                            "selector",
                            selector ->
                                parameterOptional(
                                    "prefix",
                                    prefix ->
                                        parameterOptional(
                                            "at",
                                            at ->
                                                parameterOptional(
                                                    "limit",
                                                    limit ->
                                                        diff(selector, prefix, at, limit))))))),
        path(
            "changes",
            () ->
                get(
                    () ->
                        parameterOptional(
                            "selector",
                            selector ->
                                parameterOptional(
                                    "since",
                                    since ->
                                        parameterOptional(
                                            "until",
                                            until ->
                                                parameterOptional(
                                                    "prefix",
                                                    prefix ->
                                                        parameterOptional(
                                                            "limit",
                                                            limit ->
                                                                changes(
                                                                    selector, since, until, prefix,
                                                                    limit)))))))));
  }

  private Route diff(
      Optional<String> selector,
      Optional<String> prefix,
      Optional<String> at,
      Optional<String> limit) {
    Selector hosts = selector(selector);
    Instant when = Params.time("at", at, clock.instant(), null);
    int keys = limit.isEmpty() ? DEFAULT_DIFF_LIMIT : Params.limit(limit);
    return onSuccess(
        fleet.diff(hosts, Params.prefix(prefix), when, keys),
        diff -> completeOK(Wire.FleetDiff.of(diff), json.marshaller()));
  }

  private Route changes(
      Optional<String> selector,
      Optional<String> since,
      Optional<String> until,
      Optional<String> prefix,
      Optional<String> limit) {
    Selector hosts = selector(selector);
    Instant now = clock.instant();
    TimeRange range =
        new TimeRange(
            Params.time("since", since, now, now.minus(DEFAULT_CHANGES_SINCE)),
            Params.time("until", until, now, now));
    return onSuccess(
        fleet.changes(hosts, range, Params.prefix(prefix), Params.limit(limit)),
        changes -> completeOK(Wire.FleetChanges.of(changes), json.marshaller()));
  }

  private static Selector selector(Optional<String> text) {
    try {
      return Selector.parse(text.orElse(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("selector: " + e.getMessage());
    }
  }
}
