package io.driftwatch.coordinator;

import io.driftwatch.node.fact.FactDifference;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.host.HostEntity;
import io.driftwatch.node.store.ChangePage;
import io.driftwatch.node.store.ChangeQuery;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Questions about hosts over time: probe now, facts now or at an instant, a host's change history,
 * and the difference between two hosts (or one host at two instants). Current state comes from the
 * host's entity, so probing and current facts go on while the store is down ({@link KnownHosts});
 * past state and history come from the store, and while it does not answer they fail saying so.
 */
public final class HostQueries {

  private final ChangeStore store;
  private final KnownHosts known;
  private final EntityAsk entities;
  private final Duration askTimeout;
  private final Duration probeTimeout;

  public HostQueries(
      org.apache.pekko.actor.typed.ActorSystem<?> system,
      ChangeStore store,
      KnownHosts known,
      Duration askTimeout,
      Duration probeTimeout) {
    this.store = store;
    this.known = known;
    this.entities = new EntityAsk(system);
    this.askTimeout = askTimeout;
    this.probeTimeout = probeTimeout;
  }

  /** The facts of a host, now or at an instant. */
  public record Facts(String host, Instant at, FactSet facts) {}

  /** How two host states differ, key by key. */
  public record Diff(
      HostRef left,
      Instant leftAt,
      HostRef right,
      Instant rightAt,
      List<FactDifference> differences) {}

  /** Probes a monitored host now and answers when its changes are recorded. */
  public CompletionStage<HostEntity.ProbeReply> probe(String host) {
    return monitored(host)
        .thenCompose(
            ok ->
                entities.<HostEntity.ProbeReply>ask(
                    host, HostEntity.ProbeNow::new, probeTimeout.plus(askTimeout)))
        .exceptionally(HostQueries::rethrow);
  }

  /**
   * The facts of a host with keys starting with {@code prefix}: its current facts when {@code at}
   * is null, else its state at that instant.
   */
  public CompletionStage<Facts> facts(String host, String prefix, Instant at) {
    return state(new HostRef(host, at))
        .thenApply(f -> new Facts(f.host(), f.at(), f.facts().withPrefix(prefix)))
        .exceptionally(HostQueries::rethrow);
  }

  /** The changes of a host in a time range, oldest first. */
  public CompletionStage<ChangePage> changes(
      String host, TimeRange range, String prefix, int limit) {
    return known(host)
        .thenCompose(ok -> store.changes(ChangeQuery.ofHost(host, prefix, range, limit)))
        .exceptionally(error -> historyUnavailable(host, error));
  }

  /** Every key on which two host states disagree. */
  public CompletionStage<Diff> diff(HostRef left, HostRef right, String prefix) {
    return state(left)
        .thenCombine(
            state(right),
            (l, r) ->
                new Diff(
                    left,
                    l.at(),
                    right,
                    r.at(),
                    l.facts().withPrefix(prefix).diff(r.facts().withPrefix(prefix))))
        .exceptionally(HostQueries::rethrow);
  }

  private CompletionStage<Facts> state(HostRef ref) {
    if (ref.at() != null) {
      return known(ref.host())
          .thenCompose(ok -> store.stateAt(ref.host(), ref.at()))
          .exceptionally(error -> historyUnavailable(ref.host(), error))
          .thenApply(
              state ->
                  new Facts(
                      ref.host(),
                      ref.at(),
                      state.orElseThrow(
                          () ->
                              new NotFoundException(
                                  "host "
                                      + ref.host()
                                      + " has no recorded state at "
                                      + ref.at()
                                      + " (it was not probed yet)"))));
    }
    return known
        .get(ref.host())
        .thenCompose(
            spec -> {
              if (spec.isPresent()) {
                return entities
                    .<HostEntity.FactsReply>ask(ref.host(), HostEntity.GetFacts::new, askTimeout)
                    .thenCompose(reply -> currentFacts(ref.host(), reply));
              }
              // Removed hosts keep their history: their last recorded state is their state.
              return store
                  .latest(ref.host())
                  .thenApply(
                      latest ->
                          latest
                              .map(s -> new Facts(ref.host(), s.lastProbeAt(), s.facts()))
                              .orElseThrow(() -> unknown(ref.host())));
            });
  }

  private CompletionStage<Facts> currentFacts(String host, HostEntity.FactsReply reply) {
    if (reply instanceof HostEntity.CurrentFacts c) {
      return java.util.concurrent.CompletableFuture.completedFuture(
          new Facts(host, c.asOf(), c.facts()));
    }
    // Removed between the registry read and the ask: answer from history.
    return store
        .latest(host)
        .thenApply(
            latest ->
                latest
                    .map(s -> new Facts(host, s.lastProbeAt(), s.facts()))
                    .orElseThrow(() -> unknown(host)));
  }

  /** Completes when the host is monitored, else fails with NotFoundException. */
  private CompletionStage<Boolean> monitored(String host) {
    return known
        .get(host)
        .thenApply(
            spec -> {
              if (spec.isEmpty()) {
                throw unknown(host);
              }
              return true;
            });
  }

  /** Completes when the host is monitored or has history, else fails with NotFoundException. */
  private CompletionStage<Boolean> known(String host) {
    return known
        .get(host)
        .thenCompose(
            spec ->
                spec.isPresent()
                    ? java.util.concurrent.CompletableFuture.completedFuture(true)
                    : store
                        .latest(host)
                        .thenApply(
                            latest -> {
                              if (latest.isEmpty()) {
                                throw unknown(host);
                              }
                              return true;
                            }));
  }

  private static NotFoundException unknown(String host) {
    return new NotFoundException("unknown host " + host);
  }

  /**
   * A store failure of a history query, said as such: what still works while the store is down, and
   * that nothing is lost.
   */
  private <T> T historyUnavailable(String host, Throwable error) {
    Throwable cause = Failures.unwrap(error);
    if (cause instanceof StoreException s) {
      throw new UnavailableException(
          "the history of host "
              + host
              + " is unavailable: store ["
              + store.kind()
              + "] does not answer ("
              + s.getMessage()
              + "). Current facts, probes and the host list still work"
              + (store.spool().isPresent()
                  ? "; changes found meanwhile wait in the spool and appear here once it drains"
                  : ""));
    }
    throw Failures.rethrow(cause);
  }

  private static <T> T rethrow(Throwable error) {
    throw Failures.rethrow(Failures.unwrap(error));
  }
}
