package io.driftwatch.coordinator.stream;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code driftwatch.stream}: how long members keep events for resuming clients, each client's
 * buffer, keep-alives, noise control and webhook delivery.
 *
 * @param retentionEvents events each member keeps for {@code Last-Event-ID} replay
 * @param retentionAge and for at most this long
 * @param clientBuffer live events waiting for one slow client before it is dropped
 * @param keepAlive comment sent on an idle stream so proxies keep it open
 * @param webhookQueue events waiting for one sink; beyond, the oldest are dropped (and counted)
 * @param webhookTimeout one POST
 * @param retryFirst the first retry's delay, doubled per failure up to {@code retryMax}
 * @param webhookReload how often sinks defined through the API are read again
 */
public record StreamSettings(
    int retentionEvents,
    Duration retentionAge,
    int clientBuffer,
    Duration keepAlive,
    NoiseSettings noise,
    int webhookQueue,
    Duration webhookTimeout,
    Duration retryFirst,
    Duration retryMax,
    Duration webhookReload) {

  public static StreamSettings fromConfig(Config config) {
    Config c = config.getConfig("driftwatch.stream");
    return new StreamSettings(
        c.getInt("retention.events"),
        c.getDuration("retention.age"),
        c.getInt("client-buffer"),
        c.getDuration("keep-alive"),
        new NoiseSettings(
            c.getDuration("change-set-window"),
            c.getInt("change-set-hosts"),
            c.getInt("flap-changes"),
            c.getDuration("flap-window")),
        c.getInt("webhook.queue"),
        c.getDuration("webhook.timeout"),
        c.getDuration("webhook.retry-first"),
        c.getDuration("webhook.retry-max"),
        c.getDuration("webhook.reload"));
  }
}
