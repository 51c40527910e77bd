package io.driftwatch.node.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's file, {@value #FILE_NAME} in the node's data directory, and the one thread that all
 * its reads and writes run on, in the order they were asked for.
 */
final class SpoolFile implements AutoCloseable {

  static final String FILE_NAME = "spool.db";

  private static final Logger log = LoggerFactory.getLogger(SpoolFile.class);

  // Long enough for queued appends on a slow disk; close() must not hang a shutdown forever.
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

  /** Work on the spool's rows, run on its thread. */
  interface Work<T> {
    T run(SpoolRows rows) throws SQLException;
  }

  private final Path path;
  private final SpoolRows rows;
  private final ExecutorService thread;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SpoolFile(Path path, SpoolRows rows) {
    this.path = path;
    this.rows = rows;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "driftwatch-spool");
              // Nothing queued here was acknowledged yet, so a forgotten spool may die with the
              // JVM.
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens (creating if needed) the spool in {@code dataDir}. */
  static SpoolFile open(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path file = dir.resolve(FILE_NAME);
    SqliteConnections.requireUsable(dir, file);
    Connection connection = null;
    try {
      // WAL with synchronous=FULL, as the embedded store: a committed append survives a power cut.
      connection = SqliteConnections.openWriter(file);
      SpoolRows.prepareFile(connection, file);
      return new SpoolFile(file, new SpoolRows(connection));
    } catch (SQLException | RuntimeException e) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      if (e instanceof StoreException storeException) {
        throw storeException;
      }
      throw new StoreException("cannot open the spool " + file + ": " + e.getMessage(), e);
    }
  }

  Path path() {
    return path;
  }

  /** Runs {@code work} on the spool's thread; a failure is a {@link StoreException} naming it. */
  <T> CompletableFuture<T> run(String what, Work<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closed.get()) {
      result.completeExceptionally(closedFailure(what));
      return result;
    }
    try {
      thread.execute(() -> runNow(what, work, result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closedFailure(what));
    }
    return result;
  }

  /** Lets queued work finish, then closes the file. Safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    thread.execute(this::closeRows);
    thread.shutdown();
    try {
      if (!thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Spool [{}]: queued work did not finish within {}", path, CLOSE_TIMEOUT);
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> void runNow(String what, Work<T> work, CompletableFuture<T> result) {
    try {
      result.complete(work.run(rows));
    } catch (StoreException e) {
      result.completeExceptionally(e);
    } catch (SQLException | RuntimeException e) {
      result.completeExceptionally(
          new StoreException(what + " failed in the spool " + path + ": " + e.getMessage(), e));
    } catch (Error e) {
      // Complete the stage anyway, or its caller would wait forever.
      result.completeExceptionally(e);
      throw e;
    }
  }

  private void closeRows() {
    try {
      rows.close();
    } catch (SQLException e) {
      log.warn("Closing the spool [{}] failed: {}", path, e.getMessage());
    }
  }

  private StoreException closedFailure(String what) {
    return new StoreException(what + " failed: the spool " + path + " is closed", null);
  }
}
