package io.driftwatch.cassandra.schema;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validated keyspace name: lowercase letters, digits and underscores, starting with a letter, at
 * most 48 characters (Cassandra's limit). Lowercase only, so that the name means the same quoted
 * and unquoted and no identifier ever needs escaping.
 */
public record Keyspace(String name) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(Keyspace.class);

  public Keyspace {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "keyspace name '"
              + name
              + "' is invalid: use lowercase letters, digits and _, starting with a letter, at most"
              + " 48 characters");
    }
  }

  public CqlIdentifier identifier() {
    return CqlIdentifier.fromInternal(name);
  }

  /** {@code keyspace.table}, for statements that name their table fully. */
  public String qualify(String table) {
    return name + "." + table;
  }

  /** True when the keyspace exists in the cluster's schema. */
  public boolean exists(CqlSession session) {
    return session
            .execute(
                SimpleStatement.newInstance(
                    "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
                    name))
            .one()
        != null;
  }

  /**
   * Creates the keyspace with {@code replication} unless it exists; an existing keyspace keeps its
   * replication (operators change that with ALTER KEYSPACE and a repair, never a start-up).
   */
  public void createIfAbsent(CqlSession session, Replication replication) {
    if (exists(session)) {
      return;
    }
    session.execute(
        SimpleStatement.newInstance(
                "CREATE KEYSPACE IF NOT EXISTS "
                    + name
                    + " WITH replication = "
                    + replication.cql()
                    + " AND durable_writes = true")
            .setTimeout(DDL_TIMEOUT));
    log.info("Created Cassandra keyspace [{}] with replication {}", name, replication);
  }

  /** Drops the keyspace and everything in it (tests only). */
  public void drop(CqlSession session) {
    session.execute(
        SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + name).setTimeout(DDL_TIMEOUT));
  }

  @Override
  public String toString() {
    return name;
  }
}
