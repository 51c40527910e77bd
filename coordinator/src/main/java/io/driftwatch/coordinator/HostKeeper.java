package io.driftwatch.coordinator;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Keeps every monitored host's entity running somewhere in the cluster, so that probing never
 * depends on traffic. One per cluster (a singleton on the oldest member): it wakes every host of
 * the store's registry when it starts, every {@code interval}, and at once when a member is removed
 * (left, or downed by the split brain resolver). A host whose shard moved — a rebalance after a
 * member joined, or its member's death — so starts on its new owner, which recovers it from the
 * store.
 *
 * <p>Why not remember-entities: the store's registry already says which hosts are monitored, on
 * every store and across full-cluster restarts; a second, replicated list in distributed data would
 * have to be kept in step with it (and stored durably on each member's disk).
 */
public final class HostKeeper extends AbstractBehavior<HostKeeper.Command> {

  /** The keeper's own messages; they never leave its member. */
  public sealed interface Command {}

  private enum Wake implements Command {
    INSTANCE
  }

  /** The timer of the wake after a removal; one timer, so removals close together wake once. */
  private static final Object AFTER_REMOVAL = "after-removal";

  private record MemberRemoved(ClusterEvent.MemberRemoved event) implements Command {}

  private record Woken(int hosts) implements Command {}

  private record WakeFailed(String detail) implements Command {}

  /**
   * Starts the keeper on the oldest member (and moves it when that member leaves).
   *
   * @param afterRemoval how long after a member's removal its shards are re-allocated (sharding's
   *     removal margin) and a little more: messages sent to its shards before then are lost with
   *     it, so the keeper wakes every host again after this
   */
  public static ActorRef<Command> init(
      ActorSystem<?> system, HostRegistry registry, Duration interval, Duration afterRemoval) {
    return ClusterSingleton.get(system)
        .init(
            SingletonActor.of(
                Behaviors.supervise(create(registry, interval, afterRemoval))
                    .onFailure(SupervisorStrategy.restart()),
                "host-keeper"));
  }

  static Behavior<Command> create(HostRegistry registry, Duration interval, Duration afterRemoval) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  // Named explicitly: Pekko's guess from the call stack is not under io.driftwatch.
                  ctx.setLoggerName(HostKeeper.class);
                  timers.startTimerWithFixedDelay(Wake.INSTANCE, Duration.ZERO, interval);
                  Cluster.get(ctx.getSystem())
                      .subscriptions()
                      .tell(
                          Subscribe.create(
                              ctx.messageAdapter(
                                  ClusterEvent.MemberRemoved.class, MemberRemoved::new),
                              ClusterEvent.MemberRemoved.class));
                  return new HostKeeper(ctx, timers, registry, afterRemoval);
                }));
  }

  private final TimerScheduler<Command> timers;
  private final HostRegistry registry;
  private final Duration afterRemoval;
  private boolean waking;
  private boolean wakeAgain;
  private boolean failing;

  private HostKeeper(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      HostRegistry registry,
      Duration afterRemoval) {
    super(ctx);
    this.timers = timers;
    this.registry = registry;
    this.afterRemoval = afterRemoval;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Wake.INSTANCE, this::onWake)
        .onMessage(MemberRemoved.class, this::onMemberRemoved)
        .onMessage(Woken.class, this::onWoken)
        .onMessage(WakeFailed.class, this::onWakeFailed)
        .build();
  }

  private Behavior<Command> onMemberRemoved(MemberRemoved removed) {
    getContext()
        .getLog()
        .info(
            "Member [{}] was removed: its hosts move to the others within {}",
            removed.event().member().address(),
            afterRemoval);
    timers.startSingleTimer(AFTER_REMOVAL, Wake.INSTANCE, afterRemoval);
    return onWake();
  }

  private Behavior<Command> onWake() {
    if (waking) {
      wakeAgain = true; // the registry may have been read before the member was removed
      return this;
    }
    waking = true;
    getContext()
        .pipeToSelf(
            registry.wakeAll(),
            (hosts, error) ->
                error == null
                    ? new Woken(hosts)
                    : new WakeFailed(Failures.unwrap(error).getMessage()));
    return this;
  }

  private Behavior<Command> onWoken(Woken w) {
    if (failing) {
      getContext().getLog().info("Hosts woken again ({} monitored)", w.hosts());
    }
    failing = false;
    return wakeIfAsked();
  }

  private Behavior<Command> onWakeFailed(WakeFailed f) {
    // One line per outage, not one per interval: the store reports its own state in health.
    if (!failing) {
      getContext().getLog().warn("Could not read the host registry to wake hosts: {}", f.detail());
    }
    failing = true;
    return wakeIfAsked();
  }

  private Behavior<Command> wakeIfAsked() {
    waking = false;
    if (wakeAgain) {
      wakeAgain = false;
      return onWake();
    }
    return this;
  }
}
