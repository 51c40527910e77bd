package io.driftwatch.coordinator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExceptionFilterTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final HostSpec WEB_3 =
      new HostSpec("web-3", Transport.LOCAL, "/", Map.of("role", "web"), Duration.ofMinutes(1));
  private static final Finding SWAP =
      Finding.of("web-3", "sysctl:vm.swappiness", "10", "60", Source.PEERS, null);
  private static final Finding LIBC =
      Finding.of("web-3", "package:libc6", "2.36-9+deb12u3", "2.36-9+deb12u8", Source.PEERS, null);

  private static DriftException exception(String key, String value, Instant expires) {
    return new DriftException(
        "x1", Selector.parse("name=web-3"), key, value, "alice", "benchmark host", expires);
  }

  private static List<Finding> apply(DriftException x, boolean includeExcepted) {
    return ExceptionFilter.apply(
        List.of(SWAP, LIBC), List.of(x), Map.of("web-3", WEB_3), NOW, includeExcepted);
  }

  @Test
  void anActiveExceptionSilencesTheFindingsItCoversOnly() {
    DriftException x = exception("sysctl:vm.*", null, NOW.plusSeconds(60));
    assertThat(apply(x, false)).containsExactly(LIBC);
    assertThat(apply(x, true)).containsExactly(SWAP.withException("x1"), LIBC);
  }

  @Test
  void anExpiredExceptionLetsTheDriftReappear() {
    assertThat(apply(exception("sysctl:vm.*", null, NOW), false)).containsExactly(SWAP, LIBC);
    assertThat(apply(exception("sysctl:vm.*", null, null), false)).containsExactly(LIBC);
  }

  @Test
  void anExceptionForOneValueDoesNotCoverAnother() {
    assertThat(apply(exception("sysctl:vm.swappiness", "10", null), false)).containsExactly(LIBC);
    assertThat(apply(exception("sysctl:vm.swappiness", "1", null), false))
        .containsExactly(SWAP, LIBC);
  }

  @Test
  void findingChangesAreByIdentityNotByWhenOrHowSevere() {
    var before = FindingChanges.byId(List.of(SWAP, LIBC));
    var now =
        FindingChanges.byId(
            List.of(
                SWAP.withSeverity(Severity.HIGH).withSince(NOW),
                Finding.of(
                    "web-3",
                    "package:libc6",
                    "2.36-9+deb12u1",
                    "2.36-9+deb12u8",
                    Source.PEERS,
                    null)));
    FindingChanges c = FindingChanges.between(before, now);
    assertThat(c.resolved()).containsExactly(LIBC);
    assertThat(c.appeared()).extracting(Finding::actual).containsExactly("2.36-9+deb12u1");
  }
}
