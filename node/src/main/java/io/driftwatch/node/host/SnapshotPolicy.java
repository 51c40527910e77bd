package io.driftwatch.node.host;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;

/**
 * When a host's full state is written as a snapshot: on its first probe, then after {@code
 * maxChanges} change events or {@code maxAge}, whichever comes first. This bounds how much history
 * "state at t" has to replay.
 */
public record SnapshotPolicy(int maxChanges, Duration maxAge) {

  public static SnapshotPolicy fromConfig(Config c) {
    return new SnapshotPolicy(c.getInt("max-changes"), c.getDuration("max-age"));
  }

  /**
   * True when the probe at {@code now}, adding {@code newChanges} to {@code changesSinceSnapshot},
   * should also write a snapshot.
   */
  public boolean isDue(
      Instant lastSnapshotAt, int changesSinceSnapshot, int newChanges, Instant now) {
    if (lastSnapshotAt == null) {
      return true;
    }
    return changesSinceSnapshot + newChanges >= maxChanges
        || !now.isBefore(lastSnapshotAt.plus(maxAge));
  }
}
