package io.driftwatch.node.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyFilterTest {

  @Test
  void starMatchesAnyRunIncludingNone() {
    KeyFilter filter = KeyFilter.of(List.of("sysctl:kernel.sched_*"));

    assertThat(filter.matches("sysctl:kernel.sched_child_runs_first")).isTrue();
    assertThat(filter.matches("sysctl:kernel.sched_")).isTrue();
    assertThat(filter.matches("sysctl:kernel.sched")).isFalse();
    assertThat(filter.matches("sysctl:kernel.random")).isFalse();
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    KeyFilter filter = KeyFilter.of(List.of("port:tcp:0.0.0.0:8?"));

    assertThat(filter.matches("port:tcp:0.0.0.0:80")).isTrue();
    assertThat(filter.matches("port:tcp:0.0.0.0:8")).isFalse();
    assertThat(filter.matches("port:tcp:0.0.0.0:800")).isFalse();
  }

  @Test
  void questionMarkMatchesOneCharacterOutsideTheBasicPlane() {
    assertThat(KeyFilter.of(List.of("custom:?")).matches("custom:\uD83D\uDE00")).isTrue();
  }

  @Test
  void everythingElseIsLiteral() {
    KeyFilter filter = KeyFilter.of(List.of("sysctl:net.ipv4.*", "custom:a+b(c)[d]|e$^\\"));

    assertThat(filter.matches("sysctl:net.ipv4.ip_forward")).isTrue();
    assertThat(filter.matches("sysctl:netXipv4.ip_forward")).isFalse();
    assertThat(filter.matches("custom:a+b(c)[d]|e$^\\")).isTrue();
    assertThat(filter.matches("custom:aab(c)d|e")).isFalse();
  }

  @Test
  void matchesTheWholeKey() {
    KeyFilter filter = KeyFilter.of(List.of("package:libc6"));

    assertThat(filter.matches("package:libc6")).isTrue();
    assertThat(filter.matches("package:libc6:i386")).isFalse();
    assertThat(filter.matches("xpackage:libc6")).isFalse();
  }

  @Test
  void starsInTheMiddleBacktrack() {
    KeyFilter filter = KeyFilter.of(List.of("*:*.service", "file:/etc/*/*.conf"));

    assertThat(filter.matches("service:nginx.service")).isTrue();
    assertThat(filter.matches("service:a.service.service")).isTrue();
    assertThat(filter.matches("service:nginx.socket")).isFalse();
    assertThat(filter.matches("file:/etc/ssh/sshd_config.d/x.conf")).isTrue();
    assertThat(filter.matches("file:/etc/hosts")).isFalse();
  }

  @Test
  void anyGlobOfTheListMatches() {
    KeyFilter filter = KeyFilter.of(List.of("module:*", "sysctl:vm.swappiness"));

    assertThat(filter.matches("module:nf_conntrack")).isTrue();
    assertThat(filter.matches("sysctl:vm.swappiness")).isTrue();
    assertThat(filter.matches("sysctl:vm.dirty_ratio")).isFalse();
  }

  @Test
  void anEmptyListMatchesNothing() {
    assertThat(KeyFilter.of(List.of()).matches("os:id")).isFalse();
    assertThat(KeyFilter.none().matches("")).isFalse();
  }

  @Test
  void refusesABlankGlob() {
    assertThatThrownBy(() -> KeyFilter.of(List.of("os:*", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ignore list");
  }

  @Test
  void pathologicalGlobsStayFast() {
    KeyFilter filter = KeyFilter.of(List.of("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"));
    String key = "custom:" + "a".repeat(1000);
    long start = System.nanoTime();

    assertThat(filter.matches(key)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }
}
