package io.driftwatch.bench.fleetdiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.fact.FactSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer counts the same disagreements the fleet diff reports. */
class NaivePeerTest {

  @TempDir Path dir;

  @Test
  void aKeyDisagreesWithASecondValueOrWhenSomeHostLacksIt() {
    NaivePeer.Tally tally = new NaivePeer.Tally();
    // Three hosts: libc6 differs on one, curl is missing on one, the kernel line agrees.
    List.of("package:libc6=2.36-9", "package:curl=7.88", "kernel:release=6.1").forEach(tally::add);
    List.of("package:libc6=2.36-9", "package:curl=7.88", "kernel:release=6.1").forEach(tally::add);
    List.of("package:libc6=2.36-7", "kernel:release=6.1").forEach(tally::add);

    assertThat(tally.disagreeing(3)).isEqualTo(2);
  }

  @Test
  void valuesMayHoldEqualsSignsTheKeyEndsAtTheFirst() {
    NaivePeer.Tally tally = new NaivePeer.Tally();
    tally.add("file:/etc/a=mode=0644 size=1");
    tally.add("file:/etc/a=mode=0644 size=1");
    assertThat(tally.disagreeing(2)).isZero();
    assertThatThrownBy(() -> tally.add("no separator"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsBackWhatItDumped() {
    NaivePeer.dump(dir, "web-1", FactSet.of(Map.of("sysctl:a", "1", "file:/b", "x=y")));
    NaivePeer.dump(dir, "web-2", FactSet.of(Map.of("sysctl:a", "2", "file:/b", "x=y")));
    NaivePeer.dump(dir, "web-3", FactSet.of(Map.of("sysctl:a", "1")));

    assertThat(NaivePeer.disagreeingKeys(dir, List.of("web-1", "web-2", "web-3"))).isEqualTo(2);
    assertThat(NaivePeer.disagreeingKeys(dir, List.of("web-1", "web-3"))).isEqualTo(1);
  }
}
