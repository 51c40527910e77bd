package io.driftwatch.coordinator.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * One fleet query's scatter-gather, short-lived: finds every member's {@link FleetAggregator},
 * sends each the query, and completes {@code result} with the partials that came back when all have
 * answered or the deadline passes, whichever is first. It never fails: members that did not answer
 * are simply absent from the result.
 */
public final class FleetGather extends AbstractBehavior<FleetGather.Command> {

  /** Messages of one gather; replies from members arrive as {@link FleetAggregator.Partial}. */
  public sealed interface Command permits FleetAggregator.Partial, Listed, Deadline, FindAgain {}

  private record Listed(Receptionist.Listing listing) implements Command {}

  private enum FindAgain implements Command {
    INSTANCE
  }

  /** How long to wait before asking the receptionist again when it listed no aggregator. */
  private static final Duration FIND_AGAIN_AFTER = Duration.ofMillis(100);

  private enum Deadline implements Command {
    INSTANCE
  }

  /** What came back: the partials, and how many aggregators were asked. */
  public record Gathered(List<FleetAggregator.Partial> partials, int asked) {}

  private final FleetQuery query;
  private final Duration memberBudget;
  private final CompletableFuture<Gathered> result;
  private final List<FleetAggregator.Partial> partials = new ArrayList<>();
  private final TimerScheduler<Command> timers;
  private final ActorRef<Receptionist.Listing> listings;
  private int asked;

  /**
   * @param deadline when the query answers with whatever came back
   * @param memberBudget how long members may take (a little less than the deadline, so that their
   *     partial answers arrive before it)
   */
  public static Behavior<Command> create(
      FleetQuery query,
      Duration deadline,
      Duration memberBudget,
      CompletableFuture<Gathered> result) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> new FleetGather(ctx, timers, query, deadline, memberBudget, result)));
  }

  private FleetGather(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      FleetQuery query,
      Duration deadline,
      Duration memberBudget,
      CompletableFuture<Gathered> result) {
    super(ctx);
    this.query = query;
    this.memberBudget = memberBudget;
    this.result = result;
    this.timers = timers;
    timers.startSingleTimer(Deadline.INSTANCE, deadline);
    this.listings = ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
    find();
  }

  private void find() {
    getContext()
        .getSystem()
        .receptionist()
        .tell(Receptionist.find(FleetAggregator.SERVICE_KEY, listings));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Listed.class, this::onListed)
        .onMessageEquals(
            FindAgain.INSTANCE,
            () -> {
              find();
              return this;
            })
        .onMessage(FleetAggregator.Partial.class, this::onPartial)
        .onMessageEquals(Deadline.INSTANCE, this::onDeadline)
        .build();
  }

  private Behavior<Command> onListed(Listed l) {
    Set<ActorRef<FleetAggregator.Command>> aggregators =
        l.listing().getServiceInstances(FleetAggregator.SERVICE_KEY);
    if (aggregators.isEmpty()) {
      // Every member, this one included, runs an aggregator: an empty listing is the receptionist
      // not having caught up yet (a member just started, or its aggregator just restarted), not an
      // empty cluster. Ask again until the deadline rather than answer "every host missing".
      timers.startSingleTimer(FindAgain.INSTANCE, FIND_AGAIN_AFTER);
      return this;
    }
    asked = aggregators.size();
    // Replies come to this actor itself, not to an adapter: its path is the one configured for
    // large messages (pekko.remote.artery.large-message-destinations).
    ActorRef<FleetAggregator.Partial> replyTo = getContext().getSelf().narrow();
    aggregators.forEach(a -> a.tell(new FleetAggregator.Aggregate(query, memberBudget, replyTo)));
    return this;
  }

  private Behavior<Command> onPartial(FleetAggregator.Partial p) {
    partials.add(p);
    return partials.size() >= asked && asked > 0 ? finish() : this;
  }

  private Behavior<Command> onDeadline() {
    return finish();
  }

  private Behavior<Command> finish() {
    result.complete(new Gathered(List.copyOf(partials), asked));
    return Behaviors.stopped();
  }
}
