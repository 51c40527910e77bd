package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.host.HostSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store: the shared contract, plus what only a file on disk can show. */
class SqliteChangeStoreTest extends ChangeStoreContract {

  @TempDir Path tempDir;

  @Override
  protected ChangeStore createStore() {
    return SqliteChangeStore.open(dataDir());
  }

  private Path dataDir() {
    return tempDir.resolve("data");
  }

  private Path databaseFile() {
    return dataDir().resolve(SqliteChangeStore.FILE_NAME);
  }

  @Test
  void everythingSurvivesCloseAndReopen() {
    HostSpec web = spec("web-1", Map.of("role", "web"));
    await(store.putHost(web));
    await(store.putHost(spec("gone-1", Map.of())));
    await(store.removeHost("gone-1"));
    HostTimeline host = new HostTimeline("web-1");
    ProbeRecord first =
        host.probe(
            at(0), FactSet.of(Map.of("file:/etc/hosts", "sha256:x")), true, Map.of("x", "hosts"));
    ProbeRecord second = host.probe(at(60), Map.of("file:/etc/hosts", "sha256:y"));
    await(store.recordProbe(first));
    await(store.recordProbe(second));
    store.close();

    store = SqliteChangeStore.open(dataDir());

    assertThat(await(store.hosts())).containsExactly(web);
    assertThat(await(store.changes(ChangeQuery.ofFleet("", ALL_TIME, 100))).changes())
        .containsExactlyElementsOf(concat(first.changes(), second.changes()));
    assertThat(await(store.stateAt("web-1", at(30)))).contains(first.snapshot().orElseThrow());
    StoredState latest = await(store.latest("web-1")).orElseThrow();
    assertThat(latest.facts()).isEqualTo(host.current());
    assertThat(latest.lastProbeAt()).isEqualTo(at(60));
    assertThat(latest.changesSinceSnapshot()).isEqualTo(1);
    assertThat(await(store.content("x"))).contains("hosts");
  }

  @Test
  void acknowledgedProbesSurviveAKilledProcess() throws Exception {
    store.close();
    Path errors = tempDir.resolve("child.err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A killed JVM leaves its extracted native library behind; keep it in tempDir.
                "-Dorg.sqlite.tmpdir=" + tempDir,
                "-cp",
                System.getProperty("java.class.path"),
                SqliteCrashWriter.class.getName(),
                dataDir().toString())
            .redirectError(errors.toFile())
            .start();
    int lastAcked = -1;
    try (BufferedReader acks =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = acks.readLine()) != null) {
        if (!line.startsWith("acked ")) {
          continue; // the child's log lines
        }
        lastAcked = Integer.parseInt(line.substring("acked ".length()));
        if (lastAcked == 40) {
          // SIGKILL while it keeps writing: no close, no shutdown hooks, no flush. Through the
          // handle, because Process.destroyForcibly() would also close the pipe still being read
          // for acknowledgements that were already on their way.
          child.toHandle().destroyForcibly();
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(lastAcked)
        .as("probes acknowledged by the child; its errors: %s", read(errors))
        .isGreaterThanOrEqualTo(40);

    store = SqliteChangeStore.open(dataDir());

    List<ChangeEvent> stored =
        await(
                store.changes(
                    ChangeQuery.ofHost(
                        SqliteCrashWriter.HOST, "", ALL_TIME, ChangeQuery.MAX_LIMIT)))
            .changes();
    Set<String> ids = new HashSet<>();
    stored.forEach(change -> ids.add(change.id()));
    for (int n = 0; n <= lastAcked; n++) {
      for (int k = 0; k < SqliteCrashWriter.CHANGES_PER_PROBE; k++) {
        assertThat(ids).contains(SqliteCrashWriter.eventId(n, k));
      }
    }
    StoredState latest = await(store.latest(SqliteCrashWriter.HOST)).orElseThrow();
    assertThat(latest.lastProbeAt()).isAfterOrEqualTo(at(lastAcked));
    assertThat(latest.facts().get("custom:key-0"))
        .isEqualTo("value-" + (latest.lastProbeAt().getEpochSecond() - T0.getEpochSecond()));
  }

  @Test
  void closeFinishesQueuedWritesFirst() {
    HostTimeline host = new HostTimeline("web-1");
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ProbeRecord probe =
          i == 0
              ? host.probeWithSnapshot(at(i), Map.of("custom:n", "" + i))
              : host.probe(at(i), Map.of("custom:n", "" + i));
      pending.add(store.recordProbe(probe).toCompletableFuture());
    }

    store.close();

    assertThat(pending)
        .allSatisfy(write -> assertThat(write).isCompleted().isNotCompletedExceptionally());
    store = SqliteChangeStore.open(dataDir());
    assertThat(await(store.latest("web-1")).orElseThrow().facts()).isEqualTo(host.current());
  }

