package io.driftwatch.node.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Opens SQLite connections with the settings the embedded store's (and the spool's) guarantees rest
 * on.
 */
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
            "SQLite file [{}]: journal mode is {} instead of wal; queries will wait for writes",
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

  /**
   * Creates {@code dir} if needed and checks that it and {@code file} (if it exists) can be
   * written; throws {@link StoreException} naming the path otherwise.
   */
  static void requireUsable(Path dir, Path file) {
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new StoreException(
          "cannot create the data directory " + dir + ": " + e.getFile() + " is not a directory",
          e);
    } catch (AccessDeniedException e) {
      throw new StoreException(
          "cannot create the data directory " + dir + ": permission denied on " + e.getFile(), e);
    } catch (FileSystemException e) {
      throw new StoreException("cannot create the data directory " + dir + ": " + e.getReason(), e);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dir + ": " + e, e);
    }
    // SQLite would open an unwritable file read-only and fail only at the first write.
    if (!Files.isWritable(dir)) {
      throw new StoreException("the data directory " + dir + " is not writable", null);
    }
    if (Files.exists(file) && (!Files.isRegularFile(file) || !Files.isWritable(file))) {
      throw new StoreException("the database file " + file + " is not a writable file", null);
    }
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
