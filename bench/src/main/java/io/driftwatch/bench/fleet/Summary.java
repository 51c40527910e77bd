package io.driftwatch.bench.fleet;

import java.util.List;
import java.util.function.ToLongFunction;

/** Medians (and the range of wall times) of one phase's repetitions. */
record Summary(
    int runs,
    double wallSeconds,
    double wallMinSeconds,
    double wallMaxSeconds,
    double nodeCpuSeconds,
    double targetCpuMillisPerProbe,
    double loopbackBytesPerProbe,
    double sshWireBytesPerProbe) {

  static Summary of(List<Measurement> runs, int probesPerRun) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    double[] walls = runs.stream().mapToDouble(m -> m.wallNanos() / 1e9).sorted().toArray();
    boolean wire = runs.get(0).sshWireBytes() >= 0;
    return new Summary(
        runs.size(),
        median(runs, Measurement::wallNanos) / 1e9,
        walls[0],
        walls[walls.length - 1],
        median(runs, Measurement::nodeCpuNanos) / 1e9,
        median(runs, Measurement::targetCpuNanos) / 1e6 / probesPerRun,
        median(runs, Measurement::loopbackBytes) / probesPerRun,
        wire ? median(runs, Measurement::sshWireBytes) / probesPerRun : -1);
  }

  /** The middle value; the mean of the two middle ones for an even count. */
  static double median(List<Measurement> runs, ToLongFunction<Measurement> metric) {
    long[] values = runs.stream().mapToLong(metric).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
  }
}
