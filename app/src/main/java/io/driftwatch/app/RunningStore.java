package io.driftwatch.app;

import io.driftwatch.node.store.ChangeStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * The store of the node running in an actor system, for the components Pekko creates by class name
 * from config and so cannot be handed it (the readiness check). {@link DriftwatchNode} sets it once
 * at start.
 */
final class RunningStore implements Extension {

  static final Id ID = new Id();

  // Set once by DriftwatchNode, read by health checks on Pekko's threads.
  private final AtomicReference<ChangeStore> store = new AtomicReference<>();

  void set(ChangeStore value) {
    store.set(value);
  }

  /** Empty until the node has set it. */
  Optional<ChangeStore> get() {
    return Optional.ofNullable(store.get());
  }

  /** The extension's id: {@code RunningStore.ID.get(system)}. */
  static final class Id extends AbstractExtensionId<RunningStore> {
    @Override
    public RunningStore createExtension(ExtendedActorSystem system) {
      return new RunningStore();
    }
  }
}
