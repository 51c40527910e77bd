package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.internal.core.ssl.DefaultSslEngineFactory;
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
      CassandraAccess access = settings.access();
      CqlSessionBuilder builder =
          CqlSession.builder()
              .withApplicationName("driftwatch")
              .addContactPoints(settings.contactPoints())
              .withLocalDatacenter(settings.localDatacenter())
              .withConfigLoader(config(settings));
      if (access.username().isPresent()) {
        builder.withAuthCredentials(access.username().get(), access.password().orElseThrow());
      }
      return builder.build();
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
    return tls(settings.access(), DriverConfigLoader.programmaticBuilder())
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

  private static ProgrammaticDriverConfigLoaderBuilder tls(
      CassandraAccess access, ProgrammaticDriverConfigLoaderBuilder config) {
    if (!access.tls()) {
      return config;
    }
    config
        .withClass(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS, DefaultSslEngineFactory.class)
        .withBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, access.hostnameValidation());
    access
        .truststore()
        .ifPresent(
            path -> config.withString(DefaultDriverOption.SSL_TRUSTSTORE_PATH, path.toString()));
    access
        .truststorePassword()
        .ifPresent(
            password -> config.withString(DefaultDriverOption.SSL_TRUSTSTORE_PASSWORD, password));
    return config;
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
