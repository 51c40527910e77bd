package io.driftwatch.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.store.ChangePage;
import io.driftwatch.node.store.ChangeQuery;
import io.driftwatch.node.store.HostTimeline;
import io.driftwatch.node.store.ProbeRecord;
import io.driftwatch.node.store.StoreException;
import io.driftwatch.node.store.StoredState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only a bucketed store can get wrong: history and state-at-t across day, month and year
 * boundaries and far from the last snapshot, the fleet timeline across hours and shards, retention
 * TTLs, and refusing to start without the schema.
 */
class CassandraHistoryTest {

  private static final TimeRange ALL_TIME =
      new TimeRange(Instant.EPOCH, Instant.parse("2040-01-01T00:00:00Z"));

  private final List<Keyspace> keyspaces = new ArrayList<>();
  private final List<CassandraChangeStore> stores = new ArrayList<>();

  @AfterEach
  void dropKeyspaces() {
    stores.forEach(CassandraChangeStore::close);
    keyspaces.forEach(LocalCassandra::drop);
  }

  @Test
  void historyAndStateAtAreRightAcrossDayMonthAndYearBoundaries() {
    CassandraChangeStore store = store(settings("boundaries"));
    HostTimeline host = new HostTimeline("web-1");
    Map<Instant, FactSet> states = new LinkedHashMap<>();
    List<ProbeRecord> probes = new ArrayList<>();
    String[] times = {
      "2026-01-30T23:59:59.999Z", // snapshot
      "2026-01-31T00:00:00Z",
      "2026-01-31T23:59:59.999Z",
      "2026-02-01T00:00:00Z", // a new month
      "2026-02-28T23:59:59.999Z",
      "2026-03-01T00:00:00Z",
      "2026-03-15T12:00:00Z", // snapshot
      "2026-04-02T08:30:00Z",
      "2026-12-31T23:59:59.999Z",
      "2027-01-01T00:00:00Z", // a new year
      "2027-01-01T00:59:59.999Z",
      "2027-01-01T01:00:00Z"
    };
    for (int i = 0; i < times.length; i++) {
      Instant t = Instant.parse(times[i]);
      Map<String, String> facts = new TreeMap<>();
      facts.put("custom:probe", "" + i);
      facts.put("custom:stable", "yes");
      if (i % 3 != 0) {
        facts.put("custom:sometimes", "v" + i);
      }
      ProbeRecord probe =
          i == 0 || i == 6 ? host.probeWithSnapshot(t, facts) : host.probe(t, facts);
      await(store.recordProbe(probe));
      probes.add(probe);
      states.put(t, FactSet.of(facts));
    }
    List<ChangeEvent> all = new ArrayList<>();
    probes.forEach(p -> all.addAll(p.changes()));

    assertThat(await(store.changes(ChangeQuery.ofHost("web-1", "", ALL_TIME, 1000))).changes())
        .containsExactlyElementsOf(all);
    // A range of two milliseconds on either side of midnight, month end and year end.
    for (int i : new int[] {1, 3, 5, 9}) {
      Instant before = Instant.parse(times[i - 1]);
      Instant after = Instant.parse(times[i]);
      assertThat(
              await(
                      store.changes(
                          ChangeQuery.ofHost("web-1", "", new TimeRange(before, after), 1000)))
                  .changes())
          .as("changes from %s to %s", before, after)
          .containsExactlyElementsOf(concat(probes.get(i - 1), probes.get(i)));
    }
    // The newest few, cut across buckets of different days and years.
    ChangePage newest = await(store.changes(ChangeQuery.ofHost("web-1", "", ALL_TIME, 4)));
    assertThat(newest.truncated()).isTrue();
    assertThat(newest.changes()).containsExactlyElementsOf(all.subList(all.size() - 4, all.size()));
    // State at, just before and just after every probe.
    for (Map.Entry<Instant, FactSet> state : states.entrySet()) {
      Instant t = state.getKey();
      assertThat(await(store.stateAt("web-1", t))).as("state at %s", t).contains(state.getValue());
      assertThat(await(store.stateAt("web-1", t.plus(Duration.ofHours(6)).minusMillis(1))))
          .as("state after %s", t)
          .contains(
              states.entrySet().stream()
                  .filter(e -> !e.getKey().isAfter(t.plus(Duration.ofHours(6)).minusMillis(1)))
                  .reduce((a, b) -> b)
                  .orElseThrow()
                  .getValue());
    }
    assertThat(await(store.stateAt("web-1", Instant.parse(times[0]).minusMillis(1)))).isEmpty();
    StoredState latest = await(store.latest("web-1")).orElseThrow();
    assertThat(latest.facts()).isEqualTo(host.current());
    assertThat(latest.lastSnapshotAt()).isEqualTo(Instant.parse(times[6]));
    assertThat(latest.lastProbeAt()).isEqualTo(Instant.parse(times[times.length - 1]));
    assertThat(latest.changesSinceSnapshot())
        .isEqualTo(
            probes.subList(7, probes.size()).stream().mapToInt(p -> p.changes().size()).sum());
    // Key history and the fleet timeline cross the same boundaries.
    assertThat(await(store.changes(ChangeQuery.ofKey("custom:probe", ALL_TIME, 1000))).changes())
        .extracting(ChangeEvent::newValue)
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
    assertThat(await(store.changes(ChangeQuery.ofFleet("", ALL_TIME, 1000))).changes())
        .containsExactlyElementsOf(all);
  }

