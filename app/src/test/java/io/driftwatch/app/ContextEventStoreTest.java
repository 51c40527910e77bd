package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Context events are kept by the store: they survive a restart of the node, on the embedded store
 * and on Cassandra (the shared local node, a keyspace of its own).
 */
class ContextEventStoreTest {

  @TempDir Path tmp;
  private final Keyspace keyspace = LocalCassandra.uniqueKeyspace("events");

  @AfterEach
  void dropKeyspace() {
    LocalCassandra.drop(keyspace);
  }

  @Test
  void eventsSurviveARestartOnTheEmbeddedStore() {
    scenario(() -> TestNode.config(tmp.resolve("data")));
  }

  @Test
  void eventsSurviveARestartOnCassandra() {
    scenario(
        () ->
            TestNode.config(
                tmp.resolve("data"),
                Map.of(
                    "driftwatch.store", "cassandra",
                    "driftwatch.cassandra.contact-points", LocalCassandra.contactPoint(),
                    "driftwatch.cassandra.keyspace", keyspace.name())));
  }

  private void scenario(Supplier<Config> config) {
    Path root = tmp.resolve("web-1");
    FixtureHost host = FixtureHost.debian12();
    host.writeTo(root);
    String deploy =
        "{\"id\":\"deploy-77\",\"type\":\"deploy\",\"who\":\"ci\",\"what\":\"web 1.4.2\","
            + "\"selector\":\"role=web\"}";

    DriftwatchNode first = DriftwatchNode.start(config.get());
    JsonNode before;
    try {
      Api api = new Api(first.url());
      assertThat(api.registerLocal("web-1", root, "{\"role\":\"web\"}").status()).isEqualTo(201);
      assertThat(api.post("/v1/hosts/web-1/probe").status()).isEqualTo(200);
      Api.Response posted = ContextEventApiTest.postEvent(api, deploy);
      assertThat(posted.status()).as(posted.body()).isEqualTo(201);
      host.withSysctl("vm.swappiness", "10").writeTo(root);
      assertThat(api.post("/v1/hosts/web-1/probe").status()).isEqualTo(200);
      before = api.get("/v1/hosts/web-1/changes").json().get("changes");
      assertThat(before).hasSize(1);
      assertThat(before.get(0).at("/context/events/0/id").asText()).isEqualTo("deploy-77");
    } finally {
      first.stop();
    }

    DriftwatchNode second = DriftwatchNode.start(config.get());
    try {
      Api api = new Api(second.url());
      JsonNode events = api.get("/v1/events?since=-1h").json().get("events");
      assertThat(events).hasSize(1);
      assertThat(events.get(0).get("what").asText()).isEqualTo("web 1.4.2");
      assertThat(events.get(0).get("selector").asText()).isEqualTo("role=web");
      assertThat(api.get("/v1/hosts/web-1/changes").json().get("changes")).isEqualTo(before);
      Api.Response repeat = ContextEventApiTest.postEvent(api, deploy);
      assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
      assertThat(api.get("/v1/events?since=-1h").json().get("events")).hasSize(1);
    } finally {
      second.stop();
    }
  }
}
