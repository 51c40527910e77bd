package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.schema.Replication;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code driftwatch.cassandra} settings, read once at start.
 *
 * @param contactPoints nodes the driver first connects to; it discovers the rest
 * @param consistency of every read and write (LOCAL_QUORUM by default)
 * @param migrateOnStart apply pending migrations at start; when false, refuse to start if any
 * @param retention how long change events and snapshots are kept (a TTL on each row); zero keeps
 *     them forever
 * @param fleetShards partitions each hour of the fleet timeline is spread over
 * @param maxRequestsInFlight requests one store has outstanding at most; more wait their turn
 * @param access login and TLS
 */
public record CassandraSettings(
    List<InetSocketAddress> contactPoints,
    Keyspace keyspace,
    String localDatacenter,
    Replication replication,
    DefaultConsistencyLevel consistency,
    boolean migrateOnStart,
    Duration retention,
    int fleetShards,
    int maxRequestsInFlight,
    Duration requestTimeout,
    Duration migrationLockTimeout,
    CassandraAccess access) {

  /** Cassandra refuses a TTL above 20 years. */
  public static final Duration MAX_RETENTION = Duration.ofDays(7300);

  private static final int MAX_TTL_SECONDS = (int) MAX_RETENTION.toSeconds();

  public CassandraSettings {
    contactPoints = List.copyOf(contactPoints);
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("driftwatch.cassandra.contact-points is empty");
    }
    Objects.requireNonNull(keyspace, "keyspace");
    if (localDatacenter == null || localDatacenter.isBlank()) {
      throw new IllegalArgumentException("driftwatch.cassandra.local-datacenter is empty");
    }
    Objects.requireNonNull(replication, "replication");
    Objects.requireNonNull(consistency, "consistency");
    Objects.requireNonNull(access, "access");
    if (retention.isNegative() || retention.compareTo(MAX_RETENTION) > 0) {
      throw new IllegalArgumentException(
          "driftwatch.cassandra.retention must be 0 (forever) or at most 7300d (Cassandra's TTL"
              + " limit), not "
              + retention);
    }
    if (!retention.isZero() && retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(
          "driftwatch.cassandra.retention must be at least 1d, not " + retention);
    }
    if (fleetShards < 1 || fleetShards > 256) {
      throw new IllegalArgumentException("driftwatch.cassandra.fleet-shards must be 1..256");
    }
    if (maxRequestsInFlight < 1 || maxRequestsInFlight > 10_000) {
      throw new IllegalArgumentException(
          "driftwatch.cassandra.max-requests-in-flight must be 1..10000");
    }
  }

  /** Reads the {@code driftwatch.cassandra} section (of a config that has one). */
  public static CassandraSettings fromConfig(Config root) {
    Config c = root.getConfig("driftwatch.cassandra");
    return new CassandraSettings(
        contactPoints(c),
        new Keyspace(c.getString("keyspace")),
        c.getString("local-datacenter"),
        Replication.parse(c.getString("replication")),
        consistency(c.getString("consistency")),
        c.getBoolean("migrate-on-start"),
        retention(c.getString("retention")),
        c.getInt("fleet-shards"),
        c.getInt("max-requests-in-flight"),
        c.getDuration("request-timeout"),
        c.getDuration("migration-lock-timeout"),
        CassandraAccess.fromConfig(c));
  }

  /** The same settings in another keyspace. */
  public CassandraSettings withKeyspace(Keyspace other) {
    return new CassandraSettings(
        contactPoints,
        other,
        localDatacenter,
        replication,
        consistency,
        migrateOnStart,
        retention,
        fleetShards,
        maxRequestsInFlight,
        requestTimeout,
        migrationLockTimeout,
        access);
  }

  /** The same settings with migrations on or off at start. */
  public CassandraSettings withMigrateOnStart(boolean migrate) {
    return new CassandraSettings(
        contactPoints,
        keyspace,
        localDatacenter,
        replication,
        consistency,
        migrate,
        retention,
        fleetShards,
        maxRequestsInFlight,
        requestTimeout,
        migrationLockTimeout,
        access);
  }

  /**
   * The TTL in seconds for a row that must outlive the retention by {@code extra} (an index row by
   * its bucket's width), within Cassandra's limit; 0 means none.
   */
  int ttlSeconds(Duration extra) {
    return retention.isZero()
        ? 0
        : (int) Math.min(MAX_TTL_SECONDS, retention.plus(extra).toSeconds());
  }

  /** {@code host:port,host:port} (or a HOCON list of them); the port defaults to 9042. */
  static List<InetSocketAddress> contactPoints(Config c) {
    List<String> entries = new ArrayList<>();
    if (c.getValue("contact-points").valueType() == ConfigValueType.LIST) {
      entries.addAll(c.getStringList("contact-points"));
    } else {
      for (String part : c.getString("contact-points").split(",")) {
        entries.add(part);
      }
    }
    List<InetSocketAddress> points = new ArrayList<>();
    for (String entry : entries) {
      if (!entry.isBlank()) {
        points.add(contactPoint(entry.strip()));
      }
    }
    return points;
  }

  static InetSocketAddress contactPoint(String text) {
    String host = text;
    int port = 9042;
    int colon = text.lastIndexOf(':');
    // An IPv6 address is written [::1]:9042; a bare one has colons but no port.
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("contact point '" + text + "' lacks its ']'");
      }
      host = text.substring(1, close);
      if (close + 1 < text.length()) {
        port = port(text, text.substring(close + 1).replaceFirst("^:", ""));
      }
    } else if (colon > 0 && text.indexOf(':') == colon) {
      host = text.substring(0, colon);
      port = port(text, text.substring(colon + 1));
    }
    if (host.isBlank() || !host.matches("[A-Za-z0-9._:%-]+")) {
      throw new IllegalArgumentException("contact point '" + text + "' is not host:port");
    }
    // Unresolved: the driver resolves it when it connects, and again when it reconnects.
    return InetSocketAddress.createUnresolved(host, port);
  }

  private static int port(String text, String port) {
    try {
      int p = Integer.parseInt(port);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("contact point '" + text + "' has no valid port");
  }

  static DefaultConsistencyLevel consistency(String text) {
    try {
      return DefaultConsistencyLevel.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "driftwatch.cassandra.consistency '"
              + text
              + "' is not a consistency level (e.g. LOCAL_QUORUM, QUORUM, ONE)");
    }
  }

  /** "forever", "0" or "" keep history forever; otherwise a duration like 400d. */
  static Duration retention(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.equals("0") || t.equalsIgnoreCase("forever")) {
      return Duration.ZERO;
    }
    try {
      return ConfigFactory.parseMap(Map.of("retention", t)).getDuration("retention");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "driftwatch.cassandra.retention '" + text + "' is not a duration like 400d, or forever");
    }
  }
}
