package io.driftwatch.coordinator.drift;

import static io.driftwatch.coordinator.drift.ExpectationTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.coordinator.Selector;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaselineTest {

  @Test
  void peersDefaultToSixtyPercent() {
    Baseline b = Baseline.fromJson("db", json("{'selector':'role=db','kind':'peers'}"));
    assertThat(b.kind()).isEqualTo(BaselineKind.PEERS);
    assertThat(b.threshold()).isEqualTo(0.6);
    assertThat(b.toJson())
        .isEqualTo(json("{'name':'db','selector':'role=db','kind':'peers','threshold':0.6}"));
    assertThat(Baseline.fromJson("db", b.toJson())).isEqualTo(b);
    Baseline all = Baseline.fromJson("all", json("{'kind':'peers','threshold':1}"));
    assertThat(all.threshold()).isEqualTo(1.0);
  }

  @Test
  void timeAndGoldenRoundTrip() {
    Baseline yesterday = Baseline.fromJson("y", json("{'kind':'time','at':'-1d'}"));
    assertThat(yesterday.at()).isEqualTo("-1d");
    assertThat(Baseline.fromJson("y", yesterday.toJson())).isEqualTo(yesterday);
    Baseline live =
        Baseline.fromJson(
            "g", json("{'kind':'golden','selector':'role=web','host':'web-1','at':'2026-11-01'}"));
    assertThat(live.isSnapshot()).isFalse();
    assertThat(Baseline.fromJson("g", live.toJson())).isEqualTo(live);
    Baseline saved =
        live.withSnapshot(
            Map.of("package:a", "1", "kernel:release", "6.1"),
            Instant.parse("2026-11-28T05:00:00Z"));
    assertThat(saved.isSnapshot()).isTrue();
    assertThat(saved.toJson().get("facts").get("package:a").asText()).isEqualTo("1");
    assertThat(saved.toJson().get("savedAt").asText()).isEqualTo("2026-11-28T05:00:00Z");
    assertThat(Baseline.fromJson("g", saved.toJson())).isEqualTo(saved);
  }

  @Test
  void aSnapshotRequestIsReadWithoutFacts() {
    var body = json("{'kind':'golden','like':'role=web','snapshot':true}");
    assertThat(Baseline.wantsSnapshot(body)).isTrue();
    Baseline b = Baseline.fromJson("web-golden", body);
    assertThat(b.like()).isEqualTo("role=web");
    assertThat(b.facts()).isNull();
    assertThat(b.selector()).isEqualTo(Selector.all());
    assertThat(b.toJson().has("snapshot")).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'kind':'peer'}|kind: unknown baseline kind",
        "{}|kind: required",
        "{'kind':'peers','threshold':0}|threshold: 0.0 is outside (0, 1]",
        "{'kind':'peers','threshold':1.5}|threshold: 1.5 is outside (0, 1]",
        "{'kind':'peers','threshold':'high'}|threshold: expected a number",
        "{'kind':'time','threshold':0.5,'at':'-1d'}|threshold: only for peers",
        "{'kind':'time'}|at: required for a time baseline",
        "{'kind':'time','at':'yesterday'}|at: invalid time",
        "{'kind':'peers','at':'-1d'}|at: not for peers",
        "{'kind':'peers','host':'web-1'}|host: only for golden",
        "{'kind':'golden'}|host: a golden baseline names either",
        "{'kind':'golden','host':'a','like':'role=web','snapshot':true}|host: a golden baseline",
        "{'kind':'golden','host':'bad host'}|host: invalid host name",
        "{'kind':'golden','like':'role=web'}|like: a group's golden baseline is a saved snapshot",
        "{'kind':'golden','like':'role','snapshot':true}|like: invalid selector term",
        "{'kind':'peers','snapshot':true}|snapshot: only for golden",
        "{'kind':'golden','host':'a','snapshot':'yes'}|snapshot: expected true or false",
        "{'kind':'golden','host':'a','facts':{'k:a':1}}|facts: the value of",
        "{'kind':'golden','host':'a','savedAt':'now'}|savedAt: ",
        "{'kind':'peers','selector':'='}|selector: invalid selector term",
        "{'kind':'peers','treshold':0.5}|treshold: unknown field",
      })
  void badBodiesNameTheField(String body, String message) {
    assertThatThrownBy(() -> Baseline.fromJson("b", json(body)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }
}
