package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/**
 * The node's resolved config sends fleet answers over Artery's large-message lane. In the
 * coordinator's reference.conf these settings were reset by Pekko's own reference.conf, so any
 * member's partial aggregate over 256 KiB was dropped and its hosts reported missing.
 */
class FleetRemoteConfigTest {

  @Test
  void fleetAnswersTakeTheLargeMessageLane() {
    Config config = ConfigFactory.load();
    assertThat(config.getStringList("pekko.remote.artery.large-message-destinations"))
        .contains("/system/fleet-queries/*");
    assertThat(config.getBytes("pekko.remote.artery.advanced.maximum-large-frame-size"))
        .isEqualTo(4L << 20);
  }
}
