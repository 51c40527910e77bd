package io.driftwatch.coordinator.context;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How context events are matched to changes ({@code driftwatch.context}).
 *
 * @param eventSlack a change's detection window is widened by this much before it: an event posted
 *     a little before the previous probe (a deploy announced as it starts, a clock behind) still
 *     counts
 * @param clockSkew the window is widened by this much after it, and an event may be dated this far
 *     in the future: clocks of CI systems and nodes differ a little
 * @param maxSpan the longest event ({@code until - at}); bounds how far back a query reads
 * @param eventsPerChange at most this many events are shown per change (the latest first)
 * @param maxRead at most this many events are read per query
 * @param repeatWindow a post with a known id is looked for this far around its time, to answer a
 *     repeat idempotently
 */
public record ContextEventSettings(
    Duration eventSlack,
    Duration clockSkew,
    Duration maxSpan,
    int eventsPerChange,
    int maxRead,
    Duration repeatWindow) {

  public ContextEventSettings {
    if (eventSlack.isNegative()
        || clockSkew.isNegative()
        || maxSpan.isNegative()
        || repeatWindow.isNegative()) {
      throw new IllegalArgumentException("driftwatch.context: durations must not be negative");
    }
    if (eventsPerChange < 1 || maxRead < 1) {
      throw new IllegalArgumentException(
          "driftwatch.context: events-per-change and max-read must be at least 1");
    }
  }

  public static ContextEventSettings fromConfig(Config config) {
    Config c = config.getConfig("driftwatch.context");
    return new ContextEventSettings(
        c.getDuration("event-slack"),
        c.getDuration("clock-skew"),
        c.getDuration("max-span"),
        c.getInt("events-per-change"),
        c.getInt("max-read"),
        c.getDuration("repeat-window"));
  }
}
