package io.driftwatch.coordinator.drift;

import io.driftwatch.coordinator.fleet.FleetAggregate;
import io.driftwatch.coordinator.fleet.KeyTally;
import io.driftwatch.coordinator.fleet.ValueTally;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers baseline over one peer group (pure): for every key on which the group disagrees, the
 * value held by at least {@code threshold} of a host's peers is expected of it; hosts holding
 * another value, or lacking the key, or having a key the group lacks, are findings.
 *
 * <p>Never findings: keys that identify a host ({@code ignore}), keys on which (nearly) every host
 * differs (no consensus to depart from), and groups of fewer than {@code minPeers} probed hosts.
 *
 * @param threshold share of the host's peers (the group less the host itself)
 */
public record PeerConsensus(
    int minPeers, double threshold, List<KeyPattern> ignore, Source source, String baseline) {

  /** A key with more distinct values than this share of the group identifies hosts. */
  static final double IDENTIFYING_SHARE = 0.8;

  public PeerConsensus {
    ignore = List.copyOf(ignore);
  }

  /** The default peers baseline of the settings. */
  public static PeerConsensus of(DriftSettings s) {
    return new PeerConsensus(s.minPeers(), s.threshold(), s.ignore(), Source.PEERS, null);
  }

  /**
   * The host cap an aggregate of {@code groupSize} hosts needs so that every host this consensus
   * can flag is named: a flagged host holds a value other than one held by at least {@code
   * threshold} of its peers, so at most this many hosts hold its value.
   */
  public int hostCap(int groupSize) {
    int majority = (int) Math.ceil(threshold * (groupSize - 1) - 1e-9);
    return Math.max(1, groupSize - majority);
  }

  /** The findings of one group's aggregate, built with at least {@link #hostCap} of its size. */
  public List<Finding> judge(FleetAggregate group) {
    int size = group.hosts().size();
    List<Finding> findings = new ArrayList<>();
    if (size < minPeers) {
      return findings;
    }
    group
        .keys()
        .forEach(
            (key, tally) -> {
              if (ignore.stream().noneMatch(p -> p.matches(key))) {
                judgeKey(key, tally, size, findings);
              }
            });
    return findings;
  }

  private void judgeKey(String key, KeyTally tally, int size, List<Finding> findings) {
    Map<String, ValueTally> values = new HashMap<>(tally.values());
    int distinct = values.size() + (tally.absent().count() > 0 ? 1 : 0);
    if (distinct < 2 || distinct > IDENTIFYING_SHARE * size) {
      return;
    }
    // The most held value, absent included (null); a tie has no majority.
    String majority = null;
    int top = tally.absent().count();
    boolean tie = false;
    for (Map.Entry<String, ValueTally> e : values.entrySet()) {
      int count = e.getValue().count();
      if (count > top) {
        majority = e.getKey();
        top = count;
        tie = false;
      } else if (count == top) {
        tie = true;
      }
    }
    // The deviating host is not among the majority's holders: all of them are its peers.
    if (tie || top < threshold * (size - 1) - 1e-9) {
      return;
    }
    String expected = majority;
    values.forEach(
        (value, holders) -> {
          if (!value.equals(expected)) {
            flag(key, value, expected, holders, findings);
          }
        });
    if (expected != null) {
      flag(key, null, expected, tally.absent(), findings);
    }
  }

  private void flag(
      String key, String actual, String expected, ValueTally holders, List<Finding> findings) {
    // A value held by more hosts than the aggregate's cap has no names: hostCap() rules that out.
    for (String host : holders.hosts()) {
      findings.add(Finding.of(host, key, actual, expected, source, baseline));
    }
  }
}
