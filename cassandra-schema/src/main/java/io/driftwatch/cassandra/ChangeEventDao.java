package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.node.fact.ChangeEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Writes change events: each event once into each of the three query tables (host history, fleet
 * timeline, key history), keyed by its id, plus the bucket index rows that let readers find them.
 * Nothing is ever updated in place; writing the same event again rewrites identical rows.
 */
final class ChangeEventDao {

  /** The partition key of fleet_change_years' single partition. */
  static final String FLEET_SCOPE = "fleet";

  private record HostDay(String host, LocalDate day) {}

  private record FleetHour(Instant hour, int shards) {}

  private record FleetYear(int year) {}

  private record KeyDay(String key, LocalDate day) {}

  private final CqlSession session;
  private final RequestLimiter limiter;
  private final BucketMarks marks;
  private final int fleetShards;
  private final int rowTtl;
  private final int dayMarkTtl;
  private final int hourMarkTtl;
  private final int yearMarkTtl;
  private final PreparedStatement insertHostChange;
  private final PreparedStatement insertFleetChange;
  private final PreparedStatement insertKeyChange;
  private final PreparedStatement markHostDay;
  private final PreparedStatement markFleetHour;
  private final PreparedStatement markFleetYear;
  private final PreparedStatement markKeyDay;

  ChangeEventDao(
      CqlSession session,
      Keyspace keyspace,
      CassandraSettings settings,
      RequestLimiter limiter,
      BucketMarks marks) {
    this.session = session;
    this.limiter = limiter;
    this.marks = marks;
    this.fleetShards = settings.fleetShards();
    // An index row outlives the rows of its bucket by the bucket's width, so that no row still
    // alive becomes unreachable.
    this.rowTtl = settings.ttlSeconds(Duration.ZERO);
    this.dayMarkTtl = settings.ttlSeconds(Buckets.DAY);
    this.hourMarkTtl = settings.ttlSeconds(Buckets.HOUR);
    this.yearMarkTtl = settings.ttlSeconds(Buckets.YEAR);
    String values = "(?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL :ttl";
    insertHostChange =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("host_changes")
                + " (host, day, detected_at, key, id, old_value, new_value, window_from, context)"
                + " VALUES "
                + values);
    insertFleetChange =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("fleet_changes")
                + " (hour, shard, detected_at, key, host, id, old_value, new_value, window_from,"
                + " context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL :ttl");
    insertKeyChange =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("key_changes")
                + " (key, day, detected_at, host, id, old_value, new_value, window_from, context)"
                + " VALUES "
                + values);
    markHostDay =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("host_change_days")
                + " (host, day) VALUES (?, ?) USING TTL :ttl");
    markFleetHour =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("fleet_change_hours")
                + " (year, hour, shards) VALUES (?, ?, ?) USING TTL :ttl");
    markFleetYear =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("fleet_change_years")
                + " (scope, year) VALUES (?, ?) USING TTL :ttl");
    markKeyDay =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("key_change_days")
                + " (key, day) VALUES (?, ?) USING TTL :ttl");
  }

  /** Writes the events and their bucket index rows; completes when all are written. */
  CompletionStage<Void> write(List<ChangeEvent> changes) {
    if (changes.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    Map<Object, Supplier<BoundStatement>> indexRows = new LinkedHashMap<>();
    Map<Object, PartitionBatches> partitions = new LinkedHashMap<>();
    List<CompletableFuture<?>> writes = new ArrayList<>(changes.size() + 16);
    for (ChangeEvent change : changes) {
      LocalDate day = Buckets.day(change.detectedAt());
      Instant hour = Buckets.hour(change.detectedAt());
      int shard = Buckets.shard(change.host(), fleetShards);
      int size = ChangeRows.estimatedBytes(change);
      // A probe's events share one host-history partition and one fleet partition: they go in
      // single-partition batches, which Cassandra applies as one mutation.
      partitions
          .computeIfAbsent(new HostDay(change.host(), day), p -> new PartitionBatches())
          .add(
              ChangeRows.bind(insertHostChange.boundStatementBuilder(), change)
                  .setLocalDate("day", day)
                  .setInt("ttl", rowTtl)
                  .build(),
              size);
      partitions
          .computeIfAbsent(new FleetShard(hour, shard), p -> new PartitionBatches())
          .add(
              ChangeRows.bind(insertFleetChange.boundStatementBuilder(), change)
                  .setInstant("hour", hour)
                  .setInt("shard", shard)
                  .setInt("ttl", rowTtl)
                  .build(),
              size);
      // Each key is its own partition.
      writes.add(
          execute(
              ChangeRows.bind(insertKeyChange.boundStatementBuilder(), change)
                  .setLocalDate("day", day)
                  .setInt("ttl", rowTtl)
                  .build()));
      indexRows.putIfAbsent(
          new HostDay(change.host(), day), () -> markHostDay.bind(change.host(), day, dayMarkTtl));
      indexRows.putIfAbsent(
          new FleetHour(hour, fleetShards),
          () -> markFleetHour.bind(Buckets.year(hour), hour, fleetShards, hourMarkTtl));
      indexRows.putIfAbsent(
          new FleetYear(Buckets.year(hour)),
          () -> markFleetYear.bind(FLEET_SCOPE, Buckets.year(hour), yearMarkTtl));
      indexRows.putIfAbsent(
          new KeyDay(change.key(), day), () -> markKeyDay.bind(change.key(), day, dayMarkTtl));
    }
    partitions.values().forEach(p -> p.statements().forEach(b -> writes.add(execute(b))));
    indexRows.forEach(
        (mark, statement) ->
            writes.add(marks.once(mark, () -> execute(statement.get())).toCompletableFuture()));
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  private record FleetShard(Instant hour, int shard) {}

  /**
   * The rows of one partition cut into unlogged batches small enough for Cassandra's batch size
   * warning (5 KiB by default); a row too big for any batch goes alone.
   */
  private static final class PartitionBatches {
    private static final int MAX_BYTES = 4 * 1024;
    private static final int MAX_ROWS = 64;

    private final List<Statement<?>> done = new ArrayList<>();
    private final List<BoundStatement> rows = new ArrayList<>();
    private int bytes;

    void add(BoundStatement row, int rowBytes) {
      if (!rows.isEmpty() && (bytes + rowBytes > MAX_BYTES || rows.size() >= MAX_ROWS)) {
        flush();
      }
      rows.add(row);
      bytes += rowBytes;
    }

    List<Statement<?>> statements() {
      flush();
      return done;
    }

    private void flush() {
      if (rows.size() == 1) {
        done.add(rows.get(0));
      } else if (rows.size() > 1) {
        done.add(BatchStatement.newInstance(DefaultBatchType.UNLOGGED, List.copyOf(rows)));
      }
      rows.clear();
      bytes = 0;
    }
  }

  private CompletableFuture<?> execute(Statement<?> statement) {
    return limiter.submit(() -> session.executeAsync(statement)).toCompletableFuture();
  }
}
