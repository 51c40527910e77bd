package io.driftwatch.coordinator.stream;

import io.driftwatch.node.CborSerializable;
import io.driftwatch.node.notify.Notice;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The cluster singleton every member's notices go through: gives each its id ({@link EventIds}),
 * publishes it to every member's {@link StreamHub} over the {@code driftwatch-stream} topic, and
 * runs noise control, whose change sets and flaps are sequenced and published like any notice and
 * whose verdicts feed the {@link WebhookDispatcher} beside it.
 */
public final class NoticeSequencer extends AbstractBehavior<NoticeSequencer.Command> {

  /** What the sequencer understands. */
  public sealed interface Command extends CborSerializable {}

  /** Give this notice an id and send it to every member. */
  public record Sequence(Notice notice) implements Command {}

  /** Read the webhook sinks again (one was defined or removed through the API). */
  public enum ReloadWebhooks implements Command {
    INSTANCE
  }

  private enum Tick implements Command {
    INSTANCE
  }

  private final ActorRef<Topic.Command<StreamEvent>> topic;
  private final Clock clock;
  private final NoiseControl noise;
  private final ActorRef<WebhookDispatcher.Command> webhooks;
  private final EventIds ids = new EventIds();

  static Behavior<Command> create(
      ActorRef<Topic.Command<StreamEvent>> topic,
      StreamSettings settings,
      WebhookRegistry registry,
      Clock clock) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(
                      Tick.INSTANCE, NoiseControl.tick(settings.noise()));
                  return new NoticeSequencer(ctx, topic, settings, registry, clock);
                }));
  }

  private NoticeSequencer(
      ActorContext<Command> ctx,
      ActorRef<Topic.Command<StreamEvent>> topic,
      StreamSettings settings,
      WebhookRegistry registry,
      Clock clock) {
    super(ctx);
    ctx.setLoggerName(NoticeSequencer.class);
    this.topic = topic;
    this.clock = clock;
    this.noise = new NoiseControl(settings.noise());
    this.webhooks = ctx.spawn(WebhookDispatcher.create(registry, settings), "webhooks");
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Sequence.class, this::onSequence)
        .onMessageEquals(ReloadWebhooks.INSTANCE, this::onReload)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .build();
  }

  private Behavior<Command> onSequence(Sequence s) {
    StreamEvent event = publish(s.notice());
    apply(noise.offer(event, clock.instant()));
    return this;
  }

  private Behavior<Command> onReload() {
    webhooks.tell(WebhookDispatcher.Reload.INSTANCE);
    return this;
  }

  private Behavior<Command> onTick() {
    apply(noise.due(clock.instant()));
    return this;
  }

  private void apply(NoiseControl.Output output) {
    output.forWebhooks().forEach(e -> webhooks.tell(new WebhookDispatcher.Deliver(e)));
    for (Notice summary : output.notices()) {
      webhooks.tell(new WebhookDispatcher.Deliver(publish(summary)));
    }
  }

  private StreamEvent publish(Notice notice) {
    StreamEvent event = StreamEvent.of(ids.next(StreamHub.micros(clock)), notice);
    topic.tell(Topic.publish(event));
    return event;
  }
}
