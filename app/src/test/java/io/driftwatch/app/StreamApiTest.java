package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.node.testing.FixtureHost;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications end to end on a real node: real probes of fixture hosts produce the notices, real
 * HTTP clients read {@code /v1/stream}, and real local HTTP servers receive the webhooks.
 */
class StreamApiTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path tmp;

  private static final AtomicInteger ids = new AtomicInteger();
  private static WebhookReceiver retrying;
  private static WebhookReceiver fleet;
  private static WebhookReceiver flapping;
  private static DriftwatchNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    retrying = new WebhookReceiver(3);
    fleet = new WebhookReceiver(0);
    flapping = new WebhookReceiver(0);
    Map<String, Object> s = new HashMap<>();
    s.put("driftwatch.stream.client-buffer", 5000);
    s.put("driftwatch.stream.keep-alive", "1s");
    s.put("driftwatch.stream.change-set-window", "3s");
    s.put("driftwatch.stream.change-set-hosts", 5);
    s.put("driftwatch.stream.flap-changes", 3);
    s.put("driftwatch.stream.webhook.retry-first", "100ms");
    s.put("driftwatch.stream.webhook.retry-max", "1s");
    s.putAll(sink("retry", retrying, "role=retry", List.of("change", "change-set"), "json"));
    s.put("driftwatch.webhooks.retry.secret", "hmac-key-42");
    s.putAll(sink("fleet", fleet, "role=fleet", List.of("change", "change-set"), "json"));
    s.putAll(sink("flap", flapping, "role=flap", List.of("change", "flap"), "slack"));
    node = DriftwatchNode.start(TestNode.config(tmp.resolve("data"), s));
    api = new Api(node.url());
  }

  private static Map<String, Object> sink(
      String name, WebhookReceiver receiver, String selector, List<String> kinds, String format) {
    String at = "driftwatch.webhooks." + name + ".";
    return Map.of(
        at + "url", receiver.url("/hook/" + name + "?token=t0ps3cret"),
        at + "selector", selector,
        at + "kinds", kinds,
        at + "format", format);
  }

  @AfterAll
  static void stop() {
    node.stop();
    retrying.close();
    fleet.close();
    flapping.close();
  }

  /** A fixture host registered and probed once (its first probe is a snapshot: no changes). */
  private record Host(String name, Path root) {}

  private static Host host(String base, String role, FixtureHost facts) throws Exception {
    String name = base + "-" + ids.incrementAndGet();
    Path root = tmp.resolve("hosts").resolve(name);
    facts.writeTo(root);
    Api.Response r = api.registerLocal(name, root, "{\"role\":\"" + role + "\"}");
    assertThat(r.status()).as(r.body()).isIn(200, 201);
    probe(name);
    return new Host(name, root);
  }

  private static int probe(String name) {
    Api.Response r = api.post("/v1/hosts/" + name + "/probe");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("changes").asInt();
  }

  private static int change(Host host, FixtureHost facts) {
    facts.writeTo(host.root());
    return probe(host.name());
  }

  private static FixtureHost withPackages(int from, int to) {
    FixtureHost h = FixtureHost.debian12();
    for (int i = from; i < to; i++) {
      h = h.withPackage("pkg-" + i, "1." + i);
    }
    return h;
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void aClientReconnectingWithLastEventIdAcross1000EventsLosesNothingAndRepeatsNothing()
      throws Exception {
    Host big = host("big", "big", FixtureHost.debian12());
    String path = "/v1/stream?kinds=change&selector=" + q("name=" + big.name());
    try (SseClient all = SseClient.connect(node.url(), path, null)) {
      SseClient first = SseClient.connect(node.url(), path, null);
      int firstBatch = change(big, withPackages(0, 600));
      List<SseClient.Event> before = first.next(300, WAIT);
      first.close(); // mid-way: 300 of the first batch read, the rest and a second batch missed
      int secondBatch = change(big, withPackages(0, 1100));
      int total = firstBatch + secondBatch;
      assertThat(total).isGreaterThanOrEqualTo(1000);

      String last = before.get(before.size() - 1).id();
      List<SseClient.Event> after;
      try (SseClient resumed = SseClient.connect(node.url(), path, last)) {
        after = resumed.next(total - before.size(), WAIT);
        // Nothing more: a later event is the next one, not a repeat.
        Host marker = big;
        change(marker, withPackages(0, 1100).withSysctl("vm.swappiness", "11"));
        assertThat(resumed.next(WAIT).data().get("key").asText()).contains("vm.swappiness");
      }
      List<SseClient.Event> reference = all.next(total + 1, WAIT);

      List<Long> got = new ArrayList<>();
      before.forEach(e -> got.add(e.idNumber()));
      after.forEach(e -> got.add(e.idNumber()));
      List<Long> expected =
          reference.subList(0, total).stream().map(SseClient.Event::idNumber).toList();
      assertThat(got).hasSize(total).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
      assertThat(expected).isSorted();
      assertThat(before.get(0).kind()).isEqualTo("change");
      assertThat(before.get(0).data().get("host").asText()).isEqualTo(big.name());
      assertThat(before.get(0).data().has("detectedAt")).isTrue();
      assertThat(before.get(0).data().at("/window/from").asText()).isNotEmpty();
    }
  }

  @Test
  void kindsAndSelectorPickTheEvents() throws Exception {
    Host web = host("kw", "kweb", FixtureHost.debian12());
    Host db = host("kd", "kdb", FixtureHost.debian12());
    try (SseClient webChanges =
            SseClient.connect(node.url(), "/v1/stream?kinds=change&selector=role%3Dkweb", null);
        SseClient statuses =
            SseClient.connect(
                node.url(), "/v1/stream?kinds=host-status&selector=role%3Dkdb", null)) {
      change(db, FixtureHost.debian12().withSysctl("vm.swappiness", "1"));
      change(web, FixtureHost.debian12().withSysctl("vm.swappiness", "2"));
      SseClient.Event e = webChanges.next(WAIT);
      assertThat(e.data().get("host").asText()).isEqualTo(web.name());
      assertThat(e.data().get("new").asText()).isEqualTo("2");

      // The db host is lost: its root disappears.
      java.nio.file.Files.move(db.root(), db.root().resolveSibling(db.name() + "-gone"));
      api.post("/v1/hosts/" + db.name() + "/probe");
      SseClient.Event lost = statuses.next(WAIT);
      assertThat(lost.kind()).isEqualTo("host-status");
      assertThat(lost.data().get("host").asText()).isEqualTo(db.name());
      assertThat(lost.data().get("status").asText()).isEqualTo("unreachable");
      assertThat(lost.data().get("previous").asText()).isEqualTo("ok");
      assertThat(lost.data().get("detail").asText()).isNotEmpty();
    }
  }

  @Test
  void badParametersAre400sBeforeTheStreamStarts() {
    for (String query :
        List.of("kinds=change,nonsense", "selector=role", "lastEventId=yesterday")) {
      Api.Response r = api.get("/v1/stream?" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.json().get("error").asText()).isNotEmpty();
    }
  }

  @Test
  void aWebhookThatFailsThreeTimesThenSucceedsGetsEachEventOnce() throws Exception {
    Host h = host("retry", "retry", FixtureHost.debian12());
    change(h, FixtureHost.debian12().withSysctl("vm.swappiness", "3").withSysctl("vm.x", "1"));
    change(h, FixtureHost.debian12().withSysctl("vm.swappiness", "4").withSysctl("vm.x", "1"));
    Eventually.within(
        WAIT,
        () -> {
          List<String> keys =
              retrying.accepted().stream().map(p -> p.body().at("/data/new").asText()).toList();
          assertThat(keys).containsExactlyInAnyOrder("3", "1", "4");
        });
    assertThat(retrying.posts()).hasSize(3 + 3);
    List<String> acceptedIds = retrying.accepted().stream().map(p -> p.eventId()).toList();
    assertThat(acceptedIds).doesNotHaveDuplicates();
    assertThat(retrying.accepted())
        .allSatisfy(
            p -> {
              assertThat(p.body().get("id").asText()).isEqualTo(p.eventId());
              assertThat(p.body().get("kind").asText()).isEqualTo("change");
              assertThat(p.signature()).startsWith("sha256=");
            });
    // The sink's URL holds a token: neither it nor the secret is shown back.
    assertThat(api.get("/v1/hosts").body()).doesNotContain("t0ps3cret");
  }

  @Test
  void aChangeOnTenHostsIsOneChangeSetWebhook() throws Exception {
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      hosts.add(host("fleet", "fleet", FixtureHost.debian12()));
    }
    try (SseClient sets = SseClient.connect(node.url(), "/v1/stream?selector=role%3Dfleet", null)) {
      FixtureHost changed = FixtureHost.debian12().withPackage("openssl", "3.0.99");
      CompletableFuture.allOf(
              hosts.stream()
                  .map(h -> CompletableFuture.runAsync(() -> change(h, changed)))
                  .toArray(CompletableFuture[]::new))
          .join();
      SseClient.Event set = sets.next(WAIT);
      assertThat(set.kind()).isEqualTo("change-set");
      assertThat(set.data().get("hosts")).hasSize(10);
      Eventually.within(WAIT, () -> assertThat(fleet.accepted()).isNotEmpty());
      assertThat(fleet.accepted()).hasSize(1);
      JsonNode body = fleet.accepted().get(0).body();
      assertThat(body.get("kind").asText()).isEqualTo("change-set");
      assertThat(body.at("/data/new").asText()).contains("3.0.99");
      Set<String> names = new HashSet<>();
      body.at("/data/hosts").forEach(n -> names.add(n.asText()));
      assertThat(names).isEqualTo(new HashSet<>(hosts.stream().map(Host::name).toList()));
    }
  }

  @Test
  void aFlappingKeyIsReportedOnceAndHeldBackFromWebhooks() throws Exception {
    Host h = host("flap", "flap", FixtureHost.debian12());
    try (SseClient flaps =
        SseClient.connect(node.url(), "/v1/stream?kinds=flap&selector=role%3Dflap", null)) {
      for (int i = 0; i < 6; i++) {
        change(h, FixtureHost.debian12().withSysctl("vm.swappiness", i % 2 == 0 ? "1" : "2"));
      }
      SseClient.Event flap = flaps.next(WAIT);
      assertThat(flap.data().get("key").asText()).isEqualTo("sysctl:vm.swappiness");
      // A marker change on another key: once its webhook arrives, anything held back would have.
      change(
          h, FixtureHost.debian12().withSysctl("vm.swappiness", "2").withSysctl("vm.marker", "1"));
      Eventually.within(WAIT, () -> assertThat(String.join("\n", lines())).contains("vm.marker"));
      List<String> lines = lines();
      assertThat(lines.stream().filter(l -> l.startsWith("flap "))).hasSize(1);
      // The two changes before the third made it a flap; none after.
      assertThat(lines.stream().filter(l -> l.contains("vm.swappiness") && l.startsWith("change")))
          .as(lines.toString())
          .hasSize(2);
    }
  }

  @Test
  void theWebSocketVariantSendsTheSameEventsAndResumes() throws Exception {
    Host h = host("ws", "ws", FixtureHost.debian12());
    String query = "?kinds=change&selector=" + q("name=" + h.name());
    BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              messages.add(parse(text.toString()));
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }
        };
    WebSocket ws = webSocket("/v1/stream/ws" + query, listener);
    change(h, FixtureHost.debian12().withSysctl("vm.swappiness", "7"));
    JsonNode first = poll(messages);
    assertThat(first.get("kind").asText()).isEqualTo("change");
    assertThat(first.at("/data/host").asText()).isEqualTo(h.name());
    assertThat(first.at("/data/new").asText()).isEqualTo("7");
    long id = first.get("id").asLong();
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

    change(h, FixtureHost.debian12().withSysctl("vm.swappiness", "8"));
    BlockingQueue<JsonNode> resumed = messages;
    resumed.clear();
    WebSocket again = webSocket("/v1/stream/ws" + query + "&lastEventId=" + id, listener);
    JsonNode missed = poll(resumed);
    assertThat(missed.get("id").asLong()).isGreaterThan(id);
    assertThat(missed.at("/data/new").asText()).isEqualTo("8");
    again.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void watchPrintsOneLinePerEventAndJsonWithJson() throws Exception {
    Host h = host("cli", "cliwatch", FixtureHost.debian12());
    CompletableFuture<CliTest.Result> human =
        CompletableFuture.supplyAsync(
            () ->
                CliTest.run(
                    "watch",
                    "name=" + h.name(),
                    "--kinds",
                    "change",
                    "--count",
                    "1",
                    "--server",
                    node.url()));
    CompletableFuture<CliTest.Result> json =
        CompletableFuture.supplyAsync(
            () ->
                CliTest.run(
                    "watch",
                    "name=" + h.name(),
                    "--kinds",
                    "change",
                    "--count",
                    "1",
                    "--json",
                    "--server",
                    node.url()));
    // Changes until both have shown one: a change before a watcher connected is not shown to it.
    AtomicInteger value = new AtomicInteger(90);
    Eventually.within(
        WAIT,
        () -> {
          change(
              h,
              FixtureHost.debian12()
                  .withSysctl("vm.swappiness", Integer.toString(value.incrementAndGet())));
          assertThat(human.isDone() && json.isDone()).isTrue();
        });
    CliTest.Result line = human.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(line.code()).as(line.err()).isZero();
    assertThat(line.out()).contains("change " + h.name() + " sysctl:vm.swappiness").contains("→ 9");
    assertThat(line.out().strip().lines()).hasSize(1);
    CliTest.Result object = json.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode parsed = parse(object.out().strip());
    assertThat(parsed.get("kind").asText()).isEqualTo("change");
    assertThat(parsed.at("/data/new").asText()).startsWith("9");
    assertThat(parsed.get("id").asText()).isNotEmpty();

    CliTest.Result bad = CliTest.run("watch", "--kinds", "nope", "--server", node.url());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("kinds");
  }

  @Test
  void webhooksDefinedThroughTheApiAreStoredDeliveredAndRemoved() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      String body =
          "{\"url\":\""
              + receiver.url("/api-hook?token=t0ps3cret")
              + "\",\"kinds\":[\"change\"],\"selector\":\"role=apihook\",\"secret\":\"k\"}";
      Api.Response put = api.put("/v1/webhooks/api-hook", body);
      assertThat(put.status()).as(put.body()).isEqualTo(200);
      assertThat(put.json().get("secret").asText()).isEqualTo("(set)");

      Api.Response list = api.get("/v1/webhooks");
      assertThat(list.status()).isEqualTo(200);
      List<String> names = new ArrayList<>();
      list.json().get("webhooks").forEach(w -> names.add(w.get("name").asText()));
      assertThat(names).contains("api-hook", "retry", "fleet", "flap");
      assertThat(list.body()).doesNotContain("hmac-key-42");

      Host h = host("apihook", "apihook", FixtureHost.debian12());
      AtomicInteger value = new AtomicInteger(20);
      // The dispatcher re-reads the sinks after the PUT: changes until one is delivered.
      Eventually.within(
          WAIT,
          () -> {
            if (receiver.accepted().isEmpty()) {
              change(
                  h,
                  FixtureHost.debian12()
                      .withSysctl("vm.swappiness", Integer.toString(value.incrementAndGet())));
            }
            assertThat(receiver.accepted()).isNotEmpty();
          });
      assertThat(receiver.accepted().get(0).body().at("/data/host").asText()).isEqualTo(h.name());

      assertThat(api.put("/v1/webhooks/retry", body).status()).isEqualTo(409);
      assertThat(api.put("/v1/webhooks/bad", "{\"url\":\"ftp://x\"}").status()).isEqualTo(400);
      assertThat(api.delete("/v1/webhooks/api-hook").status()).isEqualTo(204);
      assertThat(api.get("/v1/webhooks/api-hook").status()).isEqualTo(404);
      assertThat(api.delete("/v1/webhooks/api-hook").status()).isEqualTo(404);
    }
  }

  private static WebSocket webSocket(String path, WebSocket.Listener listener) {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(URI.create(node.url().replace("http:", "ws:") + path), listener)
        .join();
  }

  private static JsonNode poll(BlockingQueue<JsonNode> messages) throws InterruptedException {
    JsonNode m = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(m).as("a message within " + WAIT).isNotNull();
    return m;
  }

  private static JsonNode parse(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> lines() {
    List<String> lines = new ArrayList<>();
    flapping
        .accepted()
        .forEach(p -> lines.addAll(List.of(p.body().get("text").asText().split("\n"))));
    return lines;
  }
}
