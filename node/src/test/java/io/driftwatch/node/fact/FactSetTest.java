package io.driftwatch.node.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactSetTest {

  private static final Instant T1 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-27T11:00:00Z");

  @Test
  void diffReportsChangedAddedAndRemovedKeysInKeyOrder() {
    FactSet left =
        FactSet.of(
            Map.of(
                "package:libc6", "2.36-9+deb12u4",
                "package:bash", "5.2.15-2+b2",
                "sysctl:vm.swappiness", "60"));
    FactSet right =
        FactSet.of(
            Map.of(
                "package:libc6", "2.36-9+deb12u7",
                "package:bash", "5.2.15-2+b2",
                "user:deploy", "uid=1005 gid=1005 home=/home/deploy shell=/bin/bash"));

    assertThat(left.diff(right))
        .containsExactly(
            new FactDifference("package:libc6", "2.36-9+deb12u4", "2.36-9+deb12u7"),
            new FactDifference("sysctl:vm.swappiness", "60", null),
            new FactDifference(
                "user:deploy", null, "uid=1005 gid=1005 home=/home/deploy shell=/bin/bash"));
  }

  @Test
  void identicalSetsHaveNoDifferences() {
    FactSet facts = FactSet.of(Map.of("os:id", "debian", "os:version_id", "12"));
    assertThat(facts.diff(FactSet.of(Map.of("os:version_id", "12", "os:id", "debian")))).isEmpty();
    assertThat(FactSet.empty().diff(FactSet.empty())).isEmpty();
  }

  @Test
  void prefixKeepsOnlyMatchingKeys() {
    FactSet facts =
        FactSet.of(
            Map.of("package:libc6", "1", "package:libssl3", "2", "packages:x", "3", "os:id", "d"));
    assertThat(facts.withPrefix("package:").asMap())
        .containsOnlyKeys("package:libc6", "package:libssl3");
    assertThat(facts.withPrefix("package:libs").asMap()).containsOnlyKeys("package:libssl3");
    assertThat(facts.withPrefix("").size()).isEqualTo(4);
  }

  @Test
  void applyingTheChangesBetweenTwoStatesReproducesTheSecond() {
    FactSet before = FactSet.of(Map.of("package:a", "1", "package:b", "1", "sysctl:x", "0"));
    FactSet after = FactSet.of(Map.of("package:a", "2", "sysctl:x", "0", "module:nf", "loaded"));
    List<ChangeEvent> changes = ChangeEvent.between("web-1", before, after, T1, T2);

    assertThat(changes).hasSize(3);
    assertThat(changes).extracting(ChangeEvent::id).doesNotHaveDuplicates();
    assertThat(before.apply(changes)).isEqualTo(after);
  }

  @Test
  void categoriesFromAnotherSetReplaceThisSetsValues() {
    FactSet collected = FactSet.of(Map.of("package:a", "1", "os:id", "debian"));
    FactSet previous = FactSet.of(Map.of("package:a", "0", "package:b", "0", "os:id", "ubuntu"));

    FactSet merged = collected.withCategoriesFrom(previous, List.of("package"));

    assertThat(merged.asMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("package:a", "0", "package:b", "0", "os:id", "debian"));
  }

  @Test
  void rejectsKeysThatCouldNotBeReadBack() {
    assertThatThrownBy(() -> FactSet.of(Map.of("nocolon", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid fact key");
    assertThatThrownBy(() -> FactSet.of(Map.of("Package:x", "1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FactSet.of(Map.of("package:a\nb", "1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FactSet.of(Map.of("package:", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysSplitOnTheFirstColon() {
    assertThat(FactKey.category("port:tcp:0.0.0.0:22")).isEqualTo("port");
    assertThat(FactKey.name("port:tcp:0.0.0.0:22")).isEqualTo("tcp:0.0.0.0:22");
  }
}