  @Test
  void queriesDoNotWaitForAWriteInProgress() throws Exception {
    await(store.putHost(spec("web-1", Map.of())));
    CompletableFuture<?> write;
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        Statement sql = other.createStatement()) {
      // Another writer holds the write lock, as a long write of the store's own would.
      sql.execute("BEGIN IMMEDIATE");
      write = store.putHost(spec("web-2", Map.of())).toCompletableFuture();

      assertThat(store.hosts().toCompletableFuture().get(5, TimeUnit.SECONDS))
          .extracting(HostSpec::name)
          .containsExactly("web-1");
      assertThat(write).isNotDone();
      sql.execute("COMMIT");
    }
    write.get(30, TimeUnit.SECONDS);
    assertThat(await(store.hosts())).extracting(HostSpec::name).containsExactly("web-1", "web-2");
  }

  @Test
  void dataDirectoryThatCannotBeCreatedIsNamedInTheError() throws IOException {
    Path file = Files.writeString(tempDir.resolve("not-a-directory"), "x");
    Path wanted = file.resolve("data");

    assertThatThrownBy(() -> SqliteChangeStore.open(wanted))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(wanted.toString())
        .message()
        .containsIgnoringCase("not a directory");
  }

  @Test
  void dataDirectoryThatCannotBeWrittenIsNamedInTheError() {
    // Permission bits do not bind root, which runs these tests in CI; sysfs refuses new files to
    // everyone, so it stands for a read-only data directory.
    Path readOnly = Path.of("/sys/kernel");
    assertThatThrownBy(() -> SqliteChangeStore.open(readOnly))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(readOnly.toString());
  }

  @Test
  void fileThatIsNotADatabaseIsRefusedByName() throws IOException {
    store.close();
    Files.writeString(databaseFile(), "these are not the bytes you are looking for".repeat(100));

    assertThatThrownBy(() -> SqliteChangeStore.open(dataDir()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(databaseFile().toString());
  }

  @Test
  void someoneElsesSqliteFileIsRefused() throws Exception {
    store.close();
    Path other = tempDir.resolve("other");
    Files.createDirectories(other);
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:sqlite:" + other.resolve(SqliteChangeStore.FILE_NAME));
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    }

    assertThatThrownBy(() -> SqliteChangeStore.open(other))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a Driftwatch database");
  }

  @Test
  void schemaVersionIsRecordedInTheFile() throws SQLException {
    store.close();

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        Statement sql = connection.createStatement()) {
      assertThat(intPragma(sql, "user_version")).isEqualTo(SqliteSchema.latestVersion());
      assertThat(intPragma(sql, "application_id")).isEqualTo(SqliteSchema.APPLICATION_ID);
      assertThat(stringPragma(sql, "journal_mode")).isEqualTo("wal");
    }
  }

  @Test
  void aFileFromBeforeTheRegistriesIsUpgradedKeepingItsData() throws SQLException {
    HostSpec web = spec("web-1", Map.of("role", "web"));
    await(store.putHost(web));
    store.close();
    // What version 1 left on disk: no registry or event tables yet.
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        Statement sql = connection.createStatement()) {
      sql.execute("DROP TABLE registry_entries");
      sql.execute("DROP TABLE registry_history");
      sql.execute("DROP TABLE context_events");
      sql.execute("PRAGMA user_version = 1");
    }

    store = SqliteChangeStore.open(dataDir());
    RegistryEntry expectation =
        new RegistryEntry(Registry.EXPECTATIONS, "nginx", "{}", false, at(0), "alice");
    await(store.putRegistryEntry(expectation));
    await(store.addContextEvent(event("ev-1", at(1))));

    assertThat(await(store.hosts())).containsExactly(web);
    assertThat(await(store.registry(Registry.EXPECTATIONS))).containsExactly(expectation);
    assertThat(await(store.contextEvents(at(0), at(2), 10))).hasSize(1);
    store.close();
    // Opening an upgraded file again changes nothing.
    store = SqliteChangeStore.open(dataDir());
    assertThat(await(store.registry(Registry.EXPECTATIONS))).containsExactly(expectation);
  }

  @Test
  void fileFromANewerDriftwatchIsRefused() throws SQLException {
    store.close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        Statement sql = connection.createStatement()) {
      sql.execute("PRAGMA user_version = " + (SqliteSchema.latestVersion() + 1));
    }

    assertThatThrownBy(() -> SqliteChangeStore.open(dataDir()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(databaseFile().toString())
        .hasMessageContaining("newer Driftwatch");
  }

  @Test
  void hostSpecWrittenByALaterVersionStillLoads() throws SQLException {
    store.close();
    insertHostRow(
        "web-9",
        """
        {"name":"web-9","transport":"ssh","root":"/","tags":{"role":"web"},"interval":"2m",
         "address":"10.0.0.9","port":2222,"sudo":true,"future":{"nested":[1,2,3]}}""");
    insertHostRow("broken-1", "{\"name\":\"broken-1\",\"transport\":\"carrier-pigeon\"}");

    store = SqliteChangeStore.open(dataDir());

    HostSpec web9 = await(store.host("web-9")).orElseThrow();
    assertThat(web9.interval()).hasMinutes(2);
    assertThat(web9.tags()).containsEntry("role", "web");
    // One unreadable row is skipped, not allowed to hide the whole fleet.
    assertThat(await(store.hosts())).containsExactly(web9);
    assertThat(failureOf(store.host("broken-1")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("broken-1");
  }

  @Test
  void retriedProbeIsNotCountedTwiceTowardsTheNextSnapshot() {
    HostTimeline host = new HostTimeline("web-1");
    await(store.recordProbe(host.probeWithSnapshot(at(0), Map.of("custom:a", "1"))));
    ProbeRecord change = host.probe(at(60), Map.of("custom:a", "2", "custom:b", "1"));

    await(store.recordProbe(change));
    await(store.recordProbe(change));

    assertThat(await(store.latest("web-1")).orElseThrow().changesSinceSnapshot()).isEqualTo(2);
  }

  @Test
  void everyChangeQueryIsServedByAnIndex() throws SQLException {
    store.close();
    TimeRange range = new TimeRange(at(0), at(60));
    List<ChangeQuery> shapes =
        List.of(
            ChangeQuery.ofHost("web-1", "", range, 10),
            ChangeQuery.ofHost("web-1", "package:", range, 10),
            ChangeQuery.ofFleet("", range, 10),
            ChangeQuery.ofFleet("package:", range, 10),
            ChangeQuery.ofKey("package:libc6", range, 10),
            new ChangeQuery("web-1", "package:libc6", "", range, 10));
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile())) {
      for (ChangeQuery query : shapes) {
        SqliteChangeFilter filter = SqliteChangeFilter.of(query);
        String plan = plan(connection, filter.sql(), query, filter);
        assertThat(plan)
            .as("plan of %s", filter)
            .contains("USING INDEX")
            .doesNotContain("SCAN")
            .doesNotContain("TEMP B-TREE");
      }
    }
  }

  private static String plan(
      Connection connection, String sql, ChangeQuery query, SqliteChangeFilter filter)
      throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      filter.bind(explain, query, KeyPrefix.upperBound(query.keyPrefix()).orElse(null));
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString("detail")).append('\n');
        }
      }
      return plan.toString();
    }
  }

  private void insertHostRow(String name, String json) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO hosts (name, spec, registered_at) VALUES (?, ?, 0)")) {
      insert.setString(1, name);
      insert.setString(2, json);
      insert.executeUpdate();
    }
  }

  private static int intPragma(Statement sql, String pragma) throws SQLException {
    try (ResultSet row = sql.executeQuery("PRAGMA " + pragma)) {
      return row.next() ? row.getInt(1) : -1;
    }
  }

  private static String stringPragma(Statement sql, String pragma) throws SQLException {
    try (ResultSet row = sql.executeQuery("PRAGMA " + pragma)) {
      return row.next() ? row.getString(1) : null;
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
