package io.driftwatch.node.context;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.host.HostSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Gives the changes a probe found their context from the host's own records. Called only when a
 * probe found changes; it never fails: when the records cannot be read, the changes come back as
 * they were.
 */
public interface ChangeContexts {

  /** No records: every change keeps only its window. */
  ChangeContexts NONE = (host, changes) -> CompletableFuture.completedFuture(changes);

  CompletionStage<List<ChangeEvent>> attribute(HostSpec host, List<ChangeEvent> changes);
}
