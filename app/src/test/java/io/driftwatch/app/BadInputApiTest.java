package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.testing.FixtureHost;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input of every kind gets a JSON {@code {"error","detail"}} answer with a 4xx status: never a
 * stack trace, never a 500, and the node keeps serving.
 */
class BadInputApiTest {

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static Api api;
  private static final String HOST = "known-1";

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(tmp.resolve("data"));
    api = new Api(node.url());
    Path root = tmp.resolve(HOST);
    FixtureHost.debian12().writeTo(root);
    assertThat(api.registerLocal(HOST, root, "{}").status()).isEqualTo(201);
    assertThat(api.post("/v1/hosts/" + HOST + "/probe").status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  private static void assertJsonError(Api.Response r, int status, String detailContains) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json().get("error").asText()).isNotEmpty();
    assertThat(r.json().get("detail").toString()).contains(detailContains);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "not json",
        "[1,2,3]",
        "null",
        "",
        "{\"transport\":\"local\",\"tags\":\"role=web\"}",
        "{\"transport\":\"local\",\"tags\":{\"role\":[1]}}",
        "{\"transport\":\"local\",\"interval\":\"soon\"}",
        "{\"transport\":\"local\",\"interval\":\"0s\"}",
        "{\"transport\":\"carrier-pigeon\"}",
        "{\"transport\":\"local\",\"root\":\"relative/path\"}",
        "{\"root\":\"/\"}"
      })
  void badHostBodiesAreRejected(String body) {
    Api.Response r = api.put("/v1/hosts/bad-body", body);
    assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("bad request");
    assertThat(api.get("/v1/hosts/bad-body").status()).isEqualTo(404);
  }

  @Test
  void unknownFieldsAreWelcome() {
    Api.Response r =
        api.put(
            "/v1/hosts/extra-fields",
            "{\"transport\":\"local\",\"root\":\"" + tmp.resolve(HOST) + "\",\"owner\":\"ops\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"web/1", "web 1", "web;rm -rf /", "$(reboot)", "`id`", "a|b", "../etc", "wëb"})
  void hostileHostNamesAreRejected(String name) {
    Api.Response r =
        api.put("/v1/hosts/" + enc(name), "{\"transport\":\"local\",\"root\":\"/tmp\"}");
    assertJsonError(r, 400, "invalid host name");
    assertJsonError(api.get("/v1/hosts/" + enc(name) + "/facts"), 400, "invalid host name");
  }

  @Test
  void aTenThousandCharacterHostNameIsRejected() {
    String name = "a".repeat(10_000);
    assertJsonError(
        api.put("/v1/hosts/" + name, "{\"transport\":\"local\"}"), 400, "invalid host name");
    assertJsonError(api.get("/v1/hosts/" + name), 400, "invalid host name");
  }

  @Test
  void unknownHostsAre404Everywhere() {
    assertJsonError(api.get("/v1/hosts/nope"), 404, "unknown host nope");
    assertJsonError(api.get("/v1/hosts/nope/facts"), 404, "unknown host nope");
    assertJsonError(api.get("/v1/hosts/nope/facts?at=-1h"), 404, "unknown host nope");
    assertJsonError(api.get("/v1/hosts/nope/changes"), 404, "unknown host nope");
    assertJsonError(api.post("/v1/hosts/nope/probe"), 404, "unknown host nope");
    assertJsonError(api.delete("/v1/hosts/nope"), 404, "unknown host nope");
    assertJsonError(api.get("/v1/diff?left=nope&right=" + HOST), 404, "unknown host nope");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"yesterday", "2026-13-45", "2026-02-30T00:00:00Z", "-5y", "99999-01-01", "-"})
  void malformedOrImpossibleTimesAre400(String time) {
    assertJsonError(api.get("/v1/hosts/" + HOST + "/facts?at=" + enc(time)), 400, "at: ");
    assertJsonError(api.get("/v1/hosts/" + HOST + "/changes?since=" + enc(time)), 400, "since: ");
    assertJsonError(
        api.get("/v1/diff?left=" + HOST + "@" + enc(time) + "&right=" + HOST), 400, "left: ");
  }

  @Test
  void sinceAfterUntilIs400() {
    assertJsonError(
        api.get("/v1/hosts/" + HOST + "/changes?since=-1h&until=-2h"), 400, "is after until");
  }

  @Test
  void badLimitsAndPrefixesAre400() {
    assertJsonError(api.get("/v1/hosts/" + HOST + "/changes?limit=0"), 400, "limit");
    assertJsonError(api.get("/v1/hosts/" + HOST + "/changes?limit=lots"), 400, "limit");
    assertJsonError(
        api.get("/v1/hosts/" + HOST + "/facts?prefix=" + enc("a\u0001b")), 400, "prefix");
  }

  @Test
  void diffNeedsBothSides() {
    assertJsonError(api.get("/v1/diff?left=" + HOST), 400, "right: missing host");
    assertJsonError(api.get("/v1/diff"), 400, "left: missing host");
  }

  @Test
  void badSelectorsAre400() {
    assertJsonError(api.get("/v1/hosts?selector=" + enc("role")), 400, "invalid selector");
  }

  @Test
  void unknownRoutesAndMethodsAnswerInJson() {
    assertJsonError(api.get("/v1/nothing-here"), 404, "");
    assertJsonError(api.post("/v1/hosts/" + HOST + "/facts"), 405, "");
    assertThat(api.get("/v1/health").json().get("status").asText()).isEqualTo("ok");
  }
}
