package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import io.driftwatch.node.testing.Await;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Cassandra outage: the test starts a Cassandra node of its own through the project's script
 * (the node other tests share is never touched), stops it while a Driftwatch node on it probes
 * fixture hosts, and starts it again. Probing and the current-state API go on meanwhile, history
 * queries say the store is unavailable, and afterwards every change is in history once, in order,
 * exactly as a node on the embedded store doing the same steps recorded it.
 */
class CassandraOutageTest {

  /** Long enough for the driver to reconnect (at most 10 s apart) and the spool to drain. */
  private static final Duration RECOVERY = Duration.ofSeconds(90);

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> HOSTS = List.of("web-1", "web-2", "web-3");

  private static OwnCassandra cassandra;

  @TempDir Path tmp;
  private final Keyspace keyspace = LocalCassandra.uniqueKeyspace("outage");
  private final List<DriftwatchNode> nodes = new ArrayList<>();

  @BeforeAll
  static void createNode() {
    cassandra = OwnCassandra.in(Path.of("target", "outage-cassandra"));
  }

  @BeforeEach
  void startCassandra() {
    report("started (or found running)", cassandra.start());
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(DriftwatchNode::stop);
  }

  @AfterAll
  static void stopCassandra() {
    report("stopped at the end", cassandra.stop());
  }

  private static void report(String what, Duration took) {
    System.out.printf("own Cassandra %s in %d ms%n", what, took.toMillis());
  }

  @Test
  void probingAndCurrentStateGoOnThroughAnOutageAndHistoryMissesNothingAfterIt() {
    Fleet embedded =
        new Fleet("embedded", start(TestNode.config(tmp.resolve("embedded-data"))), "2s");
    Fleet onCassandra = new Fleet("cassandra", start(cassandraConfig(tmp.resolve("data"))), "2s");
    List<Fleet> both = List.of(embedded, onCassandra);
    both.forEach(Fleet::registerAll);

    step(both, "web-1", h -> h.withSysctl("vm.swappiness", "10"));
    step(both, "web-2", h -> h.withPackage("curl", "7.88.1-10+deb12u99"));
    Api api = onCassandra.api;
    assertThat(api.get("/v1/health").json().get("degraded").asBoolean()).isFalse();

    report("stopped (outage begins)", cassandra.stop());
    step(both, "web-1", h -> h.withSysctl("vm.swappiness", "20"));
    JsonNode down = api.get("/v1/health").json();
    assertThat(down.get("status").asText()).isEqualTo("ok");
    assertThat(down.get("degraded").asBoolean()).isTrue();
    assertThat(down.get("hosts").isNull()).as("no host count without the store").isTrue();
    assertThat(down.at("/store/available").asBoolean()).isFalse();
    assertThat(down.at("/store/spool/records").asLong()).isPositive();
    assertThat(down.at("/store/spool/lastError").asText()).isNotBlank();
    String metrics = api.get("/metrics").body();
    assertThat(metrics).contains("\ndriftwatch_store_available 0\n");
    assertThat(metrics).doesNotContain("\ndriftwatch_spool_records 0\n");

    // Scheduled probes go on too: a host nobody asks about is probed again while the store is down.
    Instant seen = Instant.parse(host(api, "web-3").get("lastProbe").asText());
    Await.until(
        WAIT,
        "a scheduled probe of web-3 during the outage",
        () -> Instant.parse(host(api, "web-3").get("lastProbe").asText()).isAfter(seen));

    step(both, "web-3", h -> h.withUser("mallory", 0, 0, "/root", "/bin/bash"));
    step(both, "web-2", h -> h.withPackage("curl", "7.88.1-10+deb12u100"));
    step(both, "web-1", h -> h.withPackage("htop", "3.2.2-2"));
    step(both, "web-3", h -> h.withSysctl("net.ipv4.ip_forward", "1"));
    onTheApiDuringTheOutage(onCassandra);

    report("started again (outage ends)", cassandra.start());
    long back = System.nanoTime();
    awaitDrained(api);
    System.out.printf(
        "spool drained %d ms after local-cassandra start returned%n",
        Duration.ofNanos(System.nanoTime() - back).toMillis());
    assertThat(api.get("/metrics").body())
        .contains("\ndriftwatch_store_available 1\n")
        .contains("\ndriftwatch_spool_records 0\n");

    // What the store refused during the outage did not happen: web-4 unknown, web-3 monitored.
    assertThat(api.get("/v1/hosts").json().get("hosts"))
        .extracting(h -> h.get("name").asText())
        .isEqualTo(HOSTS);
    assertThat(api.get("/v1/hosts/web-4").status()).isEqualTo(404);

    step(both, "web-2", h -> h.withoutPackage("curl"));
    step(both, "web-1", h -> h.withSysctl("vm.swappiness", "30"));

    for (String name : HOSTS) {
      List<JsonNode> changes = changes(api, name);
      assertThat(kept(changes))
          .as("changes of %s", name)
          .isEqualTo(kept(changes(embedded.api, name)));
      assertThat(changes).as("changes of %s", name).hasSize(onCassandra.stepsOf(name));
      Set<String> ids = new HashSet<>();
      changes.forEach(c -> assertThat(ids.add(c.get("id").asText())).as("unique id").isTrue());
      assertThat(changes).extracting(c -> Instant.parse(c.get("detectedAt").asText())).isSorted();
    }
    for (int i = 0; i < onCassandra.steps.size(); i++) {
      Step onC = onCassandra.steps.get(i);
      Step onE = embedded.steps.get(i);
      assertThat(factsAt(api, onC))
          .as("state of %s after step %d", onC.host, i + 1)
          .isEqualTo(factsAt(embedded.api, onE))
          .containsAllEntriesOf(onC.expected);
    }
    for (String name : HOSTS) {
      assertThat(api.get("/v1/hosts/" + name + "/facts").json().get("facts"))
          .isEqualTo(embedded.api.get("/v1/hosts/" + name + "/facts").json().get("facts"));
    }
  }

