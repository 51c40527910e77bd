package io.driftwatch.coordinator.stream;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/** Subscribes this member's {@link StreamHub} to the sequencer's topic and ages its journal. */
final class StreamFeed {

  private static final Duration EVICT_EVERY = Duration.ofSeconds(10);

  private StreamFeed() {}

  private enum Evict {
    INSTANCE
  }

  static Behavior<Object> create(ActorRef<Topic.Command<StreamEvent>> topic, StreamHub hub) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  topic.tell(Topic.subscribe(ctx.getSelf().narrow()));
                  timers.startTimerWithFixedDelay(Evict.INSTANCE, EVICT_EVERY);
                  return Behaviors.receive(Object.class)
                      .onMessage(StreamEvent.class, e -> append(hub, e))
                      .onMessageEquals(Evict.INSTANCE, () -> evict(hub))
                      .build();
                }));
  }

  private static Behavior<Object> append(StreamHub hub, StreamEvent event) {
    hub.append(event);
    return Behaviors.same();
  }

  private static Behavior<Object> evict(StreamHub hub) {
    hub.evict();
    return Behaviors.same();
  }
}
