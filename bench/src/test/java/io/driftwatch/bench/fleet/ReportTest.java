package io.driftwatch.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fleet report's table and ratios from fixed summaries. */
class ReportTest {

  private static final Report.Context CONTEXT =
      new Report.Context("2026-11-28", "abc1234", 2, 1, Map.of("CPU", "test"), 1700, 222, 760);

  private static Summary summary(double wallSeconds, double targetMs, double wireBytes) {
    long probes = 2;
    Measurement m =
        new Measurement(
            (long) (wallSeconds * 1e9),
            500_000_000,
            (long) (targetMs * 1e6 * probes),
            (long) (wireBytes * 2 * probes),
            wireBytes < 0 ? -1 : (long) (wireBytes * probes));
    return Summary.of(List.of(m), (int) probes);
  }

  @Test
  void ratiosCompareWithTheIssueTargets() {
    Map<Phase, Summary> r = new EnumMap<>(Phase.class);
    r.put(Phase.DW_ROOT_COLD, summary(1.0, 300, 240_000));
    r.put(Phase.DW_ROOT_WARM, summary(0.8, 300, 240_000));
    r.put(Phase.DW_ROOT_UNCHANGED, summary(0.5, 15, 800));
    r.put(Phase.ANSIBLE_SETUP, summary(4.0, 350, -1));
    r.put(Phase.ANSIBLE_PACKAGE_FACTS, summary(8.0, 1300, -1));

    String md = Report.markdown(CONTEXT, r);

    assertThat(md)
        .contains("| Driftwatch | root / | full probe: new connections, nothing held | 1.00")
        .contains("12.0× faster cold, 15.0× warm — target ≥ 10×: **met**")
        .contains("Unchanged re-probe, root /: 800 B on the wire")
        .contains("target ≤ 2,048 B: **met**; 15.0 ms target CPU — target ≤ 20 ms: **met**")
        .doesNotContain("FixtureHost:");
  }

  @Test
  void aRunWithoutPeersStillReports() {
    Map<Phase, Summary> r = new EnumMap<>(Phase.class);
    r.put(Phase.DW_ROOT_COLD, summary(1.0, 300, 240_000));
    r.put(Phase.DW_ROOT_UNCHANGED, summary(0.5, 290, 800));

    assertThat(Report.markdown(CONTEXT, r))
        .doesNotContain("Ansible fact gathering")
        .contains("290.0 ms target CPU — target ≤ 20 ms: **not met**");
  }
}
