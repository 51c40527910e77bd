package io.driftwatch.node.context;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change contexts from the host's logs: fetches them over the host's transport ({@link LogFetcher}
 * per transport; a transport without one, like simulated hosts, has no records), reads and parses
 * them on a bounded pool ({@link HostLogReader}) and attributes them ({@link ContextAttribution}).
 * Any failure or a deadline leaves the changes as they were.
 */
public final class LogContexts implements ChangeContexts {

  private static final Logger log = LoggerFactory.getLogger(LogContexts.class);

  private final Map<Transport, LogFetcher> fetchers;
  private final Executor executor;
  private final ContextSettings settings;

  /**
   * @param executor where logs are read and parsed: blocking work, off the actors' threads
   */
  public LogContexts(
      Map<Transport, LogFetcher> fetchers, Executor executor, ContextSettings settings) {
    this.fetchers = fetchers.isEmpty() ? Map.of() : new EnumMap<>(fetchers);
    this.executor = executor;
    this.settings = settings;
  }

  @Override
  public CompletionStage<List<ChangeEvent>> attribute(HostSpec host, List<ChangeEvent> changes) {
    LogFetcher fetcher = fetchers.get(host.transport());
    if (!settings.enabled() || fetcher == null || changes.isEmpty()) {
      return CompletableFuture.completedFuture(changes);
    }
    Instant from =
        changes.stream()
            .map(ChangeEvent::windowFrom)
            .filter(Objects::nonNull)
            .min(Instant::compareTo)
            .map(t -> t.minus(settings.slack()))
            .orElse(null);
    Instant to =
        changes.stream().map(ChangeEvent::detectedAt).max(Instant::compareTo).orElseThrow();
    CompletableFuture<List<ChangeEvent>> attributed;
    try {
      attributed =
          fetcher
              .fetch(host)
              .thenApplyAsync(
                  source -> {
                    HostLogs logs =
                        HostLogReader.read(
                            source, settings.tailBytes(), from, to.plus(settings.slack()));
                    if (!logs.problems().isEmpty()) {
                      log.debug("Context of [{}]: {}", host.name(), logs.problems());
                    }
                    return ContextAttribution.attribute(
                        changes, logs, settings.slack(), settings.maxRecords());
                  },
                  executor)
              .toCompletableFuture();
    } catch (RejectedExecutionException | IllegalStateException e) {
      return CompletableFuture.completedFuture(changes);
    }
    return attributed
        .orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(
            failure -> {
              log.info(
                  "Context of [{}] not read, changes recorded without it: {}",
                  host.name(),
                  failure.getCause() != null ? failure.getCause().toString() : failure.toString());
              return changes;
            });
  }
}
