package io.driftwatch.node.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool file's one table, on one connection confined to the spool's thread (which is what makes
 * it safe without locks). Each statement is its own transaction; with WAL and synchronous=FULL a
 * committed append is on disk before the call returns.
 */
final class SpoolRows implements AutoCloseable {

  /** Marks the file as Driftwatch's spool ("DWSP"), so that another SQLite file is refused. */
  static final int APPLICATION_ID = 0x44575350;

  private static final int VERSION = 1;

  private final Connection connection;
  private final List<PreparedStatement> statements = new ArrayList<>();
  private final PreparedStatement append;
  private final PreparedStatement replace;
  private final PreparedStatement read;
  private final PreparedStatement readHost;
  private final PreparedStatement delete;
  private final PreparedStatement index;

  SpoolRows(Connection connection) throws SQLException {
    this.connection = connection;
    append =
        prepare(
            "INSERT INTO spool (host, probed_at, spooled_at, time_only, record)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING seq");
    replace = prepare("UPDATE spool SET probed_at = ?, record = ? WHERE seq = ?");
    read = prepare("SELECT record FROM spool WHERE seq = ?");
    readHost = prepare("SELECT record FROM spool WHERE host = ? ORDER BY seq");
    delete = prepare("DELETE FROM spool WHERE seq = ?");
    index =
        prepare("SELECT seq, host, length(record), spooled_at, time_only FROM spool ORDER BY seq");
  }

  /**
   * Creates the table in a new file, or checks that an existing file is a spool this version reads.
   * Returns the version found (0 for a new file).
   */
  static int prepareFile(Connection connection, Path file) throws SQLException {
    try (Statement sql = connection.createStatement()) {
      int applicationId = intPragma(sql, "application_id");
      int found = intPragma(sql, "user_version");
      if (applicationId != 0 && applicationId != APPLICATION_ID) {
        throw new StoreException(file + " is not a Driftwatch spool", null);
      }
      if (found > VERSION) {
        throw new StoreException(
            file + " is a spool of format " + found + ", written by a newer Driftwatch", null);
      }
      if (found == VERSION) {
        return found;
      }
      if (hasTables(sql)) {
        throw new StoreException(
            file + " is not a Driftwatch spool (it has tables but no format version)", null);
      }
      sql.execute("BEGIN IMMEDIATE");
      try {
        sql.execute("PRAGMA application_id = " + APPLICATION_ID);
        // seq: the order records were acknowledged in, never reused (AUTOINCREMENT), so a host's
        // records are drained by ascending seq. time_only: a record that only moves the probe time
        // (the queue lets a later one replace it).
        sql.execute(
            """
            CREATE TABLE spool (
              seq        INTEGER PRIMARY KEY AUTOINCREMENT,
              host       TEXT NOT NULL,
              probed_at  INTEGER NOT NULL,
              spooled_at INTEGER NOT NULL,
              time_only  INTEGER NOT NULL,
              record     BLOB NOT NULL
            )""");
        // latest(host) reads a host's waiting records in order.
        sql.execute("CREATE INDEX spool_by_host ON spool (host, seq)");
        sql.execute("PRAGMA user_version = " + VERSION);
        sql.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        try {
          sql.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
      return found;
    }
  }

  /** Appends a record, durable on return; its sequence number. */
  long append(ProbeRecord probe, boolean timeOnly, byte[] blob, Instant spooledAt)
      throws SQLException {
    append.setString(1, probe.host());
    append.setLong(2, probe.probedAt().toEpochMilli());
    append.setLong(3, spooledAt.toEpochMilli());
    append.setInt(4, timeOnly ? 1 : 0);
    append.setBytes(5, blob);
    try (ResultSet row = append.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("the spool gave no sequence number for an appended record");
      }
      return row.getLong(1);
    }
  }

  /** Puts a newer record in place of the one at {@code seq}, in one transaction. */
  void replace(long seq, ProbeRecord probe, byte[] blob) throws SQLException {
    replace.setLong(1, probe.probedAt().toEpochMilli());
    replace.setBytes(2, blob);
    replace.setLong(3, seq);
    if (replace.executeUpdate() != 1) {
      throw new SQLException("spooled record " + seq + " to replace is missing");
    }
  }

  byte[] read(long seq) throws SQLException {
    read.setLong(1, seq);
    try (ResultSet row = read.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("spooled record " + seq + " is missing");
      }
      return row.getBytes(1);
    }
  }

  /** A host's waiting records, oldest first. */
  List<byte[]> readHost(String host) throws SQLException {
    readHost.setString(1, host);
    List<byte[]> records = new ArrayList<>();
    try (ResultSet rows = readHost.executeQuery()) {
      while (rows.next()) {
        records.add(rows.getBytes(1));
      }
    }
    return records;
  }

  void delete(long seq) throws SQLException {
    delete.setLong(1, seq);
    delete.executeUpdate();
  }

  /** What the queue needs of every waiting record, oldest first. */
  List<SpoolQueue.Entry> index() throws SQLException {
    List<SpoolQueue.Entry> entries = new ArrayList<>();
    try (ResultSet rows = index.executeQuery()) {
      while (rows.next()) {
        entries.add(
            new SpoolQueue.Entry(
                rows.getLong(1),
                rows.getString(2),
                rows.getLong(3),
                Instant.ofEpochMilli(rows.getLong(4)),
                rows.getInt(5) == 1));
      }
    }
    return entries;
  }

  /**
   * Gives the pages of drained records back to the filesystem, so that a large backlog does not
   * leave a large file behind. Meant for an empty spool, where it costs next to nothing.
   */
  void compact() throws SQLException {
    try (Statement sql = connection.createStatement()) {
      sql.execute("VACUUM");
      sql.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statements.add(statement);
    return statement;
  }

  private static boolean hasTables(Statement sql) throws SQLException {
    try (ResultSet row = sql.executeQuery("SELECT count(*) FROM sqlite_master")) {
      return row.next() && row.getInt(1) > 0;
    }
  }

  private static int intPragma(Statement sql, String pragma) throws SQLException {
    try (ResultSet row = sql.executeQuery("PRAGMA " + pragma)) {
      return row.next() ? row.getInt(1) : 0;
    }
  }

  @Override
  public void close() throws SQLException {
    try (connection) {
      for (PreparedStatement statement : statements) {
        statement.close();
      }
    }
  }
}
