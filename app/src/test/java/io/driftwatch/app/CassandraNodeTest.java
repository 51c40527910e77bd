package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node on the Cassandra store (the local node the tests share, a keyspace of its own)
 * behaves exactly as one on the embedded store: the same scenario on both — register fixture hosts,
 * probe, change them, restart — gives the same facts, changes and diffs.
 */
class CassandraNodeTest {

  @TempDir Path tmp;
  private final Keyspace keyspace = LocalCassandra.uniqueKeyspace("node");

  @AfterEach
  void dropKeyspace() {
    LocalCassandra.drop(keyspace);
  }

  @Test
  void aNodeOnCassandraAnswersExactlyLikeOneOnTheEmbeddedStore() throws Exception {
    Map<String, JsonNode> embedded =
        scenario("embedded", () -> TestNode.config(tmp.resolve("embedded-data")));
    Map<String, JsonNode> cassandra =
        scenario(
            "cassandra", () -> TestNode.config(tmp.resolve("cassandra-data"), cassandraSettings()));

    assertThat(cassandra.keySet()).containsExactlyElementsOf(embedded.keySet());
    for (String what : embedded.keySet()) {
      assertThat(cassandra.get(what)).as(what).isEqualTo(embedded.get(what));
    }
    assertThat(cassandra.get("after restart: changes of a").get("changes")).hasSize(3);
    assertThat(cassandra.get("after restart: diff a b")).hasSize(4);
  }

  @Test
  void anUnknownStoreIsRefusedBeforeAnythingStarts() {
    assertThatThrownBy(
            () ->
                DriftwatchNode.start(
                    TestNode.config(tmp.resolve("x"), Map.of("driftwatch.store", "mongodb"))))
        .hasMessageContaining("store 'mongodb' is unknown");
  }

  @Test
  void migrateAppliesTheSchemaSoThatNodesMayStartWithMigrationsOff() {
    String[] target = {
      "--cassandra-contact-points", LocalCassandra.contactPoint(), "--keyspace", keyspace.name()
    };
    Map<String, Object> migrationsOff = new java.util.HashMap<>(cassandraSettings());
    migrationsOff.put("driftwatch.cassandra.migrate-on-start", false);

    assertThatThrownBy(
            () -> DriftwatchNode.start(TestNode.config(tmp.resolve("d1"), migrationsOff)))
        .hasMessageContaining("V001__change_history.cql")
        .hasMessageContaining("driftwatch migrate");
    CliTest.Result dryRun = CliTest.run(concat(new String[] {"migrate", "--dry-run"}, target));
    CliTest.Result migrate = CliTest.run(concat(new String[] {"migrate"}, target));
    CliTest.Result again = CliTest.run(concat(new String[] {"migrate"}, target));

    assertThat(dryRun.code()).as(dryRun.err()).isZero();
    assertThat(dryRun.out())
        .contains("3 pending: V001__change_history.cql, V002__registries.cql, V003__webhooks.cql");
    assertThat(migrate.out())
        .contains("applied V001__change_history.cql, V002__registries.cql, V003__webhooks.cql");
    assertThat(again.out()).contains("up to date");
    DriftwatchNode node = DriftwatchNode.start(TestNode.config(tmp.resolve("d2"), migrationsOff));
    try {
      assertThat(new Api(node.url()).get("/v1/health").json().at("/store/kind").asText())
          .isEqualTo("cassandra");
    } finally {
      node.stop();
    }
  }

