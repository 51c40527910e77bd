package io.driftwatch.node.store;

import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.host.HostSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.Done;

/**
 * A test stand-in for a remote store: a real store (SQLite) that can be made unavailable, made to
 * refuse only writes, or made to hold writes until released, as a store behind a network would.
 * Records every write it passes on, in the order the real store acknowledged them.
 */
public final class SwitchableChangeStore implements ChangeStore {

  /** How the store behaves for calls made from now on. */
  public enum Mode {
    /** Every call goes through. */
    AVAILABLE,
    /** Every call fails at once, as with a store that is down. */
    UNAVAILABLE,
    /** Writes fail at once, reads go through. */
    FAILING_WRITES,
    /** Writes wait until {@link #release()} and then go through: a store that is slow to answer. */
    HOLDING_WRITES
  }

  private final ChangeStore store;
  private final String kind;
  private final List<ProbeRecord> landed = new ArrayList<>(); // guarded by this
  private final List<CompletableFuture<Void>> held = new ArrayList<>(); // guarded by this
  private final List<ProbeRecord> asked = new ArrayList<>(); // guarded by this
  private Mode mode = Mode.AVAILABLE; // guarded by this

  public SwitchableChangeStore(ChangeStore store, String kind) {
    this.store = store;
    this.kind = kind;
  }

  public synchronized void set(Mode newMode) {
    mode = newMode;
  }

  /** Lets every held write through; later writes are not held unless the mode still says so. */
  public void release() {
    List<CompletableFuture<Void>> gates;
    synchronized (this) {
      gates = new ArrayList<>(held);
      held.clear();
    }
    gates.forEach(g -> g.complete(null));
  }

  /** Writes that reached the real store, in the order it acknowledged them (repeats included). */
  public synchronized List<ProbeRecord> landed() {
    return List.copyOf(landed);
  }

  /** Every write asked of this store, in order, whatever became of it. */
  public synchronized List<ProbeRecord> asked() {
    return List.copyOf(asked);
  }

  /** Writes being held now. */
  public synchronized int held() {
    return held.size();
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public CompletionStage<Done> putHost(HostSpec host) {
    return read(() -> store.putHost(host));
  }

  @Override
  public CompletionStage<Done> removeHost(String name) {
    return read(() -> store.removeHost(name));
  }

  @Override
  public CompletionStage<List<HostSpec>> hosts() {
    return read(store::hosts);
  }

  @Override
  public CompletionStage<Optional<HostSpec>> host(String name) {
    return read(() -> store.host(name));
  }

  @Override
  public CompletionStage<Done> recordProbe(ProbeRecord probe) {
    CompletableFuture<Void> gate;
    synchronized (this) {
      asked.add(probe);
      if (mode == Mode.UNAVAILABLE || mode == Mode.FAILING_WRITES) {
        return CompletableFuture.failedFuture(unavailable());
      }
      gate = new CompletableFuture<>();
      if (mode == Mode.HOLDING_WRITES) {
        held.add(gate);
      } else {
        gate.complete(null);
      }
    }
    return gate.thenCompose(ignored -> store.recordProbe(probe))
        .thenApply(
            done -> {
              synchronized (this) {
                landed.add(probe);
              }
              return done;
            });
  }

  @Override
  public CompletionStage<Optional<StoredState>> latest(String host) {
    return read(() -> store.latest(host));
  }

  @Override
  public CompletionStage<Optional<FactSet>> stateAt(String host, Instant at) {
    return read(() -> store.stateAt(host, at));
  }

  @Override
  public CompletionStage<ChangePage> changes(ChangeQuery query) {
    return read(() -> store.changes(query));
  }

  @Override
  public CompletionStage<Optional<String>> content(String sha256) {
    return read(() -> store.content(sha256));
  }

  @Override
  public CompletionStage<Done> putRegistryEntry(RegistryEntry entry) {
    return read(() -> store.putRegistryEntry(entry));
  }

  @Override
  public CompletionStage<List<RegistryEntry>> registry(Registry registry) {
    return read(() -> store.registry(registry));
  }

  @Override
  public CompletionStage<List<RegistryEntry>> registryHistory(Registry registry, String name) {
    return read(() -> store.registryHistory(registry, name));
  }

  @Override
  public CompletionStage<Done> addContextEvent(ContextEvent event) {
    return read(() -> store.addContextEvent(event));
  }

  @Override
  public CompletionStage<List<ContextEvent>> contextEvents(Instant from, Instant to, int limit) {
    return read(() -> store.contextEvents(from, to, limit));
  }

  @Override
  public void close() {
    release();
    store.close();
  }

  private <T> CompletionStage<T> read(Supplier<CompletionStage<T>> call) {
    synchronized (this) {
      if (mode == Mode.UNAVAILABLE) {
        return CompletableFuture.failedFuture(unavailable());
      }
    }
    return call.get();
  }

  private StoreException unavailable() {
    return new StoreException("store " + kind + " unavailable (test switch)", null);
  }
}
