package io.driftwatch.coordinator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.coordinator.fleet.FleetAggregate;
import io.driftwatch.node.fact.FactSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class PeerConsensusTest {

  private static final List<KeyPattern> IGNORE =
      List.of(
          KeyPattern.parse("sysctl:kernel.hostname"),
          KeyPattern.parse(
              "~port:[a-z0-9]+:(?!0\\.0\\.0\\.0:|\\[::\\]:|\\*:|127\\.|\\[::1\\]:).*"));

  private static final PeerConsensus PEERS = new PeerConsensus(3, 0.6, IGNORE, Source.PEERS, null);

  /** A group of {@code n} hosts h1..hn, each with the common facts plus what {@code extra} adds. */
  private static FleetAggregate group(int n, int cap, IntFunction<Map<String, String>> extra) {
    FleetAggregate.Builder b = FleetAggregate.builder(cap);
    for (int i = 1; i <= n; i++) {
      Map<String, String> facts = new TreeMap<>();
      facts.put("os:id", "debian");
      facts.put("package:curl", "7.88");
      facts.put("sysctl:kernel.hostname", "h" + i);
      facts.put("port:tcp:10.0.0." + i + ":8080", "listen");
      facts.putAll(extra.apply(i));
      b.add("h" + i, FactSet.of(facts));
    }
    return b.build();
  }

  private static Map<String, String> of(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void fourOfNineHoldingAnotherVersionAreFlaggedWithTheMajorityExpected() {
    FleetAggregate web =
        group(
            9,
            PEERS.hostCap(9),
            i -> of("package:libc6", i <= 4 ? "2.36-9+deb12u3" : "2.36-9+deb12u8"));

    List<Finding> findings = PEERS.judge(web);

    assertThat(findings)
        .extracting(Finding::host)
        .containsExactlyInAnyOrder("h1", "h2", "h3", "h4");
    assertThat(findings)
        .allSatisfy(
            f -> {
              assertThat(f.key()).isEqualTo("package:libc6");
              assertThat(f.actual()).isEqualTo("2.36-9+deb12u3");
              assertThat(f.expected()).isEqualTo("2.36-9+deb12u8");
              assertThat(f.source()).isEqualTo(Source.PEERS);
            });
  }

  @Test
  void aMissingKeyAndAnExtraKeyAreFindingsWithAbsentOnOneSide() {
    FleetAggregate g =
        group(
            5,
            PEERS.hostCap(5),
            i -> i == 2 ? of("package:nmap", "7.93") : i == 3 ? Map.of() : of("package:jq", "1.6"));

    List<Finding> findings = PEERS.judge(g);

    assertThat(findings)
        .containsExactlyInAnyOrder(
            Finding.of("h2", "package:nmap", "7.93", null, Source.PEERS, null),
            Finding.of("h2", "package:jq", null, "1.6", Source.PEERS, null),
            Finding.of("h3", "package:jq", null, "1.6", Source.PEERS, null));
  }

  @Test
  void noConsensusBelowTheThresholdAndNoneOnKeysEveryHostHoldsDifferently() {
    // 3 against 2 of 5: the 2 see 3 of their 4 peers agree (75%), the 3 see 2 of 4 (50%).
    FleetAggregate split =
        group(5, PEERS.hostCap(5), i -> of("sysctl:vm.swappiness", i <= 2 ? "10" : "60"));
    assertThat(PEERS.judge(split)).extracting(Finding::host).containsExactlyInAnyOrder("h1", "h2");

    // 3 against 3 of 6: no value reaches 60% of anyone's peers.
    FleetAggregate even =
        group(6, PEERS.hostCap(6), i -> of("sysctl:vm.swappiness", i <= 3 ? "10" : "60"));
    assertThat(PEERS.judge(even)).isEmpty();

    // A value per host (a host id) is no configuration, even with a low threshold.
    PeerConsensus lenient = new PeerConsensus(3, 0.1, List.of(), Source.PEERS, null);
    FleetAggregate ids = group(6, 6, i -> of("custom:serial", "S" + i));
    assertThat(lenient.judge(ids)).noneMatch(f -> f.key().equals("custom:serial"));
  }

  @Test
  void identifyingKeysAreNeverFindingsButWildcardPortsAre() {
    FleetAggregate g =
        group(4, PEERS.hostCap(4), i -> i == 4 ? of("port:tcp:0.0.0.0:6379", "listen") : Map.of());

    assertThat(PEERS.judge(g))
        .containsExactly(
            Finding.of("h4", "port:tcp:0.0.0.0:6379", "listen", null, Source.PEERS, null));
  }

  @Test
  void aGroupSmallerThanMinPeersYieldsNothing() {
    FleetAggregate two = group(2, 2, i -> of("package:libc6", "v" + (i == 1 ? 1 : 2)));
    assertThat(PEERS.judge(two)).isEmpty();
  }

  @Test
  void theHostCapNamesEveryHostThatCanBeFlagged() {
    for (int n = 3; n <= 40; n++) {
      int majority = (int) Math.ceil(0.6 * (n - 1));
      int minority = n - majority;
      int cap = PEERS.hostCap(n);
      assertThat(cap).as("n=%d", n).isGreaterThanOrEqualTo(minority);
      FleetAggregate g = group(n, cap, i -> of("package:libc6", i <= minority ? "old" : "new"));
      // An even split is no consensus.
      assertThat(PEERS.judge(g)).as("n=%d", n).hasSize(majority > minority ? minority : 0);
    }
  }
}
