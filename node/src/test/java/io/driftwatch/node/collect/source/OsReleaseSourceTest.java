package io.driftwatch.node.collect.source;

import static io.driftwatch.node.testing.FixtureFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsReleaseSourceTest {

  @TempDir Path root;

  @Test
  void parsesDebian12WithoutLinks() {
    SourceResult result = OsReleaseSource.parse(text("os-release/debian12"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "os:pretty_name", "Debian GNU/Linux 12 (bookworm)",
                "os:name", "Debian GNU/Linux",
                "os:version_id", "12",
                "os:version", "12 (bookworm)",
                "os:version_codename", "bookworm",
                "os:id", "debian"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void parsesUbuntuAndRhel() {
    SourceResult ubuntu = OsReleaseSource.parse(text("os-release/ubuntu2204"));
    SourceResult rhel = OsReleaseSource.parse(text("os-release/rhel9"));

    assertThat(ubuntu.facts())
        .contains(
            entry("os:id", "ubuntu"),
            entry("os:id_like", "debian"),
            entry("os:version_id", "22.04"),
            entry("os:ubuntu_codename", "jammy"))
        .doesNotContainKey("os:privacy_policy_url");
    assertThat(rhel.facts())
        .contains(
            entry("os:id", "rhel"),
            entry("os:version_id", "9.4"),
            entry("os:platform_id", "platform:el9"),
            entry("os:cpe_name", "cpe:/o:redhat:enterprise_linux:9::baseos"),
            entry("os:redhat_support_product_version", "9.4"))
        .doesNotContainKeys("os:documentation_url", "os:home_url", "os:bug_report_url");
    assertThat(rhel.problems()).isEmpty();
  }

  @Test
  void honoursShellQuotingRules() {
    SourceResult result = OsReleaseSource.parse(text("os-release/quoting"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "os:name", "Acme Linux",
                "os:version", "1.0 \"Roadrunner\" $edition `uname` \\ back",
                "os:id", "acme linux",
                "os:variant", "Server",
                "os:variant_id", "server#not-a-comment",
                "os:build_id", "20240101-rc1",
                "os:literal_backslash", "a\\b",
                "os:single", "it's",
                "os:mixed_case", "yes"));
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void skipsGarbageLinesNamingEach() {
    SourceResult result = OsReleaseSource.parse(text("os-release/garbage"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("os:name", "Debian GNU/Linux", "os:id", "debian"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems())
        .hasSize(5)
        .allMatch(p -> p.startsWith("os-release line "))
        .anyMatch(p -> p.contains("line 7") && p.contains("open quote"));
  }

  @Test
  void fileCutMidValueIsIncomplete() {
    SourceResult result = OsReleaseSource.parse(text("os-release/truncated"));

    assertThat(result.complete()).isFalse();
    assertThat(result.facts()).containsKeys("os:pretty_name", "os:name", "os:version_id");
    assertThat(result.facts()).doesNotContainKey("os:version");
    assertThat(result.problems()).singleElement().asString().contains("cut short");
  }

  @Test
  void emptyFileIsIncomplete() {
    SourceResult result = OsReleaseSource.parse(text("os-release/empty"));

    assertThat(result.complete()).isFalse();
    assertThat(result.facts()).isEmpty();
  }

  @Test
  void binaryJunkNeverThrowsAndYieldsOnlyValidFacts() {
    SourceResult result = OsReleaseSource.parse(text("os-release/binary"));

    assertThat(FactSet.of(result.facts()).size()).isEqualTo(result.facts().size());
    assertThat(result.problems()).hasSizeLessThanOrEqualTo(21);
  }

  @Test
  void hugeValueIsSkippedWithAProblem() {
    SourceResult result = OsReleaseSource.parse(text("os-release/huge-line"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("os:id", "debian", "os:version_id", "12"));
    assertThat(result.problems()).singleElement().asString().contains("os:pretty_name");
  }

  @Test
  void collectFollowsTheEtcLinkAndFallsBackToUsrLib() throws Exception {
    FixtureHost.debian12().writeTo(root);
    assertThat(new OsReleaseSource().collect(DirectoryHostFiles.context(root)).facts())
        .containsEntry("os:version_id", "12");

    FixtureHost.empty()
        .withFile("/usr/lib/os-release", "ID=debian\nVERSION_ID=\"13\"\n")
        .writeTo(root);
    assertThat(new OsReleaseSource().collect(DirectoryHostFiles.context(root)).facts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("os:id", "debian", "os:version_id", "13"));

    FixtureHost.empty().writeTo(root);
    SourceResult none = new OsReleaseSource().collect(DirectoryHostFiles.context(root));
    assertThat(none.facts()).isEmpty();
    assertThat(none.complete()).isTrue();
  }
}
