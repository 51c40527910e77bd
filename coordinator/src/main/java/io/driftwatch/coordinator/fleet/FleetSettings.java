package io.driftwatch.coordinator.fleet;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Settings of fleet queries ({@code driftwatch.fleet}).
 *
 * @param deadline a fleet query answers by then with the members that answered
 * @param hostsListed a value held by more hosts than this is shown with its count only
 * @param valuesListed values shown per key (the majority and the rarest others)
 * @param storeParallelism past states a member reads from the store at once
 */
public record FleetSettings(
    Duration deadline, int hostsListed, int valuesListed, int storeParallelism) {

  public FleetSettings {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("driftwatch.fleet.deadline must be positive");
    }
    if (hostsListed < 1 || valuesListed < 2 || storeParallelism < 1) {
      throw new IllegalArgumentException(
          "driftwatch.fleet: hosts-listed >= 1, values-listed >= 2, store-parallelism >= 1");
    }
  }

  public static FleetSettings fromConfig(Config config) {
    Config c = config.getConfig("driftwatch.fleet");
    return new FleetSettings(
        c.getDuration("deadline"),
        c.getInt("hosts-listed"),
        c.getInt("values-listed"),
        c.getInt("store-parallelism"));
  }

  /**
   * How long members may take: most of the deadline, leaving time for their answers to travel and
   * be merged before it.
   */
  public Duration memberBudget() {
    Duration margin = deadline.dividedBy(5);
    Duration cap = Duration.ofSeconds(1);
    return deadline.minus(margin.compareTo(cap) < 0 ? margin : cap);
  }
}
