package io.driftwatch.node.store;

import io.driftwatch.node.fact.Text;
import io.driftwatch.node.ssh.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes spooled records to the store: each host's oldest waiting record, several hosts at once but
 * never two records of one host, each deleted from the spool only after the store acknowledged it.
 * While the store keeps failing, attempts pause with a growing back-off.
 *
 * <p>A write that failed ambiguously (timed out, or acknowledged just before the node died and
 * before its record was deleted) is simply written again: {@link ChangeStore#recordProbe} is
 * idempotent by event id, and a repeated record never moves a host's progress backwards (the store
 * contract tests both).
 */
final class SpoolDrainer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SpoolDrainer.class);

  private enum Outcome {
    DRAINED,
    STORE_FAILED,
    SPOOL_FAILED
  }

  private final ChangeStore store;
  private final SpoolFile file;
  private final SpoolQueue queue;
  private final StoreAvailability availability;
  private final SpoolSettings settings;
  private final Runnable afterDrain;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "driftwatch-spool-drain");
            t.setDaemon(true);
            return t;
          });

  // Guarded by queue, like the queue itself.
  private int inFlight;
  private Backoff backoff;
  private ScheduledFuture<?> resume;
  private boolean closed;

  /**
   * @param afterDrain called after each drained record, outside any lock
   */
  SpoolDrainer(
      ChangeStore store,
      SpoolFile file,
      SpoolQueue queue,
      StoreAvailability availability,
      SpoolSettings settings,
      Runnable afterDrain) {
    this.store = store;
    this.file = file;
    this.queue = queue;
    this.availability = availability;
    this.settings = settings;
    this.afterDrain = afterDrain;
    this.backoff = Backoff.none(settings.backoffInitial(), settings.backoffMax());
  }

  /**
   * One attempt to record {@code probe} in {@code store}: fails with a {@link
   * java.util.concurrent.TimeoutException} when it has not answered within {@code deadline} (the
   * write itself may still land later).
   */
  static CompletableFuture<Done> attempt(ChangeStore store, ProbeRecord probe, Duration deadline) {
    CompletableFuture<Done> written;
    try {
      // A copy, so that the deadline never completes a future the store holds on to.
      written = store.recordProbe(probe).toCompletableFuture().copy();
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    return written.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts on whatever waits, if anything; again after each new record. */
  void wake() {
    List<SpoolQueue.Entry> batch = new ArrayList<>();
    synchronized (queue) {
      if (closed || resume != null) {
        return;
      }
      while (inFlight < settings.drainParallelism()) {
        Optional<SpoolQueue.Entry> next = queue.nextToDrain();
        if (next.isEmpty()) {
          break;
        }
        inFlight++;
        batch.add(next.get());
      }
    }
    batch.forEach(this::drain);
  }

  /** A probe's own write just succeeded: the store is back, so no need to wait out the back-off. */
  void storeAnswered() {
    synchronized (queue) {
      backoff = Backoff.none(settings.backoffInitial(), settings.backoffMax());
      if (resume == null) {
        return;
      }
      resume.cancel(false);
      resume = null;
    }
    wake();
  }

  /** Stops starting writes; those in flight end on their own (an undeleted record is re-sent). */
  @Override
  public void close() {
    synchronized (queue) {
      closed = true;
      if (resume != null) {
        resume.cancel(false);
      }
    }
    timer.shutdownNow();
  }

  private void drain(SpoolQueue.Entry entry) {
    file.run("reading spooled record " + entry.seq(), rows -> rows.read(entry.seq()))
        .thenApply(ProbeRecordCodec::decode)
        .whenComplete(
            (probe, error) -> {
              if (error != null) {
                finish(entry, Outcome.SPOOL_FAILED, error);
              } else {
                write(entry, probe);
              }
            });
  }

  private void write(SpoolQueue.Entry entry, ProbeRecord probe) {
    attempt(store, probe, settings.drainTimeout())
        .whenComplete(
            (done, error) -> {
              if (error != null) {
                availability.failed(StoreAvailability.describe(error, settings.drainTimeout()));
                finish(entry, Outcome.STORE_FAILED, error);
              } else {
                availability.succeeded();
                delete(entry);
              }
            });
  }

  private void delete(SpoolQueue.Entry entry) {
    file.run(
            "deleting drained record " + entry.seq(),
            rows -> {
              rows.delete(entry.seq());
              return Done.done();
            })
        .whenComplete(
            (done, error) ->
                finish(entry, error == null ? Outcome.DRAINED : Outcome.SPOOL_FAILED, error));
  }

  private void finish(SpoolQueue.Entry entry, Outcome outcome, Throwable error) {
    Duration pause = null;
    boolean closing;
    synchronized (queue) {
      closing = closed;
      inFlight--;
      if (outcome == Outcome.DRAINED) {
        queue.drained(entry);
        backoff = Backoff.none(settings.backoffInitial(), settings.backoffMax());
      } else {
        queue.release(entry);
        // Several writes in flight fail together in an outage: one pause for all of them.
        if (resume == null && !closed) {
          backoff = backoff.failed();
          pause = backoff.delay();
          resume = timer.schedule(this::resume, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    }
    if (outcome == Outcome.SPOOL_FAILED && !closing) {
      // The record stays; the store will see it again, which is harmless. Not the store's fault.
      log.warn(
          "Spool [{}]: record {} of host {} not drained: {}",
          file.path(),
          entry.seq(),
          Text.quote(entry.host()),
          StoreAvailability.describe(error, settings.drainTimeout()));
    }
    if (pause != null) {
      log.debug("Spool [{}]: next attempt to drain in {} ms", file.path(), pause.toMillis());
    }
    if (outcome == Outcome.DRAINED) {
      afterDrain.run();
      wake();
    }
  }

  private void resume() {
    synchronized (queue) {
      resume = null;
    }
    wake();
  }
}
