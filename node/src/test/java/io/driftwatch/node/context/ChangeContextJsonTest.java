package io.driftwatch.node.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.fact.ChangeContext;
import io.driftwatch.node.fact.ChangeContext.HostRecord;
import io.driftwatch.node.fact.ChangeContext.Login;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeContextJsonTest {

  static final ChangeContext FULL =
      new ChangeContext(
          Instant.parse("2026-11-28T10:00:03Z"),
          "alice",
          List.of(
              new HostRecord(
                  "apt-history",
                  Instant.parse("2026-11-28T10:00:05Z"),
                  "alice",
                  "upgrade",
                  "apt-get upgrade -y \"quoted\" \\ ü"),
              new HostRecord(
                  "dpkg-log", Instant.parse("2026-11-28T10:00:03Z"), null, "upgrade", null)),
          List.of(
              new Login("bob", "10.0.0.5", Instant.parse("2026-11-28T09:00:00Z"), null),
              new Login(
                  "root",
                  null,
                  Instant.parse("2026-11-28T09:30:00Z"),
                  Instant.parse("2026-11-28T09:31:00Z"))));

  @Test
  void roundTripsAndOmitsEmptyMembers() {
    String json = ChangeContextJson.encode(FULL);
    assertThat(ChangeContextJson.decode(json)).isEqualTo(FULL);
    assertThat(json)
        .startsWith("{\"at\":\"2026-11-28T10:00:03Z\",\"actor\":\"alice\",\"records\":[")
        .doesNotContain("null");

    ChangeContext loginsOnly = new ChangeContext(null, null, List.of(), FULL.logins());
    assertThat(ChangeContextJson.encode(loginsOnly)).startsWith("{\"logins\":[");
    assertThat(ChangeContextJson.decode(ChangeContextJson.encode(loginsOnly)))
        .isEqualTo(loginsOnly);
  }

  @Test
  void nothingKnownIsNull() {
    assertThat(ChangeContextJson.encode(ChangeContext.NONE)).isNull();
    assertThat(ChangeContextJson.decode(null)).isEqualTo(ChangeContext.NONE);
    assertThat(ChangeContextJson.decode("")).isEqualTo(ChangeContext.NONE);
  }

  @Test
  void unknownMembersAreSkippedAndCorruptTextRefused() {
    assertThat(ChangeContextJson.decode("{\"actor\":\"x\",\"events\":[{\"id\":\"1\"}],\"n\":1}"))
        .isEqualTo(new ChangeContext(null, "x", List.of(), List.of()));
    assertThatThrownBy(() -> ChangeContextJson.decode("[1]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangeContextJson.decode("{\"at\":\"yesterday\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangeContextJson.decode("{\"records\":{}}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