  @Test
  void stateFarFromTheLastSnapshotReplaysMonthsOfDays() {
    CassandraChangeStore store = store(settings("replay"));
    HostTimeline host = new HostTimeline("db-1");
    Instant start = Instant.parse("2026-05-10T06:00:00Z");
    Map<Instant, FactSet> states = new LinkedHashMap<>();
    int changes = 0;
    for (int day = 0; day <= 120; day++) {
      Instant t = start.plus(Duration.ofDays(day)).plusSeconds(day * 37L);
      Map<String, String> facts = new TreeMap<>();
      facts.put("package:openssl", "3.0." + day);
      facts.put("sysctl:vm.swappiness", day % 2 == 0 ? "60" : "10");
      if (day % 7 == 0) {
        facts.put("user:weekly", "uid=" + day);
      }
      ProbeRecord probe = day == 0 ? host.probeWithSnapshot(t, facts) : host.probe(t, facts);
      await(store.recordProbe(probe));
      if (day > 0) {
        changes += probe.changes().size();
      }
      states.put(t, FactSet.of(facts));
    }

    for (Map.Entry<Instant, FactSet> state : states.entrySet()) {
      assertThat(await(store.stateAt("db-1", state.getKey().plusSeconds(3600))))
          .as("state an hour after %s", state.getKey())
          .contains(state.getValue());
    }
    StoredState latest = await(store.latest("db-1")).orElseThrow();
    assertThat(latest.facts()).isEqualTo(host.current());
    assertThat(latest.lastSnapshotAt()).isEqualTo(start);
    assertThat(latest.changesSinceSnapshot()).isEqualTo(changes);
    ChangePage month =
        await(
            store.changes(
                ChangeQuery.ofHost(
                    "db-1",
                    "package:",
                    new TimeRange(
                        Instant.parse("2026-06-01T00:00:00Z"),
                        Instant.parse("2026-06-30T23:59:59.999Z")),
                    1000)));
    assertThat(month.changes())
        .hasSize(30)
        .allSatisfy(c -> assertThat(c.key()).isEqualTo("package:openssl"));
  }

