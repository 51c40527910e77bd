package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyPrefixTest {

  @Test
  void upperBoundIsThePrefixWithItsLastCharacterIncremented() {
    assertThat(KeyPrefix.upperBound("package:")).contains("package;");
    assertThat(KeyPrefix.upperBound("sysctl:net.ipv4.ip_")).contains("sysctl:net.ipv4.ip`");
  }

  @Test
  void upperBoundSkipsSurrogatesAndCarriesOverTheHighestCodePoint() {
    assertThat(KeyPrefix.upperBound("custom:\uD7FF")).contains("custom:\uE000");
    assertThat(KeyPrefix.upperBound("custom:🚀")).contains("custom:🚁");
    assertThat(KeyPrefix.upperBound("custom:a\uDBFF\uDFFF")).contains("custom:b");
  }

  @Test
  void thereIsNoUpperBoundWithoutACharacterToIncrement() {
    assertThat(KeyPrefix.upperBound("")).isEmpty();
    assertThat(KeyPrefix.upperBound("\uDBFF\uDFFF")).isEmpty();
  }
}
