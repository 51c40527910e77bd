package io.driftwatch.node.store;

import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded change store ("embedded"): one SQLite file, {@value #FILE_NAME}, in the node's data
 * directory, so a single node needs no database server. Writes are serialised on one writer thread
 * and connection; queries run on their own thread and connection and never wait behind writes.
 */
public final class SqliteChangeStore implements ChangeStore {

  /** The database file's name inside the data directory. */
  public static final String FILE_NAME = "driftwatch.db";

  private static final Logger log = LoggerFactory.getLogger(SqliteChangeStore.class);

  // Long enough for a large queued probe on a slow disk; close() must not hang a shutdown forever.
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

  private final Path file;
  private final SqliteWriter writer;
  private final SqliteReader reader;
  private final SqliteDriftWriter driftWriter;
  private final SqliteDriftReader driftReader;
  private final StoreThread writerThread = new StoreThread("driftwatch-store-writer");
  private final StoreThread readerThread = new StoreThread("driftwatch-store-reader");
  private final ExecutorService writes = Executors.newSingleThreadExecutor(writerThread);
  private final ExecutorService reads = Executors.newSingleThreadExecutor(readerThread);
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteChangeStore(
      Path file,
      SqliteWriter writer,
      SqliteReader reader,
      SqliteDriftWriter driftWriter,
      SqliteDriftReader driftReader) {
    this.file = file;
    this.writer = writer;
    this.reader = reader;
    this.driftWriter = driftWriter;
    this.driftReader = driftReader;
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir}, upgrading its schema; throws {@link
   * StoreException} naming the path when the directory or file cannot be used.
   */
  public static SqliteChangeStore open(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path file = dir.resolve(FILE_NAME);
    SqliteConnections.requireUsable(dir, file);
    Connection writerConnection = null;
    Connection readerConnection = null;
    try {
      writerConnection = SqliteConnections.openWriter(file);
      int found = SqliteSchema.migrate(writerConnection, file);
      // Opened after the migration so that it never sees a half-created schema.
      readerConnection = SqliteConnections.openReader(file);
      SqliteChangeStore store =
          new SqliteChangeStore(
              file,
              new SqliteWriter(writerConnection),
              new SqliteReader(readerConnection),
              new SqliteDriftWriter(writerConnection),
              new SqliteDriftReader(readerConnection));
      log.info(
          "Opened embedded store [{}] (schema version {}{})",
          file,
          SqliteSchema.latestVersion(),
          found == 0 ? ", new" : "");
      return store;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(readerConnection, e);
      closeQuietly(writerConnection, e);
      if (e instanceof StoreException storeException) {
        throw storeException;
      }
      throw new StoreException("cannot open the embedded store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String kind() {
    return "embedded";
  }

  @Override
  public CompletionStage<Done> putHost(HostSpec host) {
    return write(
        "registering host " + host.name(),
        () -> {
          writer.putHost(host, Instant.now());
          return Done.done();
        });
  }

  @Override
  public CompletionStage<Done> removeHost(String name) {
    return write(
        "removing host " + Text.quote(name),
        () -> {
          writer.removeHost(name, Instant.now());
          return Done.done();
        });
  }

  @Override
  public CompletionStage<List<HostSpec>> hosts() {
    return read("listing hosts", reader::hosts);
  }

  @Override
  public CompletionStage<Optional<HostSpec>> host(String name) {
    return read("reading host " + Text.quote(name), () -> reader.host(name));
  }

  @Override
  public CompletionStage<Done> recordProbe(ProbeRecord probe) {
    return write(
        "recording a probe of host " + Text.quote(probe.host()),
        () -> {
          writer.recordProbe(probe);
          return Done.done();
        });
  }

  @Override
  public CompletionStage<Optional<StoredState>> latest(String host) {
    return read("reading the latest state of host " + Text.quote(host), () -> reader.latest(host));
  }

  @Override
  public CompletionStage<Optional<FactSet>> stateAt(String host, Instant at) {
    return read(
        "reading the state of host " + Text.quote(host) + " at " + at,
        () -> reader.stateAt(host, EpochMillis.floor(at)));
  }

  @Override
  public CompletionStage<ChangePage> changes(ChangeQuery query) {
    return read("querying changes", () -> reader.changes(query));
  }

  @Override
  public CompletionStage<Optional<String>> content(String sha256) {
    return read("reading content " + Text.quote(sha256), () -> reader.content(sha256));
  }

  @Override
  public CompletionStage<Done> putRegistryEntry(RegistryEntry entry) {
    return write(
        "writing " + entry.registry().id() + " entry " + Text.quote(entry.name()),
        () -> {
          driftWriter.putEntry(entry);
          return Done.done();
        });
  }

  @Override
  public CompletionStage<List<RegistryEntry>> registry(Registry registry) {
    return read("listing " + registry.id(), () -> driftReader.registry(registry));
  }

  @Override
  public CompletionStage<List<RegistryEntry>> registryHistory(Registry registry, String name) {
    return read(
        "reading the history of " + registry.id() + " entry " + Text.quote(name),
        () -> driftReader.history(registry, name));
  }

  @Override
  public CompletionStage<Done> addContextEvent(ContextEvent event) {
    return write(
        "adding context event " + Text.quote(event.id()),
        () -> {
          driftWriter.addEvent(event);
          return Done.done();
        });
  }

  @Override
  public CompletionStage<List<ContextEvent>> contextEvents(Instant from, Instant to, int limit) {
    if (limit < 1) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("limit must be at least 1, not " + limit));
    }
    return read(
        "reading context events",
        () -> driftReader.events(EpochMillis.ceil(from), EpochMillis.floor(to), limit));
  }

  /**
   * Stops accepting calls, lets queued writes (and reads) finish, then closes the connections. Safe
   * to call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Queued behind any pending work, on the thread that owns each connection.
    writes.execute(
        () -> {
          closeOnOwnThread("drift writer", driftWriter);
          closeOnOwnThread("writer", writer);
        });
    reads.execute(
        () -> {
          closeOnOwnThread("drift reader", driftReader);
          closeOnOwnThread("reader", reader);
        });
    writes.shutdown();
    reads.shutdown();
    // Closing from a callback running on a store thread cannot wait for that thread.
    if (!writerThread.isCurrent() && !readerThread.isCurrent()) {
      awaitTermination(writes);
      awaitTermination(reads);
    }
    log.info("Closed embedded store [{}]", file);
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> CompletionStage<T> write(String what, Work<T> work) {
    return submit(writes, what, work);
  }

  private <T> CompletionStage<T> read(String what, Work<T> work) {
    return submit(reads, what, work);
  }

  private <T> CompletionStage<T> submit(ExecutorService executor, String what, Work<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closed.get()) {
      result.completeExceptionally(closedFailure(what));
      return result;
    }
    try {
      executor.execute(() -> run(what, work, result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closedFailure(what));
    }
    return result;
  }

  private <T> void run(String what, Work<T> work, CompletableFuture<T> result) {
    try {
      result.complete(work.run());
    } catch (StoreException e) {
      result.completeExceptionally(e);
    } catch (SQLException | RuntimeException e) {
      result.completeExceptionally(
          new StoreException(
              what + " failed in the embedded store " + file + ": " + e.getMessage(), e));
    } catch (Error e) {
      // Complete the stage anyway, or its caller would wait forever.
      result.completeExceptionally(e);
      throw e;
    }
  }

  private StoreException closedFailure(String what) {
    return new StoreException(what + " failed: the embedded store " + file + " is closed", null);
  }

  private void closeOnOwnThread(String role, AutoCloseable connection) {
    try {
      connection.close();
    } catch (Exception e) {
      log.warn("Closing the {} connection of [{}] failed: {}", role, file, e.getMessage());
    }
  }

  private void awaitTermination(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "Embedded store [{}]: queued work did not finish within {}; closing anyway",
            file,
            CLOSE_TIMEOUT);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** Creates the one thread of an executor and remembers it, to recognise calls made from it. */
  private static final class StoreThread implements ThreadFactory {
    private final String name;
    private volatile Thread thread;

    StoreThread(String name) {
      this.name = name;
    }

    @Override
    public Thread newThread(Runnable runnable) {
      Thread created = new Thread(runnable, name);
      // Daemon: a store someone forgot to close must not keep the JVM alive; nothing queued was
      // acknowledged yet, so nothing acknowledged is lost.
      created.setDaemon(true);
      thread = created;
      return created;
    }

    boolean isCurrent() {
      return Thread.currentThread() == thread;
    }
  }
}