  @Test
  void theNewestOfAFleetHourAreMergedFromShardsReadPageByPage() {
    CassandraChangeStore store = store(settings("fleetpages"));
    Instant hour = Instant.parse("2026-06-01T12:00:00Z");
    List<ChangeEvent> inHour = new ArrayList<>();
    for (int h = 0; h < 120; h++) {
      HostTimeline host = new HostTimeline(String.format("web-%03d", h));
      // The newest 300 changes are all web-000's, so its shard must be read further than the
      // others; the other hosts share milliseconds, twelve each: ties go by key, host and id.
      int keys = h == 0 ? 300 : 8;
      Map<String, String> facts = new TreeMap<>();
      for (int k = 0; k < keys; k++) {
        facts.put("package:lib" + k, "1.0");
      }
      await(store.recordProbe(host.probeWithSnapshot(hour.minus(Duration.ofDays(1)), facts)));
      facts.replaceAll((k, v) -> "1.1");
      Instant at = h == 0 ? hour.plus(Duration.ofMinutes(30)) : hour.plusMillis(h % 10);
      ProbeRecord probe = host.probe(at, facts);
      await(store.recordProbe(probe));
      inHour.addAll(probe.changes());
    }
    inHour.sort(
        Comparator.comparing(ChangeEvent::detectedAt)
            .thenComparing(ChangeEvent::key)
            .thenComparing(ChangeEvent::host)
            .thenComparing(ChangeEvent::id));
    TimeRange range = new TimeRange(hour, hour.plus(Duration.ofHours(1)).minusMillis(1));

    // Limits of 150 and 500 read the shards in pages of 100: the merge must fetch more pages of
    // web-000's shard than of the others. 2,000 reads every shard in one page.
    for (int limit : List.of(150, 500, 2_000)) {
      ChangePage page = await(store.changes(ChangeQuery.ofFleet("", range, limit)));
      int kept = Math.min(limit, inHour.size());
      assertThat(page.truncated()).isEqualTo(limit < inHour.size());
      assertThat(page.changes())
          .containsExactlyElementsOf(inHour.subList(inHour.size() - kept, inHour.size()));
    }
  }

