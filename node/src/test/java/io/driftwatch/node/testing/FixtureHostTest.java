package io.driftwatch.node.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.fact.FactDifference;
import io.driftwatch.node.fact.FactKey;
import io.driftwatch.node.fact.FactSet;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FixtureHostTest {

  @TempDir Path root;

  /** What every standard source made of one host. */
  private record Probe(FactSet facts, Map<String, SourceResult> bySource) {}

  private static Probe probe(Path root) throws Exception {
    HostContext host = DirectoryHostFiles.context(root);
    Map<String, String> facts = new HashMap<>();
    Map<String, SourceResult> bySource = new LinkedHashMap<>();
    for (FactSource source : StandardSources.all(DefaultSettings.collector())) {
      SourceResult result = source.collect(host);
      bySource.put(source.name(), result);
      facts.putAll(result.facts());
    }
    return new Probe(FactSet.of(facts), bySource);
  }

  @Test
  void debian12CollectsCompletelyWithTheExpectedFacts() throws Exception {
    Probe probe = probe(FixtureHost.debian12().writeTo(root));

    assertThat(probe.bySource().values()).allMatch(SourceResult::complete);
    assertThat(probe.bySource().values()).allMatch(r -> r.problems().isEmpty());
    assertThat(probe.facts().asMap())
        .containsEntry("os:id", "debian")
        .containsEntry("os:version_id", "12")
        .containsEntry("os:version_codename", "bookworm")
        .containsEntry("kernel:release", "6.1.0-26-amd64")
        .containsEntry("kernel:version", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30)")
        .containsEntry("package:libc6", "2.36-9+deb12u8")
        .containsEntry("package:libc6:i386", "2.36-9+deb12u8")
        .containsEntry("package:openssl", "3.0.14-1~deb12u2")
        .containsEntry("package:libssl3", "3.0.14-1~deb12u2")
        .containsEntry("package:openssh-server", "1:9.2p1-2+deb12u3")
        .containsEntry("package:nginx", "1.22.1-9")
        .containsEntry("package:tzdata", "2024a-0+deb12u1")
        .containsEntry("module:nf_conntrack", "loaded")
        .containsEntry("module:bridge", "2.3")
        .containsEntry("sysctl:vm.swappiness", "60")
        .containsEntry("sysctl:net.ipv4.ip_forward", "0")
        .containsEntry("sysctl:net.core.somaxconn", "4096")
        .containsEntry("sysctl:kernel.pid_max", "4194304")
        .containsEntry("user:root", "uid=0 gid=0 home=/root shell=/bin/bash")
        .containsEntry("user:admin", "uid=1000 gid=1000 home=/home/admin shell=/bin/bash")
        .containsEntry("group:sudo", "gid=27 members=admin")
        .containsEntry("port:tcp:0.0.0.0:22", "listen")
        .containsEntry("port:tcp:[::]:22", "listen")
        .containsEntry("service:ssh.service", "enabled")
        .containsEntry("service:nginx.service", "enabled")
        .containsEntry("dmi:bios_version", "1.13.2")
        .containsEntry("dmi:product_name", "PowerEdge R650")
        .containsEntry("cpu:count", "2")
        .containsEntry("cpu:microcode", "0xd0003e7")
        .containsEntry("memory:total_kb", "65594232")
        .containsEntry("mount:/", "ext4 rw,relatime,errors=remount-ro")
        .doesNotContainKeys(
            "package:linux-image-6.1.0-25-amd64",
            "sysctl:kernel.random.boot_id",
            "sysctl:fs.file-nr",
            "sysctl:vm.drop_caches",
            "dmi:product_serial",
            "dmi:product_uuid",
            "mount:/proc",
            "mount:/run/user/1000");
    assertThat(probe.facts().withPrefix("package:").size()).isEqualTo(37);
  }

  @Test
  void everySourceProducesExactlyItsDeclaredCategories() throws Exception {
    Probe probe = probe(FixtureHost.debian12().writeTo(root));

    for (FactSource source : StandardSources.all(DefaultSettings.collector())) {
      Set<String> produced = new TreeSet<>();
      probe
          .bySource()
          .get(source.name())
          .facts()
          .keySet()
          .forEach(k -> produced.add(FactKey.category(k)));
      assertThat(produced).as(source.name()).isEqualTo(source.categories());
    }
  }

  static Stream<Arguments> modifiers() {
    return Stream.of(
        modifier(
            "withPackage upgrades",
            h -> h.withPackage("openssl", "3.0.15-1~deb12u1"),
            new FactDifference("package:openssl", "3.0.14-1~deb12u2", "3.0.15-1~deb12u1")),
        modifier(
            "withPackage installs",
            h -> h.withPackage("htop", "3.2.2-2"),
            new FactDifference("package:htop", null, "3.2.2-2")),
        modifier(
            "withPackage changes only the native arch of a multi-arch pair",
            h -> h.withPackage("libc6", "2.36-9+deb12u9"),
            new FactDifference("package:libc6", "2.36-9+deb12u8", "2.36-9+deb12u9")),
        modifier(
            "withoutPackage",
            h -> h.withoutPackage("nginx"),
            new FactDifference("package:nginx", "1.22.1-9", null)),
        modifier(
            "withSysctl",
            h -> h.withSysctl("vm.swappiness", "10"),
            new FactDifference("sysctl:vm.swappiness", "60", "10")),
        modifier(
            "withSysctl adds",
            h -> h.withSysctl("net.ipv4.tcp_congestion_control", "bbr"),
            new FactDifference("sysctl:net.ipv4.tcp_congestion_control", null, "bbr")),
        modifier(
            "withUser",
            h -> h.withUser("deploy", 1005, 1005, "/home/deploy", "/bin/bash"),
            new FactDifference(
                "user:deploy", null, "uid=1005 gid=1005 home=/home/deploy shell=/bin/bash")),
        modifier(
            "withListeningPort",
            h -> h.withListeningPort(8080),
            new FactDifference("port:tcp:0.0.0.0:8080", null, "listen")),
        modifier(
            "withService",
            h -> h.withService("haproxy"),
            new FactDifference("service:haproxy.service", null, "enabled")),
        modifier(
            "withMaskedService",
            h -> h.withMaskedService("nginx.service"),
            // The mask is a link under /etc/systemd/system, which is also a tracked path.
            new FactDifference("file:/etc/systemd/system/nginx.service", null, "symlink=/dev/null"),
            new FactDifference("service:nginx.service", "enabled", "masked")),
        modifier(
            "withOsVersion",
            h -> h.withOsVersion("13", "trixie"),
            new FactDifference(
                "os:pretty_name", "Debian GNU/Linux 12 (bookworm)", "Debian GNU/Linux 13 (trixie)"),
            new FactDifference("os:version", "12 (bookworm)", "13 (trixie)"),
            new FactDifference("os:version_codename", "bookworm", "trixie"),
            new FactDifference("os:version_id", "12", "13")),
        modifier(
            "withFile over a collected file",
            h -> h.withFile("/proc/sys/kernel/panic", "10\n"),
            new FactDifference("sysctl:kernel.panic", "0", "10")));
  }

  private static Arguments modifier(
      String name, UnaryOperator<FixtureHost> change, FactDifference... expected) {
    return Arguments.of(name, change, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modifiers")
  void eachModifierIsExactlyTheIntendedDifference(
      String name, UnaryOperator<FixtureHost> change, List<FactDifference> expected)
      throws Exception {
    FixtureHost base = FixtureHost.debian12();
    Path left = Files.createDirectory(root.resolve("left"));
    Path right = Files.createDirectory(root.resolve("right"));

    FactSet before = probe(base.writeTo(left)).facts();
    FactSet after = probe(change.apply(base).writeTo(right)).facts();

    assertThat(before.diff(after)).containsExactlyElementsOf(expected);
  }

  @Test
  void rewritingInPlaceChangesTheHostAndRemovesWhatIsGone() throws Exception {
    FixtureHost base = FixtureHost.debian12().withFile("/etc/motd", "maintenance tonight\n");
    base.withService("haproxy").withMaskedService("rpcbind").writeTo(root);
    FactSet before = probe(root).facts();

    base.withoutPackage("nginx").writeTo(root);
    FactSet after = probe(root).facts();

    assertThat(before.diff(after))
        .containsExactly(
            new FactDifference(
                "file:/etc/systemd/system/rpcbind.service", "symlink=/dev/null", null),
            new FactDifference("package:nginx", "1.22.1-9", null),
            new FactDifference("service:haproxy.service", "enabled", null),
            new FactDifference("service:rpcbind.service", "masked", null));
    assertThat(new DirectoryHostFiles(root).read("/etc/motd")).contains("maintenance tonight\n");
  }

  @Test
  void withFileWritesTrackedFiles() throws Exception {
    FixtureHost.debian12().withFile("/etc/hosts", "127.0.0.1 localhost\n").writeTo(root);
    DirectoryHostFiles files = new DirectoryHostFiles(root);

    assertThat(files.read("/etc/hosts")).contains("127.0.0.1 localhost\n");
    assertThat(files.read("/etc/ssh/sshd_config").orElseThrow())
        .contains("Include /etc/ssh/sshd_config.d/*.conf", "UsePAM yes");
    assertThat(files.stat("/etc/ssh/sshd_config").orElseThrow().mode()).isEqualTo(0644);
  }

  @Test
  void truncatedDpkgStatusMakesOnlyPackagesIncomplete() throws Exception {
    Probe probe = probe(FixtureHost.debian12().truncatedDpkgStatus().writeTo(root));

    assertThat(probe.bySource().get("packages").complete()).isFalse();
    assertThat(probe.bySource().get("packages").problems())
        .singleElement()
        .asString()
        .contains("ends mid-line");
    assertThat(probe.bySource().get("packages").facts()).isNotEmpty().hasSizeLessThan(37);
    probe
        .bySource()
        .forEach(
            (name, result) ->
                assertThat(result.complete()).as(name).isEqualTo(!name.equals("packages")));
  }

  @Test
  void buildersAreImmutable() {
    FixtureHost base = FixtureHost.debian12();
    FixtureHost changed = base.withSysctl("vm.swappiness", "1").withoutPackage("bash");

    assertThat(base.files().get("/proc/sys/vm/swappiness")).isEqualTo("60\n");
    assertThat(changed.files().get("/proc/sys/vm/swappiness")).isEqualTo("1\n");
    assertThat(base.files().get("/var/lib/dpkg/status")).contains("Package: bash\n");
    assertThat(changed.files().get("/var/lib/dpkg/status")).doesNotContain("Package: bash\n");
  }

  @Test
  void refusesToWipeADirectoryItDidNotWrite() throws Exception {
    Files.writeString(root.resolve("precious.txt"), "keep me");

    assertThatThrownBy(() -> FixtureHost.debian12().writeTo(root))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage(
            root + " is not empty and was not written by FixtureHost; refusing to wipe it");
    assertThat(root.resolve("precious.txt")).hasContent("keep me");
  }

  @Test
  void rejectsNamesThatCouldNotBeOnAHost() {
    FixtureHost host = FixtureHost.debian12();

    assertThatThrownBy(() -> host.withSysctl("../../etc/passwd", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> host.withFile("relative/path", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> host.withService("evil/../../x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> host.withListeningPort(70000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
