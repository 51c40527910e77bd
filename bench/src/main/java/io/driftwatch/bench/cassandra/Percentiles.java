package io.driftwatch.bench.cassandra;

import java.util.List;

/**
 * Nearest-rank percentiles of a sample (the value at rank ⌈p·n⌉ of the sorted sample): p50 and p99
 * are always values that were measured, never interpolated between two.
 */
public record Percentiles(int count, double p50, double p99, double min, double max) {

  public static Percentiles of(List<Double> sample) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = sample.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Percentiles(
        sorted.length,
        rank(sorted, 0.50),
        rank(sorted, 0.99),
        sorted[0],
        sorted[sorted.length - 1]);
  }

  /** The value at nearest rank ⌈p·n⌉ (1-based) of an ascending array. */
  static double rank(double[] sorted, double p) {
    if (p <= 0 || p > 1) {
      throw new IllegalArgumentException("p must be in (0, 1]: " + p);
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** The median as the fleet report takes it: the mean of the two middle values for even n. */
  public static double median(List<Double> sample) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = sample.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}
