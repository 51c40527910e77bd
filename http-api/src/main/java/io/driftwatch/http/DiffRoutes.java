package io.driftwatch.http;

import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRef;
import io.driftwatch.coordinator.content.ContentDiffs;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/diff?left=A[@t]&right=B[@t][&prefix=][&content=true]}: host against host, or a
 * host against itself at another time; with {@code content=true} each differing tracked text file
 * also as a unified diff.
 */
final class DiffRoutes extends AllDirectives {

  private final HostQueries queries;
  private final Json json;
  private final Clock clock;
  private final ContentDiffs contentDiffs;

  DiffRoutes(HostQueries queries, Json json, Clock clock, ContentDiffs contentDiffs) {
    this.queries = queries;
    this.contentDiffs = contentDiffs;
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
                                        prefix ->
                                            parameterOptional(
                                                "content",
                                                content -> diff(left, right, prefix, content)))))));
  }

  private Route diff(
      Optional<String> left,
      Optional<String> right,
      Optional<String> prefix,
      Optional<String> content) {
    Instant now = clock.instant();
    HostRef l = side("left", left.orElse(null), now);
    HostRef r = side("right", right.orElse(null), now);
    boolean diffs = Params.flag("content", content);
    return onSuccess(
        queries
            .diff(l, r, Params.prefix(prefix))
            .thenCompose(
                d ->
                    (diffs
                            ? contentDiffs.ofDifferences(
                                l.host(), d.leftAt(), r.host(), d.rightAt(), d.differences())
                            : CompletableFuture.completedFuture(
                                Map.<String, io.driftwatch.coordinator.content.ContentDiff>of()))
                        .thenApply(texts -> Wire.Diff.of(d, texts))),
        diff -> completeOK(diff, json.marshaller()));
  }

  private static HostRef side(String parameter, String value, Instant now) {
    try {
      return HostRef.parse(value, now);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(parameter + ": " + e.getMessage());
    }
  }
}
