package io.driftwatch.node.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @Test
  void parsesEveryUnit() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationText.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(DurationText.parse("1w")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void formatsInTheLargestExactUnit() {
    assertThat(DurationText.format(Duration.ofSeconds(60))).isEqualTo("1m");
    assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationText.format(Duration.ofDays(2))).isEqualTo("2d");
    assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "60", "s", "-5m", "5 minutes", "1.5h", "9999999999s", "5y"})
  void rejectsAnythingElseWithTheAcceptedForms(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("like 500ms, 30s");
  }
}
