package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.store.ChangePage;
import io.driftwatch.node.store.ChangeQuery;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.ContextEvent;
import io.driftwatch.node.store.ProbeRecord;
import io.driftwatch.node.store.Registry;
import io.driftwatch.node.store.RegistryEntry;
import io.driftwatch.node.store.SnapshotCodec;
import io.driftwatch.node.store.StoreException;
import io.driftwatch.node.store.StoredState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cassandra change store ("cassandra"): history in tables designed one per query (see
 * cassandra-schema/README.md), over one shared session, every statement prepared once, writes
 * asynchronous with a cap on requests in flight.
 *
 * <p>A probe's rows are written side by side, not atomically: a failed {@code recordProbe} may
 * leave some of them written. Every row is keyed by the event's unique id and carries fixed values,
 * so recording the same probe again (as a retry or the outage spool does) completes it without
 * duplicating anything. The host's progress row is written last, so the time facts are known as of
 * never gets ahead of the changes.
 */
public final class CassandraChangeStore implements ChangeStore {

  private static final Logger log = LoggerFactory.getLogger(CassandraChangeStore.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
  private static final Executor ENCODER = ForkJoinPool.commonPool();

  private final CqlSession session;
  private final boolean ownsSession;
  private final CassandraSettings settings;
  private final RequestLimiter limiter;
  private final HostDao hosts;
  private final ChangeEventDao changeWriter;
  private final ChangeHistoryDao history;
  private final SnapshotDao snapshots;
  private final ProgressDao progress;
  private final ContentDao contents;
  private final RegistryDao registries;
  private final ContextEventDao events;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object idle = new Object();
  private int calls;

  private CassandraChangeStore(
      CqlSession session, boolean ownsSession, CassandraSettings settings) {
    this.session = session;
    this.ownsSession = ownsSession;
    this.settings = settings;
    this.limiter = new RequestLimiter(settings.maxRequestsInFlight());
    BucketMarks marks = new BucketMarks(100_000);
    this.hosts = new HostDao(session, settings.keyspace(), limiter);
    this.changeWriter = new ChangeEventDao(session, settings.keyspace(), settings, limiter, marks);
    this.history = new ChangeHistoryDao(session, settings.keyspace(), limiter);
    this.snapshots = new SnapshotDao(session, settings.keyspace(), settings, limiter, marks);
    this.progress = new ProgressDao(session, settings.keyspace(), limiter);
    this.contents = new ContentDao(session, settings.keyspace(), limiter, marks);
    this.registries = new RegistryDao(session, settings.keyspace(), limiter);
    this.events = new ContextEventDao(session, settings.keyspace(), settings, limiter, marks);
  }

  /**
   * Connects with a session of its own (closed with the store), prepares the schema as configured
   * and the statements; throws {@link StoreException} saying what failed.
   */
  public static CassandraChangeStore open(CassandraSettings settings) {
    CqlSession session = CassandraSessions.open(settings);
    try {
      return start(session, true, settings);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** A store over a session the caller owns and closes (several stores may share one). */
  public static CassandraChangeStore open(CqlSession session, CassandraSettings settings) {
    return start(session, false, settings);
  }

  private static CassandraChangeStore start(
      CqlSession session, boolean owns, CassandraSettings settings) {
    CassandraSchema.prepare(session, settings);
    try {
      CassandraChangeStore store = new CassandraChangeStore(session, owns, settings);
      log.info(
          "Opened Cassandra store: keyspace [{}] at {}, consistency {}, retention {}",
          settings.keyspace(),
          CassandraSessions.describe(settings),
          settings.consistency(),
          settings.retention().isZero() ? "forever" : settings.retention());
      return store;
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot prepare the statements of the Cassandra store in keyspace "
              + settings.keyspace()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public String kind() {
    return "cassandra";
  }

  @Override
  public CompletionStage<Done> putHost(HostSpec host) {
    return write(
        "registering host " + Text.quote(host.name()), () -> hosts.put(host, Instant.now()));
  }

  @Override
  public CompletionStage<Done> removeHost(String name) {
    return write("removing host " + Text.quote(name), () -> hosts.remove(name, Instant.now()));
  }

  @Override
  public CompletionStage<List<HostSpec>> hosts() {
    return call("listing hosts", hosts::monitored);
  }

  @Override
  public CompletionStage<Optional<HostSpec>> host(String name) {
    return call("reading host " + Text.quote(name), () -> hosts.monitored(name));
  }

  @Override
  public CompletionStage<Done> recordProbe(ProbeRecord probe) {
    return write(
        "recording a probe of host " + Text.quote(probe.host()),
        () -> {
          CompletableFuture<Void> events =
              changeWriter.write(probe.changes()).toCompletableFuture();
          CompletableFuture<Void> files = contents.write(probe.contents()).toCompletableFuture();
          // Compressing a snapshot of many thousand facts is CPU work that does not belong on the
          // caller's thread, typically the host entity's.
          CompletableFuture<Optional<byte[]>> blob =
              probe.snapshot().isEmpty()
                  ? CompletableFuture.completedFuture(Optional.empty())
                  : CompletableFuture.supplyAsync(
                      () -> probe.snapshot().map(SnapshotCodec::encode), ENCODER);
          CompletableFuture<Void> snapshot =
              blob.thenCompose(
                  b ->
                      b.isEmpty()
                          ? CompletableFuture.completedFuture(null)
                          : snapshots
                              .write(
                                  probe.host(),
                                  probe.probedAt(),
                                  probe.snapshot().get().size(),
                                  b.get())
                              .toCompletableFuture());
          CompletableFuture<Void> rows = CompletableFuture.allOf(events, files, snapshot);
          // Last, so that the time the host's facts are known as of never runs ahead of them.
          return probe.observed()
              ? rows.thenCompose(v -> progress.probed(probe.host(), probe.probedAt(), blob.join()))
              : rows;
        });
  }

  @Override
  public CompletionStage<Optional<StoredState>> latest(String host) {
    return call(
        "reading the latest state of host " + Text.quote(host),
        () ->
            progress
                .read(host)
                .thenCompose(
                    found -> {
                      if (found.isEmpty()) {
                        return CompletableFuture.completedFuture(Optional.<StoredState>empty());
                      }
                      ProgressDao.Progress p = found.get();
                      Instant snapshotAt = p.snapshot().map(Snapshot::takenAt).orElse(null);
                      FactSet base = p.snapshot().map(Snapshot::facts).orElse(FactSet.empty());
                      // Counting what the replay finds, rather than keeping a counter, stays exact
                      // however often a probe was recorded: events are unique by id.
                      return history
                          .replay(host, snapshotAt, Buckets.MAX)
                          .thenApply(
                              changes ->
                                  Optional.of(
                                      new StoredState(
                                          base.apply(changes),
                                          p.lastProbeAt(),
                                          snapshotAt,
                                          changes.size())));
                    }));
  }

  @Override
  public CompletionStage<Optional<FactSet>> stateAt(String host, Instant at) {
    return call(
        "reading the state of host " + Text.quote(host) + " at " + at,
        () ->
            snapshots
                .newestAtOrBefore(host, at)
                .thenCompose(found -> found.isPresent() ? done(found) : progressSnapshot(host, at))
                .thenCompose(
                    snapshot ->
                        snapshot.isEmpty()
                            ? done(Optional.<FactSet>empty())
                            : history
                                .replay(host, snapshot.get().takenAt(), at)
                                .thenApply(
                                    changes ->
                                        Optional.of(snapshot.get().facts().apply(changes)))));
  }

  /**
   * The snapshot kept with the host's progress, if taken by {@code at}: with a retention TTL it
   * outlives the expired rows of host_snapshots when a host has been silent that long.
   */
  private CompletionStage<Optional<Snapshot>> progressSnapshot(String host, Instant at) {
    return progress
        .read(host)
        .thenApply(
            p -> p.flatMap(ProgressDao.Progress::snapshot).filter(s -> !s.takenAt().isAfter(at)));
  }

  @Override
  public CompletionStage<ChangePage> changes(ChangeQuery query) {
    return call("querying changes", () -> history.page(query));
  }

  @Override
  public CompletionStage<Optional<String>> content(String sha256) {
    return call("reading content " + Text.quote(sha256), () -> contents.read(sha256));
  }

  @Override
  public CompletionStage<Done> putRegistryEntry(RegistryEntry entry) {
    return write(
        "writing " + entry.registry().id() + " entry " + Text.quote(entry.name()),
        () -> registries.put(entry));
  }

  @Override
  public CompletionStage<List<RegistryEntry>> registry(Registry registry) {
    return call("listing " + registry.id(), () -> registries.current(registry));
  }

  @Override
  public CompletionStage<List<RegistryEntry>> registryHistory(Registry registry, String name) {
    return call(
        "reading the history of " + registry.id() + " entry " + Text.quote(name),
        () -> registries.history(registry, name));
  }

  @Override
  public CompletionStage<Done> addContextEvent(ContextEvent event) {
    return write("adding context event " + Text.quote(event.id()), () -> events.add(event));
  }

  @Override
  public CompletionStage<List<ContextEvent>> contextEvents(Instant from, Instant to, int limit) {
    if (limit < 1) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("limit must be at least 1, not " + limit));
    }
    return call("reading context events", () -> events.range(from, to, limit));
  }

  /**
   * Stops accepting calls, waits (up to a minute) for the calls in progress to finish, then closes
   * the session if the store opened it. Safe to call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    synchronized (idle) {
      while (calls > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn(
              "Cassandra store [{}]: {} calls still running after {}; closing anyway",
              settings.keyspace(),
              calls,
              CLOSE_TIMEOUT);
          break;
        }
        try {
          idle.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (ownsSession) {
      session.close();
    }
    log.info("Closed Cassandra store [{}]", settings.keyspace());
  }

  private <T> CompletionStage<T> call(String what, Supplier<? extends CompletionStage<T>> work) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(closedFailure(what));
    }
    synchronized (idle) {
      calls++;
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletionStage<T> stage;
    try {
      stage = work.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete(
        (value, error) -> {
          synchronized (idle) {
            calls--;
            idle.notifyAll();
          }
          if (error == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(failure(what, error));
          }
        });
    return result;
  }

  private CompletionStage<Done> write(String what, Supplier<CompletionStage<Void>> work) {
    return call(what, work).thenApply(v -> Done.done());
  }

  private StoreException failure(String what, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof StoreException e) {
      return e;
    }
    return new StoreException(
        what
            + " failed in Cassandra (keyspace "
            + settings.keyspace()
            + "): "
            + (cause.getMessage() == null ? cause.toString() : cause.getMessage()),
        cause);
  }

  private StoreException closedFailure(String what) {
    return new StoreException(
        what + " failed: the Cassandra store (keyspace " + settings.keyspace() + ") is closed",
        null);
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
