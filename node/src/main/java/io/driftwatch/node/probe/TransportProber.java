package io.driftwatch.node.probe;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Sends each host to the prober of its transport: local reads, SSH, … */
public final class TransportProber implements Prober {

  private final Map<Transport, Prober> probers;

  public TransportProber(Map<Transport, Prober> probers) {
    this.probers = new EnumMap<>(probers);
  }

  @Override
  public CompletionStage<Collection> probe(HostSpec host, boolean requested) {
    Prober prober = probers.get(host.transport());
    if (prober == null) {
      return CompletableFuture.failedFuture(
          new ProbeException(
              ProbeException.Reason.TRANSPORT_UNSUPPORTED,
              "this node cannot probe hosts of transport " + host.transport().wireName()));
    }
    return prober.probe(host, requested);
  }

  @Override
  public void forget(String host) {
    probers.values().forEach(p -> p.forget(host));
  }
}
