package io.driftwatch.node.host;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How probing is paced on a node, read once from {@code driftwatch.probe}.
 *
 * @param parallelism probes running at once on this node
 * @param startSpread hosts resumed at node start are first probed at a random moment within this
 *     (or their interval, if shorter), so a restart does not probe the whole fleet at once
 */
public record ProbeSettings(
    Duration defaultInterval, Duration timeout, int parallelism, Duration startSpread) {

  public static ProbeSettings fromConfig(Config c) {
    return new ProbeSettings(
        c.getDuration("default-interval"),
        c.getDuration("timeout"),
        c.getInt("parallelism"),
        c.getDuration("start-spread"));
  }
}
