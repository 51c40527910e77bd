package io.driftwatch.node.testing;

import com.typesafe.config.ConfigFactory;
import io.driftwatch.node.collect.CollectorSettings;

/** The settings a node uses when nothing is configured, for tests that want the real defaults. */
public final class DefaultSettings {

  private DefaultSettings() {}

  public static CollectorSettings collector() {
    return CollectorSettings.fromConfig(ConfigFactory.load().getConfig("driftwatch.collector"));
  }
}
