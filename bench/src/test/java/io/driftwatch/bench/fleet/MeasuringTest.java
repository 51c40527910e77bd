package io.driftwatch.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet benchmark's readers of /proc and its medians, on fixed inputs. */
class MeasuringTest {

  @Test
  void procStatCountsFieldsFromTheLastParenthesis() {
    // A command name with spaces and a ')' of its own, as "sshd: root@notty" or a hostile one.
    String line =
        "4242 (ssh: a) b [mux]) S 1 4242 4242 0 -1 4194560 120 0 0 0 17 5 30 8 20 0 1 0 99 0 0";
    ProcStat stat = ProcStat.parse(line);
    assertThat(stat).isEqualTo(new ProcStat(17, 5, 30, 8));
    assertThat(stat.ownTicks()).isEqualTo(22);
    assertThat(stat.treeTicks()).isEqualTo(60);
  }

  @Test
  void procStatOfThisProcessIsReadable() {
    assertThat(ProcStat.self().ownTicks()).isPositive();
  }

  @Test
  void loopbackReadsReceivedBytesOfLo() {
    String dev =
        "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets\n"
            + "  eth0: 999 9 0 0 0 0 0 0 999 9 0 0 0 0 0 0\n"
            + "    lo: 123456 789 0 0 0 0 0 0 123456 789 0 0 0 0 0 0\n";
    assertThat(Loopback.receivedBytes(dev)).isEqualTo(123456);
    assertThatThrownBy(() -> Loopback.receivedBytes("eth0: 1 2 3")).hasMessageContaining("lo");
  }

  @Test
  void summaryTakesMediansPerProbe() {
    List<Measurement> runs =
        List.of(
            new Measurement(3_000_000_000L, 10, 40_000_000, 4000, 200),
            new Measurement(1_000_000_000L, 30, 20_000_000, 2000, 100),
            new Measurement(2_000_000_000L, 20, 60_000_000, 6000, 300));
    Summary s = Summary.of(runs, 2);
    assertThat(s.wallSeconds()).isEqualTo(2.0);
    assertThat(s.wallMinSeconds()).isEqualTo(1.0);
    assertThat(s.wallMaxSeconds()).isEqualTo(3.0);
    assertThat(s.targetCpuMillisPerProbe()).isEqualTo(20.0);
    assertThat(s.loopbackBytesPerProbe()).isEqualTo(2000);
    assertThat(s.sshWireBytesPerProbe()).isEqualTo(100);
    assertThat(Summary.median(runs.subList(0, 2), Measurement::wallNanos)).isEqualTo(2e9);
  }

  @Test
  void peersHaveNoWireCount() {
    Summary s = Summary.of(List.of(new Measurement(1, 1, 1, 1, -1)), 1);
    assertThat(s.sshWireBytesPerProbe()).isEqualTo(-1);
  }

  @Test
  void optionsDefaultToTwentyHostsAndFiveRuns() {
    FleetOptions o = FleetOptions.parse();
    assertThat(o.hosts()).isEqualTo(20);
    assertThat(o.repetitions()).isEqualTo(5);
    assertThat(o.peers()).isTrue();
    assertThat(FleetOptions.parse("--hosts", "3", "--reps", "2", "--no-peers").hosts())
        .isEqualTo(3);
    assertThatThrownBy(() -> FleetOptions.parse("--hosts", "0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FleetOptions.parse("--bogus"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
