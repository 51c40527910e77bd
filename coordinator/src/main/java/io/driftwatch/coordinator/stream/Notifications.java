package io.driftwatch.coordinator.stream;

import io.driftwatch.node.notify.Notifier;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Notifications on one member, wired: the {@link Notifier} host entities and the drift tracker
 * publish to (it forwards to the cluster's {@link NoticeSequencer}), this member's {@link
 * StreamHub} that stream clients read, and the webhook sinks.
 */
public final class Notifications {

  static final String TOPIC = "driftwatch-stream";

  private final ActorRef<NoticeSequencer.Command> sequencer;
  private final StreamHub hub;
  private final WebhookRegistry webhooks;
  private final StreamSettings settings;

  private Notifications(
      ActorRef<NoticeSequencer.Command> sequencer,
      StreamHub hub,
      WebhookRegistry webhooks,
      StreamSettings settings) {
    this.sequencer = sequencer;
    this.hub = hub;
    this.webhooks = webhooks;
    this.settings = settings;
  }

  public static Notifications start(
      ActorSystem<?> system, StreamSettings settings, WebhookRegistry webhooks, Clock clock) {
    StreamHub hub = new StreamHub(settings, clock);
    ActorRef<Topic.Command<StreamEvent>> topic =
        system.systemActorOf(Topic.create(StreamEvent.class, TOPIC), "stream-topic", Props.empty());
    system.systemActorOf(StreamFeed.create(topic, hub), "stream-feed", Props.empty());
    ActorRef<NoticeSequencer.Command> sequencer =
        ClusterSingleton.get(system)
            .init(
                SingletonActor.of(
                    Behaviors.supervise(NoticeSequencer.create(topic, settings, webhooks, clock))
                        .onFailure(SupervisorStrategy.restart()),
                    "notice-sequencer"));
    return new Notifications(sequencer, hub, webhooks, settings);
  }

  /** Where producers publish: forwarded to the sequencer, wherever it runs. Never blocks. */
  public Notifier notifier() {
    return notice -> sequencer.tell(new NoticeSequencer.Sequence(notice));
  }

  public StreamHub hub() {
    return hub;
  }

  public WebhookRegistry webhooks() {
    return webhooks;
  }

  public StreamSettings settings() {
    return settings;
  }

  /** Tells the webhook dispatcher to read the sinks again, after an API change. */
  public void reloadWebhooks() {
    sequencer.tell(NoticeSequencer.ReloadWebhooks.INSTANCE);
  }
}
