package io.driftwatch.node.collect.source;

import static io.driftwatch.node.testing.FixtureFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuSourceTest {

  @TempDir Path root;

  @Test
  void parsesAnAmdEpycVirtualMachine() {
    SourceResult result = CpuSource.parse(text("cpu/cpuinfo-amd-epyc"));

    assertThat(result.facts())
        .containsOnlyKeys("cpu:count", "cpu:model", "cpu:vendor", "cpu:microcode", "cpu:flags")
        .containsEntry("cpu:count", "2")
        .containsEntry("cpu:vendor", "AuthenticAMD")
        .containsEntry("cpu:model", "AMD EPYC")
        .containsEntry("cpu:microcode", "0x1000065");
    String[] flags = result.facts().get("cpu:flags").split(" ");
    assertThat(flags).isSorted().doesNotHaveDuplicates().contains("avx2", "sse4_2", "hypervisor");
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void parsesArmFeatures() {
    SourceResult result = CpuSource.parse(text("cpu/cpuinfo-arm64"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "cpu:count",
                "4",
                "cpu:flags",
                "aes asimd asimddp asimdhp asimdrdm atomics cpuid crc32 dcpop evtstrm fp fphp"
                    + " lrcpc pmull sha1 sha2 ssbs"));
  }

  @Test
  void garbageIsSkippedAndFlagsDeduplicated() {
    SourceResult result = CpuSource.parse(text("cpu/cpuinfo-garbage"));

    assertThat(result.facts())
        .containsEntry("cpu:flags", "fpu sse sse2")
        .containsEntry("cpu:count", "1");
    assertThat(result.problems()).containsExactly("/proc/cpuinfo: skipped 2 lines without a colon");
  }

  @Test
  void cutOrEmptyCpuinfoIsIncomplete() {
    SourceResult cut = CpuSource.parse(text("cpu/cpuinfo-truncated"));
    assertThat(cut.complete()).isFalse();
    assertThat(cut.facts()).containsEntry("cpu:model", "AMD EPYC");

    SourceResult empty = CpuSource.parse("");
    assertThat(empty.complete()).isFalse();
    assertThat(empty.facts()).isEmpty();
  }

  @Test
  void collectReadsProcCpuinfo() throws Exception {
    FixtureHost.debian12().writeTo(root);

    SourceResult result = new CpuSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts())
        .containsEntry("cpu:count", "2")
        .containsEntry("cpu:model", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz")
        .containsEntry("cpu:microcode", "0xd0003e7");
    assertThat(Arrays.asList(result.facts().get("cpu:flags").split(" "))).isSorted();
  }
}
