package io.driftwatch.node.store;

import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote store behind a durable local spool, so that probing goes on while the store is
 * unreachable or slow. A probe's record goes to the store; when the store fails or has not answered
 * within {@code write-timeout}, the record is appended to the spool ({@value SpoolFile#FILE_NAME}
 * in the data directory, on disk before the probe is acknowledged) and a drainer writes it to the
 * store once it answers, in order per host. Nothing acknowledged is lost: past its bound the spool
 * refuses records (the probe is then not believed, and found again later) instead of dropping any.
 *
 * <p>Drift registries and context events go straight to the store, never to the spool: while it is
 * unavailable they fail with its {@link StoreException}.
 *
 * <p>Reads go to the store. {@link #latest} also applies the host's spooled records, so that a host
 * entity recovering from it carries on from everything it was acknowledged; history queries ({@link
 * #changes}, {@link #stateAt}, {@link #content}) lag behind the spool until it drains.
 */
public final class SpoolingChangeStore implements ChangeStore {

  private static final Logger log = LoggerFactory.getLogger(SpoolingChangeStore.class);

  private final ChangeStore store;
  private final SpoolFile file;
  private final SpoolSettings settings;
  private final Clock clock;
  // Guarded by its own monitor; the drainer shares it.
  private final SpoolQueue queue;
  private final StoreAvailability availability;
  private final SpoolDrainer drainer;
  // Each host's last record still on its way, guarded by the map's monitor: a host's records are
  // placed one at a time in call order, so none can overtake another while a write is undecided.
  private final Map<String, CompletableFuture<Done>> inProgress = new HashMap<>();
  private boolean wasFull; // guarded by queue
  private volatile boolean closed;

  private SpoolingChangeStore(
      ChangeStore store, SpoolFile file, SpoolSettings settings, Clock clock, SpoolQueue queue) {
    this.store = store;
    this.file = file;
    this.settings = settings;
    this.clock = clock;
    this.queue = queue;
    this.availability = new StoreAvailability(store.kind(), file.path(), clock);
    this.drainer = new SpoolDrainer(store, file, queue, availability, settings, this::drained);
  }

  /**
   * Puts {@code store} behind a spool in {@code dataDir} and resumes draining whatever an earlier
   * run left in it. Takes ownership of {@code store}: closing the result closes it, and so does a
   * failure to open the spool.
   */
  public static SpoolingChangeStore open(ChangeStore store, Path dataDir, SpoolSettings settings) {
    SpoolFile file = null;
    List<SpoolQueue.Entry> waiting;
    try {
      file = SpoolFile.open(dataDir);
      waiting = await(file.run("reading the spool's index", SpoolRows::index), file.path());
    } catch (RuntimeException e) {
      if (file != null) {
        file.close();
      }
      store.close();
      throw e;
    }
    SpoolQueue queue = new SpoolQueue(settings.maxRecords(), settings.maxBytes());
    queue.restore(waiting);
    SpoolingChangeStore spooling =
        new SpoolingChangeStore(store, file, settings, Clock.systemUTC(), queue);
    spooling.noteFullness();
    if (waiting.isEmpty()) {
      log.info("Spool [{}] in front of store [{}] is empty", file.path(), store.kind());
    } else {
      log.info(
          "Spool [{}] holds {} records of {} hosts from an earlier run; writing them to store [{}]",
          file.path(),
          queue.records(),
          queue.hosts(),
          store.kind());
      spooling.drainer.wake();
    }
    return spooling;
  }

  @Override
  public String kind() {
    return store.kind();
  }

  @Override
  public CompletionStage<Done> putHost(HostSpec host) {
    return store.putHost(host);
  }

  @Override
  public CompletionStage<Done> removeHost(String name) {
    return store.removeHost(name);
  }

  @Override
  public CompletionStage<List<HostSpec>> hosts() {
    return store.hosts();
  }

  @Override
  public CompletionStage<Optional<HostSpec>> host(String name) {
    return store.host(name);
  }

  /**
   * Acknowledges once the record is in the store or, failing that within {@code write-timeout}, in
   * the spool on disk; fails only when neither took it (the spool full or its disk failing).
   */
  @Override
  public CompletionStage<Done> recordProbe(ProbeRecord probe) {
    CompletableFuture<Done> result = new CompletableFuture<>();
    CompletableFuture<Done> previous;
    synchronized (inProgress) {
      previous = inProgress.put(probe.host(), result);
    }
    CompletableFuture<?> turn =
        previous == null ? CompletableFuture.completedFuture(null) : previous.handle((d, e) -> d);
    turn.thenCompose(ignored -> record(probe))
        .whenComplete(
            (done, error) -> {
              if (error == null) {
                result.complete(done);
              } else {
                result.completeExceptionally(error);
              }
              synchronized (inProgress) {
                inProgress.remove(probe.host(), result);
              }
            });
    return result;
  }

  /**
   * The store's newest state of the host with its spooled records applied on top (see {@link
   * SpoolOverlay}).
   */
  @Override
  public CompletionStage<Optional<StoredState>> latest(String host) {
    boolean backlog;
    synchronized (queue) {
      backlog = queue.hasBacklog(host);
    }
    if (!backlog) {
      return store.latest(host);
    }
    // The spool first, the store second: a record drained in between is then read from both,
    // which is harmless; the other order could miss it in both.
    return file.run(
            "reading the spooled records of host " + Text.quote(host),
            rows -> decodeAll(rows.readHost(host)))
        .thenCompose(
            spooled -> store.latest(host).thenApply(stored -> SpoolOverlay.apply(stored, spooled)));
  }

  @Override
  public CompletionStage<Optional<FactSet>> stateAt(String host, Instant at) {
    return store.stateAt(host, at);
  }

  @Override
  public CompletionStage<ChangePage> changes(ChangeQuery query) {
    return store.changes(query);
  }

  @Override
  public CompletionStage<Optional<String>> content(String sha256) {
    return store.content(sha256);
  }

  // Registries and context events are not spooled: they are rare writes made by a person or a
  // tool that is told at once (503) when the store is unavailable and can try again, and a
  // definition acknowledged but not yet stored would be missing from every drift evaluation.

  @Override
  public CompletionStage<Done> putRegistryEntry(RegistryEntry entry) {
    return store.putRegistryEntry(entry);
  }

  @Override
  public CompletionStage<List<RegistryEntry>> registry(Registry registry) {
    return store.registry(registry);
  }

  @Override
  public CompletionStage<List<RegistryEntry>> registryHistory(Registry registry, String name) {
    return store.registryHistory(registry, name);
  }

  @Override
  public CompletionStage<Done> addContextEvent(ContextEvent event) {
    return store.addContextEvent(event);
  }

  @Override
  public CompletionStage<List<ContextEvent>> contextEvents(Instant from, Instant to, int limit) {
    return store.contextEvents(from, to, limit);
  }

  @Override
  public Optional<SpoolStatus> spool() {
    StoreAvailability.Seen seen = availability.seen();
    synchronized (queue) {
      return Optional.of(
          new SpoolStatus(
              queue.records(),
              queue.bytes(),
              queue.hosts(),
              queue.oldestSpooledAt(),
              queue.maxRecords(),
              queue.maxBytes(),
              seen.available(),
              seen.lastError(),
              seen.lastErrorAt()));
    }
  }

  /**
   * Lets records already handed over reach the store or the spool, stops draining, then closes the
   * spool and the store. What still waits is drained by the next start.
   */
  @Override
  public void close() {
    List<CompletableFuture<Done>> pending;
    synchronized (inProgress) {
      if (closed) {
        return;
      }
      closed = true;
      pending = new ArrayList<>(inProgress.values());
    }
    awaitQuietly(
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)),
        settings.writeTimeout().plusSeconds(30));
    drainer.close();
    file.close();
    store.close();
    long waiting;
    synchronized (queue) {
      waiting = queue.records();
    }
    log.info("Closed spool [{}] with {} records waiting", file.path(), waiting);
  }

  private CompletableFuture<Done> record(ProbeRecord probe) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new StoreException(
              "recording a probe of host " + Text.quote(probe.host()) + " failed: store closed",
              null));
    }
    boolean storeAvailable = availability.available();
    boolean mustSpool;
    synchronized (queue) {
      mustSpool = queue.mustSpool(probe.host(), storeAvailable);
    }
    return mustSpool ? spool(probe) : writeThrough(probe);
  }

  private CompletableFuture<Done> writeThrough(ProbeRecord probe) {
    return SpoolDrainer.attempt(store, probe, settings.writeTimeout())
        .handle((done, error) -> error)
        .thenCompose(
            error -> {
              if (error == null) {
                availability.succeeded();
                drainer.storeAnswered();
                return CompletableFuture.completedFuture(Done.done());
              }
              availability.failed(StoreAvailability.describe(error, settings.writeTimeout()));
              return spool(probe);
            });
  }

  /** Appends the record to the spool (or puts it in place of an older time-only one). */
  private CompletableFuture<Done> spool(ProbeRecord probe) {
    return file.run(
            "spooling a probe of host " + Text.quote(probe.host()),
            rows -> {
              place(rows, probe);
              return Done.done();
            })
        .whenComplete((done, error) -> afterSpooling());
  }

  /** On the spool's thread: decide where the record goes, write it, then commit the decision. */
  private void place(SpoolRows rows, ProbeRecord probe) throws SQLException {
    byte[] blob = ProbeRecordCodec.encode(probe);
    boolean timeOnly = SpoolQueue.timeOnly(probe);
    SpoolQueue.Placement placement;
    synchronized (queue) {
      placement = queue.place(probe.host(), timeOnly, blob.length);
    }
    if (placement instanceof SpoolQueue.Placement.Refuse refuse) {
      throw new StoreException(fullMessage(probe, refuse), null);
    }
    try {
      if (placement instanceof SpoolQueue.Placement.Replace replace) {
        rows.replace(replace.tail().seq(), probe, blob);
        synchronized (queue) {
          queue.replaced(replace);
        }
      } else {
        Instant now = clock.instant();
        long seq = rows.append(probe, timeOnly, blob, now);
        synchronized (queue) {
          queue.appended((SpoolQueue.Placement.Append) placement, seq, now);
        }
      }
    } catch (SQLException | RuntimeException e) {
      synchronized (queue) {
        queue.cancel(placement);
      }
      throw e;
    }
  }

  private String fullMessage(ProbeRecord probe, SpoolQueue.Placement.Refuse refuse) {
    StoreAvailability.Seen seen = availability.seen();
    String store =
        seen.available()
            ? "store [" + kind() + "] is still catching up"
            : "store [" + kind() + "] is unavailable: " + seen.lastError().orElse("unknown");
    return "the spool is full ("
        + refuse.reason()
        + ") and "
        + store
        + "; the probe of host "
        + Text.quote(probe.host())
        + " is not recorded, and hosts pause probing until the backlog drains";
  }

  private void afterSpooling() {
    noteFullness();
    drainer.wake();
  }

  private void drained() {
    noteFullness();
    boolean empty;
    synchronized (queue) {
      empty = queue.isEmpty();
    }
    if (empty) {
      log.info("Spool [{}] drained: every record is in store [{}]", file.path(), kind());
      // Cheap on an empty spool, and a long outage's backlog leaves no large file behind.
      file.run(
          "compacting the spool",
          rows -> {
            rows.compact();
            return Done.done();
          });
    }
  }

  /** Logs when the spool becomes full and when it has room again, not at every refusal. */
  private void noteFullness() {
    boolean full;
    boolean changed;
    long records;
    long bytes;
    synchronized (queue) {
      full = queue.full();
      changed = full != wasFull;
      wasFull = full;
      records = queue.records();
      bytes = queue.bytes();
    }
    if (changed && full) {
      log.warn(
          "Spool [{}] is full ({} records, {} bytes; max-records {}, max-bytes {}): probes are"
              + " refused and hosts pause probing until it drains",
          file.path(),
          records,
          bytes,
          settings.maxRecords(),
          settings.maxBytes());
    } else if (changed) {
      log.info(
          "Spool [{}] has room again ({} records waiting); probing resumes", file.path(), records);
    }
  }

  private static List<ProbeRecord> decodeAll(List<byte[]> blobs) {
    List<ProbeRecord> records = new ArrayList<>(blobs.size());
    for (byte[] blob : blobs) {
      records.add(ProbeRecordCodec.decode(blob));
    }
    return records;
  }

  private static <T> T await(CompletableFuture<T> stage, Path path) {
    try {
      return stage.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new StoreException("cannot read the spool " + path + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while reading the spool " + path, e);
    }
  }

  private static void awaitQuietly(CompletableFuture<?> stage, Duration timeout) {
    try {
      stage.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // Their callers have the failures.
    } catch (TimeoutException e) {
      log.warn("Records still on their way after {}s are not waited for", timeout.toSeconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
