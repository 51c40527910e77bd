package io.driftwatch.node.collect.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.testing.FixtureHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote probe of the node's own machine hashes only the stable parts of volatile kernel files,
 * as {@code grep -a -o -E} extracts them with each source's patterns. Sound only if whatever leaves
 * those parts equal leaves the parsed facts equal, and any change of a fact changes them: checked
 * here with the real grep on this machine's files and on copies changed the way the kernel changes
 * them by itself, or changed in a way that matters.
 */
class StablePartsTest {

  @TempDir Path temp;

  @Test
  void meminfoKeepsItsSizesAndDropsWhatIsInUse() throws Exception {
    String real = Files.readString(Path.of(MemorySource.MEMINFO));
    String moved =
        real.replaceAll("(?m)^(MemFree|MemAvailable|Cached|Active|Dirty):(\\s+)\\d+", "$1:$2123");

    assertSameParse(MemorySource.STABLE_PARTS, real, moved, MemorySource::parse);
    assertDifferentParts(
        MemorySource.STABLE_PARTS,
        real,
        real.replaceFirst("(?m)^MemTotal:(\\s+)\\d+", "MemTotal:$14096"));
  }

  @Test
  void cpuinfoKeepsTheProcessorAndDropsItsClock() throws Exception {
    String real = Files.readString(Path.of(CpuSource.CPUINFO));
    String moved =
        real.replaceAll("(?m)^cpu MHz(\\s*):.*$", "cpu MHz$1: 1234.567")
            .replaceAll("(?m)^bogomips(\\s*):.*$", "bogomips$1: 42.00");

    assertSameParse(CpuSource.STABLE_PARTS, real, moved, CpuSource::parse);
    assertDifferentParts(
        CpuSource.STABLE_PARTS,
        real,
        real.replaceFirst("(?m)^microcode(\\s*):.*$", "microcode$1: 0xdeadbeef"));
  }

  @Test
  void socketTablesKeepListenersAndDropConnectionsQueuesAndRowNumbers() throws Exception {
    String header =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
            + " inode\n";
    String listeners =
        "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0  0 1 1\n"
            + "   1: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0  0 2 1\n";
    String busy =
        "   0: 00000000:0016 00000000:0000 0A 00000000:00000005 00:00000000 00000000     0  0 1 3\n"
            + "   1: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0  0 2 2\n"
            + "   2: 1500000A:0016 0500000A:C93A 01 00000000:00000000 02:0009B7C1 00000000     0  0 7 4\n"
            + "   3: 1500000A:0050 3A00000A:E1F4 06 00000000:00000000 03:000016A8 00000000     0  0 0 3\n";
    var ephemeral = PortsSource.EphemeralPorts.DEFAULT;

    assertSameParse(
        PortsSource.STABLE_PARTS,
        header + listeners,
        header + busy,
        text -> PortsSource.parse(text, "tcp", false, ephemeral));
    assertDifferentParts(
        PortsSource.STABLE_PARTS,
        header + listeners,
        header
            + listeners
            + "   2: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 3 1\n");
    // A listener that goes away renumbers the rows after it; the others are unaffected.
    assertThat(stableParts(PortsSource.STABLE_PARTS, header + listeners))
        .contains(
            stableParts(
                PortsSource.STABLE_PARTS,
                header
                    + "   0: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 0 0 0 2 1\n"));
  }

  @Test
  void thisMachinesSocketTablesParseAlikeWithConnectionsDropped() throws Exception {
    for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
      Path path = Path.of("/proc/net/" + table);
      String real = Files.readString(path);
      String protocol = table.startsWith("tcp") ? "tcp" : "udp";
      boolean ipv6 = table.endsWith("6");
      StringBuilder listening = new StringBuilder();
      List<String> lines = real.lines().toList();
      listening.append(lines.get(0)).append('\n');
      for (String line : lines.subList(1, lines.size())) {
        String state = line.strip().split("\\s+")[3];
        if (state.equals("0A") || state.equals("07")) {
          listening.append(line).append('\n');
        }
      }
      assertSameParse(
          PortsSource.STABLE_PARTS,
          real,
          listening.toString(),
          text -> PortsSource.parse(text, protocol, ipv6, PortsSource.EphemeralPorts.DEFAULT));
    }
  }

  @Test
  void modulesKeepNameAndSizeAndDropReferenceCountsAndState() throws Exception {
    // This machine's kernel may have no module support; the fixture host's table is a real one.
    String real = FixtureHost.debian12().files().get(ModulesSource.MODULES);
    String lines =
        "nf_conntrack 172032 5 nft_ct,nf_nat, Live 0x0000000000000000\n"
            + "ext4 1003520 1 - Live 0x0000000000000000\n";
    String moved =
        "nf_conntrack 172032 9 nft_ct,nf_nat,xt_state, Live 0x0000000000000000\n"
            + "ext4 1003520 2 - Unloading 0x0000000000000000\n";

    assertSameParse(
        ModulesSource.STABLE_PARTS, lines, moved, text -> ModulesSource.parse(text, Map.of()));
    assertDifferentParts(
        ModulesSource.STABLE_PARTS, lines, lines.replace("ext4 1003520", "ext4 1003584"));
    assertThat(stableParts(ModulesSource.STABLE_PARTS, real).lines().count())
        .isEqualTo(ModulesSource.names(real).size());
  }

  /** Equal stable parts, and equal facts, completeness and problems. */
  private void assertSameParse(
      String pattern, String before, String after, Function<String, SourceResult> parse)
      throws Exception {
    assertThat(stableParts(pattern, after)).isEqualTo(stableParts(pattern, before));
    assertThat(parse.apply(after)).isEqualTo(parse.apply(before));
  }

  private void assertDifferentParts(String pattern, String before, String after) throws Exception {
    assertThat(stableParts(pattern, after)).isNotEqualTo(stableParts(pattern, before));
  }

  /** What the remote script's grep keeps of {@code text}, run for real. */
  private String stableParts(String pattern, String text) throws IOException, InterruptedException {
    Path file = Files.writeString(Files.createTempFile(temp, "kernel", ""), text);
    Process grep =
        new ProcessBuilder("grep", "-a", "-o", "-E", "-e", pattern, "--", file.toString())
            .redirectErrorStream(true)
            .start();
    grep.getOutputStream().close();
    String out = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    grep.waitFor();
    return out;
  }
}
