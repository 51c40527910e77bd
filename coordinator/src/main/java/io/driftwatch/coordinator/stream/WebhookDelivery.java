package io.driftwatch.coordinator.stream;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Delivers events to one webhook sink, one POST at a time in the order they were handed over (noise
 * control hands per-host changes over when their change-set window closes, so after later ids): a
 * failed POST (an error status, a timeout, no connection) is retried with exponential back-off, and
 * an event is sent until it is acknowledged once, then never again (the sink remembers the ids it
 * was given, so an event handed over twice is still delivered once from our side). The POST carries
 * {@code X-Driftwatch-Event-Id} so a receiver can also drop one that landed before a timeout. A
 * dead sink only fills its own queue (bounded; the oldest events are dropped and counted).
 */
final class WebhookDelivery extends AbstractBehavior<WebhookDelivery.Command> {

  sealed interface Command {}

  record Deliver(StreamEvent event) implements Command {}

  record Redefine(WebhookDefinition definition) implements Command {}

  private record Sent(int events, int status, String error) implements Command {}

  private enum Retry implements Command {
    INSTANCE
  }

  /** Slack messages carry at most this many events each. */
  private static final int SLACK_BATCH = 20;

  private final TimerScheduler<Command> timers;
  private final HttpClient http;
  private final StreamSettings settings;
  private final BackOff backOff;
  private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
  private WebhookDefinition definition;
  private final RecentIds seen;
  private boolean sending;
  private int failures;
  private long droppedEvents;

  static Behavior<Command> create(
      WebhookDefinition definition, HttpClient http, StreamSettings settings) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(t -> new WebhookDelivery(ctx, t, definition, http, settings)));
  }

  private WebhookDelivery(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      WebhookDefinition definition,
      HttpClient http,
      StreamSettings settings) {
    super(ctx);
    ctx.setLoggerName(WebhookDelivery.class);
    this.timers = timers;
    this.definition = definition;
    this.http = http;
    this.settings = settings;
    this.backOff = new BackOff(settings.retryFirst(), settings.retryMax());
    this.seen = new RecentIds(2 * settings.webhookQueue());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(Redefine.class, this::onRedefine)
        .onMessage(Sent.class, this::onSent)
        .onMessageEquals(Retry.INSTANCE, this::onRetry)
        .build();
  }

  private Behavior<Command> onDeliver(Deliver d) {
    if (!seen.add(d.event().id())) {
      return this; // already queued or delivered: one delivery per id
    }
    queue.addLast(d.event());
    if (queue.size() > settings.webhookQueue()) {
      queue.removeFirst();
      if (droppedEvents++ % 1000 == 0) {
        getContext()
            .getLog()
            .warn(
                "Webhook [{}] at {} is not keeping up: {} events dropped so far",
                definition.name(),
                definition.where(),
                droppedEvents);
      }
    }
    sendNext();
    return this;
  }

  private Behavior<Command> onRedefine(Redefine r) {
    definition = r.definition();
    return this;
  }

  private Behavior<Command> onSent(Sent s) {
    sending = false;
    if (s.error() == null && s.status() >= 200 && s.status() < 300) {
      if (failures > 0) {
        getContext()
            .getLog()
            .info("Webhook [{}] delivers again after {} failures", definition.name(), failures);
      }
      failures = 0;
      for (int i = 0; i < s.events() && !queue.isEmpty(); i++) {
        queue.removeFirst();
      }
      sendNext();
      return this;
    }
    failures++;
    String why = s.error() != null ? s.error() : "HTTP " + s.status();
    if (failures == 1 || Integer.bitCount(failures) == 1) {
      getContext()
          .getLog()
          .warn(
              "Webhook [{}] at {} failed ({} in a row): {}",
              definition.name(),
              definition.where(),
              failures,
              why);
    }
    timers.startSingleTimer(Retry.INSTANCE, backOff.delay(failures));
    return this;
  }

  private Behavior<Command> onRetry() {
    sendNext();
    return this;
  }

  private void sendNext() {
    if (sending || queue.isEmpty() || timers.isTimerActive(Retry.INSTANCE)) {
      return;
    }
    List<StreamEvent> batch = new ArrayList<>();
    for (StreamEvent e : queue) {
      batch.add(e);
      if (definition.format() == WebhookDefinition.Format.JSON || batch.size() == SLACK_BATCH) {
        break;
      }
    }
    String body =
        definition.format() == WebhookDefinition.Format.JSON
            ? WebhookBody.json(batch.get(0))
            : WebhookBody.slack(batch);
    // A Slack message carries several events: their ids, in order.
    String ids = batch.stream().map(e -> Long.toString(e.id())).collect(Collectors.joining(","));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(definition.url())
            .timeout(settings.webhookTimeout())
            .header("Content-Type", "application/json")
            .header("X-Driftwatch-Event-Id", ids)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    definition
        .secret()
        .ifPresent(s -> request.header("X-Driftwatch-Signature", WebhookBody.signature(s, body)));
    sending = true;
    getContext()
        .pipeToSelf(
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()),
            (response, error) ->
                error == null
                    ? new Sent(batch.size(), response.statusCode(), null)
                    : new Sent(batch.size(), 0, describe(error)));
  }

  /** The cause's class and message; never the URL, which may hold a token. */
  private static String describe(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    return cause.getClass().getSimpleName();
  }
}
