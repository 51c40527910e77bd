package io.driftwatch.node.collect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysctlSourceTest {

  @TempDir Path root;

  @Test
  void namesFollowSysctlNotation() {
    assertThat(SysctlSource.sysctlName("vm/swappiness")).isEqualTo("vm.swappiness");
    assertThat(SysctlSource.sysctlName("net/ipv4/conf/eth0.100/rp_filter"))
        .isEqualTo("net.ipv4.conf.eth0/100.rp_filter");
  }

  @Test
  void volatileSecretAndSideEffectEntriesAreExcluded() {
    assertThat(
            new String[] {
              "fs.dentry-state",
              "fs.file-nr",
              "fs.inode-nr",
              "fs.inode-state",
              "fs.aio-nr",
              "fs.quota.lookups",
              "kernel.random.uuid",
              "kernel.random.boot_id",
              "kernel.random.entropy_avail",
              "kernel.ns_last_pid",
              "kernel.pty.nr",
              "kernel.perf_event_max_sample_rate",
              "kernel.sched_domain.cpu0.domain0.max_interval",
              "net.netfilter.nf_conntrack_count",
              "net.ipv4.tcp_fastopen_key",
              "net.ipv6.conf.eth0.stable_secret",
              "vm.stat_refresh"
            })
        .allMatch(SysctlSource::isExcluded);
    assertThat(
            new String[] {
              "vm.swappiness",
              "kernel.randomize_va_space",
              "kernel.pty.max",
              "fs.file-max",
              "net.netfilter.nf_conntrack_max",
              "kernel.perf_event_paranoid",
              "kernel.tainted"
            })
        .noneMatch(SysctlSource::isExcluded);
  }

  @Test
  void parseNormalisesValuesAndDropsExcludedAndOversizedOnes() {
    SourceResult result =
        SysctlSource.parse(
            Map.of(
                "vm/swappiness", "60\n",
                "net/ipv4/tcp_rmem", "4096\t131072\t6291456\n",
                "kernel/random/uuid", "7d1c2a44-8f36-4b0e-a5e1-93c0f2d6b718\n",
                "dev/cdrom/info", "x".repeat(SysctlSource.MAX_VALUE_LENGTH + 1)));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "sysctl:vm.swappiness", "60", "sysctl:net.ipv4.tcp_rmem", "4096 131072 6291456"));
    assertThat(result.problems())
        .containsExactly("skipped 1 sysctl values over 4096 characters, e.g. dev.cdrom.info");
  }

  @Test
  void collectWalksProcSysSkippingWriteOnlyAndVolatileEntries() throws Exception {
    FixtureHost.debian12().withSysctl("vm.swappiness", "10").writeTo(root);

    SourceResult result = new SysctlSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts())
        .hasSize(30)
        .containsEntry("sysctl:vm.swappiness", "10")
        .containsEntry("sysctl:net.ipv4.ip_local_port_range", "32768 60999")
        .containsEntry("sysctl:net.ipv4.conf.all.rp_filter", "2")
        .containsEntry("sysctl:kernel.osrelease", "6.1.0-26-amd64")
        .doesNotContainKeys(
            "sysctl:vm.drop_caches",
            "sysctl:fs.file-nr",
            "sysctl:fs.dentry-state",
            "sysctl:kernel.ns_last_pid",
            "sysctl:kernel.random.boot_id",
            "sysctl:kernel.random.uuid",
            "sysctl:net.ipv4.tcp_fastopen_key");
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void unreadableEntriesAreCountedInOneProblem() throws Exception {
    FixtureHost.empty()
        .withSysctl("vm.swappiness", "60")
        .withSysctl("kernel.core_pattern", "|/usr/lib/systemd/systemd-coredump %P %u %g %s %t")
        .withSysctl("net.core.rmem_max", "x".repeat(300))
        .writeTo(root);
    HostContext host = new HostContext(new DirectoryHostFiles(root, 40), Optional.empty());

    SourceResult result = new SysctlSource().collect(host);

    assertThat(result.facts()).containsOnlyKeys("sysctl:vm.swappiness");
    assertThat(result.complete()).isTrue();
    assertThat(result.problems())
        .containsExactly("2 sysctl entries could not be read, e.g. kernel.core_pattern");
  }

  @Test
  void entriesDeeperThanTheLimitAreSkipped() throws Exception {
    String deep = "net." + "a.".repeat(SysctlSource.MAX_DEPTH) + "leaf";
    FixtureHost.empty().withSysctl("vm.swappiness", "60").withSysctl(deep, "1").writeTo(root);

    SourceResult result = new SysctlSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts()).containsOnlyKeys("sysctl:vm.swappiness");
    assertThat(result.problems()).singleElement().asString().contains("deeper than 12 levels");
  }

  @Test
  void stopsAfterTheEntryLimitAndSaysTheResultIsIncomplete() throws Exception {
    Path dir = Files.createDirectories(root.resolve("proc/sys/net/many"));
    for (int i = 0; i < 60; i++) {
      Files.writeString(dir.resolve("e" + i), "1\n");
    }

    // The same walk as with the real limit of 20,000, which would need as many files.
    SourceResult result = new SysctlSource(50).collect(DirectoryHostFiles.context(root));

    assertThat(result.complete()).isFalse();
    assertThat(result.facts()).hasSize(48);
    assertThat(result.problems())
        .containsExactly("stopped after 50 entries under /proc/sys; kept the last known values");
  }

  @Test
  void hostWithoutProcSysHasNoSysctls() throws Exception {
    FixtureHost.empty().withFile("/etc/hostname", "x\n").writeTo(root);

    SourceResult result = new SysctlSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts()).isEmpty();
    assertThat(result.complete()).isTrue();
  }

  @Test
  void readsThisMachinesProcSysWithoutVolatileEntries() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/sys/vm/swappiness")), "needs a Linux /proc");

    SourceResult result = new SysctlSource().collect(DirectoryHostFiles.context(Path.of("/")));

    assertThat(result.complete()).isTrue();
    assertThat(result.facts()).containsKey("sysctl:vm.swappiness").hasSizeGreaterThan(100);
    assertThat(result.facts().keySet())
        .noneMatch(key -> SysctlSource.isExcluded(key.substring("sysctl:".length())));
  }
}
