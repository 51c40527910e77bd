package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.node.notify.Notice;
import io.driftwatch.node.testing.FixtureHost;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift on fixture fleets through the HTTP API of a real node: the peers baseline, expectations
 * (and subroles), exceptions, time and golden baselines, severities, and the tracker's notices.
 */
class DriftApiTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LIBC_NEW = "2.36-9+deb12u8";
  private static final String LIBC_OLD = "2.36-9+deb12u3";

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static Api api;
  private static final ConcurrentLinkedQueue<Notice> notices = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void start() {
    node =
        DriftwatchNode.start(
            TestNode.config(tmp.resolve("data"), Map.of("driftwatch.drift.interval", "300ms")),
            notices::add);
    api = new Api(node.url());
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  private static String role(String base) {
    return base + ids.incrementAndGet();
  }

  private static Path write(String name, FixtureHost host) {
    return host.writeTo(tmp.resolve("hosts").resolve(name));
  }

  private static void register(String name, FixtureHost host, String role) {
    api.registerFixture(name, host, tmp.resolve("hosts"), role);
  }

  private static Instant probe(String name) {
    return api.probe(name);
  }

  /**
   * Registers and probes {@code count} hosts ROLE-1.. of the role, each as {@code host} makes it.
   */
  private static List<String> fleet(
      String role, int count, java.util.function.IntFunction<FixtureHost> host) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String name = role.replace('/', '-') + "-" + i;
      register(name, host.apply(i), role);
      names.add(name);
    }
    names.forEach(DriftApiTest::probe);
    return names;
  }

  private static JsonNode drift(String query) {
    Api.Response r = api.get("/v1/drift" + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Each finding as "host key actual->expected source/baseline severity". */
  private static List<String> lines(JsonNode drift) {
    List<String> lines = new ArrayList<>();
    for (JsonNode f : drift.get("findings")) {
      lines.add(
          f.get("host").asText()
              + " "
              + f.get("key").asText()
              + " "
              + f.get("actual").asText()
              + "->"
              + f.get("expected").asText()
              + " "
              + f.get("source").asText()
              + "/"
              + f.get("baseline").asText()
              + " "
              + f.get("severity").asText());
    }
    return lines;
  }

  private static void putExpectation(String name, String json) {
    put("/v1/expectations/" + name, json);
  }

  private static void putBaseline(String name, String json) {
    put("/v1/baselines/" + name, json);
  }

  private static void putException(String id, String json) {
    put("/v1/exceptions/" + id, json);
  }

  private static void put(String path, String json) {
    Api.Response r = api.put(path, json);
    assertThat(r.status()).as(r.body()).isIn(200, 201);
  }

  @Test
  void peersFlagExactlyTheFourOfNineThatDifferAndNothingVolatile() throws Exception {
    String role = role("dr-db");
    List<String> hosts =
        fleet(
            role,
            9,
            i -> FixtureHost.debian12().withPackage("libc6", i <= 4 ? LIBC_OLD : LIBC_NEW));

    JsonNode drift = drift("?selector=" + q("role=" + role));

    assertThat(drift.get("hosts").asInt()).isEqualTo(9);
    assertThat(drift.get("answered").asInt()).isEqualTo(9);
    assertThat(drift.get("missing")).isEmpty();
    assertThat(lines(drift))
        .containsExactly(
            hosts.get(0) + " package:libc6 " + LIBC_OLD + "->" + LIBC_NEW + " peers/null medium",
            hosts.get(1) + " package:libc6 " + LIBC_OLD + "->" + LIBC_NEW + " peers/null medium",
            hosts.get(2) + " package:libc6 " + LIBC_OLD + "->" + LIBC_NEW + " peers/null medium",
            hosts.get(3) + " package:libc6 " + LIBC_OLD + "->" + LIBC_NEW + " peers/null medium");
    // Held since the first probe: no change of the key recorded.
    assertThat(drift.get("findings").get(0).get("since").isNull()).isTrue();

    // One of the five moves away after its first probe: since is the change's detection time. A
    // selector picking one host still judges it against its whole role.
    write(
        hosts.get(8),
        FixtureHost.debian12().withPackage("libc6", LIBC_NEW).withSysctl("vm.swappiness", "10"));
    Instant changed = probe(hosts.get(8));
    JsonNode after = drift("?selector=" + q("name=" + hosts.get(8)));
    assertThat(after.get("hosts").asInt()).isEqualTo(1);
    assertThat(lines(after))
        .containsExactly(hosts.get(8) + " sysctl:vm.swappiness 10->60 peers/null low");
    assertThat(Instant.parse(after.get("findings").get(0).get("since").asText()))
        .isEqualTo(changed);
  }

  @Test
  void anExpectationViolatedThenFixedIsAFindingThenNoneAndTheTrackerSaysSo() throws Exception {
    String role = role("dr-ssh");
    List<String> hosts =
        fleet(
            role,
            3,
            i ->
                i == 2
                    ? FixtureHost.debian12().withPackage("openssh-server", "1:9.2p1-2+deb12u2")
                    : FixtureHost.debian12().withPackage("openssh-server", "1:9.2p1-2+deb12u3"));
    String name = "ssh-" + role;
    putExpectation(
        name,
        "{\"selector\":\"role="
            + role
            + "\",\"key\":\"package:openssh-server\",\"op\":\"ge\",\"value\":\"1:9.2p1-2+deb12u3\"}");
    String finding =
        hosts.get(1)
            + " package:openssh-server 1:9.2p1-2+deb12u2->>= 1:9.2p1-2+deb12u3 expectation/"
            + name
            + " medium";

    Eventually.within(
        DEADLINE,
        () -> assertThat(lines(drift("?selector=" + q("role=" + role)))).contains(finding));
    Eventually.within(
        DEADLINE, () -> assertThat(notices(hosts.get(1), "drift", "expectation")).hasSize(1));
    Notice appeared = notices(hosts.get(1), "drift", "expectation").get(0);
    assertThat(appeared.tags()).containsEntry("role", role);
    JsonNode data = JSON.readTree(appeared.json());
    assertThat(data.get("key").asText()).isEqualTo("package:openssh-server");
    assertThat(data.get("source").asText()).isEqualTo("expectation");
    assertThat(data.get("baseline").asText()).isEqualTo(name);

    write(hosts.get(1), FixtureHost.debian12().withPackage("openssh-server", "1:9.2p1-2+deb12u3"));
    probe(hosts.get(1));

    assertThat(drift("?selector=" + q("role=" + role)).get("findings")).isEmpty();
    Eventually.within(
        DEADLINE,
        () -> assertThat(notices(hosts.get(1), "drift-resolved", "expectation")).hasSize(1));
    assertThat(JSON.readTree(notices(hosts.get(1), "drift-resolved", "expectation").get(0).json()))
        .isEqualTo(data);
    assertThat(notices(hosts.get(1), "drift", "expectation")).hasSize(1);
  }

  /** The tracker's notices of {@code kind} about {@code host}'s findings from {@code source}. */
  private static List<Notice> notices(String host, String kind, String source) {
    return notices.stream()
        .filter(n -> n.host().equals(host) && n.kind().equals(kind))
        .filter(n -> n.json().contains("\"source\":\"" + source + "\""))
        .toList();
  }

  @Test
  void anExceptionSilencesAFindingUntilItExpires() throws Exception {
    String role = role("dr-exc");
    List<String> hosts =
        fleet(
            role, 4, i -> FixtureHost.debian12().withSysctl("vm.swappiness", i == 3 ? "10" : "60"));
    String odd = hosts.get(2);
    String selector = "?selector=" + q("role=" + role);
    assertThat(lines(drift(selector)))
        .containsExactly(odd + " sysctl:vm.swappiness 10->60 peers/null low");

    Instant expires = Instant.now().plusSeconds(4);
    String id = "swap-" + role;
    putException(
        id,
        "{\"selector\":\"name="
            + odd
            + "\",\"key\":\"sysctl:vm.*\",\"owner\":\"alice\",\"reason\":\"benchmark host\","
            + "\"expires\":\""
            + expires
            + "\"}");

    Eventually.within(DEADLINE, () -> assertThat(drift(selector).get("findings")).isEmpty());
    JsonNode excepted = drift(selector + "&includeExcepted=true");
    if (Instant.now().isBefore(expires)) {
      assertThat(excepted.get("findings")).hasSize(1);
      assertThat(excepted.get("findings").get(0).get("exception").asText()).isEqualTo(id);
    }
    // Expired: the drift is back, without the exception.
    Eventually.within(
        DEADLINE,
        () ->
            assertThat(lines(drift(selector)))
                .containsExactly(odd + " sysctl:vm.swappiness 10->60 peers/null low"));
    assertThat(drift(selector).get("findings").get(0).has("exception")).isFalse();
  }

  @Test
  void aSubroleIsItsOwnPeerGroupAndFollowsItsOwnExpectation() throws Exception {
    String role = role("dr-web");
    String canary = role + "/canary";
    List<String> web =
        fleet(
            role, 4, i -> FixtureHost.debian12().withSysctl("vm.swappiness", i == 4 ? "10" : "60"));
    List<String> canaries =
        fleet(
            canary,
            3,
            i -> FixtureHost.debian12().withSysctl("vm.swappiness", i == 3 ? "60" : "10"));
    String selector = "?selector=" + q("role=" + role);

    // Peers: each group against itself (the canaries' 10 is not drift against web's 60).
    assertThat(lines(drift(selector)))
        .containsExactlyInAnyOrder(
            canaries.get(2) + " sysctl:vm.swappiness 60->10 peers/null low",
            web.get(3) + " sysctl:vm.swappiness 10->60 peers/null low");

    putExpectation(
        "swap-" + role.replace('/', '-'),
        "{\"selector\":\"role="
            + role
            + "\",\"key\":\"sysctl:vm.swappiness\",\"op\":\"eq\",\"value\":\"60\"}");
    putExpectation(
        "swap-canary-" + role,
        "{\"selector\":\"role="
            + canary
            + "\",\"key\":\"sysctl:vm.swappiness\",\"op\":\"eq\",\"value\":\"10\",\"severity\":\"high\"}");

    // The nearest role wins: canaries are held to 10, the rest of web to 60.
    Eventually.within(
        DEADLINE,
        () ->
            assertThat(lines(drift(selector)))
                .containsExactlyInAnyOrder(
                    canaries.get(2)
                        + " sysctl:vm.swappiness 60->10 expectation/swap-canary-"
                        + role
                        + " high",
                    canaries.get(2) + " sysctl:vm.swappiness 60->10 peers/null low",
                    web.get(3) + " sysctl:vm.swappiness 10->60 expectation/swap-" + role + " low",
                    web.get(3) + " sysctl:vm.swappiness 10->60 peers/null low"));
  }

  @Test
  void timeAndGoldenBaselinesCompareWithThePastAndWithAnotherHost() throws Exception {
    String role = role("dr-gold");
    List<String> hosts = fleet(role, 3, i -> FixtureHost.debian12());
    String changed = hosts.get(1);
    Instant before = Instant.now();
    write(changed, FixtureHost.debian12().withPackage("curl", "7.88.1-10+deb12u9"));
    probe(changed);

    String past = "past-" + role;
    putBaseline(
        past,
        "{\"selector\":\"name=" + changed + "\",\"kind\":\"time\",\"at\":\"" + before + "\"}");
    String golden = "golden-" + role;
    putBaseline(
        golden,
        "{\"selector\":\"role="
            + role
            + "\",\"kind\":\"golden\",\"host\":\""
            + hosts.get(0)
            + "\"}");

    Eventually.within(
        DEADLINE,
        () ->
            assertThat(lines(drift("?selector=" + q("role=" + role) + "&baseline=" + past)))
                .containsExactly(
                    changed
                        + " package:curl 7.88.1-10+deb12u9->7.88.1-10+deb12u7 baseline/"
                        + past
                        + " medium"));
    JsonNode goldenDrift = drift("?selector=" + q("role=" + role) + "&baseline=" + golden);
    assertThat(lines(goldenDrift))
        .containsExactly(
            changed
                + " package:curl 7.88.1-10+deb12u9->7.88.1-10+deb12u7 baseline/"
                + golden
                + " medium");
    assertThat(goldenDrift.get("hosts").asInt()).isEqualTo(3);

    // Without ?baseline, the registered baselines judge the hosts their selectors pick instead of
    // the role's peers.
    assertThat(lines(drift("?selector=" + q("role=" + role))))
        .containsExactlyInAnyOrder(
            changed
                + " package:curl 7.88.1-10+deb12u9->7.88.1-10+deb12u7 baseline/"
                + past
                + " medium",
            changed
                + " package:curl 7.88.1-10+deb12u9->7.88.1-10+deb12u7 baseline/"
                + golden
                + " medium");
  }

  @Test
  void aNewUidZeroUserRanksHighAndFirst() {
    String role = role("dr-uid");
    List<String> hosts =
        fleet(
            role,
            4,
            i -> {
              FixtureHost h = FixtureHost.debian12();
              if (i == 2) {
                h = h.withUser("toor", 0, 0, "/root", "/bin/bash");
              }
              return i == 3 ? h.withPackage("libc6", LIBC_OLD) : h;
            });

    JsonNode drift = drift("?selector=" + q("role=" + role));
    assertThat(lines(drift))
        .containsExactly(
            hosts.get(1)
                + " user:toor uid=0 gid=0 home=/root shell=/bin/bash->null peers/null high",
            hosts.get(2) + " package:libc6 " + LIBC_OLD + "->" + LIBC_NEW + " peers/null medium");
    assertThat(lines(drift("?selector=" + q("role=" + role) + "&severity=high"))).hasSize(1);
  }

  @Test
  void badParametersAre400AndUnknownHostsOrBaselines404() {
    assertThat(api.get("/v1/drift?includeExcepted=maybe").status()).isEqualTo(400);
    assertThat(api.get("/v1/drift?severity=urgent").status()).isEqualTo(400);
    assertThat(api.get("/v1/drift?selector=" + q("role")).status()).isEqualTo(400);
    assertThat(api.get("/v1/drift?baseline=" + q("no such")).status()).isEqualTo(400);
    Api.Response none = api.get("/v1/drift?selector=" + q("role=nothing-here"));
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.json().get("error").asText()).isNotBlank();
    fleet(role("dr-404"), 1, i -> FixtureHost.debian12());
    assertThat(api.get("/v1/drift?baseline=never-registered").status()).isEqualTo(404);
  }
}
