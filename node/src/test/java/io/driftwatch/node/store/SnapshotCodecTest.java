package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.fact.FactSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

  @Test
  void storedFormIsGzippedJsonOfTheMapInKeyOrder() throws IOException {
    FactSet facts = FactSet.of(Map.of("sysctl:vm.swappiness", "60", "package:libc6", "2.36-9"));

    String json = gunzip(SnapshotCodec.encode(facts));

    assertThat(json).isEqualTo("{\"package:libc6\":\"2.36-9\",\"sysctl:vm.swappiness\":\"60\"}");
  }

  @Test
  void roundTripsEmptyAndHostileSets() {
    FactSet hostile =
        FactSet.of(
            Map.of(
                "custom:'; DROP TABLE snapshots; --",
                "\"quoted\"\n\ttabbed \\ 🚀 ünï",
                "custom:a:b:c:d",
                "x".repeat(10_000)));

    assertThat(SnapshotCodec.decode(SnapshotCodec.encode(FactSet.empty())))
        .isEqualTo(FactSet.empty());
    assertThat(SnapshotCodec.decode(SnapshotCodec.encode(hostile))).isEqualTo(hostile);
  }

  @Test
  void typicalPackageListsShrinkSeveralTimes() {
    Map<String, String> packages = new TreeMap<>();
    for (int i = 0; i < 5_000; i++) {
      packages.put("package:lib" + i + "-common", "2.36-9+deb12u" + (i % 7));
    }
    FactSet facts = FactSet.of(packages);
    int plain = facts.asMap().toString().getBytes(StandardCharsets.UTF_8).length;

    assertThat(SnapshotCodec.encode(facts).length).isLessThan(plain / 4);
  }

  @Test
  void corruptBlobIsReportedNotMisread() {
    assertThatThrownBy(() -> SnapshotCodec.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt");
  }

  private static String gunzip(byte[] blob) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
