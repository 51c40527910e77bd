package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.driftwatch.cassandra.schema.Keyspace;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One row per host (host_progress): when it was last probed and its newest snapshot. Every write
 * carries the probe time as its Cassandra write time, so whichever record is newest by probe time
 * wins however late an older one arrives — the "max" that a read-modify-write would otherwise need.
 */
final class ProgressDao {

  /** What host_progress holds for a host. */
  record Progress(Instant lastProbeAt, Optional<Snapshot> snapshot) {}

  private final CqlSession session;
  private final RequestLimiter limiter;
  private final PreparedStatement probed;
  private final PreparedStatement probedWithSnapshot;
  private final PreparedStatement select;

  ProgressDao(CqlSession session, Keyspace keyspace, RequestLimiter limiter) {
    this.session = session;
    this.limiter = limiter;
    String table = keyspace.qualify("host_progress");
    probed =
        session.prepare(
            "UPDATE " + table + " USING TIMESTAMP ? SET last_probe_at = ? WHERE host = ?");
    probedWithSnapshot =
        session.prepare(
            "UPDATE "
                + table
                + " USING TIMESTAMP ? SET last_probe_at = ?, snapshot_at = ?, snapshot = ?"
                + " WHERE host = ?");
    select =
        session.prepare(
            "SELECT last_probe_at, snapshot_at, snapshot FROM " + table + " WHERE host = ?");
  }

  /** Records a probe that read the host at {@code probedAt}, with its snapshot if one was due. */
  CompletionStage<Void> probed(String host, Instant probedAt, Optional<byte[]> snapshot) {
    long writeTime = TimeUnit.MILLISECONDS.toMicros(probedAt.toEpochMilli());
    BoundStatement statement =
        snapshot.isPresent()
            ? probedWithSnapshot.bind(
                writeTime, probedAt, probedAt, ByteBuffer.wrap(snapshot.get()), host)
            : probed.bind(writeTime, probedAt, host);
    return limiter.submit(() -> session.executeAsync(statement)).thenRun(() -> {});
  }

  /** The host's progress; empty if it was never probed. */
  CompletionStage<Optional<Progress>> read(String host) {
    return limiter
        .submit(
            () -> Pages.all(session.executeAsync(select.bind(host)), row -> progress(host, row)))
        .thenApply(rows -> rows.stream().flatMap(Optional::stream).findFirst());
  }

  private static Optional<Progress> progress(String host, Row row) {
    Instant lastProbeAt = row.getInstant("last_probe_at");
    if (lastProbeAt == null) {
      return Optional.empty();
    }
    Instant snapshotAt = row.getInstant("snapshot_at");
    ByteBuffer facts = row.getByteBuffer("snapshot");
    Optional<Snapshot> snapshot =
        snapshotAt == null || facts == null
            ? Optional.empty()
            : Optional.of(SnapshotDao.decode(host, snapshotAt, facts));
    return Optional.of(new Progress(lastProbeAt, snapshot));
  }
}
