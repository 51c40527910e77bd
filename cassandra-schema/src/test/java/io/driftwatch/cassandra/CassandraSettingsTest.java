package io.driftwatch.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aLoginReadsItsPasswordFromAFileAndTlsItsTruststore(@TempDir Path tmp) throws Exception {
    Path password = Files.writeString(tmp.resolve("password"), "s3cret\n");
    CassandraSettings s =
        read(
            Map.of(
                "driftwatch.cassandra.username", "driftwatch",
                "driftwatch.cassandra.password-file", password.toString(),
                "driftwatch.cassandra.tls", "on",
                "driftwatch.cassandra.truststore", "/etc/driftwatch/truststore.p12"));

    assertThat(s.access().username()).contains("driftwatch");
    assertThat(s.access().password()).contains("s3cret");
    assertThat(s.access().tls()).isTrue();
    assertThat(s.access().hostnameValidation()).isTrue();
    assertThat(s.access().truststore()).contains(Path.of("/etc/driftwatch/truststore.p12"));
    // Settings are logged at start: they name the file, never the secret.
    assertThat(s.toString()).doesNotContain("s3cret");
    assertThat(read(Map.of()).access()).isEqualTo(CassandraAccess.NONE);
  }

  @Test
  void halfALoginOrATruststoreWithoutTlsIsRefused(@TempDir Path tmp) throws Exception {
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.username", "driftwatch")))
        .hasMessageContaining("username and password-file go together");
    assertThatThrownBy(() -> read(Map.of("driftwatch.cassandra.truststore", "/x.p12")))
        .hasMessageContaining("tls is off");
    Path empty = Files.writeString(tmp.resolve("empty"), "\n");
    CassandraSettings emptyPassword =
        read(
            Map.of(
                "driftwatch.cassandra.username",
                "driftwatch",
                "driftwatch.cassandra.password-file",
                empty.toString()));
    assertThatThrownBy(() -> emptyPassword.access().password())
        .hasMessageContaining("password-file " + empty + " is empty");
    CassandraSettings missing =
        read(
            Map.of(
                "driftwatch.cassandra.username",
                "driftwatch",
                "driftwatch.cassandra.password-file",
                tmp.resolve("nope").toString()));
    assertThatThrownBy(() -> missing.access().password())
        .hasMessageContaining("cannot read driftwatch.cassandra.password-file");
  }
}
