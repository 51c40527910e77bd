package io.driftwatch.node.store;

import static io.driftwatch.node.store.ChangeStoreContract.ALL_TIME;
import static io.driftwatch.node.store.ChangeStoreContract.at;
import static io.driftwatch.node.store.ChangeStoreContract.await;
import static io.driftwatch.node.store.ChangeStoreContract.concat;
import static io.driftwatch.node.store.ChangeStoreContract.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.store.SwitchableChangeStore.Mode;
import io.driftwatch.node.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool in front of a store that goes away: a real SQLite store behind a switch that makes it
 * unavailable, refuse writes or hold them, and the spool's real file on disk.
 */
class SpoolingChangeStoreTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private SwitchableChangeStore remote;
  private SpoolingChangeStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  /**
   * Short back-off, so that tests wait for milliseconds; a write deadline no healthy write misses
   * even on a loaded machine (only the slow-store test waits it out, once).
   */
  private static SpoolSettings settings(long maxRecords, long maxBytes) {
    return new SpoolSettings(
        maxRecords,
        maxBytes,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        4,
        Duration.ofMillis(20),
        Duration.ofMillis(200));
  }

  private void open(Mode mode) {
    open(mode, settings(10_000, 64L << 20));
  }

  private void open(Mode mode, SpoolSettings settings) {
    remote = new SwitchableChangeStore(SqliteChangeStore.open(tmp.resolve("remote")), "remote");
    remote.set(mode);
    store = SpoolingChangeStore.open(remote, tmp.resolve("data"), settings);
  }

  private SpoolStatus status() {
    return store.spool().orElseThrow();
  }

  private void awaitDrained() {
    Await.until(WAIT, "the spool to drain", () -> status().records() == 0);
  }

  private List<ChangeEvent> history(String host) {
    return await(store.changes(ChangeQuery.ofHost(host, "", ALL_TIME, ChangeQuery.MAX_LIMIT)))
        .changes();
  }

  /**
   * Per host, the first time each record reached the store follows probe order: no record was
   * written past an earlier one of its host (a repeat of an earlier record may come later).
   */
  private void assertNoRecordOvertook(List<ProbeRecord> landed) {
    Map<String, Instant> newest = new HashMap<>();
    Set<ProbeRecord> seen = new HashSet<>();
    for (ProbeRecord probe : landed) {
      if (!seen.add(probe)) {
        continue;
      }
      Instant before = newest.put(probe.host(), probe.probedAt());
      assertThat(before)
          .as("probe of %s at %s landed after its later probe", probe.host(), probe.probedAt())
          .satisfiesAnyOf(
              b -> assertThat(b).isNull(), b -> assertThat(b).isBefore(probe.probedAt()));
    }
  }

  /** Probes of one host with a change each; the first has a snapshot. */
  private static List<ProbeRecord> probes(HostTimeline host, int from, int count) {
    List<ProbeRecord> probes = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      Map<String, String> facts = Map.of("custom:n", "" + i, "sysctl:vm.swappiness", "60");
      probes.add(i == 0 ? host.probeWithSnapshot(at(i), facts) : host.probe(at(i), facts));
    }
    return probes;
  }

  @Test
  void duringAnOutageProbesAreAcknowledgedAndAfterItEveryEventIsStoredOnceInOrder() {
    open(Mode.AVAILABLE);
    Map<String, HostTimeline> hosts = new LinkedHashMap<>();
    Map<String, List<ProbeRecord>> recorded = new LinkedHashMap<>();
    for (String name : List.of("web-1", "web-2", "db-1")) {
      hosts.put(name, new HostTimeline(name));
      recorded.put(name, new ArrayList<>());
    }
    hosts.forEach((name, host) -> recorded.get(name).addAll(probes(host, 0, 1)));
    recorded.values().forEach(list -> await(store.recordProbe(list.get(0))));
    assertThat(remote.landed()).hasSize(3);

    remote.set(Mode.UNAVAILABLE);
    for (int round = 1; round <= 5; round++) {
      for (Map.Entry<String, HostTimeline> host : hosts.entrySet()) {
        ProbeRecord probe = probes(host.getValue(), round, 1).get(0);
        await(store.recordProbe(probe)); // acknowledged
        recorded.get(host.getKey()).add(probe);
      }
    }

    SpoolStatus during = status();
    assertThat(during.records()).isEqualTo(15);
    assertThat(during.hosts()).isEqualTo(3);
    assertThat(during.bytes()).isPositive();
    assertThat(during.storeAvailable()).isFalse();
    assertThat(during.lastError()).hasValueSatisfying(e -> assertThat(e).contains("unavailable"));
    assertThat(during.lastErrorAt()).isPresent();
    assertThat(during.oldestSpooledAt()).isPresent();
    assertThat(during.degraded()).isTrue();
    assertThat(remote.landed()).hasSize(3);

    remote.set(Mode.FAILING_WRITES);
    // History lags behind the spool; the newest state does not.
    assertThat(history("web-1")).containsExactlyElementsOf(recorded.get("web-1").get(0).changes());
    for (Map.Entry<String, HostTimeline> host : hosts.entrySet()) {
      StoredState latest = await(store.latest(host.getKey())).orElseThrow();
      assertThat(latest.facts()).isEqualTo(host.getValue().current());
      assertThat(latest.lastProbeAt()).isEqualTo(at(5));
    }

    remote.set(Mode.AVAILABLE);
    awaitDrained();

    for (Map.Entry<String, List<ProbeRecord>> host : recorded.entrySet()) {
      List<ChangeEvent> expected = new ArrayList<>();
      host.getValue().forEach(p -> expected.addAll(p.changes()));
      assertThat(history(host.getKey())).containsExactlyElementsOf(expected);
      assertThat(await(store.latest(host.getKey())).orElseThrow().facts())
          .isEqualTo(hosts.get(host.getKey()).current());
    }
    assertNoRecordOvertook(remote.landed());
    SpoolStatus after = status();
    assertThat(after.storeAvailable()).isTrue();
    assertThat(after.degraded()).isFalse();
    assertThat(after.oldestSpooledAt()).isEmpty();
    assertThat(after.bytes()).isZero();
    // The last error stays visible after recovery, with its time.
    assertThat(after.lastError()).isPresent();
  }

  @Test
  void aSlowStoreIsSpooledAfterTheDeadlineAndARepeatedWriteIsStoredOnce() {
    open(Mode.HOLDING_WRITES);
    HostTimeline host = new HostTimeline("web-1");
    List<ProbeRecord> probes = probes(host, 0, 3);

    for (ProbeRecord probe : probes) {
      await(store.recordProbe(probe));
    }

    // Acknowledged while every write to the store was still held: they came from the spool.
    assertThat(remote.landed()).isEmpty();
    assertThat(status().records()).isEqualTo(3);
    assertThat(status().lastError())
        .hasValueSatisfying(e -> assertThat(e).isEqualTo("no answer within 1s"));

    remote.set(Mode.AVAILABLE);
    remote.release();
    awaitDrained();

    // The first record landed twice (its timed-out write, then from the spool), stored once.
    assertThat(remote.landed()).filteredOn(probes.get(0)::equals).hasSizeGreaterThanOrEqualTo(2);
    assertThat(history("web-1"))
        .containsExactlyElementsOf(
            concat(probes.get(0).changes(), probes.get(1).changes(), probes.get(2).changes()));
    assertNoRecordOvertook(remote.landed());
  }

  @Test
  void aHostWithRecordsWaitingSpoolsItsNewOnesBehindThemEvenWhenTheStoreIsBack() {
    open(Mode.UNAVAILABLE);
    HostTimeline host = new HostTimeline("web-1");
    List<ProbeRecord> probes = probes(host, 0, 3);
    await(store.recordProbe(probes.get(0)));
    await(store.recordProbe(probes.get(1)));

    // The store answers again but slowly: the drainer's write of the first record is held.
    remote.set(Mode.HOLDING_WRITES);
    Await.until(WAIT, "a held drain attempt", () -> remote.held() >= 1);
    await(store.recordProbe(probes.get(2)));

    // Acknowledged from the spool, without trying the store past the waiting records.
    assertThat(remote.asked()).doesNotContain(probes.get(2));
    assertThat(status().records()).isEqualTo(3);
    remote.set(Mode.AVAILABLE);
    remote.release();
    awaitDrained();
    assertThat(remote.landed()).containsSubsequence(probes);
    assertNoRecordOvertook(remote.landed());
    assertThat(history("web-1"))
        .containsExactlyElementsOf(
            concat(probes.get(0).changes(), probes.get(1).changes(), probes.get(2).changes()));
  }

  @Test
  void manyHostsRecordingAtOnceThroughOutagesKeepTheirOwnOrder() throws Exception {
    open(Mode.AVAILABLE);
    int hostCount = 16;
    int probesPerHost = 12;
    AtomicInteger acknowledged = new AtomicInteger();
    Map<String, List<ProbeRecord>> recorded = new TreeMap<>();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<CompletableFuture<Void>> all = new ArrayList<>();
    try {
      for (int h = 0; h < hostCount; h++) {
        HostTimeline host = new HostTimeline(String.format("node-%02d", h));
        List<ProbeRecord> probes = probes(host, 0, probesPerHost);
        recorded.put(String.format("node-%02d", h), probes);
        // Each host records in sequence, as its entity does; hosts run side by side.
        all.add(
            CompletableFuture.runAsync(
                () ->
                    probes.forEach(
                        p -> {
                          await(store.recordProbe(p));
                          acknowledged.incrementAndGet();
                        }),
                callers));
      }
      int total = hostCount * probesPerHost;
      Await.until(WAIT, "a quarter acknowledged", () -> acknowledged.get() >= total / 4);
      remote.set(Mode.UNAVAILABLE);
      Await.until(WAIT, "half acknowledged", () -> acknowledged.get() >= total / 2);
      assertThat(status().records()).as("records spooled in the outage").isPositive();
      remote.set(Mode.AVAILABLE);
      Await.until(WAIT, "5/8 acknowledged", () -> acknowledged.get() >= total * 5 / 8);
      remote.set(Mode.FAILING_WRITES);
      Await.until(WAIT, "3/4 acknowledged", () -> acknowledged.get() >= total * 3 / 4);
      remote.set(Mode.AVAILABLE);
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      callers.shutdownNow();
    }
    awaitDrained();

    for (Map.Entry<String, List<ProbeRecord>> host : recorded.entrySet()) {
      List<ChangeEvent> expected = new ArrayList<>();
      host.getValue().forEach(p -> expected.addAll(p.changes()));
      assertThat(history(host.getKey())).as(host.getKey()).containsExactlyElementsOf(expected);
    }
    assertNoRecordOvertook(remote.landed());
  }

  @Test
  void aFullSpoolRefusesWithAClearErrorAndKeepsEverythingItAcknowledged() {
    open(Mode.AVAILABLE, settings(3, 64L << 20));
    HostTimeline host = new HostTimeline("web-1");
    List<ProbeRecord> probes = probes(host, 0, 6);
    await(store.recordProbe(probes.get(0)));
    remote.set(Mode.UNAVAILABLE);
    for (int i = 1; i <= 3; i++) {
      await(store.recordProbe(probes.get(i)));
    }
    assertThat(status().full()).isTrue();

    Throwable refused = failureOf(store.recordProbe(probes.get(4)));

    assertThat(refused)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the spool is full (3 records wait, max-records is 3)")
        .hasMessageContaining("store [remote] is unavailable: store remote unavailable")
        .hasMessageContaining("the probe of host \"web-1\" is not recorded");
    remote.set(Mode.AVAILABLE);
    awaitDrained();
    assertThat(status().full()).isFalse();
    await(store.recordProbe(probes.get(5)));
    Set<String> stored = new HashSet<>();
    history("web-1").forEach(c -> stored.add(c.id()));
    for (int i : List.of(0, 1, 2, 3, 5)) {
      probes.get(i).changes().forEach(c -> assertThat(stored).contains(c.id()));
    }
    probes.get(4).changes().forEach(c -> assertThat(stored).doesNotContain(c.id()));
  }

  @Test
  void aRecordLargerThanMaxBytesIsRefused() {
    open(Mode.UNAVAILABLE, settings(100, 2_000));
    Map<String, String> facts = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      facts.put("custom:k" + i, java.util.UUID.randomUUID().toString());
    }
    ProbeRecord big = new HostTimeline("web-1").probeWithSnapshot(at(0), facts);

    assertThat(failureOf(store.recordProbe(big)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("max-bytes is 2000");
    assertThat(status().records()).isZero();
  }

  @Test
  void aQuietHostCostsOneRecordHoweverLongTheOutage() {
    open(Mode.AVAILABLE);
    HostTimeline host = new HostTimeline("web-1");
    Map<String, String> facts = Map.of("custom:a", "1");
    await(store.recordProbe(host.probeWithSnapshot(at(0), facts)));
    remote.set(Mode.UNAVAILABLE);
    ProbeRecord changed = host.probe(at(60), Map.of("custom:a", "2"));
    await(store.recordProbe(changed));
    for (int minute = 2; minute <= 30; minute++) {
      await(store.recordProbe(host.probe(at(60L * minute), Map.of("custom:a", "2"))));
    }

    assertThat(status().records()).isEqualTo(2);
    remote.set(Mode.FAILING_WRITES);
    assertThat(await(store.latest("web-1")).orElseThrow().lastProbeAt()).isEqualTo(at(1800));

    remote.set(Mode.AVAILABLE);
    awaitDrained();
    StoredState stored = await(remote.latest("web-1")).orElseThrow();
    assertThat(stored.lastProbeAt()).isEqualTo(at(1800));
    assertThat(stored.facts()).isEqualTo(host.current());
    assertThat(history("web-1")).endsWith(changed.changes().toArray(ChangeEvent[]::new));
  }

  @Test
  void aRestartedSpoolResumesDrainingAndLatestIncludesWhatWaits() {
    open(Mode.AVAILABLE);
    HostTimeline host = new HostTimeline("web-1");
    List<ProbeRecord> probes = probes(host, 0, 4);
    await(store.recordProbe(probes.get(0)));
    remote.set(Mode.UNAVAILABLE);
    for (int i = 1; i < 4; i++) {
      await(store.recordProbe(probes.get(i)));
    }
    store.close();

    // The store reads again but still refuses writes: what waits stays in the spool.
    open(Mode.FAILING_WRITES);
    assertThat(status().records()).isEqualTo(3);
    StoredState latest = await(store.latest("web-1")).orElseThrow();
    assertThat(latest.facts()).isEqualTo(host.current());
    assertThat(latest.lastProbeAt()).isEqualTo(at(3));
    assertThat(await(remote.latest("web-1")).orElseThrow().lastProbeAt()).isEqualTo(at(0));

    remote.set(Mode.AVAILABLE);
    awaitDrained();
    assertThat(history("web-1"))
        .containsExactlyElementsOf(
            concat(
                probes.get(0).changes(),
                probes.get(1).changes(),
                probes.get(2).changes(),
                probes.get(3).changes()));
    assertThat(await(store.latest("web-1")).orElseThrow()).isEqualTo(latest);
  }

  @Test
  void aKilledProcessLosesNothingItAcknowledged() throws Exception {
    Path errors = tmp.resolve("child.err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.sqlite.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                SpoolCrashWriter.class.getName(),
                tmp.resolve("remote").toString(),
                tmp.resolve("data").toString())
            .redirectError(errors.toFile())
            .start();
    Map<String, Integer> lastAcked = new TreeMap<>();
    try (BufferedReader acks =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = acks.readLine()) != null) {
        String[] words = line.split(" ");
        if (words.length != 3 || !words[0].equals("acked")) {
          continue; // the child's log lines
        }
        int n = Integer.parseInt(words[2]);
        lastAcked.put(words[1], n);
        if (lastAcked.size() == SpoolCrashWriter.HOSTS
            && lastAcked.values().stream().allMatch(k -> k >= SpoolCrashWriter.KILL_AFTER)) {
          // SIGKILL mid-outage, with records spooled and others being drained: no close, no flush.
          child.toHandle().destroyForcibly();
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(lastAcked)
        .as("probes acknowledged by the child; its errors: %s", read(errors))
        .hasSize(SpoolCrashWriter.HOSTS)
        .allSatisfy((host, n) -> assertThat(n).isGreaterThanOrEqualTo(SpoolCrashWriter.KILL_AFTER));

    open(Mode.FAILING_WRITES);
    assertThat(status().records()).as("records left in the spool").isPositive();
    for (String host : lastAcked.keySet()) {
      int n = lastAcked.get(host);
      StoredState latest = await(store.latest(host)).orElseThrow();
      assertThat(latest.lastProbeAt()).isAfterOrEqualTo(SpoolCrashWriter.probedAt(n));
    }
    remote.set(Mode.AVAILABLE);
    awaitDrained();

    for (Map.Entry<String, Integer> host : lastAcked.entrySet()) {
      List<ChangeEvent> stored = history(host.getKey());
      List<String> ids = stored.stream().map(ChangeEvent::id).toList();
      assertThat(new HashSet<>(ids)).as("no event twice").hasSize(ids.size());
      for (int n = 0; n <= host.getValue(); n++) {
        assertThat(ids).contains(SpoolCrashWriter.eventId(host.getKey(), n));
      }
      // In probe order, every acknowledged probe's event, and at most the one in flight after.
      assertThat(stored).extracting(ChangeEvent::newValue).isSorted();
      assertThat(ids).hasSizeBetween(host.getValue() + 1, host.getValue() + 2);
    }
  }

  @Test
  void aFileThatIsNotASpoolIsRefusedByName() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SpoolFile.FILE_NAME));
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    }
    SqliteChangeStore delegate = SqliteChangeStore.open(tmp.resolve("remote"));

    assertThatThrownBy(() -> SpoolingChangeStore.open(delegate, data, settings(10, 10_000)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(data.resolve(SpoolFile.FILE_NAME).toString())
        .hasMessageContaining("not a Driftwatch spool");
    // Closed with the failure: the caller handed it over.
    assertThat(failureOf(delegate.hosts())).isInstanceOf(StoreException.class);
  }

  @Test
  void readsGoToTheStore() {
    open(Mode.AVAILABLE);
    HostTimeline host = new HostTimeline("web-1");
    ProbeRecord first =
        host.probe(
            at(0), FactSet.of(Map.of("file:/etc/hosts", "sha256:x")), true, Map.of("x", "h"));
    await(store.putHost(ChangeStoreContract.spec("web-1", Map.of())));
    await(store.recordProbe(first));

    assertThat(await(store.hosts())).hasSize(1);
    assertThat(await(store.host("web-1"))).isPresent();
    assertThat(await(store.content("x"))).contains("h");
    assertThat(await(store.stateAt("web-1", at(1)))).contains(first.snapshot().orElseThrow());
    assertThat(store.kind()).isEqualTo("remote");
    remote.set(Mode.UNAVAILABLE);
    assertThat(failureOf(store.hosts())).isInstanceOf(StoreException.class);
  }

  @Test
  void registriesAndEventsGoStraightToTheStoreAndFailWithItDuringAnOutage() {
    open(Mode.AVAILABLE);
    RegistryEntry expectation =
        new RegistryEntry(
            Registry.EXPECTATIONS, "nginx", "{\"key\":\"package:nginx\"}", false, at(0), "alice");
    ContextEvent deploy = ChangeStoreContract.event("ev-1", at(5));
    await(store.putRegistryEntry(expectation));
    await(store.addContextEvent(deploy));
    assertThat(await(remote.registry(Registry.EXPECTATIONS))).containsExactly(expectation);
    assertThat(await(remote.contextEvents(at(0), at(10), 10))).containsExactly(deploy);

    remote.set(Mode.UNAVAILABLE);

    RegistryEntry later =
        new RegistryEntry(
            Registry.EXPECTATIONS, "sshd", "{\"key\":\"package:sshd\"}", false, at(1), "bob");
    for (CompletionStage<?> call :
        List.of(
            store.putRegistryEntry(later),
            store.registry(Registry.EXPECTATIONS),
            store.registryHistory(Registry.EXPECTATIONS, "nginx"),
            store.addContextEvent(ChangeStoreContract.event("ev-2", at(6))),
            store.contextEvents(at(0), at(10), 10))) {
      assertThat(failureOf(call)).isInstanceOf(StoreException.class).hasMessageContaining("remote");
    }
    assertThat(status().records()).isZero();
    remote.set(Mode.AVAILABLE);
    // Nothing was kept to be written later: what failed is not in the store.
    assertThat(await(store.registry(Registry.EXPECTATIONS))).containsExactly(expectation);
    assertThat(await(store.contextEvents(at(0), at(10), 10))).containsExactly(deploy);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
