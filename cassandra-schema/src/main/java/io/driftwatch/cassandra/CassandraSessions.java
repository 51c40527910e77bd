package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.driftwatch.node.store.StoreException;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Opens the one {@link CqlSession} a node shares for everything it does in Cassandra, configured
 * from {@link CassandraSettings} rather than the driver's own config files.
 */
public final class CassandraSessions {

  private CassandraSessions() {}

  /** Connects, or throws {@link StoreException} naming the contact points and why it failed. */
  public static CqlSession open(CassandraSettings settings) {
    try {
      return CqlSession.builder()
          .withApplicationName("driftwatch")
          .addContactPoints(settings.contactPoints())
          .withLocalDatacenter(settings.localDatacenter())
          .withConfigLoader(config(settings))
          .build();
    } catch (AllNodesFailedException e) {
      throw new StoreException(
          "cannot connect to Cassandra at "
              + describe(settings)
              + " (local datacenter "
              + settings.localDatacenter()
              + "): "
              + firstCause(e),
          e);
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot connect to Cassandra at " + describe(settings) + ": " + e.getMessage(), e);
    }
  }

  private static DriverConfigLoader config(CassandraSettings settings) {
    return DriverConfigLoader.programmaticBuilder()
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.consistency().name())
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
        // Every statement of the store is idempotent (fixed values, unique ids, explicit write
        // times), so the driver may retry a timed-out one; the lock's LWTs say otherwise.
        .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
        // Schema changes are rare and ours come in a burst of a dozen tables: refresh the
        // driver's metadata right after each instead of a 1 s debounce per statement.
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(20))
        // The native clock needs jnr-posix, deliberately left out; say so instead of trying.
        .withBoolean(DefaultDriverOption.TIMESTAMP_GENERATOR_FORCE_JAVA_CLOCK, true)
        // After an outage, reconnect within seconds rather than the driver's default minute.
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(10))
        .build();
  }

  static String describe(CassandraSettings settings) {
    return settings.contactPoints().stream()
        .map(a -> a.getHostString() + ":" + a.getPort())
        .collect(Collectors.joining(","));
  }

  private static String firstCause(AllNodesFailedException e) {
    return e.getAllErrors().values().stream()
        .flatMap(java.util.List::stream)
        .findFirst()
        .map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
        .orElse(e.getMessage());
  }
}
