package io.driftwatch.node.remote;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.CommandRunner;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.Prober;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes hosts of the ssh transport with one run of the remote probe script: it sends the script
 * with the hashes of the units it holds, gets back only the units that changed, and parses the
 * host's raw inputs on the node with the same collector and sources as a local probe. What it holds
 * per host lives in memory and is replaced only by a probe that was fully understood, so a node
 * restart or a failed probe simply costs one full transfer.
 */
public final class RemoteProber implements Prober {

  private static final Logger log = LoggerFactory.getLogger(RemoteProber.class);

  private final RemoteShell shell;
  private final RemoteShell requestedShell;
  private final Collector collector;
  private final CollectorSettings settings;
  private final RemoteLimits limits;
  private final Executor executor;
  private final boolean sudoByDefault;
  private final Duration guardSettle;
  private final ConcurrentMap<String, HostUnits> held = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * @param executor where answers are parsed and collected, off the transport's threads
   * @param sudoByDefault whether hosts that do not say read root-only files through sudo
   */
  public RemoteProber(
      RemoteShell shell,
      Collector collector,
      CollectorSettings settings,
      RemoteLimits limits,
      Executor executor,
      boolean sudoByDefault) {
    this(shell, shell, collector, settings, limits, executor, sudoByDefault);
  }

  /**
   * @param requestedShell runs probes someone asked for (the SSH transport's view that skips its
   *     back-off); {@code shell} runs the scheduled ones
   */
  public RemoteProber(
      RemoteShell shell,
      RemoteShell requestedShell,
      Collector collector,
      CollectorSettings settings,
      RemoteLimits limits,
      Executor executor,
      boolean sudoByDefault) {
    this(
        shell,
        requestedShell,
        collector,
        settings,
        limits,
        executor,
        sudoByDefault,
        RemoteRequest.GUARD_SETTLE);
  }

  /**
   * @param guardSettle see {@link RemoteRequest#GUARD_SETTLE}
   */
  RemoteProber(
      RemoteShell shell,
      RemoteShell requestedShell,
      Collector collector,
      CollectorSettings settings,
      RemoteLimits limits,
      Executor executor,
      boolean sudoByDefault,
      Duration guardSettle) {
    this.guardSettle = guardSettle;
    this.shell = shell;
    this.requestedShell = requestedShell;
    this.collector = collector;
    this.settings = settings;
    this.limits = limits;
    this.executor = executor;
    this.sudoByDefault = sudoByDefault;
  }

