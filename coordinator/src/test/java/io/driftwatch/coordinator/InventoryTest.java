package io.driftwatch.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryTest {

  private static final Duration DEFAULT = Duration.ofSeconds(60);

  @Test
  void readsHostsWithDefaultsAndPerHostOverrides() {
    List<HostSpec> hosts =
        Inventory.parse(
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
    assertThat(Inventory.parse("", DEFAULT)).isEmpty();
    assertThat(Inventory.parse("hosts: []", DEFAULT)).isEmpty();
  }

  @Test
  void reportsTheEntryThatIsWrong() {
    assertThatThrownBy(
            () ->
                Inventory.parse(
                    "hosts:\n  - {name: ok-1, transport: local}\n  - {name: 'bad name', transport: local}\n",
                    DEFAULT))
        .hasMessageContaining("inventory entry 2")
        .hasMessageContaining("invalid host name");
    assertThatThrownBy(
            () ->
                Inventory.parse(
                    "hosts:\n  - {name: a, transport: local, intervall: 5s}\n", DEFAULT))
        .hasMessageContaining("unknown field \"intervall\"");
    assertThatThrownBy(
            () ->
                Inventory.parse(
                    "hosts:\n  - {name: a, transport: local, interval: soon}\n", DEFAULT))
        .hasMessageContaining("inventory entry 1 (\"a\")")
        .hasMessageContaining("invalid duration");
    assertThatThrownBy(() -> Inventory.parse("hosts:\n  - {name: a}\n", DEFAULT))
        .hasMessageContaining("transport is required");
    assertThatThrownBy(
            () ->
                Inventory.parse(
                    "hosts:\n  - {name: a, transport: local}\n  - {name: a, transport: local}\n",
                    DEFAULT))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> Inventory.parse("hosts: [\n", DEFAULT))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> Inventory.parse("- just a list", DEFAULT))
        .hasMessageContaining("mapping");
    assertThatThrownBy(() -> Inventory.parse("hosts:\n  - {name: a, transport: ssh}\n", DEFAULT))
        .hasMessageContaining("not available in this version");
  }
}
