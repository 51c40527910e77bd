package io.driftwatch.node.store;

import io.driftwatch.node.context.ChangeContextJson;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.host.HostSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every write of the embedded store, each in one transaction on the single writer connection.
 * Confined to the store's writer thread, which is what makes it safe without locks.
 */
final class SqliteWriter implements AutoCloseable {

  private final Connection connection;
  private final List<PreparedStatement> statements = new ArrayList<>();
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement rollback;
  private final PreparedStatement putHost;
  private final PreparedStatement removeHost;
  private final PreparedStatement insertChange;
  private final PreparedStatement insertSnapshot;
  private final PreparedStatement insertContent;
  private final PreparedStatement progressWithSnapshot;
  private final PreparedStatement progressWithoutSnapshot;
  private final PreparedStatement progressUnobserved;

  SqliteWriter(Connection connection) throws SQLException {
    this.connection = connection;
    // IMMEDIATE takes the write lock up front, so a transaction never fails half way with BUSY
    // when another process (a backup, an operator's sqlite3 shell) holds the file.
    begin = prepare("BEGIN IMMEDIATE");
    commit = prepare("COMMIT");
    rollback = prepare("ROLLBACK");
    putHost =
        prepare(
            """
            INSERT INTO hosts (name, spec, registered_at, removed_at) VALUES (?, ?, ?, NULL)
            ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, removed_at = NULL""");
    removeHost = prepare("UPDATE hosts SET removed_at = ? WHERE name = ? AND removed_at IS NULL");
    insertChange =
        prepare(
            "INSERT OR IGNORE INTO changes ("
                + SqliteChangeFilter.COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insertSnapshot =
        prepare(
            "INSERT OR IGNORE INTO snapshots (host, taken_at, fact_count, facts)"
                + " VALUES (?, ?, ?, ?)");
    insertContent = prepare("INSERT OR IGNORE INTO contents (sha256, text) VALUES (?, ?)");
    // A snapshot resets the count of changes since the last one. The comparisons make a retried
    // (or late) probe harmless: it never moves progress backwards.
    progressWithSnapshot =
        prepare(
            """
            INSERT INTO host_progress
              (host, last_probe_at, last_snapshot_at, changes_since_snapshot)
            VALUES (?, ?, ?, 0)
            ON CONFLICT (host) DO UPDATE SET
              last_probe_at = max(last_probe_at, excluded.last_probe_at),
              changes_since_snapshot = CASE
                WHEN last_snapshot_at IS NULL OR last_snapshot_at < excluded.last_snapshot_at
                THEN 0 ELSE changes_since_snapshot END,
              last_snapshot_at = max(
                coalesce(last_snapshot_at, excluded.last_snapshot_at),
                excluded.last_snapshot_at)""");
    progressWithoutSnapshot =
        prepare(
            """
            INSERT INTO host_progress
              (host, last_probe_at, last_snapshot_at, changes_since_snapshot)
            VALUES (?, ?, NULL, ?)
            ON CONFLICT (host) DO UPDATE SET
              last_probe_at = max(last_probe_at, excluded.last_probe_at),
              changes_since_snapshot = changes_since_snapshot + CASE
                WHEN last_snapshot_at IS NULL OR last_snapshot_at < excluded.last_probe_at
                THEN excluded.changes_since_snapshot ELSE 0 END""");
    // A failed probe's record counts its change but leaves the time the facts are known as of.
    progressUnobserved =
        prepare(
            "UPDATE host_progress SET changes_since_snapshot = changes_since_snapshot + ?"
                + " WHERE host = ?");
  }

  void putHost(HostSpec spec, Instant now) throws SQLException {
    // registered_at keeps the first registration; an update or re-registration leaves it.
    putHost.setString(1, spec.name());
    putHost.setString(2, HostSpecCodec.toJson(spec));
    putHost.setLong(3, now.toEpochMilli());
    putHost.executeUpdate();
  }

  void removeHost(String name, Instant now) throws SQLException {
    removeHost.setLong(1, now.toEpochMilli());
    removeHost.setString(2, name);
    removeHost.executeUpdate();
  }

  /** Writes one probe atomically; events already stored (a retried probe) are skipped. */
  void recordProbe(ProbeRecord probe) throws SQLException {
    // Compress before taking the write lock, to keep the transaction short.
    Optional<byte[]> blob = probe.snapshot().map(SnapshotCodec::encode);
    long probedAt = probe.probedAt().toEpochMilli();
    begin.execute();
    try {
      int inserted = insertChanges(probe.changes());
      if (blob.isPresent()) {
        FactSet snapshot = probe.snapshot().get();
        insertSnapshot.setString(1, probe.host());
        insertSnapshot.setLong(2, probedAt);
        insertSnapshot.setInt(3, snapshot.size());
        insertSnapshot.setBytes(4, blob.get());
        insertSnapshot.executeUpdate();
      }
      insertContents(probe.contents());
      if (probe.observed()) {
        updateProgress(probe.host(), probedAt, blob.isPresent(), inserted);
      } else {
        // A failed probe's record counts its change but leaves the time facts are known as of.
        progressUnobserved.setInt(1, inserted);
        progressUnobserved.setString(2, probe.host());
        progressUnobserved.executeUpdate();
      }
      commit.execute();
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  private int insertChanges(List<ChangeEvent> changes) throws SQLException {
    if (changes.isEmpty()) {
      return 0;
    }
    for (ChangeEvent change : changes) {
      insertChange.setString(1, change.id());
      insertChange.setString(2, change.host());
      insertChange.setString(3, change.key());
      insertChange.setString(4, change.oldValue());
      insertChange.setString(5, change.newValue());
      if (change.windowFrom() == null) {
        insertChange.setNull(6, Types.INTEGER);
      } else {
        insertChange.setLong(6, change.windowFrom().toEpochMilli());
      }
      insertChange.setLong(7, change.detectedAt().toEpochMilli());
      insertChange.setString(8, ChangeContextJson.encode(change.context()));
      insertChange.addBatch();
    }
    int inserted = 0;
    for (int count : insertChange.executeBatch()) {
      // 0 for an id that was already stored: counting only new rows keeps a retry idempotent.
      inserted += Math.max(count, 0);
    }
    return inserted;
  }

  private void insertContents(Map<String, String> contents) throws SQLException {
    if (contents.isEmpty()) {
      return;
    }
    for (Map.Entry<String, String> content : contents.entrySet()) {
      insertContent.setString(1, content.getKey());
      insertContent.setString(2, content.getValue());
      insertContent.addBatch();
    }
    insertContent.executeBatch();
  }

  private void updateProgress(String host, long probedAt, boolean snapshot, int inserted)
      throws SQLException {
    if (snapshot) {
      progressWithSnapshot.setString(1, host);
      progressWithSnapshot.setLong(2, probedAt);
      progressWithSnapshot.setLong(3, probedAt);
      progressWithSnapshot.executeUpdate();
    } else {
      progressWithoutSnapshot.setString(1, host);
      progressWithoutSnapshot.setLong(2, probedAt);
      progressWithoutSnapshot.setInt(3, inserted);
      progressWithoutSnapshot.executeUpdate();
    }
  }

  private void rollback(Exception failure) {
    try {
      insertChange.clearBatch();
      insertContent.clearBatch();
      rollback.execute();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statements.add(statement);
    return statement;
  }

  /** Lets SQLite refresh its planner statistics, then releases statements and the connection. */
  @Override
  public void close() throws SQLException {
    try (connection) {
      try (Statement sql = connection.createStatement()) {
        // Recommended before closing a long-lived connection; cheap when nothing needs analysing.
        sql.execute("PRAGMA optimize");
      }
      for (PreparedStatement statement : statements) {
        statement.close();
      }
    }
  }
}
