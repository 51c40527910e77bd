package io.driftwatch.node.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's tables, created and upgraded by numbered steps; the file's {@code PRAGMA
 * user_version} records the last step applied, so a later version only appends steps.
 */
final class SqliteSchema {

  /** Marks the file as Driftwatch's ("DRFT"), so that a foreign SQLite file is refused. */
  static final int APPLICATION_ID = 0x44524654;

  private static final Logger log = LoggerFactory.getLogger(SqliteSchema.class);

  /** One upgrade: statements run in one transaction together with the version bump. */
  record Step(int version, String description, List<String> statements) {}

  // Append only: a released step is never edited, or files created by it would differ from files
  // upgraded through it. Times are epoch milliseconds.
  private static final List<Step> STEPS =
      List.of(
          new Step(
              1,
              "hosts, host progress, changes, snapshots, contents",
              List.of(
                  "PRAGMA application_id = " + APPLICATION_ID,
                  // The host registry: hosts() lists rows with removed_at NULL; removing a host
                  // only sets removed_at, so its history stays attached to a known name.
                  """
                  CREATE TABLE hosts (
                    name          TEXT PRIMARY KEY,
                    spec          TEXT NOT NULL,
                    registered_at INTEGER NOT NULL,
                    removed_at    INTEGER
                  )""",
                  // latest(host): one row per probed host, rewritten by every probe.
                  """
                  CREATE TABLE host_progress (
                    host                   TEXT PRIMARY KEY,
                    last_probe_at          INTEGER NOT NULL,
                    last_snapshot_at       INTEGER,
                    changes_since_snapshot INTEGER NOT NULL
                  )""",
                  // Append-only change events. A rowid table keeps rows in arrival (roughly time)
                  // order on disk; the id primary key makes re-recording a probe a no-op.
                  """
                  CREATE TABLE changes (
                    id          TEXT PRIMARY KEY,
                    host        TEXT NOT NULL,
                    key         TEXT NOT NULL,
                    old_value   TEXT,
                    new_value   TEXT,
                    window_from INTEGER,
                    detected_at INTEGER NOT NULL
                  )""",
                  // Host history and state replay: host = ? AND detected_at in a range, ordered
                  // by (detected_at, key) straight from the index.
                  "CREATE INDEX changes_by_host ON changes (host, detected_at, key)",
                  // Fleet timeline: detected_at in a range, newest first.
                  "CREATE INDEX changes_by_time ON changes (detected_at, key, host)",
                  // Key history: key = ? (or a key range for a prefix) AND detected_at in a range.
                  "CREATE INDEX changes_by_key ON changes (key, detected_at, host)",
                  // stateAt(host, t): the newest snapshot with taken_at <= t, via the primary key.
                  """
                  CREATE TABLE snapshots (
                    host       TEXT NOT NULL,
                    taken_at   INTEGER NOT NULL,
                    fact_count INTEGER NOT NULL,
                    facts      BLOB NOT NULL,
                    PRIMARY KEY (host, taken_at)
                  )""",
                  // content(sha256): text of small tracked files, stored once per distinct text.
                  """
                  CREATE TABLE contents (
                    sha256 TEXT PRIMARY KEY,
                    text   TEXT NOT NULL
                  )""")),
          new Step(
              2,
              "drift registries, their history, context events",
              List.of(
                  // registry(r): the current definition of every name, read whole in name order
                  // straight from the primary key. A removal keeps its row with deleted = 1.
                  """
                  CREATE TABLE registry_entries (
                    registry   TEXT NOT NULL,
                    name       TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    deleted    INTEGER NOT NULL,
                    changed_at INTEGER NOT NULL,
                    changed_by TEXT NOT NULL,
                    PRIMARY KEY (registry, name)
                  )""",
                  // registryHistory(r, name): every write, appended; seq (the rowid) keeps two
                  // writes in the same millisecond in the order they were made.
                  """
                  CREATE TABLE registry_history (
                    seq        INTEGER PRIMARY KEY,
                    registry   TEXT NOT NULL,
                    name       TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    deleted    INTEGER NOT NULL,
                    changed_at INTEGER NOT NULL,
                    changed_by TEXT NOT NULL
                  )""",
                  "CREATE INDEX registry_history_by_name"
                      + " ON registry_history (registry, name, changed_at, seq)",
                  // contextEvents(from, to): the id primary key makes posting an event again a
                  // no-op; the time index serves the range, newest first. hosts is a JSON array.
                  """
                  CREATE TABLE context_events (
                    id         TEXT PRIMARY KEY,
                    type       TEXT NOT NULL,
                    who        TEXT,
                    what       TEXT,
                    hosts      TEXT NOT NULL,
                    selector   TEXT,
                    at         INTEGER NOT NULL,
                    definition TEXT NOT NULL
                  )""",
                  "CREATE INDEX context_events_by_time ON context_events (at, id)")));

  private SqliteSchema() {}

  /** The version a file has once every known step is applied. */
  static int latestVersion() {
    return STEPS.get(STEPS.size() - 1).version();
  }

  /**
   * Brings the file up to {@link #latestVersion()}, refusing files that belong to another
   * application or to a newer Driftwatch. Returns the version found before upgrading.
   */
  static int migrate(Connection connection, Path file) throws SQLException {
    try (Statement sql = connection.createStatement()) {
      int applicationId = intPragma(sql, "application_id");
      int found = intPragma(sql, "user_version");
      if (applicationId != 0 && applicationId != APPLICATION_ID) {
        throw new StoreException(file + " is not a Driftwatch database", null);
      }
      if (found == 0 && hasTables(sql)) {
        throw new StoreException(
            file + " is not a Driftwatch database (it has tables but no schema version)", null);
      }
      if (found > latestVersion()) {
        throw new StoreException(
            file
                + " has schema version "
                + found
                + ", written by a newer Driftwatch; this one understands up to "
                + latestVersion(),
            null);
      }
      for (Step step : STEPS) {
        if (step.version() > found) {
          apply(sql, step, file);
        }
      }
      return found;
    }
  }

  private static void apply(Statement sql, Step step, Path file) throws SQLException {
    // IMMEDIATE takes the write lock before re-reading the version: if another process upgraded
    // the file in the meantime, this step is skipped instead of failing half way.
    sql.execute("BEGIN IMMEDIATE");
    try {
      if (intPragma(sql, "user_version") >= step.version()) {
        sql.execute("COMMIT");
        return;
      }
      for (String statement : step.statements()) {
        sql.execute(statement);
      }
      sql.execute("PRAGMA user_version = " + step.version());
      sql.execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      try {
        sql.execute("ROLLBACK");
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
    log.info(
        "Embedded store [{}]: schema upgraded to version {} ({})",
        file,
        step.version(),
        step.description());
  }

  private static int intPragma(Statement sql, String pragma) throws SQLException {
    try (ResultSet row = sql.executeQuery("PRAGMA " + pragma)) {
      return row.next() ? row.getInt(1) : 0;
    }
  }

  private static boolean hasTables(Statement sql) throws SQLException {
    try (ResultSet row = sql.executeQuery("SELECT count(*) FROM sqlite_master")) {
      return row.next() && row.getInt(1) > 0;
    }
  }
}
