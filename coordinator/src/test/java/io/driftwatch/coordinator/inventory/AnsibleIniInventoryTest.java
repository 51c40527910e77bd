package io.driftwatch.coordinator.inventory;

import static io.driftwatch.coordinator.inventory.InventoryFixtures.byName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnsibleIniInventoryTest {

  private static final Duration DEFAULT = Duration.ofSeconds(60);

  private static List<HostSpec> parse(String ini) {
    return AnsibleIniInventory.parse(ini, DEFAULT);
  }

  private static final List<HostSpec> NESTED = parse(InventoryFixtures.read("nested.ini"));
  private static final Map<String, HostSpec> HOSTS = byName(NESTED);

  @Test
  void rangesExpandInFileOrderAndEveryHostUsesSsh() {
    assertThat(NESTED)
        .extracting(HostSpec::name)
        .containsExactly(
            "bastion",
            "web-01",
            "web-02",
            "web-03",
            "web-canary",
            "edge-a",
            "edge-b",
            "db-001",
            "db-002");
    assertThat(NESTED).allSatisfy(h -> assertThat(h.transport()).isEqualTo(Transport.SSH));
    assertThat(NESTED).allSatisfy(h -> assertThat(h.interval()).isEqualTo(DEFAULT));
    assertThat(NESTED).allSatisfy(h -> assertThat(h.managedBy()).isEqualTo(HostSpec.API));
  }

  @Test
  void connectionVariablesBecomeSshOptions() {
    HostSpec canary = HOSTS.get("web-canary");
    assertThat(canary.ssh().address()).isEqualTo("10.0.1.9");
    assertThat(canary.ssh().port()).isEqualTo(2222);
    assertThat(canary.ssh().user()).isEqualTo("ops");
    assertThat(canary.ssh().identity()).isEqualTo("/etc/driftwatch/keys/web");
    // host:port in the pattern is the host's port
    assertThat(HOSTS.get("db-002").ssh().port()).isEqualTo(2200);
    assertThat(HOSTS.get("db-002").ssh().address()).isNull();
    assertThat(HOSTS.get("bastion").ssh().address()).isEqualTo("10.0.0.1");
  }

  @Test
  void variablesFollowHostThenChildThenParentThenAll() {
    // host var beats the all group
    assertThat(HOSTS.get("web-01").ssh().user()).isEqualTo("deploy");
    assertThat(HOSTS.get("web-canary").ssh().user()).isEqualTo("ops");
    // each level overrides the one above; a group without the var inherits its parent's
    assertThat(HOSTS.get("bastion").tags()).containsEntry("tier", "all");
    assertThat(HOSTS.get("db-001").tags()).containsEntry("tier", "prod");
    assertThat(HOSTS.get("web-01").tags()).containsEntry("tier", "web");
    assertThat(HOSTS.get("web-canary").tags()).containsEntry("tier", "canary");
    assertThat(HOSTS.get("edge-a").tags()).containsEntry("tier", "canary");
    assertThat(HOSTS.get("edge-a").tags()).containsEntry("env", "prod");
    assertThat(HOSTS.get("bastion").tags()).containsEntry("env", "dev");
  }

  @Test
  void groupsBecomeTheGroupTagAndTheRole() {
    assertThat(HOSTS.get("edge-b").tags())
        .containsOnly(
            entry("group", "prod/web/canary/edge"),
            entry("role", "prod/web/canary/edge"),
            entry("env", "prod"),
            entry("tier", "canary"),
            entry("owner", "edge team"));
    assertThat(HOSTS.get("web-02").tags())
        .containsEntry("group", "prod/web")
        .containsEntry("role", "prod/web");
    assertThat(HOSTS.get("bastion").tags()).doesNotContainKeys("group", "role");
  }

  @Test
  void onlyDriftwatchTagVariablesBecomeTags() {
    // db_password, http_port, ansible_become, ansible_python_interpreter: ignored
    assertThat(HOSTS.get("db-001").tags().keySet())
        .containsExactlyInAnyOrder("group", "role", "env", "tier");
  }

  @Test
  void groupSelectsTheGroupAndEveryGroupBelowIt() {
    assertThat(select("group=web"))
        .containsExactly("web-01", "web-02", "web-03", "web-canary", "edge-a", "edge-b");
    assertThat(select("group=canary")).containsExactly("web-canary", "edge-a", "edge-b");
    assertThat(select("group=web/canary")).containsExactly("web-canary", "edge-a", "edge-b");
    assertThat(select("group=edge")).containsExactly("edge-a", "edge-b");
    assertThat(select("group=prod")).hasSize(8).doesNotContain("bastion");
    assertThat(select("group=web/edge")).isEmpty();
    assertThat(select("group=we")).isEmpty();
    // child groups are subroles of their parents' roles
    assertThat(select("role=prod/web"))
        .containsExactly("web-01", "web-02", "web-03", "web-canary", "edge-a", "edge-b");
    assertThat(select("role=prod/web/canary")).containsExactly("web-canary", "edge-a", "edge-b");
  }

  private static List<String> select(String selector) {
    Selector s = Selector.parse(selector);
    return NESTED.stream().filter(s::matches).map(HostSpec::name).toList();
  }

  @Test
  void aHostInSeveralGroupsHasEveryPathAndNoDerivedRole() {
    List<HostSpec> hosts =
        parse(
            """
            [web]
            both-1
            only-1
            [monitoring]
            both-1
            [dc1:children]
            web
            [dc2:children]
            web
            """);
    Map<String, HostSpec> h = byName(hosts);
    // web has two parents, so it has two paths; monitoring is a top-level group
    assertThat(h.get("both-1").tags()).containsOnly(entry("group", "dc1/web dc2/web monitoring"));
    assertThat(h.get("only-1").tags()).containsOnly(entry("group", "dc1/web dc2/web"));
    assertThat(Selector.parse("group=web").matches(h.get("both-1"))).isTrue();
    assertThat(Selector.parse("group=dc2").matches(h.get("only-1"))).isTrue();
    assertThat(Selector.parse("group=monitoring").matches(h.get("only-1"))).isFalse();
  }

  @Test
  void aHostListedInAGroupAndItsChildKeepsTheDeeperPath() {
    Map<String, HostSpec> h =
        byName(
            parse(
                """
                [web]
                w1
                [canary]
                w1
                [web:children]
                canary
                """));
    assertThat(h.get("w1").tags())
        .containsOnly(entry("group", "web/canary"), entry("role", "web/canary"));
  }

  @Test
  void anExplicitRoleWinsOverTheGroupPath() {
    Map<String, HostSpec> h = byName(parse("[web]\nw1 driftwatch_tag_role=frontend\nw2\n"));
    assertThat(h.get("w1").tags()).containsEntry("role", "frontend").containsEntry("group", "web");
    assertThat(h.get("w2").tags()).containsEntry("role", "web");
  }

  @Test
  void groupsOfEqualDepthMergeByName() {
    Map<String, HostSpec> h =
        byName(
            parse(
                """
                [beta]
                h1
                [alpha]
                h1
                [alpha:vars]
                driftwatch_tag_x=from-alpha
                [beta:vars]
                driftwatch_tag_x=from-beta
                """));
    assertThat(h.get("h1").tags()).containsEntry("x", "from-beta");
  }

  @Test
  void driftwatchVariablesSetTheHostsSettings() {
    HostSpec h =
        parse(
                """
                [fixtures]
                f1 driftwatch_root=/srv/fixtures/f1
                [fixtures:vars]
                ansible_connection=local
                driftwatch_interval=5m
                driftwatch_sudo=yes
                driftwatch_known_hosts=/etc/driftwatch/known_hosts
                driftwatch_host_key_policy=accept-new
                driftwatch_jump=jump@bastion:2222
                """)
            .get(0);
    assertThat(h.transport()).isEqualTo(Transport.LOCAL);
    assertThat(h.root()).isEqualTo("/srv/fixtures/f1");
    assertThat(h.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(h.ssh().sudo()).isTrue();
    assertThat(h.ssh().knownHosts()).isEqualTo("/etc/driftwatch/known_hosts");
    assertThat(h.ssh().hostKeyPolicy().wireName()).isEqualTo("accept-new");
    assertThat(h.ssh().jump()).isEqualTo("jump@bastion:2222");
  }

  @Test
  void legacySshSpellingsAreHonouredButTheModernOnesWin() {
    Map<String, HostSpec> h =
        byName(
            parse(
                """
                old ansible_ssh_host=10.0.0.7 ansible_ssh_port=2200 ansible_ssh_user=legacy
                both ansible_ssh_host=10.0.0.7 ansible_host=10.0.0.8
                """));
    assertThat(h.get("old").ssh().address()).isEqualTo("10.0.0.7");
    assertThat(h.get("old").ssh().port()).isEqualTo(2200);
    assertThat(h.get("old").ssh().user()).isEqualTo("legacy");
    assertThat(h.get("both").ssh().address()).isEqualTo("10.0.0.8");
  }

  @Test
  void quotesCommentsAndBlankLines() {
    Map<String, HostSpec> h =
        byName(
            parse(
                """
                ; a comment
                # another

                   [web]   # the web tier
                w1 driftwatch_tag_note="two words" driftwatch_tag_q='it''s' # trailing
                w2 driftwatch_tag_hash=a#b
                [web:vars]
                driftwatch_tag_motto = "keep # this"
                """));
    assertThat(h.get("w1").tags()).containsEntry("note", "two words").containsEntry("q", "its");
    assertThat(h.get("w2").tags()).containsEntry("hash", "a#b");
    assertThat(h.get("w1").tags()).containsEntry("motto", "keep # this");
  }

  @Test
  void anEmptyInventoryHasNoHosts() {
    assertThat(parse("")).isEmpty();
    assertThat(parse("# nothing\n[web]\n[web:vars]\nx=1\n")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'[web\\nw1'                                  | line 1: malformed section header",
        "'[web]\\nw1\\n[web:kids]\\nweb'               | line 3: unknown section type \"kids\"",
        "'[web]\\nw1\\n[web:vars]\\njust words'        | line 4: expected key=value",
        "'[web]\\nw1 ansible_port'                    | line 2: expected key=value after the host",
        "'[web]\\nw1 \"unterminated'                  | line 2: unclosed \" quote",
        "'\\n\\n[web]\\nweb-[03:01]'                   | line 4: invalid host range",
        "'[web]\\nw1\\n[web:children]\\ntwo words'     | line 4: expected one group name",
        "'[web servers]\\nw1'                         | line 1: invalid group name",
        "'[web/canary]\\nw1'                          | line 1: invalid group name",
        "'[a:children]\\nb\\n[b:children]\\na'         | groups form a cycle",
        "'[a:children]\\na'                           | line 2: group \"a\" cannot be a child of itself",
        "'[x:children]\\nall'                         | line 2: the group all cannot be a child",
        "'[web]\\nw1\\n[wbe:vars]\\nx=1'               | line 3: [wbe:vars] is for a group that is defined nowhere",
        "'[web]\\nw1 bad-name=1'                      | line 2: invalid variable name",
        "'[web]\\nweb-[0:999999]'                     | line 2: host pattern \"web-[0:999999]\" stands for more than 50000 hosts",
      })
  void malformedLinesAreReportedWithTheirNumber(String ini, String message) {
    String text = ini.replace("\\n", "\n");
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'[web]\\n../../etc/passwd'                             | line 2: invalid host name",
        "'[web]\\nweb;reboot'                                   | line 2: invalid host name",
        "'[web]\\n$(reboot)'                                    | line 2: invalid host name",
        "'[web]\\n-oProxyCommand=x'                             | line 2: invalid host name",
        "'[web]\\nw1 ansible_host=\"10.0.0.1; rm -rf /\"'         | line 2: ansible_host of host \"w1\": invalid address",
        "'[web]\\nw1 ansible_host=-oProxyCommand=x'             | line 2: ansible_host of host \"w1\": invalid address",
        "'[web]\\nw1 ansible_user=\"root$(id)\"'                  | line 2: ansible_user of host \"w1\": invalid user",
        "'[web]\\nw1\\n[web:vars]\\nansible_port=99999'          | line 4: ansible_port of host \"w1\": invalid port",
        "'[web]\\nw1\\n[web:vars]\\nansible_port=22x'            | line 4: ansible_port of host \"w1\": invalid port",
        "'[web]\\nw1 ansible_ssh_private_key_file=~/.ssh/id'    | line 2: ansible_ssh_private_key_file of host \"w1\": invalid identity",
        "'[web]\\nw1 ansible_connection=winrm'                  | line 2: ansible_connection of host \"w1\": connection \"winrm\" cannot be probed",
        "'[web]\\nw1 driftwatch_tag_group=x'                    | line 2: driftwatch_tag_group of host \"w1\": the group tag is made",
        "'[web]\\nw1 driftwatch_intervall=5m'                   | line 2: driftwatch_intervall of host \"w1\": unknown Driftwatch variable",
        "'[web]\\nw1 driftwatch_interval=soon'                  | line 2: driftwatch_interval of host \"w1\": invalid duration",
        "'[web]\\nw1 driftwatch_root=relative'                  | line 2: host \"w1\": root \"relative\" must be an absolute path",
        "'[web]\\nw1 driftwatch_tag_x=\"a\u0007b\"'               | line 2: host \"w1\": invalid value for tag x",
      })
  void hostileNamesAndValuesAreRefusedNamingTheEntry(String ini, String message) {
    String text = ini.replace("\\n", "\n");
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void nestingAndGroupPathsAreBounded() {
    StringBuilder deep = new StringBuilder("[g0]\nh1\n");
    for (int i = 0; i < 120; i++) {
      deep.append("[g").append(i + 1).append(":children]\ng").append(i).append('\n');
    }
    assertThatThrownBy(() -> parse(deep.toString())).hasMessageContaining("nested more than");

    StringBuilder wide = new StringBuilder("[leaf]\nh1\n");
    for (int i = 0; i < 40; i++) {
      wide.append("[parent-group-").append(i).append(":children]\nleaf\n");
    }
    assertThatThrownBy(() -> parse(wide.toString()))
        .hasMessageContaining("line 2: host \"h1\"")
        .hasMessageContaining("do not fit in the group tag");
  }
}
