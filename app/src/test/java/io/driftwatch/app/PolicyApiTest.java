package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.node.store.SqliteChangeStore;
import io.driftwatch.node.store.SwitchableChangeStore;
import io.driftwatch.node.testing.FixtureHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The drift policy API over real HTTP on a real node: CRUD, history, validation, snapshots. */
class PolicyApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp.resolve("data"));
    api = new Api(node.url());
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  /** A request as {@code user} (the X-Driftwatch-User header; none when null). */
  private static Api.Response send(
      String base, String method, String path, String body, String user) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')))
            .header("Content-Type", "application/json");
    if (user != null) {
      request.header("X-Driftwatch-User", user);
    }
    try {
      HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = r.headers().firstValue("Content-Type").orElse("");
      return new Api.Response(
          r.statusCode(),
          type,
          r.body(),
          type.startsWith("application/json") ? JSON.readTree(r.body()) : null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Api.Response send(String method, String path, String body, String user) {
    return send(node.url(), method, path, body, user);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void expectationsAreCreatedReplacedListedRemovedWithHistory() {
    String body =
        "{'selector':'role=web','key':'package:openssh-server','op':'ge','value':'1:9.2p1-2'}";
    Api.Response created = send("PUT", "/v1/expectations/sshd-crud", body, "alice");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json())
        .isEqualTo(
            json(
                "{'name':'sshd-crud','selector':'role=web','key':'package:openssh-server',"
                    + "'op':'ge','value':'1:9.2p1-2'}"));
    Api.Response replaced =
        send("PUT", "/v1/expectations/sshd-crud", body.replace("9.2p1-2", "9.2p1-3"), "bob");
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);

    Api.Response one = api.get("/v1/expectations/sshd-crud");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("value").asText()).isEqualTo("1:9.2p1-3");
    assertThat(names(api.get("/v1/expectations").json().get("expectations"), "name"))
        .contains("sshd-crud");

    Api.Response removed = send("DELETE", "/v1/expectations/sshd-crud", null, null);
    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    assertThat(removed.json()).isEqualTo(json("{'name':'sshd-crud','removed':true}"));
    assertThat(api.get("/v1/expectations/sshd-crud").status()).isEqualTo(404);
    assertThat(names(api.get("/v1/expectations").json().get("expectations"), "name"))
        .doesNotContain("sshd-crud");

    JsonNode history = api.get("/v1/expectations/sshd-crud/history").json().get("history");
    assertThat(history).hasSize(3);
    assertThat(List.of(history.get(0), history.get(1), history.get(2)))
        .extracting(v -> v.get("action").asText() + " by " + v.get("changedBy").asText())
        .containsExactly("remove by anonymous", "put by bob", "put by alice");
    Instant newest = Instant.parse(history.get(0).get("changedAt").asText());
    Instant oldest = Instant.parse(history.get(2).get("changedAt").asText());
    assertThat(oldest).isBeforeOrEqualTo(newest).isAfter(Instant.now().minusSeconds(300));
    assertThat(history.get(2).get("definition").get("value").asText()).isEqualTo("1:9.2p1-2");
    assertThat(history.get(0).get("definition").get("value").asText()).isEqualTo("1:9.2p1-3");

    // Put back after removal: a new version, created again.
    assertThat(send("PUT", "/v1/expectations/sshd-crud", body, "alice").status()).isEqualTo(201);
  }

  @Test
  void exceptionsGetAnIdAndARelativeExpiryIsStoredAsATime() {
    Api.Response created =
        send(
            "POST",
            "/v1/exceptions",
            "{'selector':'name=web-3','key':'sysctl:vm.*','owner':'alice',"
                + "'reason':'tuning trial','expires':'7d'}",
            "alice");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(id).startsWith("x-");
    Instant expires = Instant.parse(created.json().get("expires").asText());
    assertThat(expires)
        .isBetween(
            Instant.now().plus(Duration.ofDays(7)).minusSeconds(300),
            Instant.now().plus(Duration.ofDays(7)));

    Api.Response renamed =
        send(
            "PUT",
            "/v1/exceptions/" + id,
            "{'selector':'name=web-3','key':'sysctl:vm.*','value':'10','owner':'alice',"
                + "'reason':'only 10','expires':'2020-01-01T00:00:00Z'}",
            "bob");
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(api.get("/v1/exceptions/" + id).json().get("value").asText()).isEqualTo("10");
    assertThat(names(api.get("/v1/exceptions").json().get("exceptions"), "id")).contains(id);
    JsonNode history = api.get("/v1/exceptions/" + id + "/history").json().get("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("changedBy").asText()).isEqualTo("bob");
    assertThat(history.get(0).get("definition").get("expires").asText())
        .isEqualTo("2020-01-01T00:00:00Z");

    Api.Response withId =
        send(
            "POST",
            "/v1/exceptions",
            "{'id':'mine','key':'package:a','owner':'a','reason':'r'}",
            "alice");
    assertThat(withId.status()).isEqualTo(400);
    assertThat(withId.json().get("detail").asText()).startsWith("id: a new exception gets");

    Api.Response own =
        send(
            "PUT",
            "/v1/exceptions/accepted-swap",
            "{'key':'sysctl:vm.swappiness','owner':'carol','reason':'db tuning'}",
            "carol");
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    assertThat(own.json().get("id").asText()).isEqualTo("accepted-swap");
    assertThat(own.json().has("expires")).isFalse();
  }

  @Test
  void baselinesRoundTrip() {
    Api.Response peers =
        send("PUT", "/v1/baselines/db-peers", "{'selector':'role=db','kind':'peers'}", "alice");
    assertThat(peers.status()).as(peers.body()).isEqualTo(201);
    assertThat(peers.json())
        .isEqualTo(json("{'name':'db-peers','selector':'role=db','kind':'peers','threshold':0.6}"));
    Api.Response yesterday =
        send("PUT", "/v1/baselines/yesterday", "{'kind':'time','at':'-1d'}", "alice");
    assertThat(yesterday.status()).as(yesterday.body()).isEqualTo(201);
    assertThat(yesterday.json().get("at").asText()).isEqualTo("-1d");
    assertThat(names(api.get("/v1/baselines").json().get("baselines"), "name"))
        .contains("db-peers", "yesterday");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/expectations/e|{'key':'package:a','op':'around','value':'1'}|op: unknown operator",
        "/v1/expectations/e|{'key':'package:a','op':'eq'}|value: required for op eq",
        "/v1/expectations/e|{'key':'package:a','op':'absent','value':'1'}|value: op absent",
        "/v1/expectations/e|{'key':'package:a','op':'regex','value':'(['}|value: invalid regular",
        "/v1/expectations/e|{'key':'package:a','op':'present','selector':'role'}|selector: ",
        "/v1/expectations/e|{'key':'package:a'|invalid JSON body",
        "/v1/expectations/e|[]|expectation: the body must be a JSON object",
        "/v1/expectations/e|{'key':'package:a','op':'present','name':'f'}|name: ",
        "/v1/expectations/bad..name!|{'key':'package:a','op':'present'}|invalid expectation name",
        "/v1/baselines/b|{'kind':'peers','threshold':2}|threshold: 2.0 is outside (0, 1]",
        "/v1/baselines/b|{'kind':'time','at':'someday'}|at: invalid time",
        "/v1/baselines/b|{'kind':'golden'}|host: a golden baseline names either",
        "/v1/baselines/b|{'kind':'golden','like':'role=web'}|like: a group's golden baseline",
        "/v1/exceptions/x|{'key':'package:a','reason':'r'}|owner: required",
        "/v1/exceptions/x|{'key':'package:a','owner':'o','reason':'r','expires':'soon'}|expires: ",
      })
  void badBodiesAre400NamingTheField(String path, String body, String detail) {
    Api.Response r = send("PUT", path, body, "alice");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("bad request");
    assertThat(r.json().get("detail").asText()).startsWith(detail);
  }

  @Test
  void unknownPoliciesAre404() {
    for (String path :
        List.of("/v1/expectations/nope", "/v1/baselines/nope", "/v1/exceptions/nope")) {
      assertThat(api.get(path).status()).as(path).isEqualTo(404);
      assertThat(api.delete(path).status()).as(path).isEqualTo(404);
      Api.Response history = api.get(path + "/history");
      assertThat(history.status()).as(path).isEqualTo(404);
      assertThat(history.json().get("detail").asText()).contains("nope");
    }
    Api.Response badUser =
        send("PUT", "/v1/expectations/u", "{'key':'package:a','op':'present'}", "x".repeat(200));
    assertThat(badUser.status()).isEqualTo(400);
    assertThat(badUser.json().get("detail").asText()).startsWith("X-Driftwatch-User: ");
  }

  @Test
  void goldenSnapshotsSaveAHostsFactsOrAGroupsConsensus() {
    FixtureHost base = FixtureHost.debian12();
    // The odd host first by name: the group snapshot starts from its facts and must correct them.
    register("gold-1", base.withPackage("curl", "7.88.1-10+deb12u99"), "gold");
    register("gold-2", base, "gold");
    register("gold-3", base, "gold/canary");
    for (String host : List.of("gold-1", "gold-2", "gold-3")) {
      assertThat(api.post("/v1/hosts/" + host + "/probe").status()).isEqualTo(200);
    }
    JsonNode oddFacts = api.get("/v1/hosts/gold-1/facts").json().get("facts");
    JsonNode typicalFacts = api.get("/v1/hosts/gold-2/facts").json().get("facts");
    assertThat(oddFacts).isNotEqualTo(typicalFacts);

    Api.Response host =
        send(
            "PUT",
            "/v1/baselines/gold-host",
            "{'kind':'golden','selector':'role=gold','host':'gold-1','snapshot':true}",
            "alice");
    assertThat(host.status()).as(host.body()).isEqualTo(201);
    assertThat(host.json().get("facts")).isEqualTo(oddFacts);
    assertThat(host.json().has("savedAt")).isTrue();
    assertThat(api.get("/v1/baselines/gold-host").json()).isEqualTo(host.json());

    // The group's consensus is the typical hosts' state.
    Api.Response group =
        send(
            "PUT",
            "/v1/baselines/gold-group",
            "{'kind':'golden','selector':'role=gold','like':'role=gold','snapshot':true}",
            "alice");
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    assertThat(group.json().get("facts")).isEqualTo(typicalFacts);
    assertThat(group.json().get("like").asText()).isEqualTo("role=gold");
    assertThat(api.get("/v1/baselines/gold-group").json()).isEqualTo(group.json());

    Api.Response unknown =
        send("PUT", "/v1/baselines/g", "{'kind':'golden','host':'nobody','snapshot':true}", null);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    Api.Response empty =
        send(
            "PUT",
            "/v1/baselines/g",
            "{'kind':'golden','like':'role=nobody','snapshot':true}",
            null);
    assertThat(empty.status()).as(empty.body()).isEqualTo(404);
    assertThat(empty.json().get("detail").asText()).startsWith("like: no monitored host matches");

    // Without snapshot the golden host is referred to live.
    Api.Response live =
        send("PUT", "/v1/baselines/gold-live", "{'kind':'golden','host':'gold-1'}", null);
    assertThat(live.status()).as(live.body()).isEqualTo(201);
    assertThat(live.json().has("facts")).isFalse();
  }

  private static void register(String name, FixtureHost host, String role) {
    api.registerFixture(name, host, tmp.resolve("hosts"), role);
  }

  @Test
  void policiesSurviveARestart() {
    Path data = tmp.resolve("restart-data");
    DriftwatchNode first = TestNode.start(data);
    try {
      assertThat(
              send(
                      first.url(),
                      "PUT",
                      "/v1/expectations/kept",
                      "{'key':'package:a','op':'present'}",
                      "alice")
                  .status())
          .isEqualTo(201);
      assertThat(
              send(first.url(), "PUT", "/v1/baselines/kept", "{'kind':'time','at':'-1d'}", "bob")
                  .status())
          .isEqualTo(201);
      assertThat(
              send(
                      first.url(),
                      "PUT",
                      "/v1/exceptions/kept",
                      "{'key':'package:a','owner':'o','reason':'r'}",
                      "carol")
                  .status())
          .isEqualTo(201);
    } finally {
      first.stop();
    }
    DriftwatchNode second = TestNode.start(data);
    try {
      Api again = new Api(second.url());
      assertThat(again.get("/v1/expectations/kept").json().get("op").asText()).isEqualTo("present");
      assertThat(again.get("/v1/baselines/kept").json().get("at").asText()).isEqualTo("-1d");
      assertThat(again.get("/v1/exceptions/kept").json().get("owner").asText()).isEqualTo("o");
      assertThat(
              again
                  .get("/v1/exceptions/kept/history")
                  .json()
                  .get("history")
                  .get(0)
                  .get("changedBy")
                  .asText())
          .isEqualTo("carol");
    } finally {
      second.stop();
    }
  }

  @Test
  void aStoreThatDoesNotAnswerIs503() {
    SwitchableChangeStore remote =
        new SwitchableChangeStore(SqliteChangeStore.open(tmp.resolve("remote")), "remote-test");
    DriftwatchNode down =
        TestNode.startWithRemote(tmp.resolve("down-data"), Map.of(), ignored -> remote);
    try {
      remote.set(SwitchableChangeStore.Mode.UNAVAILABLE);
      Api.Response put =
          send(down.url(), "PUT", "/v1/expectations/e", "{'key':'package:a','op':'present'}", null);
      assertThat(put.status()).as(put.body()).isEqualTo(503);
      assertThat(new Api(down.url()).get("/v1/exceptions").status()).isEqualTo(503);
    } finally {
      down.stop();
    }
  }

  private static List<String> names(JsonNode list, String field) {
    List<String> names = new ArrayList<>();
    list.forEach(p -> names.add(p.get(field).asText()));
    return names;
  }
}
