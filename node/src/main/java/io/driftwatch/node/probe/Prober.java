package io.driftwatch.node.probe;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.host.HostSpec;
import java.util.concurrent.CompletionStage;

/**
 * Collects the facts of one host over its transport. Completes exceptionally with a {@link
 * ProbeException} when the host cannot be probed at all.
 */
public interface Prober {

  CompletionStage<Collection> probe(HostSpec host);
}
