package io.driftwatch.cassandra.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A keyspace's replication, written compactly so that it fits an environment variable: {@code
 * SimpleStrategy:1} (one datacenter, tests and trials) or {@code
 * NetworkTopologyStrategy:dc1=3,dc2=3} (production: a factor per datacenter).
 *
 * @param factors replication factor by datacenter; for SimpleStrategy one entry with key ""
 */
public record Replication(String strategy, Map<String, Integer> factors) {

  public static final String SIMPLE = "SimpleStrategy";
  public static final String NETWORK_TOPOLOGY = "NetworkTopologyStrategy";

  // Datacenter names become quoted CQL literals; nothing that could end the quote gets in.
  private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final int MAX_FACTOR = 32;

  public Replication {
    factors = Map.copyOf(factors);
  }

  /** Parses the compact form; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Replication parse(String text) {
    String t = text == null ? "" : text.strip();
    int colon = t.indexOf(':');
    if (colon < 0) {
      throw invalid(text, "no ':' between strategy and factors");
    }
    String strategy = t.substring(0, colon).strip();
    String rest = t.substring(colon + 1).strip();
    if (strategy.equals(SIMPLE)) {
      return new Replication(SIMPLE, Map.of("", factor(text, rest)));
    }
    if (!strategy.equals(NETWORK_TOPOLOGY)) {
      throw invalid(text, "strategy must be " + SIMPLE + " or " + NETWORK_TOPOLOGY);
    }
    Map<String, Integer> factors = new LinkedHashMap<>();
    for (String entry : rest.split(",")) {
      String[] parts = entry.split("=", -1);
      if (parts.length != 2) {
        throw invalid(text, "each datacenter is NAME=FACTOR");
      }
      String dc = parts[0].strip();
      if (!DATACENTER.matcher(dc).matches()) {
        throw invalid(
            text, "datacenter name '" + dc + "' has characters other than A-Z a-z 0-9 _ . -");
      }
      if (factors.put(dc, factor(text, parts[1].strip())) != null) {
        throw invalid(text, "datacenter " + dc + " is named twice");
      }
    }
    return new Replication(NETWORK_TOPOLOGY, factors);
  }

  /** The CQL map literal for {@code CREATE KEYSPACE ... WITH replication = }. */
  public String cql() {
    StringBuilder cql = new StringBuilder("{'class': '").append(strategy).append('\'');
    if (strategy.equals(SIMPLE)) {
      cql.append(", 'replication_factor': ").append(factors.get(""));
    } else {
      factors.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(f -> cql.append(", '").append(f.getKey()).append("': ").append(f.getValue()));
    }
    return cql.append('}').toString();
  }

  @Override
  public String toString() {
    if (strategy.equals(SIMPLE)) {
      return SIMPLE + ":" + factors.get("");
    }
    StringBuilder text = new StringBuilder(NETWORK_TOPOLOGY).append(':');
    factors.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(f -> text.append(f.getKey()).append('=').append(f.getValue()).append(','));
    text.setLength(text.length() - 1);
    return text.toString();
  }

  private static int factor(String text, String value) {
    try {
      int factor = Integer.parseInt(value);
      if (factor >= 1 && factor <= MAX_FACTOR) {
        return factor;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(
        text, "replication factor '" + value + "' is not a number from 1 to " + MAX_FACTOR);
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "replication '"
            + text
            + "' is invalid: "
            + why
            + " (e.g. SimpleStrategy:1 or NetworkTopologyStrategy:dc1=3,dc2=3)");
  }
}
