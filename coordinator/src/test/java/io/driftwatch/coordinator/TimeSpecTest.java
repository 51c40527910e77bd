package io.driftwatch.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeSpecTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void parsesAbsoluteTimes() {
    assertThat(TimeSpec.parse("2026-11-27T10:00:00Z", NOW))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-27T10:00:00.250Z", NOW))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00.250Z"));
    assertThat(TimeSpec.parse("2026-11-27T11:00:00+01:00", NOW))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-27T10:00", NOW))
        .isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-27", NOW)).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
  }

  @Test
  void parsesRelativeTimes() {
    assertThat(TimeSpec.parse("now", NOW)).isEqualTo(NOW);
    assertThat(TimeSpec.parse("-1h", NOW)).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(TimeSpec.parse("-7d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(TimeSpec.parse("-30m", NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "2026-13-45",
        "2026-02-30T10:00:00Z",
        "2026-11-27T25:00:00Z",
        "-1y",
        "1h",
        "--1h",
        "2026/11/27",
        "12345678901234567890"
      })
  void rejectsMalformedOrImpossibleTimes(String text) {
    assertThatThrownBy(() -> TimeSpec.parse(text, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid time");
  }

  @Test
  void rejectsTimesOutsideTheRangeOfHistory() {
    assertThatThrownBy(() -> TimeSpec.parse("1969-12-31T23:59:59Z", NOW))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> TimeSpec.parse("+10000-01-01T00:00:00Z", NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimeSpec.parse("-999999999d", NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