  /** What works and what says why not, while Cassandra is down. */
  private void onTheApiDuringTheOutage(Fleet fleet) {
    Api api = fleet.api;
    Api.Response listed = api.get("/v1/hosts");
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.json().get("hosts")).extracting(h -> h.get("name").asText()).isEqualTo(HOSTS);
    assertThat(api.get("/v1/hosts/web-1").status()).isEqualTo(200);
    Api.Response facts = api.get("/v1/hosts/web-1/facts?prefix=package:htop");
    assertThat(facts.status()).as(facts.body()).isEqualTo(200);
    assertThat(facts.json().at("/facts/package:htop").asText()).isEqualTo("3.2.2-2");
    assertThat(api.get("/v1/diff?left=web-1&right=web-2").status()).isEqualTo(200);

    Api.Response changes = api.get("/v1/hosts/web-1/changes");
    assertThat(changes.status()).as(changes.body()).isEqualTo(503);
    assertThat(changes.json().get("detail").asText())
        .contains("history of host web-1 is unavailable")
        .contains("store [cassandra]");
    Api.Response past = api.get("/v1/hosts/web-1/facts?at=-1s");
    assertThat(past.status()).as(past.body()).isEqualTo(503);
    assertThat(past.json().get("detail").asText()).contains("store [cassandra]");

