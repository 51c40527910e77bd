package io.driftwatch.node.collect.source;

import static io.driftwatch.node.testing.FixtureFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSourceTest {

  @TempDir Path root;

  @Test
  void parsesDebianKernelFilesFoldingWhitespace() {
    SourceResult result =
        KernelSource.parse(
            text("kernel/osrelease-debian"),
            text("kernel/version-debian"),
            text("kernel/cmdline-debian"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "kernel:release", "6.1.0-26-amd64",
                "kernel:version", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30)",
                "kernel:cmdline",
                    "BOOT_IMAGE=/boot/vmlinuz-6.1.0-26-amd64"
                        + " root=UUID=3f1c2b7e-9a41-4f0d-8c55-0e6b2d9a7c11 ro quiet"
                        + " mitigations=auto nosmt"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void parsesACustomKernelFromThisMachine() {
    SourceResult result =
        KernelSource.parse(text("kernel/osrelease-custom"), text("kernel/version-custom"), null);

    assertThat(result.facts()).containsOnlyKeys("kernel:release", "kernel:version");
    assertThat(result.facts().get("kernel:version")).startsWith("#1 SMP");
  }

  @Test
  void missingFilesGiveNoFacts() {
    SourceResult result = KernelSource.parse(null, null, null);

    assertThat(result.facts()).isEmpty();
    assertThat(result.complete()).isTrue();
  }

  @Test
  void cutOrEmptyFileIsIncomplete() {
    assertThat(KernelSource.parse("6.1.0-26-am", null, null).complete()).isFalse();
    assertThat(KernelSource.parse("", null, null).complete()).isFalse();
    SourceResult cut = KernelSource.parse("6.1.0-26-amd64\n", null, "BOOT_IMAGE=/vml");
    assertThat(cut.complete()).isFalse();
    assertThat(cut.facts()).containsOnlyKeys("kernel:release");
    assertThat(cut.problems()).singleElement().asString().contains("/proc/cmdline");
  }

  @Test
  void binaryJunkIsRefusedNotThrown() {
    SourceResult result = KernelSource.parse("\u0000\u0001junk\n", null, null);

    assertThat(result.facts()).isEmpty();
    assertThat(result.problems()).singleElement().asString().contains("control characters");
  }

  @Test
  void collectReadsProcFiles() throws Exception {
    FixtureHost.debian12().writeTo(root);

    SourceResult result = new KernelSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts())
        .containsEntry("kernel:release", "6.1.0-26-amd64")
        .containsEntry(
            "kernel:cmdline",
            "BOOT_IMAGE=/vmlinuz-6.1.0-26-amd64 root=/dev/mapper/vg0-root ro quiet")
        .hasSize(3);
  }
}
