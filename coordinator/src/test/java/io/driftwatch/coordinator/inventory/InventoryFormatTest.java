package io.driftwatch.coordinator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InventoryFormatTest {

  @Test
  void wireNamesRoundTrip() {
    for (InventoryFormat f : InventoryFormat.values()) {
      assertThat(InventoryFormat.parse(f.wireName())).isEqualTo(f);
    }
    assertThatThrownBy(() -> InventoryFormat.parse("toml"))
        .hasMessageContaining("driftwatch, ansible-ini, ansible-yaml");
  }

  @Test
  void theFormatIsRecognisedByExtensionThenContent() {
    assertThat(InventoryFormat.detect("hosts.ini", "all:\n  hosts: {a: }"))
        .isEqualTo(InventoryFormat.ANSIBLE_INI);
    assertThat(InventoryFormat.detect("inv.yaml", "hosts:\n  - {name: a, transport: ssh}"))
        .isEqualTo(InventoryFormat.DRIFTWATCH);
    assertThat(InventoryFormat.detect("inv.yml", "defaults: {transport: ssh}"))
        .isEqualTo(InventoryFormat.DRIFTWATCH);
    assertThat(InventoryFormat.detect("inv.yaml", "all:\n  children: {web: }"))
        .isEqualTo(InventoryFormat.ANSIBLE_YAML);
    assertThat(InventoryFormat.detect("inv.yaml", "web:\n  hosts: {w1: }"))
        .isEqualTo(InventoryFormat.ANSIBLE_YAML);
    assertThat(InventoryFormat.detect("hosts", InventoryFixtures.read("nested.ini")))
        .isEqualTo(InventoryFormat.ANSIBLE_INI);
    assertThat(InventoryFormat.detect("hosts", "web-1\nweb-2 ansible_host=10.0.0.2\n"))
        .isEqualTo(InventoryFormat.ANSIBLE_INI);
    assertThat(InventoryFormat.detect(null, InventoryFixtures.read("nested.yaml")))
        .isEqualTo(InventoryFormat.ANSIBLE_YAML);
    // a broken YAML file is reported as YAML, not misread as INI
    assertThat(InventoryFormat.detect("inv.yaml", "hosts: [\n"))
        .isEqualTo(InventoryFormat.DRIFTWATCH);
  }

  @Test
  void oversizedInventoriesAreRefusedBeforeParsing() {
    String huge = "#".repeat(InventoryFormat.MAX_CHARS + 1);
    for (InventoryFormat f : InventoryFormat.values()) {
      assertThatThrownBy(() -> f.read(huge, Duration.ofMinutes(1)))
          .hasMessageContaining("inventory is too large");
    }
  }

  @Test
  void aLargeButAllowedInventoryReads() {
    StringBuilder ini = new StringBuilder("[web]\n");
    ini.append("web-[00000:19999] ansible_user=deploy\n");
    ini.append("# padding\n".repeat(400_000));
    assertThat(ini.length()).isGreaterThan(3 * 1024 * 1024).isLessThan(InventoryFormat.MAX_CHARS);
    assertThat(InventoryFormat.ANSIBLE_INI.read(ini.toString(), Duration.ofMinutes(1)))
        .hasSize(20_000);

    StringBuilder yaml = new StringBuilder("all:\n  hosts:\n");
    for (int i = 0; i < 120_000; i++) {
      yaml.append("    h").append(i).append(": {ansible_port: 22}\n");
    }
    assertThat(yaml.length()).isGreaterThan(3 * 1024 * 1024);
    assertThatThrownBy(
            () -> InventoryFormat.ANSIBLE_YAML.read(yaml.toString(), Duration.ofMinutes(1)))
        .hasMessageContaining("more than 50000 hosts");
  }
}
