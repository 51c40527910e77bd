package io.driftwatch.node.collect.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmiSourceTest {

  @TempDir Path root;

  @Test
  void keepsOnlyTheListedFieldsAndNeverIdentifiers() {
    SourceResult result =
        DmiSource.parse(
            Map.of(
                "bios_version", "1.16.2-debian-1.16.2-1\n",
                "sys_vendor", "QEMU\n",
                "product_name", "Standard PC (Q35 + ICH9, 2009)\n",
                "product_version", "\n",
                "product_serial", "7XK2QH3\n",
                "product_uuid", "4c4c4544-0058-4b10-8032-b7c04f514833\n"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "dmi:bios_version", "1.16.2-debian-1.16.2-1",
                "dmi:sys_vendor", "QEMU",
                "dmi:product_name", "Standard PC (Q35 + ICH9, 2009)"));
  }

  @Test
  void collectReadsSysClassDmiId() throws Exception {
    FixtureHost.debian12().writeTo(root);

    SourceResult result = new DmiSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts())
        .hasSize(13)
        .containsEntry("dmi:bios_version", "1.13.2")
        .containsEntry("dmi:product_name", "PowerEdge R650")
        .containsEntry("dmi:chassis_type", "23")
        .doesNotContainKeys("dmi:product_version", "dmi:chassis_version");
    assertThat(result.facts().values())
        .noneMatch(v -> v.contains("7XK2QH3") || v.contains("4c4c4544"));
  }

  @Test
  void machinesWithoutDmiHaveNoDmiFacts() throws Exception {
    FixtureHost.empty().withFile("/etc/hostname", "arm-board\n").writeTo(root);

    assertThat(new DmiSource().collect(DirectoryHostFiles.context(root)).facts()).isEmpty();
  }
}
