package io.driftwatch.coordinator.drift;

import io.driftwatch.coordinator.fleet.Disagreement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consensus state of a group of hosts, as a golden snapshot saves it: one member's facts with
 * every key on which the group disagrees set to its majority value (dropped when the majority does
 * not have the key). Keys the group agrees on are, by definition, the same on every member.
 */
final class GroupConsensus {

  private GroupConsensus() {}

  static Map<String, String> of(Map<String, String> member, List<Disagreement> disagreements) {
    Map<String, String> consensus = new TreeMap<>(member);
    for (Disagreement d : disagreements) {
      String majority = d.majority().value();
      if (majority == null) {
        consensus.remove(d.key());
      } else {
        consensus.put(d.key(), majority);
      }
    }
    return consensus;
  }
}
