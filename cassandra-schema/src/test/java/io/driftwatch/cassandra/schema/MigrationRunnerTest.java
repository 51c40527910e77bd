package io.driftwatch.cassandra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.driftwatch.cassandra.testing.LocalCassandra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Migrations against the real local node, each test in a keyspace of its own. */
class MigrationRunnerTest {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

  private final CqlSession session = LocalCassandra.session();
  private Keyspace keyspace;

  @BeforeEach
  void createKeyspace() {
    keyspace = LocalCassandra.uniqueKeyspace("migrations");
    keyspace.createIfAbsent(session, Replication.parse("SimpleStrategy:1"));
  }

  @AfterEach
  void dropKeyspace() {
    LocalCassandra.drop(keyspace);
  }

  @Test
  void appliesEveryMigrationOnceAndRecordsIt() {
    MigrationRunner runner = runner(Migrations.bundled());
    assertThat(runner.pending())
        .extracting(Migration::fileName)
        .containsExactly("V001__change_history.cql", "V002__registries.cql", "V003__webhooks.cql");

    MigrationRunner.Result first = runner.migrate();
    Map<String, UUID> tablesAfterFirst = tableIds();
    MigrationRunner.Result second = runner(Migrations.bundled()).migrate();

    assertThat(first.applied())
        .containsExactly("V001__change_history.cql", "V002__registries.cql", "V003__webhooks.cql");
    assertThat(first.statementsExecuted()).isEqualTo(bundledStatements());
    assertThat(second.applied()).isEmpty();
    assertThat(second.statementsExecuted()).isZero();
    assertThat(runner.pending()).isEmpty();
    // The same tables, not dropped and made again.
    assertThat(tableIds()).isEqualTo(tablesAfterFirst);
    assertThat(tablesAfterFirst)
        .containsKeys(
            "hosts",
            "host_progress",
            "contents",
            "host_changes",
            "host_change_days",
            "fleet_changes",
            "fleet_change_hours",
            "fleet_change_years",
            "key_changes",
            "key_change_days",
            "host_snapshots",
            "host_snapshot_days",
            "expectations",
            "baselines",
            "exceptions",
            "registry_history",
            "context_events",
            "webhooks",
            "context_event_days",
            MigrationRunner.APPLIED,
            MigrationLock.TABLE);
    Row record = applied().get(0);
    assertThat(record.getInt("version")).isEqualTo(1);
    assertThat(record.getString("file_name")).isEqualTo("V001__change_history.cql");
    assertThat(record.getString("checksum")).isEqualTo(Migrations.bundled().get(0).checksum());
    assertThat(record.getInstant("applied_at")).isNotNull();
    assertThat(record.getString("applied_by")).isNotBlank();
    // The lock is released.
    assertThat(session.execute("SELECT * FROM " + keyspace.qualify(MigrationLock.TABLE)).all())
        .isEmpty();
  }

  @Test
  void twoNodesStartingAtOnceCreateEachTableOnce() throws Exception {
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    CyclicBarrier start = new CyclicBarrier(2);
    List<CqlSession> sessions = List.of(LocalCassandra.connect(), LocalCassandra.connect());
    try {
      List<Future<MigrationRunner.Result>> results = new ArrayList<>();
      for (CqlSession node : sessions) {
        Callable<MigrationRunner.Result> migrate =
            () -> {
              MigrationRunner runner =
                  new MigrationRunner(node, keyspace, Migrations.bundled(), LEASE, LOCK_TIMEOUT);
              start.await();
              return runner.migrate();
            };
        results.add(nodes.submit(migrate));
      }
      List<MigrationRunner.Result> done = new ArrayList<>();
      for (Future<MigrationRunner.Result> result : results) {
        done.add(result.get(120, TimeUnit.SECONDS));
      }

      // One node applied everything; the other waited for the lock and found nothing to do.
      assertThat(done)
          .extracting(MigrationRunner.Result::applied)
          .containsExactlyInAnyOrder(
              List.of("V001__change_history.cql", "V002__registries.cql", "V003__webhooks.cql"),
              List.of());
      assertThat(done.stream().mapToInt(MigrationRunner.Result::statementsExecuted).sum())
          .isEqualTo(bundledStatements());
      assertThat(applied()).hasSize(3);
      assertThat(tableIds()).hasSize(21);
    } finally {
      nodes.shutdownNow();
      sessions.forEach(CqlSession::close);
    }
  }

  @Test
  void anAppliedFileThatChangedIsRefused() {
    runner(Migrations.bundled()).migrate();
    Migration original = Migrations.bundled().get(0);
    Migration edited =
        Migration.of(
            original.fileName(),
            String.join(";\n", original.statements())
                    .replace("changed_at timestamp", "changed_at bigint")
                + ";");
    List<Migration> withEdited = new ArrayList<>(Migrations.bundled());
    withEdited.set(0, edited);

    assertThatThrownBy(() -> runner(withEdited).migrate())
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V001__change_history.cql")
        .hasMessageContaining(original.checksum())
        .hasMessageContaining(edited.checksum())
        .hasMessageContaining("must never change");
    assertThatThrownBy(() -> runner(withEdited).pending()).isInstanceOf(MigrationException.class);
  }

