package io.driftwatch.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraSettingsTest {

  private static CassandraSettings read(Map<String, Object> overrides) {
    Config config =
        ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.defaultReference());
    return CassandraSettings.fromConfig(config.resolve());
  }

  @Test
  void defaultsSuitTheLocalNode() {
    CassandraSettings s = read(Map.of());

    assertThat(s.contactPoints())
        .extracting(a -> a.getHostString() + ":" + a.getPort())
        .containsExactly("127.0.0.1:9042");
    assertThat(s.keyspace().name()).isEqualTo("driftwatch");
    assertThat(s.localDatacenter()).isEqualTo("datacenter1");
    assertThat(s.replication()).hasToString("SimpleStrategy:1");
    assertThat(s.consistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(s.migrateOnStart()).isTrue();
    assertThat(s.retention()).isZero();
    assertThat(s.ttlSeconds(Buckets.DAY)).isZero();
  }

  @Test
  void contactPointsAreAListOrACommaSeparatedString() {
    CassandraSettings fromString =
        read(Map.of("driftwatch.cassandra.contact-points", "db-1:9142, db-2 ,[::1]:9043,10.0.0.5"));
    CassandraSettings fromList =
        read(Map.of("driftwatch.cassandra.contact-points", java.util.List.of("db-1:9142", "db-2")));

    assertThat(fromString.contactPoints())
        .extracting(a -> a.getHostString() + ":" + a.getPort())
        .containsExactly("db-1:9142", "db-2:9042", "::1:9043", "10.0.0.5:9042");
    assertThat(fromList.contactPoints())
        .extracting(a -> a.getHostString() + ":" + a.getPort())
        .containsExactly("db-1:9142", "db-2:9042");
  }

  @Test
  void retentionIsForeverOrADurationWithinCassandrasTtlLimit() {
    assertThat(read(Map.of("driftwatch.cassandra.retention", "0")).retention()).isZero();
    CassandraSettings year = read(Map.of("driftwatch.cassandra.retention", "400d"));
    assertThat(year.retention()).isEqualTo(Duration.ofDays(400));
    assertThat(year.ttlSeconds(Duration.ZERO)).isEqualTo(400 * 86_400);
    assertThat(year.ttlSeconds(Buckets.DAY)).isEqualTo(401 * 86_400);

    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.retention", "7301d")))
        .hasMessageContaining("7300d");
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.retention", "1h")))
        .hasMessageContaining("at least 1d");
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.retention", "a while")))
        .hasMessageContaining("not a duration");
  }

  @Test
  void badValuesAreRefusedByName() {
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.contact-points", "db-1:99999")))
        .hasMessageContaining("db-1:99999");
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.contact-points", " , ")))
        .hasMessageContaining("contact-points is empty");
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.contact-points", "a b:1")))
        .hasMessageContaining("not host:port");
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.keyspace", "Drift-Watch")))
        .hasMessageContaining("keyspace name");
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.consistency", "MOST")))
        .hasMessageContaining("LOCAL_QUORUM");
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.replication", "SimpleStrategy:x")))
        .hasMessageContaining("replication");
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.fleet-shards", 0)))
        .hasMessageContaining("fleet-shards");
  }
}
