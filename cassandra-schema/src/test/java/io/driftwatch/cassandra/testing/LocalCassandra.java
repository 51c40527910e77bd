package io.driftwatch.cassandra.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.driftwatch.cassandra.CassandraAccess;
import io.driftwatch.cassandra.CassandraSessions;
import io.driftwatch.cassandra.CassandraSettings;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.schema.Replication;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Cassandra node the tests run against: the one {@code cassandra-schema/local-cassandra}
 * starts (bin/test starts it and exports CASSANDRA_HOST and CASSANDRA_PORT). Tests share one
 * session per JVM and each uses keyspaces of its own, so they never see each other's data.
 */
public final class LocalCassandra {

  private static final AtomicInteger KEYSPACES = new AtomicInteger();
  private static CqlSession shared;
  private static AssertionError unreachable;

  private LocalCassandra() {}

  public static String host() {
    String host = System.getenv("CASSANDRA_HOST");
    return host == null || host.isBlank() ? "127.0.0.1" : host;
  }

  public static int port() {
    String port = System.getenv("CASSANDRA_PORT");
    return port == null || port.isBlank() ? 9042 : Integer.parseInt(port.strip());
  }

  /** {@code host:port}, as the contact-points setting takes it. */
  public static String contactPoint() {
    return host() + ":" + port();
  }

  /** Settings for {@code keyspace} on the local node: RF 1, LOCAL_QUORUM, migrations on. */
  public static CassandraSettings settings(Keyspace keyspace) {
    return new CassandraSettings(
        List.of(InetSocketAddress.createUnresolved(host(), port())),
        keyspace,
        "datacenter1",
        Replication.parse("SimpleStrategy:1"),
        DefaultConsistencyLevel.LOCAL_QUORUM,
        true,
        Duration.ZERO,
        8,
        256,
        Duration.ofSeconds(20),
        Duration.ofSeconds(60),
        CassandraAccess.NONE);
  }

  /**
   * The session shared by this JVM's tests; fails with what to do when no node answers (these tests
   * never skip: a missing Cassandra is a failure). The first failure is remembered, so that a
   * missing node fails every later test at once instead of after another connect timeout.
   */
  public static CqlSession session() {
    synchronized (LocalCassandra.class) {
      if (unreachable != null) {
        throw new AssertionError(unreachable.getMessage(), unreachable);
      }
      if (shared == null) {
        try {
          shared = connect();
        } catch (AssertionError e) {
          unreachable = e;
          throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "close-test-session"));
      }
      return shared;
    }
  }

  /** A new session of its own (for tests that need two "nodes"); the caller closes it. */
  public static CqlSession connect() {
    try {
      return CassandraSessions.open(settings(new Keyspace("unused")));
    } catch (RuntimeException e) {
      throw new AssertionError(
          "No Cassandra accepts CQL at "
              + contactPoint()
              + " (CASSANDRA_HOST, CASSANDRA_PORT). Run the tests with bin/test, which starts one,"
              + " or start it first with: cassandra-schema/local-cassandra start ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** A keyspace name no other test uses, e.g. {@code t_contract_3_k2f9}; not created. */
  public static Keyspace uniqueKeyspace(String purpose) {
    String clean = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (clean.length() > 20) {
      clean = clean.substring(0, 20);
    }
    String random = Long.toString(System.nanoTime() ^ ProcessHandle.current().pid(), 36);
    String name = "t_" + clean + "_" + KEYSPACES.incrementAndGet() + "_" + random;
    return new Keyspace(name.length() > 48 ? name.substring(0, 48) : name);
  }

  /** Drops a test's keyspace. */
  public static void drop(Keyspace keyspace) {
    keyspace.drop(session());
  }
}
