package io.driftwatch.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The configuration {@code driftwatch up} resolves from a given environment, the way it does in a
 * pod: variables that {@link UpCommand} reads itself become its flags, the rest fill the {@code
 * ${?DRIFTWATCH_*}} substitutions of application.conf and the modules' reference.conf. Derived from
 * the application's own code and config, so there is no second list of variables to keep in step.
 */
final class PodConfig {

  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");

  private PodConfig() {}

  /** The variables {@code up} reads through picocli, each with its flag. */
  static Map<String, String> flagVariables() {
    Map<String, String> flags = new TreeMap<>();
    for (Field field : UpCommand.class.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      if (option != null) {
        Matcher m = ENV_DEFAULT.matcher(option.defaultValue());
        if (m.matches()) {
          flags.put(m.group(1), option.names()[0]);
        }
      }
    }
    return flags;
  }

  /** The resolved configuration of {@code up} run with exactly {@code environment}. */
  static Config resolve(Map<String, String> environment) {
    Map<String, String> flags = flagVariables();
    List<String> args = new ArrayList<>();
    Config substitutions = ConfigFactory.empty();
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (flags.containsKey(e.getKey())) {
        args.add(flags.get(e.getKey()));
        args.add(e.getValue());
      }
      substitutions =
          substitutions.withValue(
              ConfigUtil.joinPath(e.getKey()), ConfigValueFactory.fromAnyRef(e.getValue()));
    }
    UpCommand up = new UpCommand();
    new CommandLine(up).parseArgs(args.toArray(String[]::new));
    // Substitutions are looked up in the config itself first; the variables, at its root, stand in
    // for the process environment, which is left out.
    Config resolved =
        NodeConfig.layered(up.overrides(), Optional.empty())
            .withFallback(ConfigFactory.defaultReferenceUnresolved())
            .withFallback(substitutions)
            .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    for (String variable : environment.keySet()) {
      resolved = resolved.withoutPath(ConfigUtil.joinPath(variable));
    }
    return resolved;
  }

  /**
   * Whether {@code up} reads {@code variable}: as a flag's default, or because it changes config.
   */
  static boolean reads(String variable) {
    if (flagVariables().containsKey(variable)) {
      return true;
    }
    return !resolve(Map.of(variable, "set-by-" + variable)).equals(resolve(Map.of()));
  }
}