    // A new host cannot be registered (the registry is in the store), and says so.
    LiveRoot extra = new LiveRoot(tmp.resolve("extra"));
    extra.show(FixtureHost.debian12());
    Api.Response registered = api.registerLocal("web-4", extra.root(), "{}");
    assertThat(registered.status()).as(registered.body()).isEqualTo(503);
    assertThat(registered.json().get("detail").asText())
        .contains("host web-4 is not registered")
        .contains("store [cassandra]");
    Api.Response removed = api.delete("/v1/hosts/web-3");
    assertThat(removed.status()).as(removed.body()).isEqualTo(503);
    assertThat(host(api, "web-3").get("name").asText()).isEqualTo("web-3");
  }

  @Test
  void aNodeStoppedWithRecordsSpooledWritesThemAfterItsRestart() {
    Path data = tmp.resolve("data");
    Fleet fleet = new Fleet("cassandra", start(cassandraConfig(data)), "1h");
    fleet.registerAll();
    report("stopped (outage begins)", cassandra.stop());
    step(List.of(fleet), "web-1", h -> h.withSysctl("vm.swappiness", "10"));
    step(List.of(fleet), "web-2", h -> h.withPackage("curl", "7.88.1-10+deb12u99"));
    step(List.of(fleet), "web-1", h -> h.withPackage("htop", "3.2.2-2"));
    assertThat(fleet.api.get("/v1/health").json().at("/store/spool/records").asLong()).isEqualTo(3);
    nodes.remove(fleet.node);
    fleet.node.stop();

    // Without its store a node does not start (it migrates and loads the host registry first);
    // the spool waits untouched for a start that finds the store.
    assertThatThrownBy(() -> start(cassandraConfig(data)))
        .hasMessageContaining("cannot connect to Cassandra at " + cassandra.contactPoint());

    report("started again", cassandra.start());
    DriftwatchNode restarted = start(cassandraConfig(data));
    Api api = new Api(restarted.url());
    awaitDrained(api);

    assertThat(kept(changes(api, "web-1")))
        .containsExactly(
            List.of("web-1", "sysctl:vm.swappiness", "60", "10"),
            added("web-1", "package:htop", "3.2.2-2"));
    assertThat(kept(changes(api, "web-2")))
        .containsExactly(
            List.of("web-2", "package:curl", "7.88.1-10+deb12u7", "7.88.1-10+deb12u99"));
    // The restarted entities carry on from what was spooled: nothing is found (or recorded) again.
    for (String name : List.of("web-1", "web-2")) {
      Api.Response again = api.post("/v1/hosts/" + name + "/probe");
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(again.json().get("changes").asInt()).isZero();
    }
    assertThat(changes(api, "web-1")).hasSize(2);
  }

  /** A change that added a key, as {@link #kept} shows it (host, key, old, new). */
  private static List<String> added(String host, String key, String value) {
    List<String> change = new ArrayList<>();
    change.add(host);
    change.add(key);
    change.add(null);
    change.add(value);
    return change;
  }

  private DriftwatchNode start(com.typesafe.config.Config config) {
    DriftwatchNode node = DriftwatchNode.start(config);
    nodes.add(node);
    return node;
  }

  private com.typesafe.config.Config cassandraConfig(Path data) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("driftwatch.store", "cassandra");
    settings.put("driftwatch.cassandra.contact-points", cassandra.contactPoint());
    settings.put("driftwatch.cassandra.keyspace", keyspace.name());
    settings.put("driftwatch.spool.backoff-initial", "100ms");
    settings.put("driftwatch.spool.backoff-max", "1s");
    settings.put("driftwatch.spool.write-timeout", "1s");
    return TestNode.config(data, settings);
  }

  /** The same fleet change on every node: one host, one fact, then an explicit probe. */
  private static void step(List<Fleet> fleets, String host, UnaryOperator<FixtureHost> change) {
    fleets.forEach(f -> f.step(host, change));
  }

  /** One node's copy of the fleet: its fixture roots, the steps applied and when each was seen. */
  private final class Fleet {
    final DriftwatchNode node;
    final Api api;
    final String interval;
    final Map<String, FixtureHost> states = new LinkedHashMap<>();
    final Map<String, LiveRoot> roots = new LinkedHashMap<>();
    final List<Step> steps = new ArrayList<>();

    Fleet(String name, DriftwatchNode node, String interval) {
      this.node = node;
      this.api = new Api(node.url());
      this.interval = interval;
      for (String host : HOSTS) {
        states.put(host, FixtureHost.debian12());
        LiveRoot root = new LiveRoot(tmp.resolve("hosts").resolve(name).resolve(host));
        root.show(states.get(host));
        roots.put(host, root);
      }
    }

    void registerAll() {
      for (String host : HOSTS) {
        Api.Response r =
            api.put(
                "/v1/hosts/" + host,
                "{\"transport\":\"local\",\"root\":\""
                    + roots.get(host).root()
                    + "\",\"interval\":\""
                    + interval
                    + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
      }
      // A new host is probed at once, but after the answer: wait for every first probe to be
      // recorded, so that a store stopped next finds no snapshot still on its way (it would be
      // spooled as one record more than the steps make).
      for (String host : HOSTS) {
        Await.until(
            WAIT,
            "the first probe of " + host,
            () -> host(api, host).path("lastProbe").isTextual());
      }
    }

    void step(String host, UnaryOperator<FixtureHost> change) {
      FixtureHost before = states.get(host);
      FixtureHost after = change.apply(before);
      states.put(host, after);
      roots.get(host).show(after);
      Api.Response probed = api.post("/v1/hosts/" + host + "/probe");
      assertThat(probed.status()).as("probe of %s: %s", host, probed.body()).isEqualTo(200);
      Map<String, String> expected = new HashMap<>();
      JsonNode now = api.get("/v1/hosts/" + host + "/facts").json().get("facts");
      now.fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
      steps.add(new Step(host, probed.json().get("probedAt").asText(), expected));
    }

    int stepsOf(String host) {
      return (int) steps.stream().filter(s -> s.host.equals(host)).count();
    }
  }

  /** A step: the host changed, the end of the probe that saw it, the host's facts right after. */
  private record Step(String host, String probedAt, Map<String, String> expected) {}

  private static Map<String, String> factsAt(Api api, Step step) {
    Api.Response r = api.get("/v1/hosts/" + step.host + "/facts?at=" + step.probedAt);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Map<String, String> facts = new HashMap<>();
    r.json()
        .get("facts")
        .fields()
        .forEachRemaining(e -> facts.put(e.getKey(), e.getValue().asText()));
    return facts;
  }

  private static JsonNode host(Api api, String name) {
    Api.Response r = api.get("/v1/hosts/" + name);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<JsonNode> changes(Api api, String host) {
    Api.Response r = api.get("/v1/hosts/" + host + "/changes");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().get("changes").forEach(out::add);
    return out;
  }

  /** Each change without what differs from node to node: its id, times and window. */
  private static List<List<String>> kept(List<JsonNode> changes) {
    List<List<String>> out = new ArrayList<>();
    for (JsonNode c : changes) {
      List<String> change = new ArrayList<>();
      change.add(c.get("host").asText());
      change.add(c.get("key").asText());
      change.add(c.get("old").isNull() ? null : c.get("old").asText());
      change.add(c.get("new").isNull() ? null : c.get("new").asText());
      out.add(change);
    }
    return out;
  }

  private static void awaitDrained(Api api) {
    Await.until(
        RECOVERY,
        "the spool to drain into Cassandra and health to be healthy again",
        () -> {
          Api.Response r = api.get("/v1/health");
          return r.status() == 200
              && !r.json().get("degraded").asBoolean()
              && r.json().at("/store/available").asBoolean()
              && r.json().at("/store/spool/records").asLong() == 0;
        });
  }
}
