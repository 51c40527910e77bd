package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.testing.FixtureHost;
import io.driftwatch.node.testing.LogLines;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External context events over the real API of a real node: posted, listed, and merged into the
 * context of the changes and change sets they overlap, and only those.
 */
class ContextEventApiTest {

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static Api api;
  private static final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp.resolve("data"));
    api = new Api(node.url());
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  private static String unique(String base) {
    return base + ids.incrementAndGet();
  }

  static Api.Response postEvent(Api api, String json) {
    return api.post("/v1/events", json, "application/json");
  }

  private static JsonNode posted(String json) {
    Api.Response r = postEvent(api, json);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static JsonNode get(String pathAndQuery) {
    Api.Response r = api.get(pathAndQuery);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static void probe(String host) {
    Api.Response r = api.post("/v1/hosts/" + host + "/probe");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<String> eventIds(JsonNode events) {
    List<String> out = new ArrayList<>();
    if (events != null) {
      events.forEach(e -> out.add(e.get("id").asText()));
    }
    return out;
  }

  @Test
  void aDeployOverlappingAChangeIsInItsContextAndUnrelatedEventsAreNot() {
    String role = unique("ctx-web");
    String host = role + "-1";
    String other = role + "-2";
    FixtureHost base = FixtureHost.debian12();
    Path root = base.writeTo(tmp.resolve("hosts").resolve(host));
    base.writeTo(tmp.resolve("hosts").resolve(other));
    assertThat(api.registerLocal(host, root, "{\"role\":\"" + role + "/canary\"}").status())
        .isEqualTo(201);
    assertThat(
            api.registerLocal(other, tmp.resolve("hosts").resolve(other), "{\"role\":\"db\"}")
                .status())
        .isEqualTo(201);
    probe(host);
    probe(other);

    String deploy = unique("deploy-");
    String run = unique("cm-run-");
    posted(
        "{\"id\":\""
            + deploy
            + "\",\"type\":\"deploy\",\"who\":\"ci\",\"what\":\"web 1.4.2\",\"hosts\":[\""
            + host
            + "\"]}");
    posted(
        "{\"id\":\""
            + run
            + "\",\"type\":\"cm-run\",\"who\":\"puppet\",\"what\":\"#812\",\"selector\":\"role="
            + role
            + "\",\"at\":\"-2h\",\"until\":\"now\"}");
    String elsewhere =
        posted("{\"type\":\"deploy\",\"what\":\"db 2\",\"hosts\":[\"" + other + "\"]}")
            .get("id")
            .asText();
    String otherRole =
        posted("{\"type\":\"deploy\",\"what\":\"db 3\",\"selector\":\"role=db\"}")
            .get("id")
            .asText();
    String tooEarly =
        posted("{\"type\":\"note\",\"what\":\"yesterday's work\",\"at\":\"-3h\"}")
            .get("id")
            .asText();
    base.withPackage("nginx", "1.22.1-9+deb12u9").writeTo(root);
    probe(host);

    JsonNode changes = get("/v1/hosts/" + host + "/changes?prefix=package:nginx").get("changes");

    assertThat(changes).hasSize(1);
    JsonNode context = changes.get(0).get("context");
    assertThat(eventIds(context.get("events"))).containsExactlyInAnyOrder(deploy, run);
    assertThat(eventIds(context.get("events"))).doesNotContain(elsewhere, otherRole, tooEarly);
    JsonNode first = context.get("events").get(0);
    assertThat(first.has("type") && first.has("who") && first.has("what") && first.has("at"))
        .isTrue();

    JsonNode sets = get("/v1/changes?since=-1h&selector=" + q("role=" + role)).get("changeSets");
    assertThat(sets).hasSize(1);
    JsonNode setContext = sets.get(0).get("context");
    assertThat(eventIds(setContext.get("events"))).containsExactly(run, deploy);
    assertThat(setContext.get("summary").asText())
        .isEqualTo("on 1 host, during cm-run #812 and deploy web 1.4.2");

    // The listing: by host, by selector, by type.
    assertThat(eventIds(get("/v1/events?since=-4h&host=" + host).get("events")))
        .contains(deploy, run, tooEarly)
        .doesNotContain(elsewhere, otherRole);
    assertThat(eventIds(get("/v1/events?since=-4h&selector=" + q("role=db")).get("events")))
        .contains(elsewhere, otherRole, tooEarly)
        .doesNotContain(deploy, run);
    assertThat(eventIds(get("/v1/events?since=-4h&type=cm-run").get("events")))
        .contains(run)
        .doesNotContain(deploy, elsewhere);
  }

  @Test
  void aRepeatWithTheSameIdIsIdempotentAndAnotherBodyUnderItIsAConflict() {
    String id = unique("deploy-repeat-");
    // About a host of its own, so that it is nobody else's context.
    String body =
        "{\"id\":\"" + id + "\",\"type\":\"deploy\",\"what\":\"api 7\",\"hosts\":[\"api-9\"]}";

    Api.Response first = postEvent(api, body);
    Api.Response again = postEvent(api, body);
    Api.Response conflicting =
        postEvent(
            api,
            "{\"id\":\"" + id + "\",\"type\":\"deploy\",\"what\":\"api 8\",\"hosts\":[\"api-9\"]}");

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("at")).isEqualTo(first.json().get("at"));
    assertThat(conflicting.status()).as(conflicting.body()).isEqualTo(409);
    assertThat(conflicting.json().at("/detail/message").asText()).contains(id);
    assertThat(eventIds(get("/v1/events?since=-1h").get("events")))
        .filteredOn(id::equals)
        .hasSize(1);
  }

  @Test
  void badBodiesAreRefusedWith400NamingTheField() {
    String[][] cases = {
      {"{\"type\":\"reboot\",\"what\":\"x\"}", "type: unknown event type"},
      {"{\"type\":\"deploy\"}", "what: required"},
      {"{\"type\":\"deploy\",\"what\":\"x\",\"host\":\"a\"}", "unknown field \"host\""},
      {"{\"type\":\"deploy\",\"what\":\"x\",\"hosts\":[\"a;rm -rf /\"]}", "hosts[0]: invalid"},
      {"{\"type\":\"deploy\",\"what\":\"x\",\"hosts\":[\"a\"],\"selector\":\"role=a\"}", "hosts,"},
      {"{\"type\":\"deploy\",\"what\":\"x\",\"at\":\"-1h\",\"until\":\"-2h\"}", "until: "},
      {"{\"type\":\"deploy\",\"what\":\"x\",\"at\":\"2999-01-01T00:00:00Z\"}", "at: "},
      {"{\"type\":\"deploy\",\"what\":\"\\u0000\\u001b[2J\"}", "what: control characters"},
      {"not json", "invalid JSON body"},
      {"", "request body is empty"},
    };
    for (String[] c : cases) {
      Api.Response r = postEvent(api, c[0]);
      assertThat(r.status()).as(c[0] + " → " + r.body()).isEqualTo(400);
      assertThat(r.json().get("detail").asText()).as(c[0]).contains(c[1]);
    }
    Api.Response huge =
        postEvent(api, "{\"type\":\"note\",\"what\":\"" + "x".repeat(300_000) + "\"}");
    assertThat(huge.status()).as(huge.body()).isEqualTo(413);
    Api.Response badQuery = api.get("/v1/events?type=reboot");
    assertThat(badQuery.status()).isEqualTo(400);
    assertThat(badQuery.json().get("detail").asText()).startsWith("type: ");
    assertThat(api.get("/v1/events?since=never").json().get("detail").asText())
        .startsWith("since: ");
  }

  @Test
  void aChangeSetSaysWhoChangedItOnHowManyHostsAndDuringWhichRun() {
    String role = unique("ctx-apt");
    FixtureHost base = FixtureHost.debian12();
    List<String> hosts = List.of(role + "-1", role + "-2", role + "-3");
    for (String h : hosts) {
      Path root = base.writeTo(tmp.resolve("hosts").resolve(h));
      assertThat(api.registerLocal(h, root, "{\"role\":\"" + role + "\"}").status()).isEqualTo(201);
      probe(h);
    }
    posted(
        "{\"type\":\"cm-run\",\"who\":\"puppet\",\"what\":\"#812\",\"selector\":\"role="
            + role
            + "\",\"at\":\"-1m\",\"until\":\"now\"}");
    // Log time stamps have whole seconds.
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (String h : hosts) {
      base.withPackage("libc6", "2.36-9+deb12u10")
          .withAptHistory(
              LogLines.aptEntry(
                  start,
                  start.plusSeconds(4),
                  "apt-get upgrade -y",
                  "alice",
                  "Upgrade",
                  "libc6:amd64 (2.36-9+deb12u8, 2.36-9+deb12u10)"))
          .writeTo(tmp.resolve("hosts").resolve(h));
      probe(h);
    }

    JsonNode sets =
        get("/v1/changes?since=-1h&prefix=package:libc6&selector=" + q("role=" + role))
            .get("changeSets");

    assertThat(sets).hasSize(1);
    JsonNode context = sets.get(0).get("context");
    assertThat(context.at("/actors/0/actor").asText()).isEqualTo("alice");
    assertThat(context.at("/actors/0/hosts").asInt()).isEqualTo(3);
    assertThat(context.at("/actors/0/what").asText()).isEqualTo("apt-get upgrade -y");
    assertThat(context.get("summary").asText())
        .isEqualTo("apt-get upgrade -y by alice on 3 hosts, during cm-run #812");
  }
}
