package io.driftwatch.coordinator.drift;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import java.time.Duration;
import java.util.List;

/**
 * {@code driftwatch.drift}: the peers baseline's defaults, the severity rules, the tracker's
 * interval and the cap on the store reads that date findings.
 *
 * @param minPeers a peer group smaller than this yields no peer findings
 * @param threshold the share of a host's peers that must hold a value for it to be expected
 * @param ignore keys that identify a host rather than configure it: never peer findings
 * @param sinceReads at most this many "since" reads per evaluation; later findings have no since
 * @param sinceParallelism "since" reads in flight at once
 */
public record DriftSettings(
    Duration interval,
    int minPeers,
    double threshold,
    List<KeyPattern> ignore,
    SeverityRules severity,
    int sinceReads,
    int sinceParallelism) {

  public DriftSettings {
    ignore = List.copyOf(ignore);
    if (minPeers < 2) {
      throw new IllegalArgumentException("driftwatch.drift.min-peers must be at least 2");
    }
    requireThreshold(threshold, "driftwatch.drift.peers.threshold");
    if (sinceParallelism < 1 || sinceReads < 0) {
      throw new IllegalArgumentException("driftwatch.drift.since: bad read limits");
    }
  }

  /** Checks a peers threshold: a share in (0, 1]. */
  public static double requireThreshold(double threshold, String what) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(what + " must be above 0 and at most 1, got " + threshold);
    }
    return threshold;
  }

  public static DriftSettings fromConfig(Config config) {
    Config c = config.getConfig("driftwatch.drift");
    return new DriftSettings(
        c.getDuration("interval"),
        c.getInt("min-peers"),
        c.getDouble("peers.threshold"),
        c.getStringList("peers.ignore").stream().map(KeyPattern::parse).toList(),
        new SeverityRules(c.getObjectList("severity").stream().map(DriftSettings::rule).toList()),
        c.getInt("since.max-reads"),
        c.getInt("since.parallelism"));
  }

  private static SeverityRule rule(ConfigObject o) {
    Config r = o.toConfig();
    return SeverityRule.of(
        r.getString("key"),
        r.hasPath("value") ? r.getString("value") : null,
        r.hasPath("when") ? r.getString("when") : null,
        r.getString("severity"));
  }
}
