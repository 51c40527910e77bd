package io.driftwatch.bench.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles and the median, on samples whose answer is known. */
class PercentilesTest {

  @Test
  void nearestRankOfOneToHundredIsTheValueAtThatRank() {
    List<Double> sample = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      sample.add((double) i);
    }
    Collections.shuffle(sample);

    Percentiles p = Percentiles.of(sample);

    assertThat(p.p50()).isEqualTo(50.0);
    assertThat(p.p99()).isEqualTo(99.0);
    assertThat(p.min()).isEqualTo(1.0);
    assertThat(p.max()).isEqualTo(100.0);
    assertThat(p.count()).isEqualTo(100);
  }

  @Test
  void aSmallSampleTakesMeasuredValuesNeverInterpolated() {
    Percentiles p = Percentiles.of(List.of(30.0, 10.0, 20.0));

    assertThat(p.p50()).isEqualTo(20.0);
    assertThat(p.p99()).isEqualTo(30.0);
    assertThat(Percentiles.of(List.of(7.0)).p99()).isEqualTo(7.0);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Percentiles.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Percentiles.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
  }

  @Test
  void anEmptySampleHasNoPercentiles() {
    assertThatThrownBy(() -> Percentiles.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
