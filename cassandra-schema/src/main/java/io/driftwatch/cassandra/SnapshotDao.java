package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.store.SnapshotCodec;
import io.driftwatch.node.store.StoreException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Full snapshots of hosts (host_snapshots) and the days that have them (host_snapshot_days):
 * written when a probe's snapshot is due, read to find the newest snapshot at or before an instant.
 */
final class SnapshotDao {

  // With a retention TTL the index may name a day or two whose snapshots have already expired.
  private static final int DAYS_TO_TRY = 10;

  private record SnapshotDay(String host, LocalDate day) {}

  private final CqlSession session;
  private final RequestLimiter limiter;
  private final BucketMarks marks;
  private final int rowTtl;
  private final int dayMarkTtl;
  private final PreparedStatement insert;
  private final PreparedStatement markDay;
  private final PreparedStatement daysAtOrBefore;
  private final PreparedStatement newestInDay;

  SnapshotDao(
      CqlSession session,
      Keyspace keyspace,
      CassandraSettings settings,
      RequestLimiter limiter,
      BucketMarks marks) {
    this.session = session;
    this.limiter = limiter;
    this.marks = marks;
    this.rowTtl = settings.ttlSeconds(Duration.ZERO);
    this.dayMarkTtl = settings.ttlSeconds(Buckets.DAY);
    insert =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("host_snapshots")
                + " (host, day, taken_at, fact_count, facts) VALUES (?, ?, ?, ?, ?) USING TTL ?");
    markDay =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("host_snapshot_days")
                + " (host, day) VALUES (?, ?) USING TTL ?");
    daysAtOrBefore =
        session.prepare(
            "SELECT day FROM "
                + keyspace.qualify("host_snapshot_days")
                + " WHERE host = ? AND day <= ? LIMIT "
                + DAYS_TO_TRY);
    newestInDay =
        session.prepare(
            "SELECT taken_at, facts FROM "
                + keyspace.qualify("host_snapshots")
                + " WHERE host = ? AND day = ? AND taken_at <= ? LIMIT 1");
  }

  /** Writes a snapshot (already encoded) and its day's index row. */
  CompletionStage<Void> write(String host, Instant takenAt, int factCount, byte[] facts) {
    LocalDate day = Buckets.day(takenAt);
    CompletableFuture<?> row =
        execute(insert.bind(host, day, takenAt, factCount, ByteBuffer.wrap(facts), rowTtl));
    CompletableFuture<Void> index =
        marks
            .once(new SnapshotDay(host, day), () -> execute(markDay.bind(host, day, dayMarkTtl)))
            .toCompletableFuture();
    return CompletableFuture.allOf(row, index);
  }

  /** The newest snapshot of {@code host} taken at or before {@code at}, if any. */
  CompletionStage<Optional<Snapshot>> newestAtOrBefore(String host, Instant at) {
    Instant bound = Buckets.floorMillis(at);
    return read(daysAtOrBefore.bind(host, Buckets.day(bound)), row -> row.getLocalDate("day"))
        .thenCompose(days -> firstFound(host, days, 0, bound));
  }

  // Day by day, newest first: the newest day can hold only snapshots after the bound.
  private CompletionStage<Optional<Snapshot>> firstFound(
      String host, List<LocalDate> days, int index, Instant bound) {
    if (index >= days.size()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return read(
            newestInDay.bind(host, days.get(index), bound),
            row -> decode(host, row.getInstant("taken_at"), row.getByteBuffer("facts")))
        .thenCompose(
            found ->
                found.isEmpty()
                    ? firstFound(host, days, index + 1, bound)
                    : CompletableFuture.completedFuture(Optional.of(found.get(0))));
  }

  /** Decodes a stored snapshot, naming the host and time when it is corrupt. */
  static Snapshot decode(String host, Instant takenAt, ByteBuffer facts) {
    byte[] bytes = new byte[facts.remaining()];
    facts.duplicate().get(bytes);
    try {
      return new Snapshot(takenAt, SnapshotCodec.decode(bytes));
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "the snapshot of host "
              + Text.quote(host)
              + " taken at "
              + takenAt
              + " cannot be read: "
              + e.getMessage(),
          e);
    }
  }

  private CompletableFuture<?> execute(BoundStatement statement) {
    return limiter.submit(() -> session.executeAsync(statement)).toCompletableFuture();
  }

  private <T> CompletionStage<List<T>> read(BoundStatement statement, Function<Row, T> map) {
    return limiter.submit(() -> Pages.all(session.executeAsync(statement), map));
  }
}
