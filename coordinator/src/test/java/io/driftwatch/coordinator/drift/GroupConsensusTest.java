package io.driftwatch.coordinator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.coordinator.fleet.Disagreement;
import io.driftwatch.coordinator.fleet.Disagreement.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupConsensusTest {

  private static Disagreement disagreement(String key, String majority, String minority) {
    return new Disagreement(
        key,
        3,
        new Value(majority, 2, List.of("a", "b")),
        1,
        2,
        false,
        List.of(new Value(majority, 2, List.of("a", "b")), new Value(minority, 1, List.of("c"))));
  }

  @Test
  void theMembersDeviationsArePatchedWithTheMajority() {
    // The member is "c", the odd one out on every disagreeing key.
    Map<String, String> member =
        Map.of("os:id", "debian", "package:curl", "7.0", "package:debug-tools", "1");
    Map<String, String> consensus =
        GroupConsensus.of(
            member,
            List.of(
                disagreement("package:curl", "8.0", "7.0"),
                disagreement("package:debug-tools", null, "1"),
                disagreement("sysctl:vm.swappiness", "10", null)));
    assertThat(consensus)
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of("os:id", "debian", "package:curl", "8.0", "sysctl:vm.swappiness", "10")));
  }
}
