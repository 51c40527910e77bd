package io.driftwatch.node.probe;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.CommandRunner;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.LocalCommandRunner;
import io.driftwatch.node.collect.LocalHostFiles;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes hosts of the local transport: the node's own machine (root "/"), or a directory laid out
 * like a host's filesystem, where nothing is ever executed. Collection runs on a pool the caller
 * owns and bounds, under a deadline.
 */
public final class LocalProber implements Prober {

  private static final Logger log = LoggerFactory.getLogger(LocalProber.class);

  private final Collector collector;
  private final CollectorSettings settings;
  private final Executor executor;
  private final Duration timeout;

  /**
   * @param executor a bounded pool owned by the caller; each probe occupies one of its threads
   * @param timeout how long a probe may take before it fails with reason TIMEOUT
   */
  public LocalProber(
      Collector collector, CollectorSettings settings, Executor executor, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("probe timeout must be positive: " + timeout);
    }
    this.collector = collector;
    this.settings = settings;
    this.executor = executor;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<Collection> probe(HostSpec host, boolean requested) {
    if (host.transport() != Transport.LOCAL) {
      return CompletableFuture.failedFuture(
          new ProbeException(
              ProbeException.Reason.TRANSPORT_UNSUPPORTED,
              "the local prober cannot probe a host of transport " + host.transport().wireName()));
    }
    Run run = new Run();
    CompletableFuture<Collection> collecting;
    try {
      collecting = CompletableFuture.supplyAsync(() -> run.collect(host), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new ProbeException(
              ProbeException.Reason.COLLECTOR_FAILED, "the node is too busy to probe now"));
    }
    CompletableFuture<Collection> result = new CompletableFuture<>();
    collecting
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete(
            (collection, failure) -> {
              if (failure == null) {
                result.complete(collection);
                return;
              }
              ProbeException problem = asProbeException(failure, host.name());
              if (problem.reason() == ProbeException.Reason.TIMEOUT) {
                run.cancel();
              }
              log.debug("Probe of [{}] failed: {}", host.name(), problem.getMessage());
              result.completeExceptionally(problem);
            });
    return result;
  }

  private Collection collectNow(HostSpec host) throws ProbeException {
    Path root = Path.of(host.root());
    if (!Files.exists(root)) {
      throw new ProbeException(
          ProbeException.Reason.ROOT_MISSING, "root directory " + root + " does not exist");
    }
    if (!Files.isDirectory(root)) {
      throw new ProbeException(
          ProbeException.Reason.ROOT_MISSING, "root " + root + " is not a directory");
    }
    // Commands describe the node's own machine; for a directory standing for a host they would
    // report the wrong machine, so none is ever run there.
    Optional<CommandRunner> commands =
        host.isRootFilesystem() ? Optional.of(LocalCommandRunner.of(settings)) : Optional.empty();
    HostContext context =
        new HostContext(new LocalHostFiles(root, settings.maxSourceBytes()), commands);
    return collector.collect(context);
  }

  private ProbeException asProbeException(Throwable failure, String hostName) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ProbeException probeException) {
      return probeException;
    }
    if (cause instanceof TimeoutException) {
      return new ProbeException(
          ProbeException.Reason.TIMEOUT, "probe took longer than " + seconds(timeout));
    }
    log.warn("Probe of [{}] failed unexpectedly", hostName, cause);
    String message = cause.getMessage();
    return new ProbeException(
        ProbeException.Reason.COLLECTOR_FAILED,
        "collector failed: "
            + cause.getClass().getSimpleName()
            + (message == null || message.isBlank() ? "" : ": " + Text.normalise(message)));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /**
   * One probe's hold on the pool thread collecting it. After a timeout the probe's answer is
   * already given; interrupting the thread stops the collection at its next command or source, so
   * that a stuck host does not keep a thread of a small pool busy.
   */
  private final class Run {
    private Thread worker;
    private boolean cancelled;

    Collection collect(HostSpec host) {
      synchronized (this) {
        if (cancelled) {
          throw new CompletionException(
              new ProbeException(ProbeException.Reason.TIMEOUT, "probe was cancelled"));
        }
        worker = Thread.currentThread();
      }
      try {
        return collectNow(host);
      } catch (ProbeException e) {
        throw new CompletionException(e);
      } finally {
        synchronized (this) {
          worker = null;
          if (cancelled) {
            // Clears our interrupt, which must not reach the pool's next task.
            Thread.interrupted();
          }
        }
      }
    }

    synchronized void cancel() {
      cancelled = true;
      if (worker != null) {
        worker.interrupt();
      }
    }
  }
}
