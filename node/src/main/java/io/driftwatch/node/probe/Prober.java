package io.driftwatch.node.probe;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.host.HostSpec;
import java.util.concurrent.CompletionStage;

/**
 * Collects the facts of one host over its transport. Completes exceptionally with a {@link
 * ProbeException} when the host cannot be probed at all.
 */
public interface Prober {

  /** A probe on the host's schedule. */
  default CompletionStage<Collection> probe(HostSpec host) {
    return probe(host, false);
  }

  /**
   * @param requested true when someone asked for this probe now: a transport may then try a host it
   *     is backing off from, where a scheduled probe would fail fast with the last reason
   */
  CompletionStage<Collection> probe(HostSpec host, boolean requested);

  /** Drops whatever is kept about a host that is no longer monitored. */
  default void forget(String host) {}
}
