package io.driftwatch.bench.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.driftwatch.node.fact.ChangeEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The peer of the write benchmark: the Cassandra driver alone writing the rows Driftwatch's store
 * writes for a probe — each change into host_changes, fleet_changes and key_changes, the day, hour
 * and year index rows the first time a bucket is seen, the snapshot when there is one and the
 * host's progress row — as prepared statements, one {@code executeAsync} per row, with at most
 * {@code maxInFlight} requests outstanding (a semaphore). No Driftwatch code runs on this path.
 *
 * <p>With {@code batched}, a probe's host_changes rows (one partition) go in one unlogged batch and
 * so do its fleet_changes rows (one partition per hour and shard), as Driftwatch sends them: that
 * variant separates what batching gains from what Driftwatch's own code costs.
 */
final class RawChangeWriter {

  private static final int FLEET_SHARDS = 8;

  private final CqlSession session;
  private final Semaphore inFlight;
  private final boolean batched;
  private final Set<Object> indexed = new HashSet<>();
  private final PreparedStatement hostChange;
  private final PreparedStatement fleetChange;
  private final PreparedStatement keyChange;
  private final PreparedStatement hostDay;
  private final PreparedStatement fleetHour;
  private final PreparedStatement fleetYear;
  private final PreparedStatement keyDay;
  private final PreparedStatement snapshot;
  private final PreparedStatement snapshotDay;
  private final PreparedStatement progress;

  private record Mark(String table, Object bucket, Object partition) {}

  RawChangeWriter(CqlSession session, String keyspace, int maxInFlight, boolean batched) {
    this.session = session;
    this.batched = batched;
    this.inFlight = new Semaphore(maxInFlight);
    String columns = "detected_at, key, id, old_value, new_value, window_from";
    hostChange =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".host_changes (host, day, "
                + columns
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    fleetChange =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".fleet_changes (hour, shard, host, "
                + columns
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    keyChange =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".key_changes (day, host, "
                + columns
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    hostDay =
        session.prepare("INSERT INTO " + keyspace + ".host_change_days (host, day) VALUES (?, ?)");
    fleetHour =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".fleet_change_hours (year, hour, shards) VALUES (?, ?, ?)");
    fleetYear =
        session.prepare(
            "INSERT INTO " + keyspace + ".fleet_change_years (scope, year) VALUES (?, ?)");
    keyDay =
        session.prepare("INSERT INTO " + keyspace + ".key_change_days (key, day) VALUES (?, ?)");
    snapshot =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".host_snapshots (host, day, taken_at, fact_count, facts) VALUES (?, ?, ?, ?, ?)");
    snapshotDay =
        session.prepare(
            "INSERT INTO " + keyspace + ".host_snapshot_days (host, day) VALUES (?, ?)");
    progress =
        session.prepare(
            "UPDATE "
                + keyspace
                + ".host_progress USING TIMESTAMP ? SET last_probe_at = ? WHERE host = ?");
  }

  /**
   * Starts writing one probe's rows (blocking while {@code maxInFlight} requests are outstanding);
   * the future completes when all of them are written.
   *
   * @param encodedSnapshot the probe's snapshot, already encoded, with its fact count
   */
  CompletableFuture<Void> write(
      String host,
      Instant probedAt,
      List<ChangeEvent> changes,
      Optional<EncodedSnapshot> encodedSnapshot)
      throws InterruptedException {
    List<CompletableFuture<?>> writes = new ArrayList<>(changes.size() * 3 + 8);
    Map<Object, List<BatchableStatement<?>>> partitions = new LinkedHashMap<>();
    for (ChangeEvent c : changes) {
      LocalDate day = LocalDate.ofInstant(c.detectedAt(), ZoneOffset.UTC);
      Instant hour = c.detectedAt().truncatedTo(ChronoUnit.HOURS);
      int shard = Math.floorMod(c.host().hashCode(), FLEET_SHARDS);
      BoundStatement hostRow = values(hostChange.boundStatementBuilder(c.host(), day), 2, c);
      BoundStatement fleetRow =
          values(fleetChange.boundStatementBuilder(hour, shard, c.host()), 3, c);
      if (batched) {
        partitions.computeIfAbsent(List.of(c.host(), day), k -> new ArrayList<>()).add(hostRow);
        partitions.computeIfAbsent(List.of(hour, shard), k -> new ArrayList<>()).add(fleetRow);
      } else {
        writes.add(execute(hostRow));
        writes.add(execute(fleetRow));
      }
      writes.add(execute(values(keyChange.boundStatementBuilder(day, c.host()), 2, c)));
      if (indexed.add(new Mark("host", day, c.host()))) {
        writes.add(execute(hostDay.bind(c.host(), day)));
      }
      if (indexed.add(new Mark("fleet-hour", hour, null))) {
        writes.add(execute(fleetHour.bind(day.getYear(), hour, FLEET_SHARDS)));
      }
      if (indexed.add(new Mark("fleet-year", day.getYear(), null))) {
        writes.add(execute(fleetYear.bind("fleet", day.getYear())));
      }
      if (indexed.add(new Mark("key", day, c.key()))) {
        writes.add(execute(keyDay.bind(c.key(), day)));
      }
    }
    for (List<BatchableStatement<?>> rows : partitions.values()) {
      writes.add(
          execute(
              rows.size() == 1
                  ? rows.get(0)
                  : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, rows)));
    }
    if (encodedSnapshot.isPresent()) {
      LocalDate day = LocalDate.ofInstant(probedAt, ZoneOffset.UTC);
      EncodedSnapshot s = encodedSnapshot.get();
      writes.add(
          execute(snapshot.bind(host, day, probedAt, s.factCount(), ByteBuffer.wrap(s.bytes()))));
      if (indexed.add(new Mark("snapshot", day, host))) {
        writes.add(execute(snapshotDay.bind(host, day)));
      }
    }
    writes.add(
        execute(
            progress.bind(
                TimeUnit.MILLISECONDS.toMicros(probedAt.toEpochMilli()), probedAt, host)));
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  /** A snapshot as the peer writes it: encoded before the clock starts. */
  record EncodedSnapshot(int factCount, byte[] bytes) {}

  /**
   * Binds detected_at, key, id, old_value, new_value, window_from from position {@code i}, after
   * the columns bound already. Absent values stay unset, as in Driftwatch's rows (no tombstones).
   */
  private static BoundStatement values(BoundStatementBuilder row, int i, ChangeEvent c) {
    row = row.setInstant(i, c.detectedAt()).setString(i + 1, c.key()).setString(i + 2, c.id());
    if (c.oldValue() != null) {
      row = row.setString(i + 3, c.oldValue());
    }
    if (c.newValue() != null) {
      row = row.setString(i + 4, c.newValue());
    }
    if (c.windowFrom() != null) {
      row = row.setInstant(i + 5, c.windowFrom());
    }
    return row.build();
  }

  private CompletableFuture<?> execute(Statement<?> statement) throws InterruptedException {
    inFlight.acquire();
    return session
        .executeAsync(statement)
        .toCompletableFuture()
        .whenComplete((rs, error) -> inFlight.release());
  }
}