  @Test
  void aLaterFileIsAppliedAfterTheEarlierOnes() {
    Migration v1 =
        Migration.of("V001__one.cql", "CREATE TABLE IF NOT EXISTS one (x int PRIMARY KEY);");
    Migration v2 =
        Migration.of(
            "V002__two.cql",
            "CREATE TABLE IF NOT EXISTS two (x int PRIMARY KEY);\n"
                + "ALTER TABLE one ADD IF NOT EXISTS y text;");
    runner(List.of(v1)).migrate();

    assertThat(runner(List.of(v1, v2)).pending()).containsExactly(v2);
    MigrationRunner.Result result = runner(List.of(v1, v2)).migrate();

    assertThat(result.applied()).containsExactly("V002__two.cql");
    assertThat(tableIds()).containsKeys("one", "two");
    assertThat(applied()).extracting(r -> r.getInt("version")).containsExactly(1, 2);
  }

  @Test
  void aKeyspaceMigratedByANewerVersionIsRefused() {
    runner(Migrations.bundled()).migrate();
    session.execute(
        SimpleStatement.newInstance(
            "INSERT INTO "
                + keyspace.qualify(MigrationRunner.APPLIED)
                + " (version, file_name, checksum) VALUES (?, ?, ?)",
            99,
            "V099__future.cql",
            "abc"));

    assertThatThrownBy(() -> runner(Migrations.bundled()).migrate())
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("V099__future.cql")
        .hasMessageContaining("newer Driftwatch");
  }

  @Test
  void aLockLeftByADeadNodeFreesItselfWhenItsLeaseRunsOut() {
    runner(List.of()).pending();
    Migration v1 =
        Migration.of("V001__one.cql", "CREATE TABLE IF NOT EXISTS one (x int PRIMARY KEY);");
    // Make the bookkeeping tables, then leave a lock as a node that died mid-migration would.
    runner(List.of(v1)).migrate();
    session.execute(
        SimpleStatement.newInstance(
            "INSERT INTO "
                + keyspace.qualify(MigrationLock.TABLE)
                + " (name, owner) VALUES ('migrate', 'dead-node') USING TTL 3"));
    Migration v2 =
        Migration.of("V002__two.cql", "CREATE TABLE IF NOT EXISTS two (x int PRIMARY KEY);");

    long started = System.nanoTime();
    MigrationRunner.Result result = runner(List.of(v1, v2)).migrate();

    assertThat(result.applied()).containsExactly("V002__two.cql");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(1));
  }

  @Test
  void waitingForALockThatIsNeverFreedGivesUpNamingItsHolder() {
    Migration v1 =
        Migration.of("V001__one.cql", "CREATE TABLE IF NOT EXISTS one (x int PRIMARY KEY);");
    runner(List.of()).migrate();
    session.execute(
        "INSERT INTO "
            + keyspace.qualify(MigrationLock.TABLE)
            + " (name, owner) VALUES ('migrate', 'stuck-node')");

    MigrationRunner impatient =
        new MigrationRunner(session, keyspace, List.of(v1), LEASE, Duration.ofSeconds(1));

    assertThatThrownBy(impatient::migrate)
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("stuck-node");
  }

  @Test
  void aMissingKeyspaceHasEverythingPending() {
    Keyspace absent = LocalCassandra.uniqueKeyspace("absent");
    MigrationRunner runner =
        new MigrationRunner(session, absent, Migrations.bundled(), LEASE, LOCK_TIMEOUT);

    assertThat(runner.pending()).isEqualTo(Migrations.bundled());
    assertThatThrownBy(runner::migrate).hasMessageContaining("does not exist");
  }

  private MigrationRunner runner(List<Migration> migrations) {
    return new MigrationRunner(session, keyspace, migrations, LEASE, LOCK_TIMEOUT);
  }

  private List<Row> applied() {
    return session
        .execute("SELECT * FROM " + keyspace.qualify(MigrationRunner.APPLIED))
        .all()
        .stream()
        .sorted((a, b) -> Integer.compare(a.getInt("version"), b.getInt("version")))
        .toList();
  }

  private Map<String, UUID> tableIds() {
    Map<String, UUID> ids = new TreeMap<>();
    for (Row row :
        session.execute(
            SimpleStatement.newInstance(
                "SELECT table_name, id FROM system_schema.tables WHERE keyspace_name = ?",
                keyspace.name()))) {
      ids.put(row.getString("table_name"), row.getUuid("id"));
    }
    return ids;
  }

  private static int bundledStatements() {
    return Migrations.bundled().stream().mapToInt(m -> m.statements().size()).sum();
  }
}
