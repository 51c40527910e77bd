package io.driftwatch.coordinator.drift;

import io.driftwatch.coordinator.Failures;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.node.notify.Notice;
import io.driftwatch.node.notify.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Watches drift as it happens: one per cluster (a singleton), it evaluates every monitored host
 * every {@code interval} and publishes a {@code drift} notice for each finding that appeared and a
 * {@code drift-resolved} notice for each that went (a silenced finding counts as gone; its
 * exception expiring brings it back). Its memory is the last evaluation only: the first evaluation
 * after it starts (the cluster's start, or the singleton moving to another member) seeds it and
 * announces nothing, so a move re-learns the current findings instead of announcing them again.
 */
public final class DriftTracker extends AbstractBehavior<DriftTracker.Command> {

  /** The tracker's own messages; they never leave its member. */
  public sealed interface Command {}

  private enum Evaluate implements Command {
    INSTANCE
  }

  private record Evaluated(DriftReport report) implements Command {}

  private record EvaluationFailed(String detail) implements Command {}

  public static final String DRIFT = "drift";
  public static final String RESOLVED = "drift-resolved";

  /** Starts the tracker on the oldest member (and moves it when that member leaves). */
  public static ActorRef<Command> init(
      ActorSystem<?> system, DriftQueries drift, Notifier notifier, Clock clock) {
    return ClusterSingleton.get(system)
        .init(
            SingletonActor.of(
                Behaviors.supervise(
                        create(
                            drift.settings().interval(),
                            () -> drift.evaluate(DriftQueries.Ask.all()),
                            notifier,
                            clock))
                    .onFailure(SupervisorStrategy.restart()),
                "drift-tracker"));
  }

  /** A tracker running {@code evaluate} every {@code interval}. */
  static Behavior<Command> create(
      Duration interval,
      Supplier<CompletionStage<DriftReport>> evaluate,
      Notifier notifier,
      Clock clock) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  ctx.setLoggerName(DriftTracker.class);
                  timers.startTimerWithFixedDelay(Evaluate.INSTANCE, Duration.ZERO, interval);
                  return new DriftTracker(ctx, evaluate, notifier, clock);
                }));
  }

  private final Supplier<CompletionStage<DriftReport>> evaluate;
  private final Notifier notifier;
  private final Clock clock;

  /** The findings of the last evaluation by id; null until the first one seeds it. */
  private Map<String, Finding> known;

  /** The tags of the hosts of the last evaluation, for notices about findings that went. */
  private Map<String, Map<String, String>> tags = Map.of();

  private boolean evaluating;
  private boolean failing;

  private DriftTracker(
      ActorContext<Command> ctx,
      Supplier<CompletionStage<DriftReport>> evaluate,
      Notifier notifier,
      Clock clock) {
    super(ctx);
    this.evaluate = evaluate;
    this.notifier = notifier;
    this.clock = clock;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Evaluate.INSTANCE, this::onEvaluate)
        .onMessage(Evaluated.class, this::onEvaluated)
        .onMessage(EvaluationFailed.class, this::onEvaluationFailed)
        .build();
  }

  private Behavior<Command> onEvaluate() {
    if (evaluating) {
      return this; // a slow evaluation skips ticks instead of piling them up
    }
    evaluating = true;
    getContext()
        .pipeToSelf(
            evaluate.get(),
            (report, error) -> error == null ? new Evaluated(report) : failed(error));
    return this;
  }

  private static Command failed(Throwable error) {
    Throwable cause = Failures.unwrap(error);
    // No host monitored: no findings, so every known one is resolved.
    return cause instanceof NotFoundException
        ? new Evaluated(new DriftReport(List.of(), 0, 0, List.of(), Map.of()))
        : new EvaluationFailed(cause.getMessage());
  }

  private Behavior<Command> onEvaluated(Evaluated e) {
    evaluating = false;
    if (failing) {
      getContext().getLog().info("Drift evaluated again");
      failing = false;
    }
    Map<String, Finding> now = FindingChanges.byId(e.report().findings());
    if (known != null) {
      FindingChanges changes = FindingChanges.between(known, now);
      changes.resolved().forEach(f -> publish(RESOLVED, f, tags));
      changes.appeared().forEach(f -> publish(DRIFT, f, e.report().tags()));
    }
    known = now;
    tags = e.report().tags();
    return this;
  }

  private Behavior<Command> onEvaluationFailed(EvaluationFailed f) {
    evaluating = false;
    // Memory kept: what was drifting before the failure still is as far as anyone knows.
    if (!failing) {
      getContext().getLog().warn("Could not evaluate drift: {}", f.detail());
    }
    failing = true;
    return this;
  }

  private void publish(String kind, Finding f, Map<String, Map<String, String>> hostTags) {
    notifier.publish(
        new Notice(
            kind,
            f.host(),
            hostTags.getOrDefault(f.host(), Map.of()),
            FindingJson.text(f),
            clock.instant()));
  }
}
