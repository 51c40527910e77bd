package io.driftwatch.cassandra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplicationTest {

  @Test
  void simpleStrategyHasOneFactor() {
    Replication r = Replication.parse("SimpleStrategy:1");

    assertThat(r.cql()).isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 1}");
    assertThat(r).hasToString("SimpleStrategy:1");
  }

  @Test
  void networkTopologyHasAFactorPerDatacenter() {
    Replication r = Replication.parse(" NetworkTopologyStrategy: eu-west=3, us_east.1=2 ");

    assertThat(r.cql())
        .isEqualTo("{'class': 'NetworkTopologyStrategy', 'eu-west': 3, 'us_east.1': 2}");
    assertThat(r).hasToString("NetworkTopologyStrategy:eu-west=3,us_east.1=2");
  }

  @Test
  void anythingElseIsRefusedWithAnExample() {
    for (String bad :
        new String[] {
          "",
          "SimpleStrategy",
          "SimpleStrategy:0",
          "SimpleStrategy:x",
          "LocalStrategy:1",
          "NetworkTopologyStrategy:dc1",
          "NetworkTopologyStrategy:dc1=3,dc1=2",
          "NetworkTopologyStrategy:dc'1=3",
          "NetworkTopologyStrategy:dc1=3}; DROP KEYSPACE x; --"
        }) {
      assertThatThrownBy(() -> Replication.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SimpleStrategy:1");
    }
  }

  @Test
  void keyspaceNamesAreLowercaseIdentifiers() {
    assertThat(new Keyspace("driftwatch_prod").qualify("hosts")).isEqualTo("driftwatch_prod.hosts");
    for (String bad :
        new String[] {"", "Driftwatch", "1st", "drift-watch", "a;b", "x".repeat(49)}) {
      assertThatThrownBy(() -> new Keyspace(bad)).as(bad).hasMessageContaining("keyspace name");
    }
  }
}
