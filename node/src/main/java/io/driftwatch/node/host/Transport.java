package io.driftwatch.node.host;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.driftwatch.node.fact.Text;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a host's facts reach the node. */
public enum Transport {
  /** Read the node's own machine, or a directory laid out like a host's filesystem. */
  LOCAL,
  /** Agentless collection over SSH. */
  SSH,
  /** The host sends its facts to the API. */
  PUSH,
  /** Synthetic hosts for demos, benchmarks and scale tests. */
  SIMULATED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Transport parse(String text) {
    for (Transport t : values()) {
      if (t.wireName().equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown transport "
            + Text.quote(text)
            + ": expected one of "
            + Arrays.stream(values()).map(Transport::wireName).collect(Collectors.joining(", ")));
  }
}
