package io.driftwatch.coordinator;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;

/**
 * The store's host registry as this member last saw it, so that the hosts it monitors stay
 * listable, probeable and their current facts readable while the store does not answer (their
 * entities go on probing, and their records wait in the spool). The store stays the source of
 * truth: every read asks it and refreshes this copy from the answer; only when the store fails or
 * does not answer within the deadline is the copy used, and only once it was loaded (at start, by
 * {@link HostRegistry#wakeAll}). Registering and removing write the store first and the copy after,
 * so a change the store refused never appears here.
 *
 * <p>In a cluster, another member's registration reaches this copy with this member's next read of
 * the store; during an outage a host registered elsewhere just before it may be unknown here.
 */
public final class KnownHosts {

  private final ChangeStore store;
  private final Duration deadline;
  private final Map<String, HostSpec> hosts = new HashMap<>(); // guarded by this
  private boolean loaded; // guarded by this
  // Counts writes, so that a listing read before a write does not undo it in the copy.
  private long writes; // guarded by this

  /**
   * A copy of {@code store}'s registry; reads fall back to it when the store fails or has not
   * answered within {@code deadline}.
   */
  public KnownHosts(ChangeStore store, Duration deadline) {
    this.store = store;
    this.deadline = deadline;
  }

  /** The monitored hosts by name: the store's answer, or this copy while the store is down. */
  public CompletionStage<List<HostSpec>> all() {
    long before;
    synchronized (this) {
      before = writes;
    }
    return withDeadline(store.hosts())
        .handle(
            (listed, error) -> {
              synchronized (this) {
                if (error == null) {
                  if (writes == before) {
                    hosts.clear();
                    listed.forEach(h -> hosts.put(h.name(), h));
                    loaded = true;
                  }
                  return listed;
                }
                if (!usable(error)) {
                  throw Failures.rethrow(Failures.unwrap(error));
                }
                List<HostSpec> copy = new ArrayList<>(hosts.values());
                copy.sort(Comparator.comparing(HostSpec::name));
                return copy;
              }
            });
  }

  /** The kind of store the registry lives in, for messages, e.g. "cassandra". */
  public String storeKind() {
    return store.kind();
  }

  /** One monitored host: the store's answer, or this copy while the store is down. */
  public CompletionStage<Optional<HostSpec>> get(String name) {
    long before;
    synchronized (this) {
      before = writes;
    }
    return withDeadline(store.host(name))
        .handle(
            (found, error) -> {
              synchronized (this) {
                if (error == null) {
                  if (writes == before) {
                    found.ifPresentOrElse(h -> hosts.put(name, h), () -> hosts.remove(name));
                  }
                  return found;
                }
                if (!usable(error)) {
                  throw Failures.rethrow(Failures.unwrap(error));
                }
                return Optional.ofNullable(hosts.get(name));
              }
            });
  }

  /** Registers or updates a host in the store, then here. */
  public CompletionStage<Done> put(HostSpec spec) {
    return store
        .putHost(spec)
        .thenApply(
            done -> {
              synchronized (this) {
                writes++;
                hosts.put(spec.name(), spec);
              }
              return done;
            });
  }

  /** Removes a host from the store's registry, then from here. */
  public CompletionStage<Done> remove(String name) {
    return store
        .removeHost(name)
        .thenApply(
            done -> {
              synchronized (this) {
                writes++;
                hosts.remove(name);
              }
              return done;
            });
  }

  /** The store's answer, or a TimeoutException of a stage of its own after the deadline. */
  private <T> CompletableFuture<T> withDeadline(CompletionStage<T> read) {
    // orTimeout on a copy: the deadline never completes the store's own future.
    return read.toCompletableFuture()
        .thenApply(value -> value)
        .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether this copy may answer instead: the store failed or was slow, and the copy is loaded. */
  private boolean usable(Throwable error) {
    Throwable cause = Failures.unwrap(error);
    return loaded && (cause instanceof StoreException || cause instanceof TimeoutException);
  }
}
