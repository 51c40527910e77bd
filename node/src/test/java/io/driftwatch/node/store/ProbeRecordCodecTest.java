package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.fact.ChangeContext;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The spooled form of a probe record reads back equal, whatever the text in it. */
class ProbeRecordCodecTest {

  private static final Instant T = Instant.parse("2026-03-01T10:00:00.123Z");

  @Test
  void recordsWithChangesSnapshotAndContentsRoundTrip() {
    Map<String, String> facts = new TreeMap<>();
    facts.put("custom:'; DROP TABLE spool; --", "emoji 🚀 \"quoted\" \\ \n\t");
    facts.put("file:/etc/hosts", "sha256:abc mode=0644");
    facts.put("package:libc6", "2.36-9+deb12u4");
    HostTimeline host = new HostTimeline("web-1");
    ProbeRecord first =
        host.probe(T, FactSet.of(facts), true, Map.of("abc", "127.0.0.1 localhost\n"));
    facts.remove("package:libc6");
    facts.put("custom:ünï", "x".repeat(10_000));
    ProbeRecord second = host.probe(T.plusSeconds(60), FactSet.of(facts), false, Map.of());

    assertThat(ProbeRecordCodec.decode(ProbeRecordCodec.encode(first))).isEqualTo(first);
    assertThat(ProbeRecordCodec.decode(ProbeRecordCodec.encode(second))).isEqualTo(second);
    assertThat(second.changes()).extracting(ChangeEvent::newValue).containsNull();
  }

  @Test
  void aChangesContextRoundTrips() {
    ChangeContext context =
        new ChangeContext(
            T,
            "alice",
            List.of(
                new ChangeContext.HostRecord("auth-log", T, "alice", "sudo", "vi \"/etc/x\" ü")),
            List.of(new ChangeContext.Login("bob", null, T.minusSeconds(60), T)));
    ChangeEvent change =
        new ChangeEvent("id-2", "web-1", "file:/etc/x", "a", "b", T, T.plusSeconds(5), context);
    ProbeRecord record =
        new ProbeRecord("web-1", T.plusSeconds(5), List.of(change), Optional.empty(), Map.of());

    ProbeRecord decoded = ProbeRecordCodec.decode(ProbeRecordCodec.encode(record));
    assertThat(decoded).isEqualTo(record);
    assertThat(decoded.changes().get(0).context()).isEqualTo(context);
  }

  @Test
  void aFailedProbesRecordRoundTrips() {
    ChangeEvent down =
        new ChangeEvent("id-1", "web-1", "probe:reachable", "true", "false", T, T.plusSeconds(5));
    ProbeRecord unreachable = ProbeRecord.unreachable("web-1", T.plusSeconds(5), down);

    assertThat(ProbeRecordCodec.decode(ProbeRecordCodec.encode(unreachable)))
        .isEqualTo(unreachable);
  }

  @Test
  void aRepetitiveSnapshotIsStoredCompressed() throws IOException {
    Map<String, String> facts = new TreeMap<>();
    for (int i = 0; i < 2000; i++) {
      facts.put(String.format("package:lib-%05d", i), "1.2.3-4+deb12u" + (i % 7));
    }
    ProbeRecord probe = new HostTimeline("web-1").probe(T, FactSet.of(facts), true, Map.of());

    byte[] blob = ProbeRecordCodec.encode(probe);
    byte[] json = new GZIPInputStream(new ByteArrayInputStream(blob)).readAllBytes();

    // The snapshot and the 2000 changes repeat the same text; only the changes' ids are random.
    assertThat(json.length).isGreaterThan(200_000);
    assertThat(blob.length).isLessThan(json.length / 3);
  }

  @Test
  void corruptBytesAreRefused() {
    assertThatThrownBy(
            () -> ProbeRecordCodec.decode("not gzip at all".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt");
  }
}
