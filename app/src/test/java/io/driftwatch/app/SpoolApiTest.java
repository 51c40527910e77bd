package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.store.SqliteChangeStore;
import io.driftwatch.node.store.SwitchableChangeStore;
import io.driftwatch.node.store.SwitchableChangeStore.Mode;
import io.driftwatch.node.testing.Await;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on a remote store that goes down, over real HTTP: probes go on, health and /metrics show
 * the backlog, a full spool refuses probes, and every change is in history once the store is back.
 * The remote store is a real SQLite store behind a switch standing in for Cassandra. {@code
 * CassandraOutageTest} does the same with a real Cassandra node stopped and started.
 */
class SpoolApiTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private SwitchableChangeStore remote;
  private DriftwatchNode node;
  private Api api;

  @AfterEach
  void stop() {
    if (node != null) {
      node.stop();
    }
  }

  private void start(Mode mode, Map<String, Object> spool) {
    remote =
        new SwitchableChangeStore(SqliteChangeStore.open(tmp.resolve("remote")), "remote-test");
    remote.set(mode);
    Map<String, Object> settings = new HashMap<>();
    settings.put("driftwatch.spool.backoff-initial", "20ms");
    settings.put("driftwatch.spool.backoff-max", "200ms");
    spool.forEach((key, value) -> settings.put("driftwatch.spool." + key, value));
    node = TestNode.startWithRemote(tmp.resolve("data"), settings, ignored -> remote);
    api = new Api(node.url());
  }

  private JsonNode health() {
    Api.Response response = api.get("/v1/health");
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  private String metrics() {
    Api.Response response = api.get("/metrics");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/plain; version=0.0.4");
    return response.body();
  }

  /** The value of one sample, e.g. {@code driftwatch_hosts{status="ok"}}. */
  private static double sample(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("%s in%n%s", series, metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private void awaitDrained() {
    Await.until(
        WAIT,
        "the spool to drain",
        () -> {
          JsonNode spool = health().at("/store/spool");
          return spool.get("records").asLong() == 0 && !health().get("degraded").asBoolean();
        });
  }

  private Path fixture(String name, FixtureHost host) {
    return host.writeTo(tmp.resolve("hosts").resolve(name));
  }

  @Test
  void whileTheStoreIsDownProbesGoOnAndHealthAndMetricsShowTheBacklog() {
    start(Mode.AVAILABLE, Map.of());
    FixtureHost host = FixtureHost.debian12();
    Path root = fixture("web-1", host);
    api.registerLocal("web-1", root, "{}");
    assertThat(api.post("/v1/hosts/web-1/probe").status()).isEqualTo(200);

    JsonNode healthy = health();
    assertThat(healthy.get("status").asText()).isEqualTo("ok");
    assertThat(healthy.get("degraded").asBoolean()).isFalse();
    assertThat(healthy.get("hosts").asInt()).isEqualTo(1);
    assertThat(healthy.at("/store/kind").asText()).isEqualTo("remote-test");
    assertThat(healthy.at("/store/available").asBoolean()).isTrue();
    assertThat(healthy.at("/store/spool/records").asLong()).isZero();
    assertThat(healthy.at("/store/spool/maxRecords").asLong()).isEqualTo(100_000);
    String before = metrics();
    assertThat(sample(before, "driftwatch_store_available")).isEqualTo(1);
    assertThat(sample(before, "driftwatch_spool_records")).isZero();
    assertThat(sample(before, "driftwatch_hosts{status=\"ok\"}")).isEqualTo(1);
    assertThat(sample(before, "driftwatch_hosts{status=\"pending\"}")).isZero();
    // Registering probes a new host at once; the explicit probe waited for the next.
    assertThat(sample(before, "driftwatch_probes_total{outcome=\"ok\"}")).isEqualTo(2);

    remote.set(Mode.FAILING_WRITES);
    host.withSysctl("vm.swappiness", "7").writeTo(root);
    Api.Response probed = api.post("/v1/hosts/web-1/probe");

    assertThat(probed.status()).isEqualTo(200);
    assertThat(probed.json().get("changes").asInt()).isEqualTo(1);
    JsonNode down = health();
    assertThat(down.get("status").asText()).isEqualTo("ok");
    assertThat(down.get("degraded").asBoolean()).isTrue();
    assertThat(down.get("hosts").asInt()).isEqualTo(1);
    assertThat(down.at("/store/available").asBoolean()).isFalse();
    JsonNode spool = down.at("/store/spool");
    assertThat(spool.get("records").asLong()).isEqualTo(1);
    assertThat(spool.get("hosts").asInt()).isEqualTo(1);
    assertThat(spool.get("bytes").asLong()).isPositive();
    assertThat(spool.get("full").asBoolean()).isFalse();
    assertThat(spool.get("oldestSpooledAt").asText()).isNotBlank();
    assertThat(spool.get("oldestAgeSeconds").asLong()).isNotNegative();
    assertThat(spool.get("lastError").asText()).contains("unavailable");
    String during = metrics();
    assertThat(sample(during, "driftwatch_store_available")).isZero();
    assertThat(sample(during, "driftwatch_spool_records")).isEqualTo(1);
    assertThat(sample(during, "driftwatch_spool_hosts")).isEqualTo(1);
    assertThat(sample(during, "driftwatch_spool_bytes")).isPositive();
    assertThat(sample(during, "driftwatch_spool_oldest_seconds")).isNotNegative();
    assertThat(sample(during, "driftwatch_spool_full")).isZero();
    assertThat(sample(during, "driftwatch_probes_total{outcome=\"ok\"}")).isEqualTo(3);
    // The host's current facts come from its entity, which believed the spooled probe.
    assertThat(
            api.get("/v1/hosts/web-1/facts?prefix=sysctl:vm.swappiness")
                .json()
                .at("/facts/sysctl:vm.swappiness")
                .asText())
        .isEqualTo("7");

    // Entirely down: health still answers, without the host count the store cannot give.
    remote.set(Mode.UNAVAILABLE);
    JsonNode unreachable = health();
    assertThat(unreachable.get("status").asText()).isEqualTo("ok");
    assertThat(unreachable.get("hosts").isNull()).isTrue();
    assertThat(unreachable.at("/store/spool/records").asLong()).isEqualTo(1);
    // The hosts it monitors are still listed, probed and compared; their history waits for the
    // store.
    assertThat(api.get("/v1/hosts").json().get("hosts")).hasSize(1);
    assertThat(api.post("/v1/hosts/web-1/probe").status()).isEqualTo(200);
    Api.Response fleet = api.get("/v1/fleet/diff");
    assertThat(fleet.status()).as(fleet.body()).isEqualTo(200);
    // Just after start this member's aggregator may not be listed yet: its host is then missing.
    Await.until(
        WAIT,
        "the host compared",
        () -> api.get("/v1/fleet/diff").json().get("answered").asInt() == 1);
    assertThat(api.get("/v1/changes").status()).isEqualTo(503);
    Api.Response history = api.get("/v1/hosts/web-1/changes");
    assertThat(history.status()).isEqualTo(503);
    assertThat(history.json().get("detail").asText())
        .contains("the history of host web-1 is unavailable: store [remote-test]");

    remote.set(Mode.AVAILABLE);
    awaitDrained();

    JsonNode changes = api.get("/v1/hosts/web-1/changes").json().get("changes");
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).get("key").asText()).isEqualTo("sysctl:vm.swappiness");
    assertThat(changes.get(0).get("new").asText()).isEqualTo("7");
    assertThat(sample(metrics(), "driftwatch_store_available")).isEqualTo(1);
  }

  @Test
  void aFullSpoolRefusesProbesWithAClearErrorUntilItDrains() {
    start(Mode.AVAILABLE, Map.of("max-records", 1));
    FixtureHost host = FixtureHost.debian12();
    Path root = fixture("web-1", host);
    api.registerLocal("web-1", root, "{}");
    api.post("/v1/hosts/web-1/probe");
    remote.set(Mode.FAILING_WRITES);
    host = host.withSysctl("vm.swappiness", "7");
    host.writeTo(root);
    assertThat(api.post("/v1/hosts/web-1/probe").status()).isEqualTo(200);
    host.withPackage("curl", "7.88.1-10+deb12u99").writeTo(root);

    Api.Response refused = api.post("/v1/hosts/web-1/probe");

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().at("/detail/reason").asText()).isEqualTo("STORE_UNAVAILABLE");
    assertThat(refused.json().at("/detail/message").asText()).contains("spool is full");
    assertThat(health().at("/store/spool/full").asBoolean()).isTrue();
    String full = metrics();
    assertThat(sample(full, "driftwatch_spool_full")).isEqualTo(1);
    assertThat(sample(full, "driftwatch_probes_total{outcome=\"skipped\"}")).isEqualTo(1);

    remote.set(Mode.AVAILABLE);
    awaitDrained();
    Api.Response after = api.post("/v1/hosts/web-1/probe");

    assertThat(after.status()).isEqualTo(200);
    assertThat(api.get("/v1/hosts/web-1/changes").json().get("changes"))
        .extracting(c -> c.get("key").asText())
        .containsExactly("sysctl:vm.swappiness", "package:curl");
  }

  @Test
  void aNodeRestartedWithRecordsSpooledWritesThemAndCarriesOnWithoutRecordingThemAgain() {
    start(Mode.AVAILABLE, Map.of());
    FixtureHost host = FixtureHost.debian12();
    Path root = fixture("web-1", host);
    api.registerLocal("web-1", root, "{}");
    api.post("/v1/hosts/web-1/probe");
    remote.set(Mode.FAILING_WRITES);
    host.withSysctl("vm.swappiness", "7").writeTo(root);
    assertThat(api.post("/v1/hosts/web-1/probe").status()).isEqualTo(200);
    assertThat(health().at("/store/spool/records").asLong()).isEqualTo(1);
    node.stop();

    start(Mode.AVAILABLE, Map.of());
    awaitDrained();
    JsonNode again = api.post("/v1/hosts/web-1/probe").json();

    assertThat(again.get("changes").asInt()).isZero();
    JsonNode changes = api.get("/v1/hosts/web-1/changes").json().get("changes");
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).get("new").asText()).isEqualTo("7");
  }

  @Test
  void anEmbeddedNodeHasNoSpoolAndItsMetricsCountHostsAndProbes() {
    node = TestNode.start(tmp.resolve("embedded"));
    api = new Api(node.url());
    api.registerLocal("web-1", fixture("web-1", FixtureHost.debian12()), "{}");
    api.post("/v1/hosts/web-1/probe");

    JsonNode health = health();
    assertThat(health.at("/store/kind").asText()).isEqualTo("embedded");
    assertThat(health.at("/store").has("spool")).isFalse();
    assertThat(health.get("degraded").asBoolean()).isFalse();
    String metrics = metrics();
    assertThat(sample(metrics, "driftwatch_hosts{status=\"ok\"}")).isEqualTo(1);
    assertThat(sample(metrics, "driftwatch_probes_total{outcome=\"ok\"}")).isEqualTo(2);
    assertThat(metrics).doesNotContain("driftwatch_spool_");
    assertThat(metrics).contains("# TYPE driftwatch_probes_total counter");
  }
}
