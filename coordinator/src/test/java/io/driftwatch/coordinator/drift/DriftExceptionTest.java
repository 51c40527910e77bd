package io.driftwatch.coordinator.drift;

import static io.driftwatch.coordinator.drift.ExpectationTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriftExceptionTest {

  private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

  private static HostSpec host(String name, String role) {
    return new HostSpec(name, Transport.LOCAL, "/", Map.of("role", role), Duration.ofMinutes(1));
  }

  @Test
  void coversTheSelectedHostsKeysAndValue() {
    DriftException e =
        DriftException.fromJson(
            "x1",
            json(
                "{'selector':'role=web','key':'sysctl:vm.*','value':'10','owner':'alice',"
                    + "'reason':'tuning trial','expires':'2026-12-01T00:00:00Z'}"),
            NOW);
    assertThat(e.covers(host("web-3", "web"), "sysctl:vm.swappiness", "10")).isTrue();
    assertThat(e.covers(host("web-9", "web/canary"), "sysctl:vm.swappiness", "10")).isTrue();
    assertThat(e.covers(host("web-3", "web"), "sysctl:vm.swappiness", "60")).isFalse();
    assertThat(e.covers(host("web-3", "web"), "sysctl:vm.swappiness", null)).isFalse();
    assertThat(e.covers(host("web-3", "web"), "sysctl:net.core.somaxconn", "10")).isFalse();
    assertThat(e.covers(host("webapp-1", "webapp"), "sysctl:vm.swappiness", "10")).isFalse();
    DriftException anyValue =
        new DriftException("x2", Selector.parse("name=web-3"), "package:*", null, "a", "r", null);
    assertThat(anyValue.covers(host("web-3", "web"), "package:curl", null)).isTrue();
    assertThat(anyValue.covers(host("web-4", "web"), "package:curl", "1")).isFalse();
  }

  @Test
  void activeUntilItExpires() {
    DriftException e =
        new DriftException(
            "x", Selector.all(), "package:a", null, "alice", "r", NOW.plusSeconds(60));
    assertThat(e.activeAt(NOW)).isTrue();
    assertThat(e.activeAt(NOW.plusSeconds(60))).isFalse();
    assertThat(e.activeAt(NOW.plusSeconds(3600))).isFalse();
    DriftException forever =
        new DriftException("y", Selector.all(), "package:a", null, "alice", "r", null);
    assertThat(forever.activeAt(Instant.parse("9999-01-01T00:00:00Z"))).isTrue();
  }

  @Test
  void expiresTakesAbsoluteAndRelativeTimes() {
    assertThat(DriftException.expires("7d", NOW)).isEqualTo(NOW.plus(Duration.ofDays(7)));
    assertThat(DriftException.expires("+12h", NOW)).isEqualTo(NOW.plus(Duration.ofHours(12)));
    assertThat(DriftException.expires("-1d", NOW)).isEqualTo(NOW.minus(Duration.ofDays(1)));
    assertThat(DriftException.expires("2026-12-01", NOW))
        .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(DriftException.expires("1d", NOW.plusMillis(1500)))
        .as("an expiry ahead is kept to the second")
        .isEqualTo(NOW.plus(Duration.ofDays(1)).plusSeconds(1));
    assertThat(DriftException.expires("never", NOW)).isNull();
    assertThat(DriftException.expires(null, NOW)).isNull();
  }

  @Test
  void anExpiryInThePastIsAcceptedButInactive() {
    DriftException e =
        DriftException.fromJson(
            "old",
            json("{'key':'package:a','owner':'bob','reason':'r','expires':'2020-01-01T00:00:00Z'}"),
            NOW);
    assertThat(e.activeAt(NOW)).isFalse();
  }

  @Test
  void jsonRoundTripsExactly() {
    DriftException e =
        DriftException.fromJson(
            "x1",
            json(
                "{'selector':'name=web-3','key':'sysctl:vm.*','owner':'alice','reason':'trial',"
                    + "'expires':'7d'}"),
            NOW);
    assertThat(e.toJson())
        .isEqualTo(
            json(
                "{'id':'x1','selector':'name=web-3','key':'sysctl:vm.*','owner':'alice',"
                    + "'reason':'trial','expires':'2026-12-05T06:00:00Z'}"));
    assertThat(DriftException.fromJson("x1", e.toJson())).isEqualTo(e);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'owner':'a','reason':'r'}|key: required",
        "{'key':'package:a','reason':'r'}|owner: required",
        "{'key':'package:a','owner':'a'}|reason: required",
        "{'key':'package:a','owner':'a','reason':'r','expires':'soon'}|expires: invalid time",
        "{'key':'package:a','owner':'a','reason':'r','expires':''}|expires: ",
        "{'key':'package:a','owner':'a','reason':'r','id':'other'}|id: ",
        "{'key':'package:a','owner':'a','reason':'r','until':'7d'}|until: unknown field",
      })
  void badBodiesNameTheField(String body, String message) {
    assertThatThrownBy(() -> DriftException.fromJson("e", json(body), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }
}
