package io.driftwatch.coordinator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftwatchInventoryTest {

  private static final Duration DEFAULT = Duration.ofSeconds(60);

  @Test
  void readsHostsWithDefaultsAndPerHostOverrides() {
    List<HostSpec> hosts =
        DriftwatchInventory.parse(
            """
            defaults:
              transport: local
              interval: 30s
              tags: {env: prod}
            hosts:
              - name: web-1
                root: /srv/fixtures/web-1
                tags: {role: web}
              - name: db-1
                root: /srv/fixtures/db-1
                interval: 5m
                tags: {role: db, env: staging}
            """,
            DEFAULT);

    assertThat(hosts).extracting(HostSpec::name).containsExactly("web-1", "db-1");
    HostSpec web = hosts.get(0);
    assertThat(web.transport()).isEqualTo(Transport.LOCAL);
    assertThat(web.root()).isEqualTo("/srv/fixtures/web-1");
    assertThat(web.interval()).isEqualTo(Duration.ofSeconds(30));
    // Tags of an entry replace the default tags as a whole: explicit beats merged.
    assertThat(web.tags()).containsExactlyEntriesOf(java.util.Map.of("role", "web"));
    assertThat(hosts.get(1).interval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void anEmptyInventoryRegistersNothing() {
    assertThat(DriftwatchInventory.parse("", DEFAULT)).isEmpty();
    assertThat(DriftwatchInventory.parse("hosts: []", DEFAULT)).isEmpty();
  }

  @Test
  void reportsTheEntryThatIsWrong() {
    assertThatThrownBy(
            () ->
                DriftwatchInventory.parse(
                    "hosts:\n  - {name: ok-1, transport: local}\n  - {name: 'bad name', transport: local}\n",
                    DEFAULT))
        .hasMessageContaining("inventory entry 2")
        .hasMessageContaining("invalid host name");
    assertThatThrownBy(
            () ->
                DriftwatchInventory.parse(
                    "hosts:\n  - {name: a, transport: local, intervall: 5s}\n", DEFAULT))
        .hasMessageContaining("unknown field \"intervall\"");
    assertThatThrownBy(
            () ->
                DriftwatchInventory.parse(
                    "hosts:\n  - {name: a, transport: local, interval: soon}\n", DEFAULT))
        .hasMessageContaining("inventory entry 1 (\"a\")")
        .hasMessageContaining("invalid duration");
    assertThatThrownBy(() -> DriftwatchInventory.parse("hosts:\n  - {name: a}\n", DEFAULT))
        .hasMessageContaining("transport is required");
    assertThatThrownBy(
            () ->
                DriftwatchInventory.parse(
                    "hosts:\n  - {name: a, transport: local}\n  - {name: a, transport: local}\n",
                    DEFAULT))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> DriftwatchInventory.parse("hosts: [\n", DEFAULT))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> DriftwatchInventory.parse("- just a list", DEFAULT))
        .hasMessageContaining("mapping");
    assertThatThrownBy(
            () -> DriftwatchInventory.parse("hosts:\n  - {name: a, transport: push}\n", DEFAULT))
        .hasMessageContaining("not available in this version");
    assertThatThrownBy(
            () ->
                DriftwatchInventory.parse(
                    "hosts:\n  - {name: a, transport: ssh, address: 'x; reboot'}\n", DEFAULT))
        .hasMessageContaining("inventory entry 1 (\"a\")")
        .hasMessageContaining("invalid address");
  }

  @Test
  void takesTheSshFieldsWithDefaults() {
    List<HostSpec> hosts =
        DriftwatchInventory.parse(
            """
            defaults: {transport: ssh, user: driftwatch, hostKeyPolicy: accept-new}
            hosts:
              - name: web-1
                address: 10.0.0.5
                port: 2222
                identity: /etc/driftwatch/id_ed25519
                knownHosts: /etc/driftwatch/known_hosts
                sudo: true
                jump: bastion@jump.example.com:22
              - name: web-2
            """,
            DEFAULT);

    HostSpec web1 = hosts.get(0);
    assertThat(web1.transport()).isEqualTo(Transport.SSH);
    assertThat(web1.ssh())
        .isEqualTo(
            new SshOptions(
                "10.0.0.5",
                2222,
                "driftwatch",
                "/etc/driftwatch/id_ed25519",
                "/etc/driftwatch/known_hosts",
                HostKeyPolicy.ACCEPT_NEW,
                true,
                "bastion@jump.example.com:22"));
    assertThat(hosts.get(1).ssh().user()).isEqualTo("driftwatch");
    assertThat(hosts.get(1).ssh().address()).isNull();
  }
}
