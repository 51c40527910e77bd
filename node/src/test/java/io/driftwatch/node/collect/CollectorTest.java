package io.driftwatch.node.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.probe.ProbeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorTest {

  @TempDir Path root;
  private HostContext host;

  @BeforeEach
  void host() {
    host = new HostContext(new LocalHostFiles(root, 1024), Optional.empty());
  }

  @Test
  void mergesTheFactsOfAllSourcesWithNormalisedValues() throws ProbeException {
    Collector collector =
        collector(
            List.of(
                source("os", Set.of("os"), h -> SourceResult.of(Map.of("os:id", " debian\n"))),
                source(
                    "kernel",
                    Set.of("kernel"),
                    h -> SourceResult.of(Map.of("kernel:cmdline", "ro\tquiet   splash")))));

    Collection collection = collector.collect(host);

    assertThat(collection.facts().asMap())
        .containsExactly(
            Map.entry("kernel:cmdline", "ro quiet splash"), Map.entry("os:id", "debian"));
    assertThat(collection.failedCategories()).isEmpty();
    assertThat(collection.problems()).isEmpty();
    assertThat(collection.took().isNegative()).isFalse();
  }

  @Test
  void aFailingSourceCostsOnlyItsOwnCategories() throws ProbeException {
    Collector collector =
        collector(
            List.of(
                source(
                    "packages",
                    Set.of("package"),
                    h -> {
                      throw new SourceTooLargeException("/var/lib/dpkg/status", 1024);
                    }),
                source("os", Set.of("os"), h -> SourceResult.of(Map.of("os:id", "debian")))));

    Collection collection = collector.collect(host);

    assertThat(collection.facts().asMap()).containsOnlyKeys("os:id");
    assertThat(collection.failedCategories())
        .containsExactly(
            Map.entry(
                "package",
                "packages: /var/lib/dpkg/status is larger than the 1024-byte limit per source"));
  }

  @Test
  void aBrokenSourceIsReportedWithoutAStackTrace() throws ProbeException {
    Collector collector =
        collector(
            List.of(
                source(
                    "users",
                    Set.of("user", "group"),
                    h -> {
                      throw new IllegalStateException("bad line\n\tat somewhere");
                    })));

    Collection collection = collector.collect(host);

    assertThat(collection.failedCategories())
        .containsOnly(
            Map.entry("user", "users: unexpected IllegalStateException: bad line at somewhere"),
            Map.entry("group", "users: unexpected IllegalStateException: bad line at somewhere"));
  }

  @Test
  void anIncompleteSourceKeepsItsFactsButMarksItsCategoriesFailed() throws ProbeException {
    Collector collector =
        collector(
            List.of(
                source(
                    "packages",
                    Set.of("package"),
                    h ->
                        SourceResult.incomplete(
                            Map.of("package:libc6", "2.36-9"),
                            List.of("status file ends in the middle of a stanza")))));

    Collection collection = collector.collect(host);

    assertThat(collection.facts().asMap()).containsExactly(Map.entry("package:libc6", "2.36-9"));
    assertThat(collection.failedCategories())
        .containsExactly(
            Map.entry("package", "packages: status file ends in the middle of a stanza"));
    assertThat(collection.problems())
        .containsExactly("packages: status file ends in the middle of a stanza");
  }

  @Test
  void dropsInvalidKeysAndKeysOfUndeclaredCategories() throws ProbeException {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("sysctl:vm.swappiness", "60");
    facts.put("Sysctl:upper", "1");
    facts.put("nocolon", "1");
    facts.put("sysctl:bad\nkey", "1");
    facts.put("kernel:release", "6.1.0");
    Collector collector =
        collector(List.of(source("sysctl", Set.of("sysctl"), h -> SourceResult.of(facts))));

    Collection collection = collector.collect(host);

    assertThat(collection.facts().asMap()).containsOnlyKeys("sysctl:vm.swappiness");
    assertThat(collection.problems())
        .containsExactlyInAnyOrder(
            "sysctl: dropped invalid key \"Sysctl:upper\"",
            "sysctl: dropped invalid key \"nocolon\"",
            "sysctl: dropped invalid key \"sysctl:bad\\u000akey\"",
            "sysctl: dropped \"kernel:release\": category not declared by source");
    assertThat(collection.failedCategories()).isEmpty();
  }

  @Test
  void aKeyProducedTwiceKeepsTheFirstSourcesValue() throws ProbeException {
    Collector collector =
        collector(
            List.of(
                source("a", Set.of("os"), h -> SourceResult.of(Map.of("os:id", "debian"))),
                source("b", Set.of("os"), h -> SourceResult.of(Map.of("os:id", "ubuntu")))));

    Collection collection = collector.collect(host);

    assertThat(collection.facts().get("os:id")).isEqualTo("debian");
    assertThat(collection.problems())
        .containsExactly("b: dropped \"os:id\": already produced by a");
  }

  @Test
  void replacesHugeValuesByTheirHash() throws Exception {
    String huge = "x".repeat(Collector.MAX_VALUE_LENGTH + 1);
    String limit = "y".repeat(Collector.MAX_VALUE_LENGTH);
    Collector collector =
        collector(
            List.of(
                source(
                    "custom",
                    Set.of("custom"),
                    h -> SourceResult.of(Map.of("custom:huge", huge, "custom:limit", limit)))));

    Collection collection = collector.collect(host);

    assertThat(collection.facts().get("custom:huge"))
        .isEqualTo("sha256:" + sha256(huge) + " length=4097");
    assertThat(collection.facts().get("custom:limit")).isEqualTo(limit);
  }

  @Test
  void theIgnoreListDropsKeysAndTheContentsOnlyTheyNamed() throws ProbeException {
    String secretHash = "a".repeat(64);
    String hostsHash = "b".repeat(64);
    Collector collector =
        new Collector(
            List.of(
                source(
                    "files",
                    Set.of("file"),
                    h ->
                        new SourceResult(
                            Map.of(
                                "file:/etc/app/secret.conf", "sha256:" + secretHash + " mode=0600",
                                "file:/etc/hosts", "sha256:" + hostsHash + " mode=0644"),
                            List.of(),
                            true,
                            Map.of(
                                secretHash,
                                "password=hunter2",
                                hostsHash,
                                "127.0.0.1 localhost")))),
            settings(List.of("file:/etc/app/*"), 1000));

    Collection collection = collector.collect(host);

    assertThat(collection.facts().asMap()).containsOnlyKeys("file:/etc/hosts");
    assertThat(collection.contents()).containsExactly(Map.entry(hostsHash, "127.0.0.1 localhost"));
  }

  @Test
  void tooManyFactsFailTheProbe() {
    Map<String, String> facts = new LinkedHashMap<>();
    IntStream.range(0, 4).forEach(i -> facts.put("package:p" + i, "1"));
    Collector collector =
        new Collector(
            List.of(source("packages", Set.of("package"), h -> SourceResult.of(facts))),
            settings(List.of(), 3));

    assertThatThrownBy(() -> collector.collect(host))
        .isInstanceOfSatisfying(
            ProbeException.class,
            e -> assertThat(e.reason()).isEqualTo(ProbeException.Reason.COLLECTOR_FAILED))
        .hasMessageContaining("more than 3 facts")
        .hasMessageContaining("max-facts");
  }

  @Test
  void ignoredFactsDoNotCountAgainstTheLimit() throws ProbeException {
    Map<String, String> facts = new LinkedHashMap<>();
    IntStream.range(0, 10).forEach(i -> facts.put("package:p" + i, "1"));
    facts.put("package:kept", "1");
    Collector collector =
        new Collector(
            List.of(source("packages", Set.of("package"), h -> SourceResult.of(facts))),
            settings(List.of("package:p*"), 1));

    assertThat(collector.collect(host).facts().asMap()).containsOnlyKeys("package:kept");
  }

  @Test
  void problemsAreBounded() throws ProbeException {
    List<String> many = IntStream.range(0, 150).mapToObj(i -> "line " + i + " skipped").toList();
    Collector collector =
        collector(
            List.of(
                source(
                    "packages",
                    Set.of("package"),
                    h -> SourceResult.withProblems(Map.of(), many))));

    List<String> problems = collector.collect(host).problems();

    assertThat(problems).hasSize(Collector.MAX_PROBLEMS + 1);
    assertThat(problems.get(0)).isEqualTo("packages: line 0 skipped");
    assertThat(problems.get(Collector.MAX_PROBLEMS)).isEqualTo("… and 50 more");
  }

  @Test
  void aLongProblemIsCut() throws ProbeException {
    Collector collector =
        collector(
            List.of(
                source(
                    "custom",
                    Set.of("custom"),
                    h -> SourceResult.withProblems(Map.of(), List.of("z".repeat(10_000))))));

    assertThat(collector.collect(host).problems().get(0))
        .hasSize(Collector.MAX_PROBLEM_LENGTH)
        .endsWith("…");
  }

  @Test
  void contentsOfSourcesAreMerged() throws ProbeException {
    String one = "1".repeat(64);
    String two = "2".repeat(64);
    Collector collector =
        collector(
            List.of(
                source(
                    "files",
                    Set.of("file"),
                    h ->
                        new SourceResult(
                            Map.of("file:/a", "sha256:" + one + " mode=0644"),
                            List.of(),
                            true,
                            Map.of(one, "first"))),
                source(
                    "units",
                    Set.of("service"),
                    h ->
                        new SourceResult(
                            Map.of("service:a.service", "sha256:" + two),
                            List.of(),
                            true,
                            Map.of(two, "second")))));

    assertThat(collector.collect(host).contents())
        .containsOnly(Map.entry(one, "first"), Map.entry(two, "second"));
  }

  private static Collector collector(List<FactSource> sources) {
    return new Collector(sources, settings(List.of(), 1000));
  }

  private static CollectorSettings settings(List<String> ignore, int maxFacts) {
    return new CollectorSettings(
        List.of(), ignore, 1024, 1024, 4096, maxFacts, Duration.ofSeconds(5));
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** How a test source behaves when collected. */
  @FunctionalInterface
  private interface Body {
    SourceResult collect(HostContext host) throws IOException;
  }

  private static FactSource source(String name, Set<String> categories, Body body) {
    return new FactSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<String> categories() {
        return categories;
      }

      @Override
      public List<Input> inputs() {
        return List.of();
      }

      @Override
      public SourceResult collect(HostContext host) throws IOException {
        return body.collect(host);
      }
    };
  }
}