  @Test
  void upTakesTheStoreContactPointsAndKeyspaceFromItsFlags() {
    UpCommand up = new UpCommand();
    new picocli.CommandLine(up)
        .parseArgs(
            "--store",
            "cassandra",
            "--cassandra-contact-points",
            "db-1:9142,db-2",
            "--keyspace",
            "fleet_a");
    NodeSettings settings =
        NodeSettings.fromConfig(NodeConfig.load(up.overrides(), java.util.Optional.empty()));

    assertThat(settings.store()).isEqualTo("cassandra");
    io.driftwatch.cassandra.CassandraSettings cassandra = settings.cassandra().orElseThrow();
    assertThat(cassandra.keyspace().name()).isEqualTo("fleet_a");
    assertThat(cassandra.contactPoints())
        .extracting(a -> a.getHostString() + ":" + a.getPort())
        .containsExactly("db-1:9142", "db-2:9042");
    assertThat(NodeStore.describe(settings))
        .isEqualTo("cassandra keyspace fleet_a at db-1:9142,db-2:9042");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private Map<String, Object> cassandraSettings() {
    return Map.of(
        "driftwatch.store", "cassandra",
        "driftwatch.cassandra.contact-points", LocalCassandra.contactPoint(),
        "driftwatch.cassandra.keyspace", keyspace.name());
  }

  /**
   * Runs the same steps against a node made from {@code config}, restarting it half way, and
   * returns what the API answered with everything that differs between two runs anyway (event ids,
   * probe times) taken out.
   */
  private Map<String, JsonNode> scenario(String name, Supplier<com.typesafe.config.Config> config)
      throws Exception {
    Path rootA = tmp.resolve(name).resolve("a");
    Path rootB = tmp.resolve(name).resolve("b");
    FixtureHost a = FixtureHost.debian12();
    FixtureHost b = FixtureHost.debian12().withPackage("curl", "7.88.1-10+deb12u99");
    a.writeTo(rootA);
    b.writeTo(rootB);
    Map<String, JsonNode> seen = new LinkedHashMap<>();

    DriftwatchNode first = DriftwatchNode.start(config.get());
    String firstProbeOfA;
    try {
      Api api = new Api(first.url());
      assertThat(api.get("/v1/health").json().at("/store/kind").asText()).isEqualTo(name);
      assertThat(api.registerLocal("a", rootA, "{\"role\":\"web\"}").status()).isEqualTo(201);
      assertThat(api.registerLocal("b", rootB, "{\"role\":\"web\"}").status()).isEqualTo(201);
      firstProbeOfA = probe(api, "a").get("probedAt").asText();
      probe(api, "b");
      a.withSysctl("vm.swappiness", "10").withoutPackage("curl").writeTo(rootA);
      b.withUser("mallory", 0, 0, "/root", "/bin/bash").writeTo(rootB);
      assertThat(probe(api, "a").get("changes").asInt()).isEqualTo(2);
      assertThat(probe(api, "b").get("changes").asInt()).isEqualTo(1);
      observe(api, seen, "before restart", firstProbeOfA);
    } finally {
      first.stop();
    }

    DriftwatchNode second = DriftwatchNode.start(config.get());
    try {
      Api api = new Api(second.url());
      Map<String, JsonNode> afterRestart = new LinkedHashMap<>();
      observe(api, afterRestart, "before restart", firstProbeOfA);
      for (String what : seen.keySet()) {
        assertThat(afterRestart.get(what))
            .as("%s, after a restart", what)
            .isEqualTo(seen.get(what));
      }
      // Probing carries on from the recovered state: nothing new, then one more change.
      JsonNode again = probe(api, "a");
      assertThat(again.get("firstProbe").asBoolean()).isFalse();
      assertThat(again.get("changes").asInt()).isZero();
      a.withSysctl("vm.swappiness", "10")
          .withoutPackage("curl")
          .withPackage("htop", "3.2.2-2")
          .writeTo(rootA);
      assertThat(probe(api, "a").get("changes").asInt()).isEqualTo(1);
      observe(api, seen, "after restart", firstProbeOfA);
    } finally {
      second.stop();
    }
    return seen;
  }

  private static void observe(Api api, Map<String, JsonNode> seen, String when, String past) {
    seen.put(when + ": hosts", hostNames(api.get("/v1/hosts").json()));
    for (String host : new String[] {"a", "b"}) {
      seen.put(
          when + ": facts of " + host, api.get("/v1/hosts/" + host + "/facts").json().get("facts"));
      seen.put(
          when + ": changes of " + host, changes(api.get("/v1/hosts/" + host + "/changes").json()));
    }
    seen.put(
        when + ": facts of a in the past",
        api.get("/v1/hosts/a/facts?at=" + past).json().get("facts"));
    seen.put(when + ": diff a b", api.get("/v1/diff?left=a&right=b").json().get("differences"));
    seen.put(
        when + ": diff a past a",
        api.get("/v1/diff?left=a@" + past + "&right=a").json().get("differences"));
  }

  private static JsonNode probe(Api api, String host) {
    Api.Response r = api.post("/v1/hosts/" + host + "/probe");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode hostNames(JsonNode hosts) {
    ArrayNode names = JsonNodeFactory.instance.arrayNode();
    // Not the status: right after a restart a host waits for its first probe (pending).
    hosts.get("hosts").forEach(h -> names.add(h.get("name").asText()));
    return names;
  }

  /** Each change without what differs from run to run: its id, times and window. */
  private static JsonNode changes(JsonNode page) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode change : page.get("changes")) {
      ObjectNode kept = out.addObject();
      kept.set("host", change.get("host"));
      kept.set("key", change.get("key"));
      kept.set("old", change.get("old"));
      kept.set("new", change.get("new"));
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.set("changes", out);
    result.set("truncated", page.get("truncated"));
    return result;
  }
}
