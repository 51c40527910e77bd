package io.driftwatch.bench.fleetdiff;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftwatch.node.fact.FactSet;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer: what a user without Driftwatch does today. Every host's facts are dumped as text, one
 * {@code key=value} line each, one file per host (as a cron job or an Ansible fact cache would
 * leave them), and a straightforward program reads all the files of the selected hosts and counts,
 * per key, the hosts holding each value. A key disagrees when it has more than one value or some
 * hosts lack it: the same question {@code GET /v1/fleet/diff} answers.
 */
final class NaivePeer {

  private NaivePeer() {}

  /** Writes {@code host}'s facts to {@code dir/host.facts}. */
  static void dump(Path dir, String host, FactSet facts) {
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(host + ".facts"), UTF_8)) {
      for (Map.Entry<String, String> fact : facts.asMap().entrySet()) {
        out.write(fact.getKey());
        out.write('=');
        out.write(fact.getValue());
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the files of {@code hosts} in {@code dir} and counts the keys they disagree on. */
  static int disagreeingKeys(Path dir, List<String> hosts) {
    Tally tally = new Tally();
    for (String host : hosts) {
      try (BufferedReader in = Files.newBufferedReader(dir.resolve(host + ".facts"), UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          tally.add(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tally.disagreeing(hosts.size());
  }

  /** Per key, how many hosts hold each value: the counting a script would do with a hash map. */
  static final class Tally {
    private final Map<String, Map<String, Integer>> keys = new HashMap<>();

    /** One host's {@code key=value} line (the key is up to the first '='). */
    void add(String line) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("not a key=value line: " + line);
      }
      keys.computeIfAbsent(line.substring(0, eq), k -> new HashMap<>(2))
          .merge(line.substring(eq + 1), 1, Integer::sum);
    }

    /** Keys with more than one value, or held by fewer than all {@code hosts}. */
    int disagreeing(int hosts) {
      int n = 0;
      for (Map<String, Integer> values : keys.values()) {
        int holding = values.values().stream().mapToInt(Integer::intValue).sum();
        n += values.size() > 1 || holding < hosts ? 1 : 0;
      }
      return n;
    }
  }
}
