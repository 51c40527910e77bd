package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code driftwatch.spool}: its defaults, its environment variables, its checks. */
class SpoolSettingsTest {

  /** The node's own reference.conf, resolved with {@code env} standing in for the environment. */
  private static SpoolSettings withEnvironment(Map<String, String> env) {
    URL reference = SpoolSettings.class.getResource("/reference.conf");
    // Substitutions look a variable up as a path of the root before the environment: a root-level
    // map of them stands in for the environment.
    Config spool =
        ConfigFactory.parseMap(env)
            .withFallback(ConfigFactory.parseURL(reference).withOnlyPath("driftwatch.spool"))
            .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    return SpoolSettings.fromConfig(spool.getConfig("driftwatch.spool"));
  }

  @Test
  void defaults() {
    SpoolSettings settings = withEnvironment(Map.of());

    assertThat(settings)
        .isEqualTo(
            new SpoolSettings(
                100_000,
                1L << 30,
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                4,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30)));
  }

  @Test
  void everySettingHasAnEnvironmentVariable() {
    SpoolSettings settings =
        withEnvironment(
            Map.of(
                "DRIFTWATCH_SPOOL_MAX_RECORDS", "500",
                "DRIFTWATCH_SPOOL_MAX_BYTES", "64 MiB",
                "DRIFTWATCH_SPOOL_WRITE_TIMEOUT", "500ms",
                "DRIFTWATCH_SPOOL_DRAIN_TIMEOUT", "1m",
                "DRIFTWATCH_SPOOL_DRAIN_PARALLELISM", "16",
                "DRIFTWATCH_SPOOL_BACKOFF_INITIAL", "2s",
                "DRIFTWATCH_SPOOL_BACKOFF_MAX", "5m"));

    assertThat(settings)
        .isEqualTo(
            new SpoolSettings(
                500,
                64L << 20,
                Duration.ofMillis(500),
                Duration.ofMinutes(1),
                16,
                Duration.ofSeconds(2),
                Duration.ofMinutes(5)));
  }

  @Test
  void impossibleValuesAreRefusedByName() {
    Duration s = Duration.ofSeconds(1);

    assertThatThrownBy(() -> new SpoolSettings(0, 1, s, s, 1, s, s))
        .hasMessageContaining("driftwatch.spool.max-records");
    assertThatThrownBy(() -> new SpoolSettings(1, 1, Duration.ZERO, s, 1, s, s))
        .hasMessageContaining("driftwatch.spool.write-timeout");
    assertThatThrownBy(() -> new SpoolSettings(1, 1, s, s, 0, s, s))
        .hasMessageContaining("driftwatch.spool.drain-parallelism");
    assertThatThrownBy(() -> new SpoolSettings(1, 1, s, s, 1, Duration.ofSeconds(2), s))
        .hasMessageContaining("driftwatch.spool.backoff-max");
  }
}
