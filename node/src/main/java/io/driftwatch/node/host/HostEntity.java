package io.driftwatch.node.host;

import io.driftwatch.node.CborSerializable;
import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.context.ChangeContexts;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.notify.HostNotices;
import io.driftwatch.node.notify.Notifier;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.Prober;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.ProbeRecord;
import io.driftwatch.node.store.SpoolStatus;
import io.driftwatch.node.store.StoredState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * One monitored host, sharded by host name: probes it on its interval and on demand, keeps its
 * current facts in memory, and records each probe's change events before it believes them. On start
 * it recovers its spec and state from the store, so a restart or a move to another member continues
 * where it left off.
 */
public final class HostEntity extends AbstractBehavior<HostEntity.Command> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Host");

  /**
   * What the entity needs from the outside world.
   *
   * @param startSpread a resumed host is first probed at a random moment within this
   * @param metrics this member's host and probe counts, shared by its entities
   * @param contexts gives a probe's changes what the host's own records say about them
   * @param notifier where recorded changes and status changes are announced to watchers
   */
  public record Deps(
      ChangeStore store,
      Prober prober,
      SnapshotPolicy snapshots,
      Clock clock,
      Duration startSpread,
      HostMetrics metrics,
      ChangeContexts contexts,
      Notifier notifier) {

    /** Without change contexts from the hosts' records, announcing nothing. */
    public Deps(
        ChangeStore store,
        Prober prober,
        SnapshotPolicy snapshots,
        Clock clock,
        Duration startSpread,
        HostMetrics metrics) {
      this(
          store,
          prober,
          snapshots,
          clock,
          startSpread,
          metrics,
          ChangeContexts.NONE,
          Notifier.NONE);
    }

    /** With counts of their own, for entities nobody scrapes (tests). */
    public Deps(
        ChangeStore store,
        Prober prober,
        SnapshotPolicy snapshots,
        Clock clock,
        Duration startSpread) {
      this(store, prober, snapshots, clock, startSpread, new HostMetrics());
    }
  }

  /** Messages a host entity understands. */
  public sealed interface Command extends CborSerializable {}

  /** Monitor the host with this spec, already written to the registry. */
  public record Configure(HostSpec spec, ActorRef<Done> replyTo) implements Command {}

  /** Stop monitoring, already removed from the registry; history stays in the store. */
  public record Unregister(ActorRef<Done> replyTo) implements Command {}

  /** Probe now; the reply comes when that probe's changes are recorded. */
  public record ProbeNow(ActorRef<ProbeReply> replyTo) implements Command {}

  public record GetStatus(ActorRef<StatusReply> replyTo) implements Command {}

  public record GetFacts(ActorRef<FactsReply> replyTo) implements Command {}

  /** Starts the entity (and so its probing) without asking anything. */
  public enum Wake implements Command {
    INSTANCE
  }

  /** Replies to {@link ProbeNow}. */
  public sealed interface ProbeReply extends CborSerializable {}

  /** Replies to {@link GetStatus}. */
  public sealed interface StatusReply extends CborSerializable {}

  /** Replies to {@link GetFacts}. */
  public sealed interface FactsReply extends CborSerializable {}

  /** A probe succeeded and its changes are recorded. */
  public record Probed(int changes, Instant probedAt, boolean firstProbe, int factCount)
      implements ProbeReply {}

  /**
   * A probe failed; {@code reason} is a {@link ProbeException.Reason} name or STORE_UNAVAILABLE.
   */
  public record ProbeFailed(String reason, String detail) implements ProbeReply {}

  /** The host's status. */
  public record Status(HostStatus status) implements StatusReply {}

  /** The host's current facts, as of its last successful probe (null if never probed). */
  public record CurrentFacts(FactSet facts, Instant asOf) implements FactsReply {}

  /** The host is not (or no longer) monitored. */
  public record NotMonitored(String host) implements ProbeReply, StatusReply, FactsReply {}

  private record Recovered(Optional<HostSpec> spec, Optional<StoredState> state)
      implements Command {}

  private record RecoveryFailed(String detail) implements Command {}

  private enum Recover implements Command {
    INSTANCE
  }

  private enum Tick implements Command {
    INSTANCE
  }

  /**
   * Sharding's stop message (hand-off to another member, or passivation): a running probe is let
   * finish and its record written first, so the next owner recovers it from the store instead of
   * finding the same changes again and recording them twice.
   */
  private enum Stop implements Command {
    INSTANCE
  }

  private record Collected(Collection collection) implements Command {}

  /** A probe's changes with their contexts, ready to be recorded. */
  private record Attributed(
      StateUpdate update, Collection collection, Instant probedAt, List<ChangeEvent> changes)
      implements Command {}

  private record CollectFailed(String reason, String detail) implements Command {}

  private record Recorded(ProbeRecord record, StateUpdate update, Collection collection)
      implements Command {}

  private record RecordFailed(String detail) implements Command {}

  private record UnreachableRecorded(ChangeEvent change, CollectFailed failure)
      implements Command {}

  private record UnreachableNotRecorded(CollectFailed failure, String detail) implements Command {}

  private static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";
  private static final Duration RECOVERY_RETRY = Duration.ofSeconds(5);
  private static final int STASH_CAPACITY = 1000;

  /** Registers host entities with Cluster Sharding on this member. */
  public static ActorRef<ShardingEnvelope<Command>> init(ActorSystem<?> system, Deps deps) {
    String member = memberName(Cluster.get(system).selfMember().address());
    return ClusterSharding.get(system)
        .init(
            Entity.of(
                    ENTITY_TYPE_KEY,
                    ctx -> create(ctx.getEntityId(), deps, Optional.of(ctx.getShard()), member))
                .withStopMessage(Stop.INSTANCE));
  }

  /** A member as operators name it in {@code --seeds}: {@code host:port}. */
  public static String memberName(Address address) {
    return address.getHost().orElse("?") + ":" + address.getPort().map(String::valueOf).orElse("?");
  }

  /** The behavior of one host entity outside sharding (tests): no shard, no member. */
  public static Behavior<Command> create(
      String host, Deps deps, Optional<ActorRef<ClusterSharding.ShardCommand>> shard) {
    return create(host, deps, shard, null);
  }

  /**
   * The behavior of one host entity; {@code shard} is used to passivate after unregistering, {@code
   * member} is the cluster member it runs on, shown in its status.
   */
  private static Behavior<Command> create(
      String host,
      Deps deps,
      Optional<ActorRef<ClusterSharding.ShardCommand>> shard,
      String member) {
    return Behaviors.withStash(
        STASH_CAPACITY,
        stash ->
            Behaviors.setup(
                ctx ->
                    Behaviors.withTimers(
                        timers -> {
                          // Pekko's guess from the call stack is not under io.driftwatch, whose
                          // INFO lines operators read.
                          ctx.setLoggerName(HostEntity.class);
                          recover(ctx, host, deps);
                          return recovering(ctx, timers, stash, host, deps, shard, member);
                        })));
  }

  private static void recover(ActorContext<Command> ctx, String host, Deps deps) {
    ctx.pipeToSelf(
        deps.store().host(host).thenCombine(deps.store().latest(host), Recovered::new),
        (recovered, error) -> error == null ? recovered : new RecoveryFailed(describe(error)));
  }

  private static Behavior<Command> recovering(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      StashBuffer<Command> stash,
      String host,
      Deps deps,
      Optional<ActorRef<ClusterSharding.ShardCommand>> shard,
      String member) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Recovered.class,
            r -> stash.unstashAll(new HostEntity(ctx, timers, host, deps, shard, member, r)))
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .onMessage(
            RecoveryFailed.class,
            f -> {
              ctx.getLog()
                  .warn("Host [{}] could not load its state, retrying: {}", host, f.detail());
              timers.startSingleTimer(Recover.INSTANCE, RECOVERY_RETRY);
              return Behaviors.same();
            })
        .onMessageEquals(
            Recover.INSTANCE,
            () -> {
              recover(ctx, host, deps);
              return Behaviors.same();
            })
        .onAnyMessage(
            msg -> {
              if (stash.isFull()) {
                ctx.getLog().warn("Host [{}] dropped a message while recovering", host);
              } else {
                stash.stash(msg);
              }
              return Behaviors.same();
            })
        .build();
  }

  private final TimerScheduler<Command> timers;
  private final String host;
  private final Deps deps;
  private final Optional<ActorRef<ClusterSharding.ShardCommand>> shard;
  private final HostMetrics.Place counted;
  private final LocalHosts localHosts;
  private final String member;

  private HostSpec spec;
  private FactSet facts;
  private Instant lastProbeAt;
  private Instant lastRecordedAt;
  private Instant lastAttemptAt;
  private Instant lastSnapshotAt;
  private int changesSinceSnapshot;
  private HostStatus.State state = HostStatus.State.PENDING;
  private String reason;
  private String detail;
  private Instant since;
  private List<String> problems = List.of();
  private Map<String, String> failedCategories = Map.of();
  private boolean probing;
  private List<ActorRef<ProbeReply>> waiting = new ArrayList<>();
  private List<ActorRef<ProbeReply>> waitingForNext = new ArrayList<>();
  private boolean stopping;

  private HostEntity(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      String host,
      Deps deps,
      Optional<ActorRef<ClusterSharding.ShardCommand>> shard,
      String member,
      Recovered recovered) {
    super(ctx);
    this.member = member;
    this.timers = timers;
    this.host = host;
    this.deps = deps;
    this.shard = shard;
    this.counted = deps.metrics().place();
    this.localHosts = LocalHosts.get(ctx.getSystem());
    this.since = now();
    StoredState stored = recovered.state().orElse(null);
    this.facts = stored == null ? FactSet.empty() : stored.facts();
    this.lastProbeAt = stored == null ? null : stored.lastProbeAt();
    this.lastSnapshotAt = stored == null ? null : stored.lastSnapshotAt();
    this.changesSinceSnapshot = stored == null ? 0 : stored.changesSinceSnapshot();
    recovered.spec().ifPresent(s -> monitor(s, startDelay(s.interval())));
    publish();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Configure.class, this::onConfigure)
        .onMessage(Unregister.class, this::onUnregister)
        .onMessage(ProbeNow.class, this::onProbeNow)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(GetFacts.class, this::onGetFacts)
        .onMessageEquals(Wake.INSTANCE, this::onWake)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(Stop.INSTANCE, this::onStop)
        .onMessage(Collected.class, this::onCollected)
        .onMessage(Attributed.class, this::onAttributed)
        .onMessage(CollectFailed.class, this::onCollectFailed)
        .onMessage(Recorded.class, this::onRecorded)
        .onMessage(RecordFailed.class, this::onRecordFailed)
        .onMessage(UnreachableRecorded.class, this::onUnreachableRecorded)
        .onMessage(UnreachableNotRecorded.class, this::onUnreachableNotRecorded)
        .onSignal(PostStop.class, this::onPostStop)
        .build();
  }

  private Behavior<Command> onConfigure(Configure c) {
    if (!c.spec().equals(spec) || lastProbeAt == null) {
      // A new, changed or never-probed host is probed at once, then on its interval.
      monitor(c.spec(), Duration.ZERO);
    }
    publish();
    c.replyTo().tell(Done.getInstance());
    return this;
  }

  private Behavior<Command> onUnregister(Unregister u) {
    if (spec != null) {
      getContext().getLog().info("Host [{}] is no longer monitored", host);
    }
    spec = null;
    counted.set(null);
    publish();
    timers.cancelAll();
    deps.prober().forget(host);
    u.replyTo().tell(Done.getInstance());
    return passivateWhenIdle();
  }

  private Behavior<Command> onProbeNow(ProbeNow p) {
    if (spec == null) {
      p.replyTo().tell(new NotMonitored(host));
    } else if (probing) {
      // The running probe may have read the host before the caller's change: probe once more.
      waitingForNext.add(p.replyTo());
    } else {
      waiting.add(p.replyTo());
      probeUnlessPaused(true);
    }
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus g) {
    g.replyTo().tell(spec == null ? new NotMonitored(host) : new Status(status()));
    return this;
  }

  private Behavior<Command> onGetFacts(GetFacts g) {
    g.replyTo().tell(spec == null ? new NotMonitored(host) : new CurrentFacts(facts, lastProbeAt));
    return this;
  }

  private Behavior<Command> onWake() {
    return spec == null ? passivateWhenIdle() : this;
  }

  private Behavior<Command> onTick() {
    if (spec != null && !probing) {
      probeUnlessPaused(false);
    }
    return this;
  }

  private Behavior<Command> onStop() {
    if (probing) {
      stopping = true; // finishProbe stops once the running probe is recorded
      return this;
    }
    return Behaviors.stopped();
  }

  private Behavior<Command> onPostStop(PostStop stopped) {
    counted.set(null);
    localHosts.withdraw(host, getContext().getSelf());
    return this;
  }

  private Behavior<Command> onCollected(Collected c) {
    if (spec == null) {
      return finishProbe(new NotMonitored(host));
    }
    Instant probedAt = nextProbeTime();
    StateUpdate update =
        StateUpdate.of(
            host,
            facts,
            lastProbeAt,
            c.collection(),
            probedAt,
            deps.snapshots(),
            lastSnapshotAt,
            changesSinceSnapshot);
    if (update.changes().isEmpty()) {
      return record(update, c.collection(), probedAt, update.changes());
    }
    // Only a probe that found changes reads the host's records; a failure there yields the changes
    // as they were, never a failed probe.
    List<ChangeEvent> found = update.changes();
    getContext()
        .pipeToSelf(
            deps.contexts().attribute(spec, found),
            (changes, error) ->
                new Attributed(update, c.collection(), probedAt, error == null ? changes : found));
    return this;
  }

  private Behavior<Command> onAttributed(Attributed a) {
    return record(a.update(), a.collection(), a.probedAt(), a.changes());
  }

  private Behavior<Command> record(
      StateUpdate update, Collection collection, Instant probedAt, List<ChangeEvent> changes) {
    ProbeRecord record =
        new ProbeRecord(
            host,
            probedAt,
            changes,
            update.snapshotDue() ? Optional.of(update.next()) : Optional.empty(),
            collection.contents());
    getContext()
        .pipeToSelf(
            deps.store().recordProbe(record),
            (done, error) ->
                error == null
                    ? new Recorded(record, update, collection)
                    : new RecordFailed(describe(error)));
    return this;
  }

  private Behavior<Command> onRecorded(Recorded r) {
    facts = r.update().next();
    lastProbeAt = r.record().probedAt();
    lastRecordedAt = lastProbeAt;
    if (r.record().snapshot().isPresent()) {
      lastSnapshotAt = lastProbeAt;
      changesSinceSnapshot = 0;
    } else {
      changesSinceSnapshot += r.record().changes().size();
    }
    problems = r.collection().problems();
    failedCategories = r.collection().failedCategories();
    enter(HostStatus.State.OK, null, null);
    publish();
    announce(r.record().changes());
    if (!r.record().changes().isEmpty()) {
      getContext().getLog().info("Host [{}] probed: {} changes", host, r.record().changes().size());
    }
    return finishProbe(
        new Probed(
            r.record().changes().size(), lastProbeAt, r.update().firstProbe(), facts.size()));
  }

  private Behavior<Command> onCollectFailed(CollectFailed f) {
    if (state != HostStatus.State.UNREACHABLE || !f.detail().equals(detail)) {
      getContext().getLog().info("Host [{}] unreachable: {}", host, f.detail());
    }
    // The last known facts stay: an unreachable host has not lost its packages.
    enter(HostStatus.State.UNREACHABLE, f.reason(), f.detail());
    Optional<ChangeEvent> change =
        spec == null || lastProbeAt == null
            ? Optional.empty()
            : StateUpdate.unreachable(host, facts, lastProbeAt, nextProbeTime());
    if (change.isEmpty()) {
      return finishProbe(new ProbeFailed(f.reason(), f.detail()));
    }
    // Losing the host is itself history: record probe:reachable=false before answering.
    getContext()
        .pipeToSelf(
            deps.store()
                .recordProbe(
                    ProbeRecord.unreachable(host, change.get().detectedAt(), change.get())),
            (done, error) ->
                error == null
                    ? new UnreachableRecorded(change.get(), f)
                    : new UnreachableNotRecorded(f, describe(error)));
    return this;
  }

  private Behavior<Command> onUnreachableRecorded(UnreachableRecorded r) {
    facts = facts.apply(List.of(r.change()));
    lastRecordedAt = r.change().detectedAt();
    changesSinceSnapshot++;
    publish();
    announce(List.of(r.change()));
    return finishProbe(new ProbeFailed(r.failure().reason(), r.failure().detail()));
  }

  private Behavior<Command> onUnreachableNotRecorded(UnreachableNotRecorded r) {
    // Not believed either: the next failed probe tries to record it again.
    getContext().getLog().warn("Host [{}] reachability not recorded: {}", host, r.detail());
    return finishProbe(new ProbeFailed(r.failure().reason(), r.failure().detail()));
  }

  private Behavior<Command> onRecordFailed(RecordFailed f) {
    // Memory is left at the last recorded state, so the next probe finds the same changes again.
    getContext().getLog().warn("Host [{}] changes not recorded: {}", host, f.detail());
    return finishProbe(new ProbeFailed(STORE_UNAVAILABLE, "changes not recorded: " + f.detail()));
  }

  /**
   * Tells this member's fleet aggregator what this host is now (see {@link LocalHosts}); a host no
   * longer monitored is taken out.
   */
  private void publish() {
    if (spec == null) {
      localHosts.withdraw(host, getContext().getSelf());
    } else {
      localHosts.publish(new LocalHosts.Entry(spec, facts, lastProbeAt, getContext().getSelf()));
    }
  }

  /** Tells watchers about changes, only once their record is written (so never one not kept). */
  private void announce(List<ChangeEvent> changes) {
    for (ChangeEvent change : changes) {
      deps.notifier().publish(HostNotices.change(change, spec == null ? Map.of() : spec.tags()));
    }
  }

  private void monitor(HostSpec newSpec, Duration initialDelay) {
    spec = newSpec;
    counted.set(state);
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, initialDelay, spec.interval());
  }

  /**
   * Starts a probe, unless the store's spool is full: whatever the probe found could then not be
   * recorded, so it would cost the host a probe for nothing (and be found again anyway once the
   * spool drains). Whoever asked is told why.
   *
   * @param requested someone asked for this probe (rather than the timer)
   */
  private void probeUnlessPaused(boolean requested) {
    Optional<SpoolStatus> full = deps.store().spool().filter(SpoolStatus::full);
    if (full.isEmpty()) {
      startProbe(requested);
      return;
    }
    deps.metrics().probed(HostMetrics.Outcome.SKIPPED);
    String why =
        "probing paused: the store's spool is full ("
            + full.get().records()
            + " records wait for the store)";
    getContext().getLog().debug("Host [{}] not probed: {}", host, why);
    ProbeFailed reply = new ProbeFailed(STORE_UNAVAILABLE, why);
    waiting.forEach(w -> w.tell(reply));
    waiting.clear();
  }

  private void startProbe(boolean requested) {
    probing = true;
    lastAttemptAt = now();
    getContext()
        .pipeToSelf(
            deps.prober().probe(spec, requested),
            (collection, error) ->
                error == null ? new Collected(collection) : collectFailed(error));
  }

  private Behavior<Command> finishProbe(ProbeReply reply) {
    probing = false;
    count(reply);
    waiting.forEach(w -> w.tell(reply));
    waiting = waitingForNext;
    waitingForNext = new ArrayList<>();
    if (stopping) {
      // Moving to another member: whoever waits for the next probe asks again and reaches it.
      return Behaviors.stopped();
    }
    if (!waiting.isEmpty() && spec != null) {
      probeUnlessPaused(true);
    } else if (spec == null) {
      waiting.forEach(w -> w.tell(new NotMonitored(host)));
      waiting.clear();
      return passivateWhenIdle();
    }
    return this;
  }

  private Behavior<Command> passivateWhenIdle() {
    if (probing) {
      return this; // finishProbe passivates once the running probe is done.
    }
    if (shard.isPresent()) {
      shard.get().tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
      return this;
    }
    return Behaviors.stopped();
  }

  private void count(ProbeReply reply) {
    if (reply instanceof Probed) {
      deps.metrics().probed(HostMetrics.Outcome.OK);
    } else if (reply instanceof ProbeFailed failed) {
      deps.metrics()
          .probed(
              failed.reason().equals(STORE_UNAVAILABLE)
                  ? HostMetrics.Outcome.STORE_UNAVAILABLE
                  : HostMetrics.Outcome.UNREACHABLE);
    }
  }

  private void enter(HostStatus.State newState, String newReason, String newDetail) {
    if (newState != state) {
      since = now();
      // A first successful probe is not news; losing a host, or getting it back, is.
      if (spec != null
          && (newState == HostStatus.State.UNREACHABLE || state != HostStatus.State.PENDING)) {
        deps.notifier()
            .publish(
                HostNotices.status(
                    host, spec.tags(), lower(newState), lower(state), newReason, newDetail, since));
      }
    }
    if (spec != null) {
      counted.set(newState);
    }
    state = newState;
    reason = newReason;
    detail = newDetail;
  }

  private static String lower(HostStatus.State s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }

  private HostStatus status() {
    return new HostStatus(
        spec,
        state,
        reason,
        detail,
        since,
        lastProbeAt,
        lastAttemptAt,
        facts.size(),
        problems,
        failedCategories,
        member);
  }

  /** Record times are strictly increasing per host, so history has one order. */
  private Instant nextProbeTime() {
    Instant t = now();
    Instant last = lastRecordedAt != null ? lastRecordedAt : lastProbeAt;
    return last != null && !t.isAfter(last) ? last.plusMillis(1) : t;
  }

  private Instant now() {
    return deps.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Spreads the first probes of many resumed hosts instead of probing all at once. */
  private Duration startDelay(Duration interval) {
    long bound = Math.min(interval.toMillis(), deps.startSpread().toMillis());
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
  }

  private static CollectFailed collectFailed(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ProbeException p) {
      return new CollectFailed(p.reason().name(), p.getMessage());
    }
    return new CollectFailed(ProbeException.Reason.COLLECTOR_FAILED.name(), describe(cause));
  }

  private static String describe(Throwable error) {
    Throwable cause = unwrap(error);
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