  @Test
  void fleetTimelineMergesShardsHoursAndYearsInOrder() {
    CassandraSettings settings = settings("fleet");
    CassandraChangeStore store = store(settings);
    // The same keyspace written by a node with another shard count: readers use the most.
    CassandraChangeStore otherShards = store(withShards(settings, 2));
    List<ChangeEvent> all = new ArrayList<>();
    Instant[] probeTimes = {
      Instant.parse("2026-12-31T22:59:59.999Z"),
      Instant.parse("2026-12-31T23:30:00Z"),
      Instant.parse("2027-01-01T00:00:00Z"),
      Instant.parse("2027-01-01T01:15:00Z")
    };
    for (int h = 0; h < 40; h++) {
      String name = String.format("node-%02d", h);
      HostTimeline host = new HostTimeline(name);
      for (int p = 0; p < probeTimes.length; p++) {
        Map<String, String> facts = new TreeMap<>();
        facts.put("package:agent", "1." + p);
        facts.put("custom:rack", "r" + (h % 4));
        if (p == 3 && h % 5 == 0) {
          facts.put("package:libc6", "2.36-9+deb12u" + h);
        }
        // Hosts probe a few milliseconds apart so that the timeline has a single right order.
        Instant t = probeTimes[p].plusMillis(h);
        ProbeRecord probe = p == 0 ? host.probeWithSnapshot(t, facts) : host.probe(t, facts);
        await((h % 2 == 0 ? store : otherShards).recordProbe(probe));
        all.addAll(probe.changes());
      }
    }
    all.sort(Comparator.comparing(ChangeEvent::detectedAt).thenComparing(ChangeEvent::key));

    for (CassandraChangeStore reader : List.of(store, otherShards)) {
      assertThat(await(reader.changes(ChangeQuery.ofFleet("", ALL_TIME, 10_000))).changes())
          .containsExactlyElementsOf(all);
    }
    ChangePage newest = await(store.changes(ChangeQuery.ofFleet("", ALL_TIME, 50)));
    assertThat(newest.truncated()).isTrue();
    assertThat(newest.changes())
        .containsExactlyElementsOf(all.subList(all.size() - 50, all.size()));
    TimeRange newYearsHour =
        new TimeRange(
            Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:59:59.999Z"));
    assertThat(await(store.changes(ChangeQuery.ofFleet("package:", newYearsHour, 1000))).changes())
        .containsExactlyElementsOf(
            all.stream()
                .filter(c -> newYearsHour.contains(c.detectedAt()))
                .filter(c -> c.key().startsWith("package:"))
                .toList());
    assertThat(await(store.changes(ChangeQuery.ofKey("package:libc6", ALL_TIME, 1000))).changes())
        .extracting(ChangeEvent::host)
        .containsExactly(
            "node-00", "node-05", "node-10", "node-15", "node-20", "node-25", "node-30", "node-35");
  }

  @Test
  void retentionPutsATtlOnHistoryButNotOnCurrentState() {
    CassandraSettings settings = withRetention(settings("retention"), Duration.ofDays(3));
    CassandraChangeStore store = store(settings);
    HostTimeline host = new HostTimeline("web-1");
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    await(store.recordProbe(host.probeWithSnapshot(now, Map.of("custom:a", "1"))));
    int threeDays = (int) Duration.ofDays(3).toSeconds();

    assertThat(ttl(settings.keyspace(), "SELECT TTL(new_value) FROM host_changes"))
        .isBetween(threeDays - 60, threeDays);
    assertThat(ttl(settings.keyspace(), "SELECT TTL(new_value) FROM fleet_changes"))
        .isBetween(threeDays - 60, threeDays);
    assertThat(ttl(settings.keyspace(), "SELECT TTL(new_value) FROM key_changes"))
        .isBetween(threeDays - 60, threeDays);
    assertThat(ttl(settings.keyspace(), "SELECT TTL(facts) FROM host_snapshots"))
        .isBetween(threeDays - 60, threeDays);
    // The host's newest snapshot, kept with its progress, never expires: its current state must
    // survive however long it stays silent.
    assertThat(ttl(settings.keyspace(), "SELECT TTL(snapshot) FROM host_progress")).isNull();
    assertThat(await(store.latest("web-1")).orElseThrow().facts()).isEqualTo(host.current());
  }

  @Test
  void withMigrationsOffAMissingSchemaIsRefusedByName() {
    CassandraSettings settings = settings("nomigrate").withMigrateOnStart(false);

    assertThatThrownBy(() -> store(settings))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(settings.keyspace().name())
        .hasMessageContaining("V001__change_history.cql")
        .hasMessageContaining("migrate-on-start is off");

    store(settings.withMigrateOnStart(true)).close();
    CassandraChangeStore migrated = store(settings);
    assertThat(await(migrated.hosts())).isEmpty();
  }

  @Test
  void anUnreachableClusterIsNamedInTheError() {
    CassandraSettings nowhere =
        new CassandraSettings(
            List.of(InetSocketAddress.createUnresolved("127.0.0.1", 1)),
            LocalCassandra.uniqueKeyspace("nowhere"),
            "datacenter1",
            io.driftwatch.cassandra.schema.Replication.parse("SimpleStrategy:1"),
            com.datastax.oss.driver.api.core.DefaultConsistencyLevel.LOCAL_QUORUM,
            true,
            Duration.ZERO,
            8,
            16,
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            CassandraAccess.NONE);

    assertThatThrownBy(() -> CassandraChangeStore.open(nowhere))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to Cassandra at 127.0.0.1:1");
  }

  private CassandraSettings settings(String purpose) {
    Keyspace keyspace = LocalCassandra.uniqueKeyspace(purpose);
    keyspaces.add(keyspace);
    return LocalCassandra.settings(keyspace);
  }

  private CassandraChangeStore store(CassandraSettings settings) {
    CassandraChangeStore store = CassandraChangeStore.open(LocalCassandra.session(), settings);
    stores.add(store);
    return store;
  }

  private static CassandraSettings withShards(CassandraSettings s, int shards) {
    return new CassandraSettings(
        s.contactPoints(),
        s.keyspace(),
        s.localDatacenter(),
        s.replication(),
        s.consistency(),
        s.migrateOnStart(),
        s.retention(),
        shards,
        s.maxRequestsInFlight(),
        s.requestTimeout(),
        s.migrationLockTimeout(),
        s.access());
  }

  static CassandraSettings withRetention(CassandraSettings s, Duration retention) {
    return new CassandraSettings(
        s.contactPoints(),
        s.keyspace(),
        s.localDatacenter(),
        s.replication(),
        s.consistency(),
        s.migrateOnStart(),
        retention,
        s.fleetShards(),
        s.maxRequestsInFlight(),
        s.requestTimeout(),
        s.migrationLockTimeout(),
        s.access());
  }

  static Integer ttl(Keyspace keyspace, String select) {
    Row row =
        LocalCassandra.session()
            .execute(SimpleStatement.newInstance(select).setKeyspace(keyspace.identifier()))
            .one();
    return row == null || row.isNull(0) ? null : row.getInt(0);
  }

  private static List<ChangeEvent> concat(ProbeRecord a, ProbeRecord b) {
    List<ChangeEvent> all = new ArrayList<>(a.changes());
    all.addAll(b.changes());
    return all;
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("store call failed: " + e, e);
    }
  }
}
