package io.driftwatch.coordinator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.node.notify.Notice;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoiseControlTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NoiseControl noise =
      new NoiseControl(new NoiseSettings(Duration.ofSeconds(5), 3, 3, Duration.ofMinutes(1)));
  private long ids;

  private StreamEvent change(String host, String key, String from, String to, String role) {
    String json =
        JSON.createObjectNode()
            .put("host", host)
            .put("key", key)
            .put("old", from)
            .put("new", to)
            .toString();
    return new StreamEvent(++ids, "change", host, Map.of("role", role, "host", host), json, T0);
  }

  @Test
  void aChangeOnManyHostsWithinTheWindowIsOneChangeSetAndNoPerHostWebhooks() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(noise.offer(change("web-" + i, "pkg:openssl", "1", "2", "web"), T0).forWebhooks())
          .isEmpty();
    }
    assertThat(noise.due(T0.plusSeconds(4)).notices()).isEmpty();
    NoiseControl.Output closed = noise.due(T0.plusSeconds(5));
    assertThat(closed.forWebhooks()).isEmpty();
    assertThat(closed.notices()).hasSize(1);
    Notice set = closed.notices().get(0);
    assertThat(set.kind()).isEqualTo("change-set");
    assertThat(set.host()).isNull();
    assertThat(set.tags()).isEqualTo(Map.of("role", "web"));
    var data = JSON.readTree(set.json());
    assertThat(data.get("hosts")).hasSize(4);
    assertThat(data.get("key").asText()).isEqualTo("pkg:openssl");
    assertThat(data.get("new").asText()).isEqualTo("2");
  }

  @Test
  void belowTheThresholdThePerHostChangesGoOutWhenTheWindowCloses() {
    StreamEvent a = change("web-1", "pkg:openssl", "1", "2", "web");
    StreamEvent b = change("web-2", "pkg:openssl", "1", "3", "web");
    noise.offer(a, T0);
    noise.offer(b, T0.plusSeconds(1));
    assertThat(noise.due(T0.plusSeconds(5)).forWebhooks()).containsExactly(a);
    assertThat(noise.due(T0.plusSeconds(6)).forWebhooks()).containsExactly(b);
    assertThat(noise.pending()).isZero();
  }

  @Test
  void otherKindsPassAtOnce() {
    StreamEvent drift = new StreamEvent(1, "drift", "h", Map.of(), "{}", T0);
    assertThat(noise.offer(drift, T0).forWebhooks()).containsExactly(drift);
  }

  @Test
  void aFlappingKeyIsReportedOnceAndHeldBackUntilItSettles() throws Exception {
    noise.offer(change("h", "sysctl:x", "1", "2", "r"), T0);
    noise.offer(change("h", "sysctl:x", "2", "1", "r"), T0.plusSeconds(1));
    NoiseControl.Output third =
        noise.offer(change("h", "sysctl:x", "1", "2", "r"), T0.plusSeconds(2));
    assertThat(third.notices()).hasSize(1);
    assertThat(third.notices().get(0).kind()).isEqualTo("flap");
    assertThat(JSON.readTree(third.notices().get(0).json()).get("changes").asInt()).isEqualTo(3);
    NoiseControl.Output fourth =
        noise.offer(change("h", "sysctl:x", "2", "1", "r"), T0.plusSeconds(3));
    assertThat(fourth).isEqualTo(NoiseControl.Output.NONE);
    // The two changes before it was a flap go out individually; the later ones never.
    assertThat(noise.due(T0.plusSeconds(10)).forWebhooks()).hasSize(2);

    // Quiet for a whole flap window: settled, so a later change is an ordinary one again.
    noise.due(T0.plusSeconds(3).plus(Duration.ofMinutes(1)).plusSeconds(1));
    NoiseControl.Output later =
        noise.offer(change("h", "sysctl:x", "1", "5", "r"), T0.plus(Duration.ofMinutes(2)));
    assertThat(later.notices()).isEmpty();
    assertThat(noise.pending()).isEqualTo(1);
  }

  @Test
  void pastItsBoundTheOldestWindowClosesEarly() {
    NoiseControl small =
        new NoiseControl(new NoiseSettings(Duration.ofSeconds(5), 3, 3, Duration.ofMinutes(1)), 2);
    StreamEvent a = change("a", "pkg:x", "1", "2", "r");
    assertThat(small.offer(a, T0).forWebhooks()).isEmpty();
    assertThat(small.offer(change("b", "pkg:y", "1", "2", "r"), T0).forWebhooks()).isEmpty();
    NoiseControl.Output third = small.offer(change("c", "pkg:z", "1", "2", "r"), T0);
    assertThat(third.forWebhooks()).containsExactly(a);
    assertThat(small.pending()).isEqualTo(2);
  }
}
