package io.driftwatch.node.host;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How probing is paced on a node, read once from {@code driftwatch.probe}.
 *
 * @param parallelism probes running at once on this node
 */
public record ProbeSettings(Duration defaultInterval, Duration timeout, int parallelism) {

  public static ProbeSettings fromConfig(Config c) {
    return new ProbeSettings(
        c.getDuration("default-interval"), c.getDuration("timeout"), c.getInt("parallelism"));
  }
}
