package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.host.HostEntity;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a member is told to join its cluster: flags, variables and the seed list's rules. */
class ClusterSettingsTest {

  @Test
  void seedsAreMemberAddressesInTheOrderGiven() {
    assertThat(SeedNodes.parse(" 10.0.0.4:7355, db-2.example:7400 ,[fd00::5]:7355"))
        .containsExactly(
            new Address("pekko", "driftwatch", "10.0.0.4", 7355),
            new Address("pekko", "driftwatch", "db-2.example", 7400),
            new Address("pekko", "driftwatch", "fd00::5", 7355));
  }

  @Test
  void noSeedsMeansACLusterOfOne() {
    assertThat(SeedNodes.parse("")).isEmpty();
    assertThat(SeedNodes.parse(" , ")).isEmpty();
  }

  @Test
  void aMemberIsNamedAsItsSeedIsWritten() {
    assertThat(HostEntity.memberName(SeedNodes.parse("127.0.0.1:7355").get(0)))
        .isEqualTo("127.0.0.1:7355");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.4", ":7355", "host:0", "host:65536", "host:x", "a/b:1", "[x:1"})
  void aSeedThatIsNotHostAndPortIsRefusedByName(String seed) {
    assertThatThrownBy(() -> SeedNodes.parse("ok:1," + seed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seed '" + seed + "' is not host:port");
  }

  @Test
  void upReadsItsClusterFlags() {
    UpCommand up = new UpCommand();
    new picocli.CommandLine(up)
        .parseArgs(
            "--store",
            "cassandra",
            "--cluster-port",
            "7400",
            "--cluster-host",
            "10.0.0.5",
            "--seeds",
            "10.0.0.4:7400");
    com.typesafe.config.Config config = NodeConfig.load(up.overrides(), java.util.Optional.empty());

    assertThat(config.getInt("pekko.remote.artery.canonical.port")).isEqualTo(7400);
    assertThat(config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("10.0.0.5");
    assertThat(NodeSettings.fromConfig(config).cluster().seeds())
        .extracting(io.driftwatch.node.host.HostEntity::memberName)
        .containsExactly("10.0.0.4:7400");
    assertThat(config.getString("pekko.cluster.split-brain-resolver.active-strategy"))
        .isEqualTo("keep-majority");
  }

  @Test
  void aMemberJoiningOthersNeedsTheSharedStore() {
    UpCommand up = new UpCommand();
    new picocli.CommandLine(up).parseArgs("--seeds", "10.0.0.4:7400");
    com.typesafe.config.Config config = NodeConfig.load(up.overrides(), java.util.Optional.empty());

    assertThatThrownBy(() -> NodeSettings.fromConfig(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--store cassandra");
  }

  @Test
  void shardsOfARemovedMemberMoveAfterTheResolversStableAfterUnlessAMarginIsSet() {
    com.typesafe.config.Config defaults =
        NodeConfig.load(java.util.Map.of(), java.util.Optional.empty());
    com.typesafe.config.Config margin =
        NodeConfig.load(
            java.util.Map.of("pekko.cluster.down-removal-margin", "12s"),
            java.util.Optional.empty());

    assertThat(ClusterSettings.removalMargin(defaults)).isEqualTo(java.time.Duration.ofSeconds(7));
    assertThat(ClusterSettings.removalMargin(margin)).isEqualTo(java.time.Duration.ofSeconds(12));
  }
}
