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

class ModulesSourceTest {

  @TempDir Path root;

  @Test
  void parsesADebianGuestWithVersionsWhereDeclared() {
    SourceResult result =
        ModulesSource.parse(
            text("modules/proc-modules"), Map.of("virtio_pci", "1\n", "floppy", "   \n"));

    assertThat(result.facts())
        .hasSize(52)
        .containsEntry("module:virtio_pci", "1")
        .containsEntry("module:floppy", "loaded")
        .containsEntry("module:nf_conntrack", "loaded")
        .containsEntry("module:kvm_intel", "loaded");
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void namesAreTheWellFormedModulesSorted() {
    assertThat(ModulesSource.names(text("modules/proc-modules-garbage")))
        .containsExactly("ext4", "jbd2");
    assertThat(ModulesSource.names(text("modules/proc-modules")))
        .hasSize(52)
        .startsWith("aesni_intel");
  }

  @Test
  void skipsGarbageAndRepeatsWithProblems() {
    SourceResult result = ModulesSource.parse(text("modules/proc-modules-garbage"), Map.of());

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("module:ext4", "loaded", "module:jbd2", "loaded"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems())
        .containsExactlyInAnyOrder(
            "/proc/modules lists \"ext4\" twice",
            "/proc/modules: skipped 4 malformed lines, first line 3");
  }

  @Test
  void cutFileIsIncompleteAndItsLastLineIgnored() {
    SourceResult result = ModulesSource.parse(text("modules/proc-modules-truncated"), Map.of());

    assertThat(result.complete()).isFalse();
    assertThat(result.facts()).containsOnlyKeys("module:ext4");
  }

  @Test
  void noModulesLoadedIsAnEmptyCompleteResult() {
    SourceResult result = ModulesSource.parse("", Map.of());

    assertThat(result.facts()).isEmpty();
    assertThat(result.complete()).isTrue();
  }

  @Test
  void collectReadsVersionsFromSysModule() throws Exception {
    FixtureHost.debian12().writeTo(root);

    SourceResult result = new ModulesSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts())
        .hasSize(27)
        .containsEntry("module:bridge", "2.3")
        .containsEntry("module:megaraid_sas", "07.719.03.00-rc1")
        .containsEntry("module:ext4", "loaded");
  }

  @Test
  void kernelWithoutModuleSupportHasNoModuleFacts() throws Exception {
    FixtureHost.empty().withFile("/etc/hostname", "tiny\n").writeTo(root);

    SourceResult result = new ModulesSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts()).isEmpty();
    assertThat(result.complete()).isTrue();
  }
}
