package io.driftwatch.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Assembles a node's configuration: flag and environment overrides first, then the operator's
 * --config file, then the bundled application.conf and the modules' reference.conf.
 */
final class NodeConfig {

  private NodeConfig() {}

  /**
   * @param overrides config paths set by flags or DRIFTWATCH_* variables
   * @param file the operator's HOCON file, which must exist if given
   */
  static Config load(Map<String, Object> overrides, Optional<Path> file) {
    return ConfigFactory.load(layered(overrides, file));
  }

  /**
   * The layers above the modules' reference.conf, not yet resolved: {@code DRIFTWATCH_*}
   * substitutions are filled in from the environment when resolved.
   */
  static Config layered(Map<String, Object> overrides, Optional<Path> file) {
    Config fromFile =
        file.map(
                f ->
                    ConfigFactory.parseFile(
                        f.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)))
            .orElse(ConfigFactory.empty());
    return ConfigFactory.parseMap(overrides)
        .withFallback(fromFile)
        .withFallback(ConfigFactory.parseResources("application.conf"));
  }
}
