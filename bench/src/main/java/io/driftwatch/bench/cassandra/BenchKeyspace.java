package io.driftwatch.bench.cassandra;

import com.typesafe.config.ConfigFactory;
import io.driftwatch.cassandra.CassandraSettings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The store settings of a benchmark run: the store's defaults in a fresh keyspace of its own. */
public final class BenchKeyspace {

  private BenchKeyspace() {}

  /** Settings for keyspace {@code prefix + yyyyMMdd_HHmmss} (UTC, now) on {@code contactPoint}. */
  public static CassandraSettings settings(String prefix, String contactPoint) {
    String keyspace =
        prefix
            + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
    return CassandraSettings.fromConfig(
        ConfigFactory.parseMap(
                Map.of(
                    "driftwatch.cassandra.contact-points",
                    contactPoint,
                    "driftwatch.cassandra.keyspace",
                    keyspace))
            .withFallback(ConfigFactory.load()));
  }
}
