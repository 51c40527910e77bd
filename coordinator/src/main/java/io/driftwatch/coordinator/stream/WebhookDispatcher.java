package io.driftwatch.coordinator.stream;

import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Hands each event noise control lets through to every webhook sink that wants it (one {@link
 * WebhookDelivery} per sink, so a dead sink never holds up another). Runs beside the sequencer, so
 * events are delivered from one member; re-reads the sinks on start, on request and periodically.
 */
final class WebhookDispatcher extends AbstractBehavior<WebhookDispatcher.Command> {

  sealed interface Command {}

  record Deliver(StreamEvent event) implements Command {}

  enum Reload implements Command {
    INSTANCE
  }

  private record Loaded(List<WebhookDefinition> sinks) implements Command {}

  private record Sink(
      WebhookDefinition definition,
      StreamFilter filter,
      ActorRef<WebhookDelivery.Command> delivery) {}

  private final WebhookRegistry registry;
  private final StreamSettings settings;
  private final HttpClient http;
  private final Map<String, Sink> sinks = new HashMap<>();
  private long spawned;

  static Behavior<Command> create(WebhookRegistry registry, StreamSettings settings) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(timers -> new WebhookDispatcher(ctx, timers, registry, settings)));
  }

  private WebhookDispatcher(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      WebhookRegistry registry,
      StreamSettings settings) {
    super(ctx);
    ctx.setLoggerName(WebhookDispatcher.class);
    this.registry = registry;
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).build();
    timers.startTimerWithFixedDelay(Reload.INSTANCE, settings.webhookReload());
    load();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Deliver.class, this::onDeliver)
        .onMessageEquals(Reload.INSTANCE, this::onReload)
        .onMessage(Loaded.class, this::onLoaded)
        .build();
  }

  private Behavior<Command> onDeliver(Deliver d) {
    for (Sink sink : sinks.values()) {
      if (sink.filter().matches(d.event())) {
        sink.delivery().tell(new WebhookDelivery.Deliver(d.event()));
      }
    }
    return this;
  }

  private Behavior<Command> onReload() {
    load();
    return this;
  }

  private Behavior<Command> onLoaded(Loaded loaded) {
    if (loaded.sinks() == null) {
      return this;
    }
    Map<String, WebhookDefinition> now = new HashMap<>();
    loaded.sinks().forEach(d -> now.put(d.name(), d));
    sinks
        .entrySet()
        .removeIf(
            e -> {
              if (now.containsKey(e.getKey())) {
                return false;
              }
              getContext().stop(e.getValue().delivery());
              return true;
            });
    for (WebhookDefinition d : now.values()) {
      Sink old = sinks.get(d.name());
      if (old == null) {
        getContext().getLog().info("Webhook [{}] delivers to {}", d.name(), d.where());
        sinks.put(
            d.name(),
            new Sink(
                d,
                d.filter(),
                getContext()
                    .spawn(
                        WebhookDelivery.create(d, http, settings),
                        // Numbered: a sink removed and defined again may meet its stopping self.
                        "webhook-" + ++spawned)));
      } else if (!old.definition().equals(d)) {
        old.delivery().tell(new WebhookDelivery.Redefine(d));
        sinks.put(d.name(), new Sink(d, d.filter(), old.delivery()));
      }
    }
    return this;
  }

  private void load() {
    // registry.all() answers the configured sinks when the store does not: it never fails.
    getContext().pipeToSelf(registry.all(), (all, error) -> new Loaded(all));
  }
}
