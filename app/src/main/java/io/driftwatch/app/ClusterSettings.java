package io.driftwatch.app;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.Address;

/**
 * How a member takes part in the cluster, from {@code driftwatch.cluster}.
 *
 * @param seeds the members to join; empty = form a cluster of one
 * @param wakeInterval how often the host keeper wakes every monitored host (see {@code
 *     HostKeeper}): the longest a host whose shard moved in a rebalance waits to be probed again
 */
record ClusterSettings(List<Address> seeds, Duration wakeInterval) {

  static ClusterSettings fromConfig(Config cluster) {
    Duration wake = cluster.getDuration("wake-interval");
    if (wake.isNegative() || wake.isZero()) {
      throw new IllegalArgumentException("driftwatch.cluster.wake-interval must be positive");
    }
    return new ClusterSettings(SeedNodes.parse(cluster.getString("seeds")), wake);
  }

  /**
   * How long after a member is removed sharding re-allocates its shards: {@code
   * pekko.cluster.down-removal-margin}, or when that is off the split brain resolver's {@code
   * stable-after}, as Pekko itself decides it.
   */
  static Duration removalMargin(Config root) {
    String margin = root.getString("pekko.cluster.down-removal-margin");
    if (!margin.equals("off")) {
      return root.getDuration("pekko.cluster.down-removal-margin");
    }
    return root.getDuration("pekko.cluster.split-brain-resolver.stable-after");
  }
}
