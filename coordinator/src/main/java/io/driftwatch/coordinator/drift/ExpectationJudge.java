package io.driftwatch.coordinator.drift;

import io.driftwatch.node.host.HostSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges hosts against expectations (pure). For each host an expectation's selector picks, each
 * fact key it covers is checked with {@link Expectation#isMetBy}; a glob key covers every matching
 * fact of the host, and when none matches it is checked once against "absent" (so {@code absent} on
 * a glob means no key matches, {@code present} that one does). Where expectations of different role
 * depths cover the same key of a host, only the nearest role's are applied ({@link RoleDepth}).
 */
final class ExpectationJudge {

  /** The findings, and the ids of those whose expectation sets their severity (not the rules). */
  record Judged(List<Finding> findings, Map<String, Severity> severities) {}

  private ExpectationJudge() {}

  /**
   * @param facts for each expectation, each host it was evaluated on → that host's facts under the
   *     expectation's key (a host absent from the map was not answered for and is not judged)
   * @param schemes each host's version ordering (Debian when missing)
   */
  static Judged judge(
      List<Expectation> expectations,
      Map<String, HostSpec> hosts,
      Map<Expectation, Map<String, Map<String, String>>> facts,
      Map<String, VersionScheme> schemes) {
    List<Finding> findings = new ArrayList<>();
    Map<String, Severity> severities = new HashMap<>();
    for (HostSpec host : hosts.values()) {
      List<Expectation> applicable = new ArrayList<>();
      Set<String> keys = new TreeSet<>();
      for (Expectation e : expectations) {
        Map<String, String> own = facts.getOrDefault(e, Map.of()).get(host.name());
        if (own != null && e.selector().matches(host)) {
          applicable.add(e);
          own.keySet().stream().filter(e::coversKey).forEach(keys::add);
          if (!e.isKeyPattern()) {
            keys.add(e.key());
          }
        }
      }
      Set<Expectation> matched = new HashSet<>();
      for (String key : keys) {
        List<Expectation> covering = applicable.stream().filter(e -> e.coversKey(key)).toList();
        matched.addAll(covering);
        for (Expectation e : nearest(covering)) {
          String actual = facts.get(e).get(host.name()).get(key);
          check(e, host.name(), key, actual, schemes, findings, severities);
        }
      }
      // A glob no fact of the host matches: judged once, as absent, under its own pattern (the
      // nearest role's among the globs written the same way).
      Map<String, List<Expectation>> unmatched = new TreeMap<>();
      applicable.stream()
          .filter(e -> e.isKeyPattern() && !matched.contains(e))
          .forEach(e -> unmatched.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
      for (List<Expectation> same : unmatched.values()) {
        for (Expectation e : nearest(same)) {
          check(e, host.name(), e.key(), null, schemes, findings, severities);
        }
      }
    }
    return new Judged(findings, severities);
  }

  private static List<Expectation> nearest(List<Expectation> all) {
    int depth = all.stream().mapToInt(e -> RoleDepth.of(e.selector())).max().orElse(0);
    return all.stream().filter(e -> RoleDepth.of(e.selector()) == depth).toList();
  }

  private static void check(
      Expectation e,
      String host,
      String key,
      String actual,
      Map<String, VersionScheme> schemes,
      List<Finding> findings,
      Map<String, Severity> severities) {
    if (e.isMetBy(actual, schemes.getOrDefault(host, VersionScheme.DEBIAN))) {
      return;
    }
    String expected = e.op() == ExpectationOp.ABSENT ? null : e.expectedText();
    Finding f = Finding.of(host, key, actual, expected, Source.EXPECTATION, e.name());
    findings.add(f);
    if (e.severity() != null) {
      severities.put(f.id(), Severity.parse(e.severity()));
    }
  }
}
