package io.driftwatch.node.collect.source;

import static io.driftwatch.node.testing.FixtureFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.collect.source.PortsSource.EphemeralPorts;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsSourceTest {

  @TempDir Path root;

  @Test
  void tcpListenersOnlyNotConnections() {
    SourceResult result =
        PortsSource.parse(text("ports/tcp"), "tcp", false, EphemeralPorts.DEFAULT);

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("port:tcp:0.0.0.0:22", "listen", "port:tcp:127.0.0.1:5432", "listen"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void tcp6AddressesAreCompressedAndBracketed() {
    SourceResult result =
        PortsSource.parse(text("ports/tcp6"), "tcp", true, EphemeralPorts.DEFAULT);

    assertThat(result.facts())
        .containsOnlyKeys(
            "port:tcp:[::]:2222",
            "port:tcp:[::1]:8080",
            "port:tcp:[::ffff:127.0.0.1]:3306",
            "port:tcp:[fe80::5a42:dff:fefe:122a]:22",
            "port:tcp:[2001:db8::1]:443");
  }

  @Test
  void udpUnconnectedSocketsOutsideTheEphemeralRange() {
    SourceResult v4 = PortsSource.parse(text("ports/udp"), "udp", false, EphemeralPorts.DEFAULT);
    SourceResult v6 = PortsSource.parse(text("ports/udp6"), "udp", true, EphemeralPorts.DEFAULT);

    // 0.0.0.0:46640 is some client's ephemeral socket; 192.0.2.2:46198 is connected.
    assertThat(v4.facts()).containsOnlyKeys("port:udp:127.0.0.53:53");
    assertThat(v6.facts()).containsOnlyKeys("port:udp:[::]:5353");
    assertThat(
            PortsSource.parse(text("ports/udp6"), "udp", true, new EphemeralPorts(1024, 65535))
                .facts())
        .isEmpty();
  }

  @Test
  void ephemeralRangeFallsBackToTheKernelDefault() {
    assertThat(EphemeralPorts.parse("32768\t60999\n")).isEqualTo(new EphemeralPorts(32768, 60999));
    assertThat(EphemeralPorts.parse("1024 65000")).isEqualTo(new EphemeralPorts(1024, 65000));
    assertThat(EphemeralPorts.parse("60999 32768")).isEqualTo(EphemeralPorts.DEFAULT);
    assertThat(EphemeralPorts.parse("garbage")).isEqualTo(EphemeralPorts.DEFAULT);
    assertThat(EphemeralPorts.parse("1 99999")).isEqualTo(EphemeralPorts.DEFAULT);
    assertThat(EphemeralPorts.parse(null)).isEqualTo(EphemeralPorts.DEFAULT);
  }

  @Test
  void garbageLinesAreSkippedWithOneProblem() {
    SourceResult result =
        PortsSource.parse(text("ports/tcp-garbage"), "tcp", false, EphemeralPorts.DEFAULT);

    assertThat(result.facts()).containsOnlyKeys("port:tcp:0.0.0.0:22", "port:tcp:0.0.0.0:80");
    assertThat(result.complete()).isTrue();
    assertThat(result.problems())
        .containsExactly("/proc/net/tcp: skipped 4 malformed lines, first line 3");
  }

  @Test
  void cutOrHeaderlessTablesAreIncomplete() {
    SourceResult cut =
        PortsSource.parse(text("ports/tcp-truncated"), "tcp", false, EphemeralPorts.DEFAULT);
    assertThat(cut.complete()).isFalse();
    assertThat(cut.facts()).containsOnlyKeys("port:tcp:0.0.0.0:22");

    assertThat(PortsSource.parse("", "tcp", false, EphemeralPorts.DEFAULT).complete()).isFalse();
    assertThat(
            PortsSource.parse("\u0000\u0001 binary junk\n", "udp", true, EphemeralPorts.DEFAULT)
                .complete())
        .isFalse();
  }

  @Test
  void collectReadsAllFourTables() throws Exception {
    FixtureHost.debian12().withListeningPort(8443).writeTo(root);

    SourceResult result = new PortsSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts())
        .containsOnlyKeys(
            "port:tcp:0.0.0.0:22",
            "port:tcp:0.0.0.0:80",
            "port:tcp:0.0.0.0:8443",
            "port:tcp:[::]:22",
            "port:tcp:[::]:80",
            "port:udp:0.0.0.0:68",
            "port:udp:127.0.0.1:323",
            "port:udp:[::1]:323");
    assertThat(result.facts().values()).containsOnly("listen");
    assertThat(result.problems()).isEmpty();
  }
}
