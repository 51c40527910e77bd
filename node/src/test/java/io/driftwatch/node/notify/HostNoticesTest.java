package io.driftwatch.node.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.node.fact.ChangeContext;
import io.driftwatch.node.fact.ChangeContext.HostRecord;
import io.driftwatch.node.fact.ChangeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostNoticesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant FROM = Instant.parse("2026-11-28T07:10:29Z");
  private static final Instant AT = Instant.parse("2026-11-28T07:10:37Z");

  private final ChangeEvent change =
      new ChangeEvent(
          "id-1", "app-3", "package:libc6", "2.36-9+deb12u14", "2.36-9+deb12u7", FROM, AT);

  @Test
  void aChangeNoticeCarriesTheChangeAndTheHostsTags() throws Exception {
    Notice notice = HostNotices.change(change, Map.of("role", "app"));

    assertThat(notice.kind()).isEqualTo("change");
    assertThat(notice.host()).isEqualTo("app-3");
    assertThat(notice.tags()).containsEntry("role", "app");
    JsonNode data = JSON.readTree(notice.json());
    assertThat(data.get("old").asText()).isEqualTo("2.36-9+deb12u14");
    assertThat(data.get("new").asText()).isEqualTo("2.36-9+deb12u7");
    assertThat(data.at("/window/from").asText()).isEqualTo(FROM.toString());
    assertThat(data.has("context")).isFalse();
  }

  @Test
  void aChangeNoticeSaysWhoAndWhenWhereTheHostsRecordsDo() throws Exception {
    ChangeContext context =
        new ChangeContext(
            AT,
            "alice",
            List.of(
                new HostRecord("apt-history", AT, "alice", "downgrade", "apt-get install libc6")),
            List.of());

    JsonNode data = JSON.readTree(HostNotices.change(change.withContext(context), Map.of()).json());

    assertThat(data.at("/context/actor").asText()).isEqualTo("alice");
    assertThat(data.at("/context/at").asText()).isEqualTo(AT.toString());
    assertThat(data.at("/context/records/0/source").asText()).isEqualTo("apt-history");
  }
}
