package io.driftwatch.coordinator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostRangeTest {

  @Test
  void aPatternWithoutRangeIsOneName() {
    assertThat(HostRange.expand("web-1.example.com", 10)).containsExactly("web-1.example.com");
  }

  @Test
  void numericRangesKeepLeadingZeros() {
    assertThat(HostRange.expand("web-[01:03]", 10)).containsExactly("web-01", "web-02", "web-03");
    assertThat(HostRange.expand("db[008:011].dc1", 10))
        .containsExactly("db008.dc1", "db009.dc1", "db010.dc1", "db011.dc1");
    assertThat(HostRange.expand("n[9:11]", 10)).containsExactly("n9", "n10", "n11");
    assertThat(HostRange.expand("n[0:2]", 10)).containsExactly("n0", "n1", "n2");
  }

  @Test
  void letterRangesAndSteps() {
    assertThat(HostRange.expand("db-[a:c]", 10)).containsExactly("db-a", "db-b", "db-c");
    assertThat(HostRange.expand("DB-[X:Z]", 10)).containsExactly("DB-X", "DB-Y", "DB-Z");
    assertThat(HostRange.expand("w[1:9:4]", 10)).containsExactly("w1", "w5", "w9");
    assertThat(HostRange.expand("w[a:e:2]", 10)).containsExactly("wa", "wc", "we");
  }

  @Test
  void severalRangesMultiply() {
    assertThat(HostRange.expand("r[1:2]-[a:b]", 10))
        .containsExactly("r1-a", "r1-b", "r2-a", "r2-b");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "web-[03:01]         | must not be after its end",
        "web-[01:100]        | same width",
        "web-[a:3]           | numbers like [01:20] or single letters",
        "web-[a:C]           | single letters",
        "web-[aa:cc]         | single letters",
        "web-[1]             | expected [start:end]",
        "web-[1:2:3:4]       | expected [start:end]",
        "web-[1:9:0]         | the step must be",
        "web-[1:3            | unclosed '['",
        "web-1:3]            | unmatched ']'",
        "web-[]              | expected [start:end]",
      })
  void malformedRangesAreExplained(String pattern, String message) {
    assertThatThrownBy(() -> HostRange.expand(pattern, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(pattern);
  }

  @Test
  void expansionIsBoundedBeforeAnythingIsBuilt() {
    assertThatThrownBy(() -> HostRange.expand("web-[0:999999999999999999]", 1000))
        .hasMessageContaining("more than 1000 hosts");
    assertThatThrownBy(() -> HostRange.expand("w[0:99]-[0:99]", 1000))
        .hasMessageContaining("more than 1000 hosts");
    assertThatThrownBy(() -> HostRange.expand("w" + "[0:1]".repeat(300), 1000))
        .hasMessageContaining("longer than");
  }
}
