package io.driftwatch.node.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/** Opens the embedded store's two connections with the settings its guarantees rest on. */
final class SqliteConnections {

  /** How long a statement waits for a lock held by another connection before failing. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  // After a checkpoint the WAL file is reused, not shrunk; this caps what a burst leaves on disk.
  private static final int JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(SqliteConnections.class);

  private SqliteConnections() {}

  /**
   * The connection all writes go through. WAL lets the reader connection query while a write is in
   * progress; synchronous=FULL syncs the WAL on every commit, so an acknowledged probe survives a
   * power cut, not only a crash of the process.
   */
  static Connection openWriter(Path file) throws SQLException {
    SQLiteConfig config = common();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT_BYTES);
    Connection connection = config.createConnection(url(file));
    try (Statement sql = connection.createStatement();
        ResultSet mode = sql.executeQuery("PRAGMA journal_mode")) {
      String journal = mode.next() ? mode.getString(1).toLowerCase(Locale.ROOT) : "unknown";
      if (!journal.equals("wal")) {
        // Some network filesystems cannot do WAL; SQLite then keeps the rollback journal, which
        // is still safe but makes queries wait for writes.
        log.warn(
            "Embedded store [{}]: journal mode is {} instead of wal; queries will wait for writes",
            file,
            journal);
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** The connection all queries go through; refuses writes so that none can slip in by mistake. */
  static Connection openReader(Path file) throws SQLException {
    Connection connection = common().createConnection(url(file));
    try (Statement sql = connection.createStatement()) {
      sql.execute("PRAGMA query_only = ON");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static SQLiteConfig common() {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    return config;
  }

  private static String url(Path file) {
    return "jdbc:sqlite:" + file;
  }
}
