package io.driftwatch.coordinator.inventory;

import static io.driftwatch.coordinator.inventory.InventoryFixtures.byName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.host.HostSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnsibleYamlInventoryTest {

  private static final Duration DEFAULT = Duration.ofSeconds(60);

  private static List<HostSpec> parse(String yaml) {
    return AnsibleYamlInventory.parse(yaml, DEFAULT);
  }

  @Test
  void theYamlAndIniFormsOfAnInventoryGiveTheSameHosts() {
    List<HostSpec> yaml = parse(InventoryFixtures.read("nested.yaml"));
    List<HostSpec> ini = AnsibleIniInventory.parse(InventoryFixtures.read("nested.ini"), DEFAULT);
    assertThat(yaml).hasSize(9);
    assertThat(yaml).containsExactlyElementsOf(ini);
  }

  @Test
  void topLevelGroupsBesideAllAreGroupsToo() {
    Map<String, HostSpec> h =
        byName(
            parse(
                """
                web:
                  hosts:
                    w1:
                  children:
                    canary:
                      hosts:
                        w2: {ansible_port: "2201"}
                canary:
                  vars: {driftwatch_tag_stage: early}
                ungrouped:
                  hosts:
                    lone:
                """));
    assertThat(h.get("w1").tags()).containsEntry("group", "web");
    assertThat(h.get("w2").tags())
        .containsEntry("group", "web/canary")
        .containsEntry("stage", "early");
    assertThat(h.get("w2").ssh().port()).isEqualTo(2201);
    assertThat(h.get("lone").tags()).isEmpty();
  }

  @Test
  void emptyGroupsAndHostsWithoutVariablesAreFine() {
    assertThat(parse("")).isEmpty();
    assertThat(parse("all:")).isEmpty();
    assertThat(parse("all:\n  children:\n    web:\n")).isEmpty();
    assertThat(parse("all:\n  hosts:\n    a:\n    b: {}\n"))
        .extracting(HostSpec::name)
        .containsExactly("a", "b");
  }

  @Test
  void onlyStringsBecomeTags() {
    assertThatThrownBy(() -> parse("all:\n  hosts:\n    a: {driftwatch_tag_tier: 1}\n"))
        .hasMessageContaining("group \"all\", host \"a\": driftwatch_tag_tier of host \"a\"")
        .hasMessageContaining("plain string");
    assertThatThrownBy(() -> parse("all:\n  vars:\n    ansible_host: [a, b]\n  hosts: {a: }\n"))
        .hasMessageContaining("group \"all\", vars: ansible_host of host \"a\"")
        .hasMessageContaining("not a list");
    assertThat(parse("all:\n  hosts:\n    a: {driftwatch_tag_tier: '1', driftwatch_sudo: true}\n"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.tags()).containsEntry("tier", "1");
              assertThat(a.ssh().sudo()).isTrue();
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'- a list'                                          | is a mapping of groups",
        "'all: [a, b]'                                      | group \"all\": expected a mapping",
        "'all:\\n  hosts: [a, b]'                            | group \"all\", hosts: expected a mapping, got a list",
        "'all:\\n  web-1:\\n'                                | group \"all\": unknown key \"web-1\"",
        "'all:\\n  hosts:\\n    a: [1]'                      | group \"all\", host \"a\": expected a mapping",
        "'all:\\n  hosts:\\n    \"a b\":'                    | group \"all\", host \"a b\": invalid host name",
        "'all:\\n  hosts:\\n    web-[3:1]:'                  | group \"all\", host \"web-[3:1]\": invalid host range",
        "'all:\\n  children:\\n    \"we b\":'                | group \"all\", children: invalid group name",
        "'all:\\n  hosts:\\n    a:\\n    a:'                 | not valid YAML (line 4)",
        "'all:\\n  hosts: {a: \\n'                          | not valid YAML",
        "'web:\\n  children:\\n    canary:\\ncanary:\\n  children:\\n    web:' | groups form a cycle",
      })
  void malformedInventoriesNameTheGroupOrHost(String yaml, String message) {
    String text = yaml.replace("\\n", "\n");
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aliasesAreRefusedRatherThanReadAsTheirName() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    all:
                      vars: &common {ansible_user: ops}
                      children:
                        web:
                          vars: *common
                    """))
        .hasMessageContaining("not valid YAML (line 5)")
        .hasMessageContaining("aliases (*common) are not supported");
  }
}
