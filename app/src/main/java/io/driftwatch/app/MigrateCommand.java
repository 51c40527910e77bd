package io.driftwatch.app;

import com.datastax.oss.driver.api.core.CqlSession;
import io.driftwatch.cassandra.CassandraSchema;
import io.driftwatch.cassandra.CassandraSessions;
import io.driftwatch.cassandra.CassandraSettings;
import io.driftwatch.cassandra.schema.Migration;
import io.driftwatch.cassandra.schema.MigrationException;
import io.driftwatch.cassandra.schema.MigrationRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftwatch migrate}: creates the Cassandra keyspace and applies pending schema migrations,
 * for deployments that start their nodes with {@code migrate-on-start = off}.
 */
@Command(
    name = "migrate",
    description =
        "Create the Cassandra keyspace and apply pending schema migrations (or list them with"
            + " --dry-run), then exit.")
final class MigrateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--cassandra-contact-points",
      defaultValue = "${env:DRIFTWATCH_CASSANDRA_CONTACT_POINTS}",
      paramLabel = "HOST:PORT,...",
      description = "Cassandra nodes (default 127.0.0.1:9042).")
  String contactPoints;

  @Option(
      names = "--keyspace",
      defaultValue = "${env:DRIFTWATCH_CASSANDRA_KEYSPACE}",
      description = "Keyspace (default driftwatch).")
  String keyspace;

  @Option(
      names = "--config",
      defaultValue = "${env:DRIFTWATCH_CONFIG}",
      description = "HOCON file with a driftwatch.cassandra section.")
  Path config;

  @Option(names = "--dry-run", description = "Only list the pending migrations.")
  boolean dryRun;

  @Override
  public Integer call() {
    Map<String, Object> overrides = new HashMap<>();
    if (contactPoints != null) {
      overrides.put("driftwatch.cassandra.contact-points", contactPoints);
    }
    if (keyspace != null) {
      overrides.put("driftwatch.cassandra.keyspace", keyspace);
    }
    CassandraSettings settings =
        CassandraSettings.fromConfig(NodeConfig.load(overrides, Optional.ofNullable(config)));
    PrintWriter out = spec.commandLine().getOut();
    try (CqlSession session = CassandraSessions.open(settings)) {
      MigrationRunner runner = CassandraSchema.runner(session, settings);
      List<Migration> pending = runner.pending();
      if (dryRun || pending.isEmpty()) {
        out.printf(
            "Keyspace %s: %s%n",
            settings.keyspace(),
            pending.isEmpty()
                ? "up to date"
                : pending.size()
                    + " pending: "
                    + String.join(", ", pending.stream().map(Migration::fileName).toList()));
        return 0;
      }
      settings.keyspace().createIfAbsent(session, settings.replication());
      MigrationRunner.Result result = runner.migrate();
      out.printf(
          "Keyspace %s: applied %s%n",
          settings.keyspace(),
          result.applied().isEmpty()
              ? "nothing (another node did it meanwhile)"
              : String.join(", ", result.applied()));
      return 0;
    } catch (MigrationException e) {
      throw new IllegalStateException("keyspace " + settings.keyspace() + ": " + e.getMessage(), e);
    }
  }
}
