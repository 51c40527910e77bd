package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.Input;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

  private static final List<Input> INPUTS =
      List.of(
          Input.file("/etc/passwd"),
          new Input.FilesIn("/sys/module", "version"),
          Input.stat("/var/lib/rpm"),
          Input.listing("/etc/systemd/system", 2),
          Input.listing("/etc/hosts", 0),
          new Input.Tree("/proc/sys", List.of(), List.of()));

  @Test
  void eachInputAnswersOnlyItsOwnQuestions() {
    assertThat(Coverage.read(INPUTS, "/etc/passwd")).isTrue();
    assertThat(Coverage.read(INPUTS, "/etc/group")).isFalse();
    assertThat(Coverage.read(INPUTS, "/sys/module/ext4/version")).isTrue();
    assertThat(Coverage.read(INPUTS, "/sys/module/ext4/refcnt")).isFalse();
    assertThat(Coverage.stat(INPUTS, "/var/lib/rpm")).isTrue();
    assertThat(Coverage.read(INPUTS, "/var/lib/rpm")).isFalse();
    assertThat(Coverage.list(INPUTS, "/etc/systemd/system")).isTrue();
    assertThat(Coverage.list(INPUTS, "/etc/systemd/system/multi-user.target.wants")).isTrue();
    assertThat(Coverage.list(INPUTS, "/etc/systemd/system/a/b")).isFalse();
    assertThat(Coverage.stat(INPUTS, "/etc/systemd/system/a/b")).isTrue();
    assertThat(Coverage.stat(INPUTS, "/etc/systemd/system/a/b/c")).isFalse();
    assertThat(Coverage.stat(INPUTS, "/etc/hosts")).isTrue();
    assertThat(Coverage.digest(INPUTS, "/etc/hosts")).isTrue();
    assertThat(Coverage.list(INPUTS, "/etc/hosts")).isFalse();
    assertThat(Coverage.read(INPUTS, "/proc/sys/vm/swappiness")).isTrue();
    assertThat(Coverage.list(INPUTS, "/proc/sys/net/ipv4")).isTrue();
    assertThat(Coverage.read(INPUTS, "/proc/sysrq-trigger")).isFalse();
  }

  @Test
  void depthCountsSegmentsBelowADirectory() {
    assertThat(Coverage.depthBelow("/etc", "/etc")).isZero();
    assertThat(Coverage.depthBelow("/etc", "/etc/a/b")).isEqualTo(2);
    assertThat(Coverage.depthBelow("/etc", "/etcetera")).isEqualTo(-1);
    assertThat(Coverage.depthBelow("/", "/etc")).isEqualTo(1);
  }
}
