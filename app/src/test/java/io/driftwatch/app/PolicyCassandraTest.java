package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy API on a node whose store is Cassandra (behind the spool): versions, history and a
 * restart, as on the embedded store.
 */
class PolicyCassandraTest {

  @TempDir Path tmp;
  private final Keyspace keyspace = LocalCassandra.uniqueKeyspace("policy");

  @AfterEach
  void dropKeyspace() {
    LocalCassandra.drop(keyspace);
  }

  private DriftwatchNode start() {
    return DriftwatchNode.start(
        TestNode.config(
            tmp.resolve("data"),
            Map.of(
                "driftwatch.store", "cassandra",
                "driftwatch.cassandra.contact-points", LocalCassandra.contactPoint(),
                "driftwatch.cassandra.keyspace", keyspace.name())));
  }

  @Test
  void policiesAndTheirHistoryAreKeptInCassandra() {
    DriftwatchNode first = start();
    try {
      Api api = new Api(first.url());
      assertThat(
              api.put(
                      "/v1/exceptions/swap",
                      "{\"key\":\"sysctl:vm.*\",\"owner\":\"alice\",\"reason\":\"trial\","
                          + "\"expires\":\"2026-12-01T00:00:00Z\"}")
                  .status())
          .isEqualTo(201);
      assertThat(
              api.put(
                      "/v1/exceptions/swap",
                      "{\"key\":\"sysctl:vm.*\",\"owner\":\"bob\",\"reason\":\"longer trial\"}")
                  .status())
          .isEqualTo(200);
      assertThat(
              api.put(
                      "/v1/expectations/no-telnet",
                      "{\"key\":\"package:telnetd\",\"op\":\"absent\"}")
                  .status())
          .isEqualTo(201);
      assertThat(api.delete("/v1/expectations/no-telnet").status()).isEqualTo(200);
    } finally {
      first.stop();
    }
    DriftwatchNode second = start();
    try {
      Api api = new Api(second.url());
      JsonNode swap = api.get("/v1/exceptions/swap").json();
      assertThat(swap.get("owner").asText()).isEqualTo("bob");
      assertThat(swap.has("expires")).isFalse();
      JsonNode history = api.get("/v1/exceptions/swap/history").json().get("history");
      assertThat(history).hasSize(2);
      assertThat(history.get(1).get("definition").get("owner").asText()).isEqualTo("alice");
      assertThat(api.get("/v1/expectations/no-telnet").status()).isEqualTo(404);
      assertThat(api.get("/v1/expectations").json().get("expectations")).isEmpty();
      JsonNode removed = api.get("/v1/expectations/no-telnet/history").json().get("history");
      assertThat(removed.get(0).get("action").asText()).isEqualTo("remove");
      assertThat(removed.get(0).get("changedBy").asText()).isEqualTo("anonymous");
    } finally {
      second.stop();
    }
  }
}