  @Override
  public CompletionStage<Collection> probe(HostSpec host, boolean requested) {
    if (host.transport() != Transport.SSH) {
      return CompletableFuture.failedFuture(
          new ProbeException(
              ProbeException.Reason.TRANSPORT_UNSUPPORTED,
              "the remote prober cannot probe a host of transport " + host.transport().wireName()));
    }
    boolean sudo = host.ssh().sudo() != null ? host.ssh().sudo() : sudoByDefault;
    ProbePlan plan;
    try {
      plan = ProbePlan.of(collector.sources(), host, sudo);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new ProbeException(ProbeException.Reason.PROTOCOL, e.getMessage()));
    }
    HostUnits before = held.get(host.name());
    HostUnits known = before != null && before.plan().equals(plan) ? before : HostUnits.none(plan);
    String nonce = nonce();
    RemoteRequest request =
        RemoteRequest.of(plan, settings, guardSettle, new TreeMap<>(known.hashes()), nonce);
    CompletionStage<RemoteResult> run;
    try {
      run =
          (requested ? requestedShell : shell)
              .run(
                  host,
                  RemoteRequest.COMMAND,
                  request.bytes(),
                  limits.maxOutputBytes(),
                  limits.timeout());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(unexpected(e, host));
    }
    return run.thenApplyAsync(result -> collect(host, known, nonce, result), executor)
        .handle(
            (collection, failure) -> {
              if (failure == null) {
                return collection;
              }
              throw new CompletionException(asProbeException(failure, host));
            });
  }

  /** Forgets what the node holds of a host that is no longer probed. */
  @Override
  public void forget(String hostName) {
    held.remove(hostName);
  }

  private Collection collect(HostSpec host, HostUnits known, String nonce, RemoteResult result) {
    try {
      ProbePlan plan = known.plan();
      ProbeResponse response =
          ProbeResponse.parse(
              result.stdout(),
              result.stderr() == null ? "" : result.stderr(),
              result.exitStatus(),
              nonce,
              plan.units().stream().map(ProbeUnit::index).collect(Collectors.toSet()),
              limits.maxInflatedBytes());
      Map<Integer, String> hashes = new HashMap<>();
      Map<Integer, Snapshot> snapshots = new HashMap<>();
      Map<Integer, String> sudoRefused = new HashMap<>();
      int changed = 0;
      for (ProbeUnit unit : plan.units()) {
        ProbeResponse.Answer answer = response.answer(unit.index());
        if (answer instanceof ProbeResponse.Changed c) {
          changed++;
          UnitDecoder.Decoded decoded = UnitDecoder.decode(unit, c, plan.root(), settings);
          hashes.put(unit.index(), c.hash());
          snapshots.put(unit.index(), decoded.snapshot());
          decoded.sudoRefused().ifPresent(reason -> sudoRefused.put(unit.index(), reason));
        } else {
          Snapshot kept =
              known
                  .snapshot(unit.index())
                  .orElseThrow(
                      () ->
                          new ProbeException(
                              ProbeException.Reason.PROTOCOL,
                              "the target called unit "
                                  + unit.index()
                                  + " unchanged, but the node holds none"));
          hashes.put(unit.index(), known.hashes().get(unit.index()));
          snapshots.put(unit.index(), kept);
          Optional.ofNullable(known.sudoRefused().get(unit.index()))
              .ifPresent(reason -> sudoRefused.put(unit.index(), reason));
        }
      }
      if (changed == 0 && known.collected() != null) {
        // Nothing changed on the host: the facts are what they were, without parsing it all again.
        return known.collected();
      }
      Snapshot snapshot =
          Snapshot.merge(plan.units().stream().map(u -> snapshots.get(u.index())).toList());
      Optional<CommandRunner> commands =
          plan.isRootFilesystem()
              ? Optional.of(new RecordedCommands(snapshot, settings.maxSourceBytes()))
              : Optional.empty();
      Collection collection =
          collector.collect(
              new HostContext(
                  new SnapshotHostFiles(snapshot, settings.maxSourceBytes()), commands));
      Collection collected = withSudoRefusals(collection, plan, sudoRefused);
      held.put(host.name(), new HostUnits(plan, hashes, snapshots, sudoRefused, collected));
      log.debug(
          "Remote probe of [{}]: [{}] of [{}] units changed, [{}] bytes sent, [{}] received",
          host.name(),
          changed,
          plan.units().size(),
          result.traffic().payloadSent(),
          result.traffic().payloadReceived());
      return collected;
    } catch (ProbeException e) {
      throw new CompletionException(e);
    }
  }

  /**
   * A refused sudo read leaves its unit's files unreadable; their categories keep their last known
   * values rather than record "unreadable" as a change, and the refusal is shown as it was said.
   */
  private static Collection withSudoRefusals(
      Collection collection, ProbePlan plan, Map<Integer, String> refused) {
    if (refused.isEmpty()) {
      return collection;
    }
    Map<String, String> failed = new LinkedHashMap<>(collection.failedCategories());
    List<String> problems = new ArrayList<>(collection.problems());
    for (ProbeUnit unit : plan.units()) {
      String reason = refused.get(unit.index());
      if (reason != null) {
        String why = "sudo refused: " + Text.normalise(reason);
        unit.categories().forEach(category -> failed.put(category, why));
        problems.add(unit.source() + ": " + why);
      }
    }
    return new Collection(
        collection.facts(), collection.contents(), failed, problems, collection.took());
  }

  private String nonce() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static ProbeException asProbeException(Throwable failure, HostSpec host) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ProbeException e) {
      return e;
    }
    return unexpected(cause, host);
  }

  private static ProbeException unexpected(Throwable cause, HostSpec host) {
    log.warn("Remote probe of [{}] failed unexpectedly", host.name(), cause);
    String message = cause.getMessage();
    return new ProbeException(
        ProbeException.Reason.COLLECTOR_FAILED,
        "remote probe failed: "
            + cause.getClass().getSimpleName()
            + (message == null || message.isBlank() ? "" : ": " + Text.normalise(message)));
  }
}
