package io.driftwatch.http;

import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRef;
import java.time.Clock;
import java.time.Instant;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/diff?left=A[@t]&right=B[@t][&prefix=]}: host against host, or a host against
 * itself at another time.
 */
final class DiffRoutes extends AllDirectives {

  private final HostQueries queries;
  private final Json json;
  private final Clock clock;

  DiffRoutes(HostQueries queries, Json json, Clock clock) {
    this.queries = queries;
    this.json = json;
    this.clock = clock;
  }

  Route routes() {
    return path(
        "diff",
        () ->
            get(
                () ->
                    parameterOptional(
                        "left",
                        left ->
                            parameterOptional(
                                "right",
                                right ->
                                    parameterOptional(
                                        "prefix",
                                        prefix -> {
                                          Instant now = clock.instant();
                                          HostRef l = side("left", left.orElse(null), now);
                                          HostRef r = side("right", right.orElse(null), now);
                                          return onSuccess(
                                              queries.diff(l, r, Params.prefix(prefix)),
                                              diff ->
                                                  completeOK(
                                                      Wire.Diff.of(diff), json.marshaller()));
                                        })))));
  }

  private static HostRef side(String parameter, String value, Instant now) {
    try {
      return HostRef.parse(value, now);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(parameter + ": " + e.getMessage());
    }
  }
}
