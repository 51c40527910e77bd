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

class MemorySourceTest {

  @TempDir Path root;

  @Test
  void keepsSizesNeverUsage() {
    SourceResult result = MemorySource.parse(text("memory/meminfo"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "memory:total_kb", "24684092",
                "memory:swap_total_kb", "0",
                "memory:hugepages_total", "0",
                "memory:hugepagesize_kb", "2048"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void skipsGarbageLines() {
    SourceResult result = MemorySource.parse(text("memory/meminfo-garbage"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "memory:total_kb", "16318508",
                "memory:swap_total_kb", "2097148",
                "memory:hugepages_total", "16",
                "memory:hugepagesize_kb", "2048"));
    assertThat(result.problems()).containsExactly("/proc/meminfo: skipped 3 malformed lines");
  }

  @Test
  void cutOrTotallessMeminfoIsIncomplete() {
    SourceResult cut = MemorySource.parse(text("memory/meminfo-truncated"));
    assertThat(cut.complete()).isFalse();
    assertThat(cut.facts()).containsEntry("memory:total_kb", "24684092");

    assertThat(MemorySource.parse(text("memory/meminfo-no-total")).complete()).isFalse();
    assertThat(MemorySource.parse("").complete()).isFalse();
  }

  @Test
  void collectReadsProcMeminfo() throws Exception {
    FixtureHost.debian12().writeTo(root);

    assertThat(new MemorySource().collect(DirectoryHostFiles.context(root)).facts())
        .containsEntry("memory:total_kb", "65594232")
        .containsEntry("memory:swap_total_kb", "1000444")
        .hasSize(4);
  }
}
