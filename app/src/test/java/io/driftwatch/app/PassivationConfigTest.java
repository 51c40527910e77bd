package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Host entities must never be passivated for lack of messages. The node's reference.conf says so,
 * but in the assembled jar every reference.conf is concatenated and Pekko's own comes later and
 * wins; so the application's cluster.conf must say it itself.
 */
class PassivationConfigTest {

  private static final String STRATEGY = "pekko.cluster.sharding.passivation.strategy";

  @Test
  void theApplicationConfigTurnsPassivationOffItself() {
    assertThat(ConfigFactory.parseResources("cluster.conf").resolve().getString(STRATEGY))
        .isEqualTo("none");
    assertThat(NodeConfig.load(Map.of(), Optional.empty()).getString(STRATEGY)).isEqualTo("none");
  }
}
