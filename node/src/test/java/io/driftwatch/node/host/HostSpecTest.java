package io.driftwatch.node.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostSpecTest {

  private static HostSpec spec(String name, String root, Map<String, String> tags) {
    return new HostSpec(name, Transport.LOCAL, root, tags, Duration.ofSeconds(60));
  }

  @Test
  void defaultsToTheNodesOwnFilesystemAndSortsTags() {
    HostSpec s = spec("web-1", null, Map.of("role", "web/canary", "env", "prod"));
    assertThat(s.root()).isEqualTo("/");
    assertThat(s.isRootFilesystem()).isTrue();
    assertThat(s.tags().keySet()).containsExactly("env", "role");
  }

  @Test
  void normalisesTheRoot() {
    assertThat(spec("web-1", "/srv/hosts/../hosts/web-1/", Map.of()).root())
        .isEqualTo("/srv/hosts/web-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "web/1",
        "web 1",
        "web;rm -rf /",
        "$(reboot)",
        "`id`",
        "-rf",
        ".hidden",
        "",
        "web\n1",
        "wëb"
      })
  void refusesHostileNames(String name) {
    assertThatThrownBy(() -> spec(name, "/", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid host name");
  }

  @Test
  void refusesNamesLongerThanADnsName() {
    assertThatThrownBy(() -> spec("a".repeat(10_000), "/", Map.of()))
        .hasMessageContaining("invalid host name")
        .hasMessageContaining("10000 chars");
    assertThat(spec("a".repeat(253), "/", Map.of()).name()).hasSize(253);
  }

  @Test
  void refusesRelativeRootsBadTagsAndIntervalsOutOfRange() {
    assertThatThrownBy(() -> spec("h", "relative/dir", Map.of())).hasMessageContaining("absolute");
    assertThatThrownBy(() -> spec("h", "/", Map.of("bad key", "x")))
        .hasMessageContaining("invalid tag name");
    assertThatThrownBy(() -> spec("h", "/", Map.of("role", "a\u0000b")))
        .hasMessageContaining("invalid value for tag role");
    assertThatThrownBy(
            () -> new HostSpec("h", Transport.LOCAL, "/", Map.of(), Duration.ofMillis(10)))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> new HostSpec("h", Transport.LOCAL, "/", Map.of(), Duration.ofDays(30)))
        .hasMessageContaining("out of range");
  }
}
