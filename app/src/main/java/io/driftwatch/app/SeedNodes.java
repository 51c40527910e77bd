package io.driftwatch.app;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;

/**
 * The cluster members a new member contacts to join, parsed from {@code host:port,...} (the
 * members' cluster ports). Pure, so the flag's rules are tested directly.
 */
final class SeedNodes {

  /** The actor system's name: part of every member's address. */
  static final String SYSTEM = "driftwatch";

  private SeedNodes() {}

  /**
   * The seeds listed in {@code text}, in order; blank means none (form a cluster of one). An IPv6
   * address is written in brackets: {@code [fd00::1]:7355}.
   */
  static List<Address> parse(String text) {
    List<Address> seeds = new ArrayList<>();
    for (String part : text.split(",")) {
      String seed = part.strip();
      if (!seed.isEmpty()) {
        seeds.add(address(seed));
      }
    }
    return List.copyOf(seeds);
  }

  private static Address address(String seed) {
    int colon = seed.lastIndexOf(':');
    String host = colon <= 0 ? "" : seed.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || host.contains("[") || host.contains("]") || host.contains("/")) {
      throw invalid(seed);
    }
    int port;
    try {
      port = Integer.parseInt(seed.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid(seed);
    }
    if (port < 1 || port > 65535) {
      throw invalid(seed);
    }
    return new Address("pekko", SYSTEM, host, port);
  }

  private static IllegalArgumentException invalid(String seed) {
    return new IllegalArgumentException(
        "seed '"
            + seed
            + "' is not host:port (a member's cluster port, e.g. 10.0.0.5:7355 or"
            + " [fd00::5]:7355)");
  }
}
