package io.driftwatch.node.collect.source;

import static io.driftwatch.node.testing.FixtureFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import io.driftwatch.node.testing.ScriptedCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagesSourceTest {

  @TempDir Path root;

  @Test
  void parsesARealDebianStatusFile() {
    SourceResult result = PackagesSource.parseDpkgStatus(text("packages/dpkg-status"));

    assertThat(result.facts())
        .hasSize(60)
        .contains(
            entry("package:adduser", "3.134"),
            entry("package:apt", "2.6.1"),
            entry("package:base-files", "12.4+deb12u11"),
            entry("package:bash", "5.2.15-2+b8"));
    assertThat(result.facts().keySet()).allMatch(k -> k.split(":").length == 2);
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void appendsUnfinishedStatesAndHoldsAndNamesForeignArchitectures() {
    SourceResult result = PackagesSource.parseDpkgStatus(text("packages/dpkg-status-states"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "package:dpkg", "1.21.22",
                "package:libc6", "2.36-9+deb12u8 half-configured",
                "package:libc6:i386", "2.36-9+deb12u8",
                "package:libssl3", "3.0.14-1~deb12u2",
                "package:openssh-server", "1:9.2p1-2+deb12u3 hold",
                "package:nginx", "1.22.1-9 unpacked hold",
                "package:tzdata", "2024a-0+deb12u1 triggers-pending",
                "package:man-db", "2.11.2-2 triggers-awaited",
                "package:half-gone", "0.9-1 half-installed"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void withoutDpkgTheMostCommonArchitectureIsNative() {
    String status =
        """
        Package: zlib1g
        Status: install ok installed
        Architecture: arm64
        Version: 1:1.2.13.dfsg-1

        Package: zlib1g
        Status: install ok installed
        Architecture: armhf
        Version: 1:1.2.13.dfsg-1

        Package: bash
        Status: install ok installed
        Architecture: arm64
        Version: 5.2.15-2+b7

        Package: tzdata
        Status: install ok installed
        Architecture: all
        Version: 2024a-0+deb12u1

        Package: tzdata-legacy
        Status: install ok installed
        Architecture: all
        Version: 2024a-0+deb12u1

        """;

    assertThat(PackagesSource.parseDpkgStatus(status).facts())
        .containsOnlyKeys(
            "package:zlib1g",
            "package:zlib1g:armhf",
            "package:bash",
            "package:tzdata",
            "package:tzdata-legacy");
  }

  @Test
  void fileCutInHalfIsIncompleteAndKeepsWhatItRead() {
    Map<String, String> whole =
        PackagesSource.parseDpkgStatus(text("packages/dpkg-status")).facts();

    SourceResult cut = PackagesSource.parseDpkgStatus(text("packages/dpkg-status-truncated"));

    assertThat(cut.complete()).isFalse();
    assertThat(cut.problems()).singleElement().asString().contains("ends mid-line");
    assertThat(cut.facts()).hasSize(32);
    assertThat(whole).containsAllEntriesOf(cut.facts());
  }

  @Test
  void stanzaMissingARequiredFieldIsIncompleteAndNamed() {
    SourceResult result =
        PackagesSource.parseDpkgStatus(text("packages/dpkg-status-missing-fields"));

    assertThat(result.complete()).isFalse();
    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("package:bash", "5.2.15-2+b7", "package:dash", "0.5.12-2"));
    assertThat(result.problems())
        .containsExactly(
            "stanza 2 of /var/lib/dpkg/status has no valid Package field",
            "stanza 3 (\"sed\") of /var/lib/dpkg/status has no valid Status field",
            "stanza 4 (\"grep\") of /var/lib/dpkg/status has no Version field");
  }

  @Test
  void garbageLinesAndRepeatsAreSkippedWithProblems() {
    SourceResult result = PackagesSource.parseDpkgStatus(text("packages/dpkg-status-garbage"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "package:bash", "5.2.15-2+b7", "package:gzip", "1.12-1", "package:sed", "4.9-1"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems())
        .containsExactlyInAnyOrder(
            "stanza 4 (\"sed\") of /var/lib/dpkg/status repeats an installed package, skipped",
            "/var/lib/dpkg/status: skipped 2 malformed lines, first line 5");
  }

  @Test
  void corruptPackageNameOrEmptyFileIsIncomplete() {
    String badName = "Package: bad name\nStatus: install ok installed\nVersion: 1\n\n";

    assertThat(PackagesSource.parseDpkgStatus(badName).complete()).isFalse();
    assertThat(PackagesSource.parseDpkgStatus("").complete()).isFalse();
    assertThat(PackagesSource.parseDpkgStatus("\n\n").complete()).isFalse();
  }

  @Test
  void binaryJunkNeverThrows() {
    String junk = "Package: \u0000\u0001\u00ff\nStatus: \uFFFD\uFFFD\n\u0007\u0008\n";

    SourceResult result = PackagesSource.parseDpkgStatus(junk);

    assertThat(result.facts()).isEmpty();
    assertThat(result.complete()).isFalse();
  }

  @Test
  void parsesRpmQueryOutput() {
    SourceResult result = PackagesSource.parseRpm(text("packages/rpm-qa"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                entry("package:rpm", "4.16.1.3-29.el9"),
                entry("package:bash", "5.1.8-9.el9"),
                entry("package:glibc", "2.34-100.el9_4.2"),
                entry("package:glibc:i686", "2.34-100.el9_4.2"),
                entry("package:glibc-common", "2.34-100.el9_4.2"),
                entry("package:openssl", "1:3.0.7-27.el9"),
                entry("package:openssl-libs", "1:3.0.7-27.el9"),
                entry("package:openssh-server", "8.7p1-38.el9_4.4"),
                entry("package:tzdata", "2024a-1.el9"),
                entry("package:kernel-core", "5.14.0-362.24.1.el9_3 5.14.0-427.13.1.el9_4"),
                entry("package:gpg-pubkey", "5a6340b3-6229229e fd431d51-4ae0493b"),
                entry("package:systemd", "252-32.el9_4")));
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void skipsMalformedRpmLines() {
    SourceResult result = PackagesSource.parseRpm(text("packages/rpm-qa-garbage"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("package:bash", "5.1.8-9.el9", "package:sed", "4.8-9.el9"));
    assertThat(result.problems()).containsExactly("skipped 3 malformed lines of rpm output");
  }

  @Test
  void collectReadsTheStatusFileWithoutRunningAnything() throws Exception {
    FixtureHost.empty()
        .withFile("/var/lib/dpkg/status", text("packages/dpkg-status-states"))
        .withFile("/var/lib/rpm/rpmdb.sqlite", "")
        .writeTo(root);

    SourceResult result = new PackagesSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts()).containsEntry("package:libc6:i386", "2.36-9+deb12u8").hasSize(9);
  }

  @Test
  void collectRunsRpmOnlyWhereADatabaseExists() throws Exception {
    ScriptedCommands commands =
        new ScriptedCommands().answering(PackagesSource.RPM_QUERY, text("packages/rpm-qa"));
    HostContext host = new HostContext(new DirectoryHostFiles(root), Optional.of(commands));

    FixtureHost.empty().withFile("/etc/hostname", "db-1\n").writeTo(root);
    assertThat(new PackagesSource().collect(host).facts()).isEmpty();
    assertThat(commands.ran()).isEmpty();

    FixtureHost.empty().withFile("/usr/lib/sysimage/rpm/rpmdb.sqlite", "").writeTo(root);
    assertThat(new PackagesSource().collect(host).facts())
        .containsEntry("package:openssl", "1:3.0.7-27.el9")
        .hasSize(12);
    assertThat(commands.ran())
        .containsExactly(
            List.of(
                "rpm",
                "-qa",
                "--qf",
                "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\n"));
  }

  @Test
  void leftoverRpmDatabaseWithoutRpmIsAProblemNotAFailure() throws Exception {
    FixtureHost.empty()
        .withFile("/var/lib/dpkg/status", text("packages/dpkg-status-states"))
        .withFile("/var/lib/rpm/Packages", "")
        .writeTo(root);
    HostContext host =
        new HostContext(new DirectoryHostFiles(root), Optional.of(new ScriptedCommands()));

    SourceResult result = new PackagesSource().collect(host);

    assertThat(result.facts()).hasSize(9);
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).singleElement().asString().contains("rpm is not installed");
  }

  @Test
  void failingRpmFailsTheSource() throws Exception {
    FixtureHost.empty().withFile("/var/lib/rpm/Packages", "").writeTo(root);
    ScriptedCommands commands =
        new ScriptedCommands().failing(PackagesSource.RPM_QUERY, "rpmdb: BDB0113 lock table full");
    HostContext host = new HostContext(new DirectoryHostFiles(root), Optional.of(commands));

    assertThatThrownBy(() -> new PackagesSource().collect(host))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("BDB0113");
  }
}
