package io.driftwatch.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.driftwatch.coordinator.HostDefinition;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRegistry;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.content.ContentDiff;
import io.driftwatch.coordinator.content.ContentDiffs;
import io.driftwatch.coordinator.context.ContextEvents;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.host.HostEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code /v1/hosts}: register, list, show and remove hosts; probe one now; its facts now or at any
 * past instant; its change history, with the context events around each change and, with {@code
 * content=true}, the content diffs of tracked files.
 */
final class HostRoutes extends AllDirectives {

  private final HostRegistry registry;
  private final HostQueries queries;
  private final Json json;
  private final ErrorHandling errors;
  private final Clock clock;
  private final Duration defaultInterval;
  private final ContextEvents contextEvents;
  private final ContentDiffs contentDiffs;

  HostRoutes(
      HostRegistry registry,
      HostQueries queries,
      Json json,
      ErrorHandling errors,
      Clock clock,
      Duration defaultInterval,
      ContextEvents contextEvents,
      ContentDiffs contentDiffs) {
    this.registry = registry;
    this.queries = queries;
    this.contextEvents = contextEvents;
    this.contentDiffs = contentDiffs;
    this.json = json;
    this.errors = errors;
    this.clock = clock;
    this.defaultInterval = defaultInterval;
  }

  Route routes() {
    return pathPrefix(
        "hosts",
        () ->
            concat(
                pathEndOrSingleSlash(() -> get(this::list)),
                pathPrefix(
                    segment(),
                    name ->
                        concat(
                            pathEndOrSingleSlash(
                                () ->
                                    concat(
                                        get(() -> show(name)),
                                        put(() -> register(name)),
                                        delete(() -> remove(name)))),
                            path("probe", () -> post(() -> probe(name))),
                            path("facts", () -> get(() -> facts(name))),
                            path("changes", () -> get(() -> changes(name)))))));
  }

  private Route list() {
    return parameterOptional(
        "selector",
        selector ->
            onSuccess(
                registry.list(Selector.parse(selector.orElse(""))),
                hosts ->
                    completeOK(
                        new Wire.Hosts(hosts.stream().map(Wire.Host::of).toList()),
                        json.marshaller())));
  }

  private Route show(String name) {
    return onSuccess(
        registry.get(Params.hostName(name)),
        status -> completeOK(Wire.Host.of(status), json.marshaller()));
  }

  private Route register(String name) {
    return entity(
        Unmarshaller.entityToString(),
        body -> {
          String host = Params.hostName(name);
          HostDefinition definition = json.parse(body, HostDefinition.class);
          return onSuccess(
              registry.register(definition.toSpec(host, defaultInterval)),
              r ->
                  complete(
                      r.created() ? StatusCodes.CREATED : StatusCodes.OK,
                      Wire.Host.of(r.status()),
                      json.marshaller()));
        });
  }

  private Route remove(String name) {
    String host = Params.hostName(name);
    return onSuccess(
        registry.remove(host),
        done -> completeOK(Map.of("host", host, "removed", true), json.marshaller()));
  }

  private Route probe(String name) {
    String host = Params.hostName(name);
    return onSuccess(
        queries.probe(host),
        reply -> {
          if (reply instanceof HostEntity.Probed p) {
            return completeOK(Wire.Probe.of(host, p), json.marshaller());
          }
          if (reply instanceof HostEntity.ProbeFailed f) {
            return errors.error(
                StatusCodes.SERVICE_UNAVAILABLE,
                "probe failed",
                Map.of("host", host, "reason", f.reason(), "message", f.detail()));
          }
          return errors.error(StatusCodes.NOT_FOUND, "not found", "unknown host " + host);
        });
  }

  private Route facts(String name) {
    return parameterOptional(
        "prefix",
        prefix ->
            parameterOptional(
                "at",
                at -> {
                  String host = Params.hostName(name);
                  Instant when = Params.time("at", at, clock.instant(), null);
                  return onSuccess(
                      queries.facts(host, Params.prefix(prefix), when),
                      facts -> completeOK(Wire.Facts.of(facts), json.marshaller()));
                }));
  }

  private Route changes(String name) {
    return parameterOptional(
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
                                    parameterOptional(
                                        "content",
                                        content ->
                                            changes(
                                                name, since, until, prefix, limit, content))))));
  }

  private Route changes(
      String name,
      Optional<String> since,
      Optional<String> until,
      Optional<String> prefix,
      Optional<String> limit,
      Optional<String> content) {
    String host = Params.hostName(name);
    boolean diffs = Params.flag("content", content);
    Instant now = clock.instant();
    TimeRange range =
        new TimeRange(
            Params.time("since", since, now, Instant.EPOCH), Params.time("until", until, now, now));
    return onSuccess(
        queries
            .changes(host, range, Params.prefix(prefix), Params.limit(limit))
            .thenCompose(
                page -> {
                  CompletionStage<Map<String, ContentDiff>> contents =
                      diffs
                          ? contentDiffs.ofChanges(page.changes())
                          : CompletableFuture.completedFuture(Map.of());
                  return contextEvents
                      .aroundHost(host, page.changes())
                      .thenCombine(
                          contents,
                          (around, texts) ->
                              new Wire.Changes(
                                  host,
                                  range.from(),
                                  range.to(),
                                  page.truncated(),
                                  page.changes().stream()
                                      .map(c -> Wire.Change.of(c, around.of(c), texts.get(c.id())))
                                      .toList(),
                                  around.unavailable()));
                }),
        changes -> completeOK(changes, json.marshaller()));
  }
}
