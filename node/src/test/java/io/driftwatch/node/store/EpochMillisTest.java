package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochMillisTest {

  @Test
  void rangeEndsInsideAMillisecondRoundInwards() {
    Instant whole = Instant.ofEpochMilli(1_000);
    Instant half = whole.plusNanos(500_000);

    assertThat(EpochMillis.floor(whole)).isEqualTo(1_000);
    assertThat(EpochMillis.ceil(whole)).isEqualTo(1_000);
    assertThat(EpochMillis.floor(half)).isEqualTo(1_000);
    assertThat(EpochMillis.ceil(half)).isEqualTo(1_001);
    assertThat(EpochMillis.ceil(Instant.ofEpochMilli(-1).plusNanos(1))).isZero();
  }

  @Test
  void instantsBeyondALongSaturate() {
    assertThat(EpochMillis.floor(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(EpochMillis.ceil(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(EpochMillis.floor(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
  }
}
