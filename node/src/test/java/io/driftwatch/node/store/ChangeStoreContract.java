package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ChangeStore} must have. Each implementation's test extends this class
 * and supplies a fresh, empty store per test; nothing here depends on how a store keeps its data.
 */
public abstract class ChangeStoreContract {

  /** Every instant in these tests has millisecond precision, as the host entity's do. */
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  protected static final TimeRange ALL_TIME = TimeRange.until(T0.plus(Duration.ofDays(3650)));

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** The store under test, fresh for each test. */
  protected ChangeStore store;

  /** A new, empty store; the contract closes it after each test. */
  protected abstract ChangeStore createStore();

  @BeforeEach
  void openStore() {
    store = createStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // ---- host registry ----

  @Test
  void registeredHostReadsBackUnchanged() {
    HostSpec web =
        new HostSpec(
            "web-1",
            Transport.SSH,
            "/",
            new TreeMap<>(Map.of("role", "web/canary", "env", "prod")),
            Duration.ofSeconds(90));

    await(store.putHost(web));

    assertThat(await(store.host("web-1"))).contains(web);
    assertThat(await(store.hosts())).containsExactly(web);
  }

  @Test
  void registeringAgainUpdatesTheHost() {
    await(store.putHost(spec("web-1", Map.of("role", "web"))));
    HostSpec updated =
        new HostSpec(
            "web-1",
            Transport.LOCAL,
            "/srv/fixtures/web-1",
            new TreeMap<>(Map.of("role", "web/canary")),
            Duration.ofMinutes(5));

    await(store.putHost(updated));

    assertThat(await(store.host("web-1"))).contains(updated);
    assertThat(await(store.hosts())).containsExactly(updated);
  }

  @Test
  void hostsAreListedByName() {
    for (String name : List.of("db-2", "web-1", "cache-1", "db-10", "app-1")) {
      await(store.putHost(spec(name, Map.of())));
    }

    assertThat(await(store.hosts()))
        .extracting(HostSpec::name)
        .containsExactly("app-1", "cache-1", "db-10", "db-2", "web-1");
  }

  @Test
  void unknownHostIsEmptyAndRemovingItIsHarmless() {
    assertThat(await(store.host("nowhere"))).isEmpty();
    await(store.removeHost("nowhere"));
    assertThat(await(store.hosts())).isEmpty();
  }

  @Test
  void removedHostIsNoLongerMonitoredButItsHistoryStays() {
    await(store.putHost(spec("web-1", Map.of())));
    await(store.putHost(spec("web-2", Map.of())));
    HostTimeline web1 = new HostTimeline("web-1");
    await(store.recordProbe(web1.probeWithSnapshot(at(0), Map.of("package:nginx", "1.22"))));
    await(store.recordProbe(web1.probe(at(60), Map.of("package:nginx", "1.24"))));

    await(store.removeHost("web-1"));

    assertThat(await(store.host("web-1"))).isEmpty();
    assertThat(await(store.hosts())).extracting(HostSpec::name).containsExactly("web-2");
    assertThat(await(store.changes(ChangeQuery.ofHost("web-1", "", ALL_TIME, 100))).changes())
        .extracting(ChangeEvent::newValue)
        .containsExactly("1.22", "1.24");
    assertThat(await(store.stateAt("web-1", at(30))))
        .contains(FactSet.of(Map.of("package:nginx", "1.22")));
    assertThat(await(store.latest("web-1")).orElseThrow().facts()).isEqualTo(web1.current());
  }

  @Test
  void hostAddedAgainAfterRemovalIsMonitoredAgain() {
    await(store.putHost(spec("web-1", Map.of("role", "web"))));
    await(store.removeHost("web-1"));
    HostSpec again = spec("web-1", Map.of("role", "web/canary"));

    await(store.putHost(again));

    assertThat(await(store.host("web-1"))).contains(again);
    assertThat(await(store.hosts())).containsExactly(again);
  }

  // ---- recording probes and querying changes ----

  /** Two hosts probed at interleaved times, kept so tests can compare with what was recorded. */
  private final class Fleet {
    final ProbeRecord web0;
    final ProbeRecord web60;
    final ProbeRecord web120;
    final ProbeRecord db30;
    final ProbeRecord db90;

    Fleet() {
      HostTimeline web = new HostTimeline("web-1");
      HostTimeline db = new HostTimeline("db-1");
      web0 =
          web.probeWithSnapshot(
              at(0),
              Map.of(
                  "package:libc6", "2.36-9",
                  "package:openssh-server", "1:9.2p1-2",
                  "sysctl:vm.swappiness", "60"));
      db30 =
          db.probeWithSnapshot(
              at(30),
              Map.of(
                  "package:libc6", "2.36-9",
                  "package:libc6-dev", "2.36-9",
                  "sysctl:vm.swappiness", "1"));
      web60 =
          web.probe(
              at(60),
              Map.of(
                  "package:libc6", "2.36-9+deb12u4",
                  "package:openssh-server", "1:9.2p1-2",
                  "sysctl:vm.swappiness", "10"));
      db90 =
          db.probe(
              at(90),
              Map.of(
                  "package:libc6", "2.36-9+deb12u4",
                  "package:libc6-dev", "2.36-9+deb12u4",
                  "sysctl:vm.swappiness", "1"));
      web120 =
          web.probe(
              at(120),
              Map.of(
                  "package:libc6", "2.36-9+deb12u4",
                  "package:nginx", "1.22.1-9",
                  "package:openssh-server", "1:9.2p1-2",
                  "sysctl:vm.swappiness", "10"));
      for (ProbeRecord probe : List.of(web0, db30, web60, db90, web120)) {
        await(store.recordProbe(probe));
      }
    }
  }

  @Test
  void changesOfOneHostComeBackExactlyOldestFirst() {
    Fleet fleet = new Fleet();

    ChangePage page = await(store.changes(ChangeQuery.ofHost("web-1", "", ALL_TIME, 100)));

    assertThat(page.changes())
        .containsExactlyElementsOf(
            concat(fleet.web0.changes(), fleet.web60.changes(), fleet.web120.changes()));
    assertThat(page.truncated()).isFalse();
  }

  @Test
  void fleetTimelineHasEveryHostInTimeOrder() {
    Fleet fleet = new Fleet();

    ChangePage page = await(store.changes(ChangeQuery.ofFleet("", ALL_TIME, 100)));

    assertThat(page.changes())
        .containsExactlyElementsOf(
            concat(
                fleet.web0.changes(),
                fleet.db30.changes(),
                fleet.web60.changes(),
                fleet.db90.changes(),
                fleet.web120.changes()));
  }

  @Test
  void keyHistoryCoversEveryHostAndOnlyThatExactKey() {
    new Fleet();

    ChangePage page = await(store.changes(ChangeQuery.ofKey("package:libc6", ALL_TIME, 100)));

    assertThat(page.changes())
        .extracting(ChangeEvent::host, ChangeEvent::detectedAt, ChangeEvent::newValue)
        .containsExactly(
            tuple("web-1", at(0), "2.36-9"),
            tuple("db-1", at(30), "2.36-9"),
            tuple("web-1", at(60), "2.36-9+deb12u4"),
            tuple("db-1", at(90), "2.36-9+deb12u4"));
  }

  @Test
  void prefixSelectsKeysStartingWithIt() {
    new Fleet();

    ChangePage libc = await(store.changes(ChangeQuery.ofFleet("package:libc6", ALL_TIME, 100)));
    ChangePage webSysctl =
        await(store.changes(ChangeQuery.ofHost("web-1", "sysctl:", ALL_TIME, 100)));

    assertThat(libc.changes())
        .extracting(ChangeEvent::key)
        .containsOnly("package:libc6", "package:libc6-dev")
        .hasSize(6);
    assertThat(webSysctl.changes())
        .extracting(ChangeEvent::host, ChangeEvent::key, ChangeEvent::newValue)
        .containsExactly(
            tuple("web-1", "sysctl:vm.swappiness", "60"),
            tuple("web-1", "sysctl:vm.swappiness", "10"));
  }

  @Test
  void prefixIsLiteralTextNotAPattern() {
    HostTimeline host = new HostTimeline("web-1");
    await(
        store.recordProbe(
            host.probeWithSnapshot(
                at(0),
                Map.of(
                    "sysctl:net.ipv4.ip_forward", "0",
                    "sysctl:net.ipv4.ipXforward", "0",
                    "custom:100%", "a",
                    "custom:100x", "b",
                    "custom:Ab", "c",
                    "custom:ab", "d"))));

    assertThat(keys(ChangeQuery.ofFleet("sysctl:net.ipv4.ip_", ALL_TIME, 100)))
        .containsExactly("sysctl:net.ipv4.ip_forward");
    assertThat(keys(ChangeQuery.ofFleet("custom:100%", ALL_TIME, 100)))
        .containsExactly("custom:100%");
    assertThat(keys(ChangeQuery.ofFleet("custom:a", ALL_TIME, 100))).containsExactly("custom:ab");
  }

  @Test
  void timeRangeIncludesBothEnds() {
    new Fleet();

    ChangePage inclusive =
        await(store.changes(ChangeQuery.ofFleet("", new TimeRange(at(30), at(90)), 100)));
    ChangePage inside =
        await(
            store.changes(
                ChangeQuery.ofFleet(
                    "", new TimeRange(at(30).plusMillis(1), at(90).minusMillis(1)), 100)));

    assertThat(inclusive.changes())
        .extracting(ChangeEvent::detectedAt)
        .containsOnly(at(30), at(60), at(90));
    assertThat(inside.changes()).extracting(ChangeEvent::detectedAt).containsOnly(at(60));
  }

  @Test
  void limitKeepsTheNewestChangesAndSaysOlderOnesWereLeftOut() {
    HostTimeline host = new HostTimeline("web-1");
    await(store.recordProbe(host.probeWithSnapshot(at(0), Map.of("sysctl:vm.swappiness", "0"))));
    for (int i = 1; i < 10; i++) {
      await(store.recordProbe(host.probe(at(10 * i), Map.of("sysctl:vm.swappiness", "" + i))));
    }

    ChangePage newest3 = await(store.changes(ChangeQuery.ofHost("web-1", "", ALL_TIME, 3)));
    ChangePage exactly10 = await(store.changes(ChangeQuery.ofHost("web-1", "", ALL_TIME, 10)));
    ChangePage newest9 = await(store.changes(ChangeQuery.ofFleet("", ALL_TIME, 9)));

    assertThat(newest3.changes()).extracting(ChangeEvent::newValue).containsExactly("7", "8", "9");
    assertThat(newest3.truncated()).isTrue();
    assertThat(exactly10.changes()).hasSize(10);
    assertThat(exactly10.truncated()).isFalse();
    assertThat(newest9.changes()).extracting(ChangeEvent::newValue).startsWith("1").endsWith("9");
    assertThat(newest9.truncated()).isTrue();
  }

  @Test
  void recordingTheSameProbeAgainAddsNothing() {
    HostTimeline host = new HostTimeline("web-1");
    ProbeRecord first =
        host.probeWithSnapshot(
            at(0), Map.of("package:nginx", "1.22", "sysctl:vm.swappiness", "60"));
    ProbeRecord second = host.probe(at(60), Map.of("package:nginx", "1.24"));
    await(store.recordProbe(first));
    await(store.recordProbe(second));

    // A retry after a lost acknowledgement sends the very same records again.
    await(store.recordProbe(second));
    await(store.recordProbe(first));

    assertThat(await(store.changes(ChangeQuery.ofHost("web-1", "", ALL_TIME, 100))).changes())
        .containsExactlyElementsOf(concat(first.changes(), second.changes()));
    StoredState latest = await(store.latest("web-1")).orElseThrow();
    assertThat(latest.facts()).isEqualTo(host.current());
    assertThat(latest.lastProbeAt()).isEqualTo(at(60));
    assertThat(await(store.stateAt("web-1", at(30)))).contains(first.snapshot().orElseThrow());
  }

  // ---- state at an instant ----

  /**
   * One host: snapshots at 10s and 40s, changes in between and after; a key added, changed and
   * removed along the way.
   */
  private Map<Instant, FactSet> recordHistoryWithTwoSnapshots() {
    HostTimeline host = new HostTimeline("web-1");
    Map<Instant, FactSet> states = new LinkedHashMap<>();
    record(host, states, at(10), true, Map.of("custom:a", "1", "custom:b", "1"));
    record(host, states, at(20), false, Map.of("custom:a", "2", "custom:b", "1"));
    record(host, states, at(30), false, Map.of("custom:a", "2", "custom:b", "1", "custom:c", "1"));
    record(host, states, at(40), true, Map.of("custom:a", "3", "custom:c", "1"));
    record(host, states, at(50), false, Map.of("custom:a", "3", "custom:c", "2"));
    return states;
  }

  private void record(
      HostTimeline host,
      Map<Instant, FactSet> states,
      Instant at,
      boolean snapshot,
      Map<String, String> facts) {
    await(store.recordProbe(snapshot ? host.probeWithSnapshot(at, facts) : host.probe(at, facts)));
    states.put(at, FactSet.of(facts));
  }

  @Test
  void stateBeforeTheFirstProbeIsEmpty() {
    recordHistoryWithTwoSnapshots();

    assertThat(await(store.stateAt("web-1", at(10).minusMillis(1)))).isEmpty();
    assertThat(await(store.stateAt("never-probed", at(100)))).isEmpty();
  }

  @Test
  void stateAtASnapshotInstantIsThatSnapshot() {
    Map<Instant, FactSet> states = recordHistoryWithTwoSnapshots();

    assertThat(await(store.stateAt("web-1", at(10)))).contains(states.get(at(10)));
    assertThat(await(store.stateAt("web-1", at(40)))).contains(states.get(at(40)));
  }

  @Test
  void stateBetweenProbesIsWhatTheEarlierProbeFound() {
    Map<Instant, FactSet> states = recordHistoryWithTwoSnapshots();

    assertThat(await(store.stateAt("web-1", at(20).minusMillis(1)))).contains(states.get(at(10)));
    assertThat(await(store.stateAt("web-1", at(20)))).contains(states.get(at(20)));
    assertThat(await(store.stateAt("web-1", at(25)))).contains(states.get(at(20)));
    assertThat(await(store.stateAt("web-1", at(45)))).contains(states.get(at(40)));
  }

  @Test
  void stateAfterTheLastChangeIsTheCurrentState() {
    Map<Instant, FactSet> states = recordHistoryWithTwoSnapshots();

    assertThat(await(store.stateAt("web-1", at(50)))).contains(states.get(at(50)));
    assertThat(await(store.stateAt("web-1", at(86_400)))).contains(states.get(at(50)));
  }

  @Test
  void stateIsRightAtEveryInstantAcrossSeveralSnapshots() {
    Map<Instant, FactSet> states = recordHistoryWithTwoSnapshots();

    for (int second = 10; second <= 60; second += 5) {
      Instant t = at(second);
      FactSet expected =
          states.entrySet().stream()
              .filter(state -> !state.getKey().isAfter(t))
              .reduce((earlier, later) -> later)
              .orElseThrow()
              .getValue();
      assertThat(await(store.stateAt("web-1", t))).as("state at %s", t).contains(expected);
    }
  }

  // ---- latest state and progress ----

  @Test
  void latestIsEmptyForAHostNeverProbed() {
    await(store.putHost(spec("web-1", Map.of())));

    assertThat(await(store.latest("web-1"))).isEmpty();
  }

  @Test
  void latestHasTheCurrentStateAndProbeProgress() {
    HostTimeline host = new HostTimeline("web-1");
    await(store.recordProbe(host.probeWithSnapshot(at(10), Map.of("custom:a", "1"))));
    await(store.recordProbe(host.probe(at(20), Map.of("custom:a", "2"))));
    await(store.recordProbe(host.probe(at(30), Map.of("custom:a", "2", "custom:b", "1"))));
    await(store.recordProbe(host.probe(at(35), Map.of("custom:a", "2", "custom:b", "1"))));

    StoredState afterChanges = await(store.latest("web-1")).orElseThrow();

    assertThat(afterChanges.facts()).isEqualTo(host.current());
    assertThat(afterChanges.lastProbeAt()).isEqualTo(at(35));
    assertThat(afterChanges.lastSnapshotAt()).isEqualTo(at(10));
    assertThat(afterChanges.changesSinceSnapshot()).isEqualTo(2);

    await(store.recordProbe(host.probeWithSnapshot(at(40), Map.of("custom:b", "1"))));
    StoredState afterSnapshot = await(store.latest("web-1")).orElseThrow();
    await(store.recordProbe(host.probe(at(50), Map.of("custom:b", "2", "custom:c", "1"))));
    StoredState afterMore = await(store.latest("web-1")).orElseThrow();

    assertThat(afterSnapshot.lastSnapshotAt()).isEqualTo(at(40));
    assertThat(afterSnapshot.changesSinceSnapshot()).isZero();
    assertThat(afterMore.facts()).isEqualTo(host.current());
    assertThat(afterMore.lastProbeAt()).isEqualTo(at(50));
    assertThat(afterMore.changesSinceSnapshot()).isEqualTo(2);
  }

  @Test
  void aFailedProbesRecordChangesHistoryButNotTheTimeFactsAreKnownAs() {
    HostTimeline host = new HostTimeline("web-1");
    await(
        store.recordProbe(
            host.probeWithSnapshot(at(10), Map.of("custom:a", "1", "probe:reachable", "true"))));
    ChangeEvent down =
        new ChangeEvent("reach-1", "web-1", "probe:reachable", "true", "false", at(10), at(20));
    await(store.recordProbe(ProbeRecord.unreachable("web-1", at(20), down)));

    StoredState state = await(store.latest("web-1")).orElseThrow();
    assertThat(state.facts().get("probe:reachable")).isEqualTo("false");
    assertThat(state.facts().get("custom:a")).isEqualTo("1");
    assertThat(state.lastProbeAt()).isEqualTo(at(10));
    assertThat(state.changesSinceSnapshot()).isEqualTo(1);
    assertThat(await(store.stateAt("web-1", at(15))).orElseThrow().get("probe:reachable"))
        .isEqualTo("true");
    assertThat(await(store.stateAt("web-1", at(25))).orElseThrow().get("probe:reachable"))
        .isEqualTo("false");
  }

  // ---- contents of tracked files ----

  @Test
  void fileContentIsKeptBySha256() {
    String sshd = "PermitRootLogin no\nPasswordAuthentication no\n";
    String hosts = "127.0.0.1 localhost\n";
    HostTimeline web1 = new HostTimeline("web-1");
    HostTimeline web2 = new HostTimeline("web-2");
    Map<String, String> facts = Map.of("file:/etc/ssh/sshd_config", "sha256:" + sha256(sshd));
    await(
        store.recordProbe(
            web1.probe(
                at(0), FactSet.of(facts), true, Map.of(sha256(sshd), sshd, sha256(hosts), hosts))));
    // The same file on another host is the same content; storing it again is harmless.
    await(
        store.recordProbe(web2.probe(at(5), FactSet.of(facts), true, Map.of(sha256(sshd), sshd))));

    assertThat(await(store.content(sha256(sshd)))).contains(sshd);
    assertThat(await(store.content(sha256(hosts)))).contains(hosts);
    assertThat(await(store.content(sha256("never stored")))).isEmpty();
  }

  // ---- hostile and large data ----

  @Test
  void hostileTextRoundTripsExactly() {
    List<String> values =
        List.of(
            "it's \"quoted\" and `ticked`",
            "'; DROP TABLE changes; --",
            "Robert'); DELETE FROM hosts WHERE ('1'='1",
            "ünïcödé 日本語 עברית Ωμέγα",
            "emoji 🚀🔥 👩‍👩‍👧 🏳️‍🌈",
            "x".repeat(10_000),
            "tab\there\nnew line\r\nand a NUL-free \\backslash\\",
            "%_*?[] $HOME $(id) ${x}",
            " leading and trailing spaces ");
    List<String> keys =
        List.of(
            "file:/etc/ssh/sshd_config",
            "port:tcp:0.0.0.0:22",
            "custom:a:b:c:d:e:f:g:h:i:j:k",
            "custom:'; DROP TABLE changes; --",
            "custom:ünï🚀",
            "custom:%_",
            "custom:" + "k".repeat(1000));
    Map<String, String> first = new TreeMap<>();
    for (int i = 0; i < values.size(); i++) {
      first.put("custom:value-" + i, values.get(i));
    }
    for (int i = 0; i < keys.size(); i++) {
      first.put(keys.get(i), values.get(i % values.size()));
    }
    // The second probe changes every value and removes one key.
    Map<String, String> second = new TreeMap<>();
    first.forEach((key, value) -> second.put(key, value + " v2 " + value));
    second.remove(keys.get(0));
    String hostileContent = String.join("\n", values);
    HostSpec hostileTags =
        spec("web-1", Map.of("note", "'; DROP TABLE hosts; --", "owner", "Zoë 🚀 \"ops\""));
    await(store.putHost(hostileTags));
    HostTimeline host = new HostTimeline("web-1");
    ProbeRecord p1 =
        host.probe(at(0), FactSet.of(first), true, Map.of(sha256(hostileContent), hostileContent));
    ProbeRecord p2 = host.probe(at(60), second);
    await(store.recordProbe(p1));
    await(store.recordProbe(p2));

    assertThat(await(store.host("web-1"))).contains(hostileTags);
    assertThat(await(store.changes(ChangeQuery.ofHost("web-1", "", ALL_TIME, 100))).changes())
        .containsExactlyElementsOf(concat(p1.changes(), p2.changes()));
    assertThat(await(store.stateAt("web-1", at(30)))).contains(FactSet.of(first));
    assertThat(await(store.latest("web-1")).orElseThrow().facts()).isEqualTo(FactSet.of(second));
    assertThat(await(store.content(sha256(hostileContent)))).contains(hostileContent);
    for (String key : keys) {
      assertThat(await(store.changes(ChangeQuery.ofKey(key, ALL_TIME, 100))).changes())
          .as("history of %s", key)
          .isNotEmpty()
          .allSatisfy(change -> assertThat(change.key()).isEqualTo(key));
    }
    assertThat(keys(ChangeQuery.ofFleet("custom:'; DROP", ALL_TIME, 100)))
        .containsOnly("custom:'; DROP TABLE changes; --");
    assertThat(keys(ChangeQuery.ofFleet("custom:ünï", ALL_TIME, 100))).containsOnly("custom:ünï🚀");
  }

  @Test
  void probeWithTwentyThousandChangesIsStoredWhole() {
    Map<String, String> before = new TreeMap<>();
    Map<String, String> after = new TreeMap<>();
    for (int i = 0; i < 20_000; i++) {
      String name = String.format("package:lib-%05d", i);
      before.put(name, "1.0-" + i);
      after.put(name, "1.1-" + i);
    }
    HostTimeline host = new HostTimeline("big-1");
    await(store.recordProbe(host.probeWithSnapshot(at(0), before)));
    ProbeRecord upgrade = host.probe(at(60), after);

    await(store.recordProbe(upgrade));

    ChangePage page =
        await(
            store.changes(
                ChangeQuery.ofHost(
                    "big-1", "", new TimeRange(at(60), at(60)), ChangeQuery.MAX_LIMIT)));
    assertThat(page.truncated()).isFalse();
    assertThat(page.changes()).containsExactlyElementsOf(upgrade.changes());
    assertThat(await(store.stateAt("big-1", at(0)))).contains(FactSet.of(before));
    StoredState latest = await(store.latest("big-1")).orElseThrow();
    assertThat(latest.facts()).isEqualTo(FactSet.of(after));
    assertThat(latest.changesSinceSnapshot()).isEqualTo(20_000);
  }

  @Test
  void concurrentProbesOfManyHostsAreAllKept() throws Exception {
    int hostCount = 50;
    int probesPerHost = 4;
    ExecutorService callers = Executors.newFixedThreadPool(8);
    Map<String, HostTimeline> timelines = new TreeMap<>();
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int h = 0; h < hostCount; h++) {
        String name = String.format("node-%02d", h);
        HostTimeline timeline = new HostTimeline(name);
        timelines.put(name, timeline);
        // Each host probes in sequence, as its entity would; hosts run side by side.
        all.add(
            CompletableFuture.runAsync(
                () -> {
                  await(store.putHost(spec(name, Map.of("rack", "r1"))));
                  for (int p = 0; p < probesPerHost; p++) {
                    Map<String, String> facts =
                        Map.of(
                            "package:agent", "1." + p,
                            "custom:host", name,
                            "sysctl:vm.swappiness", "" + (p % 2 == 0 ? 60 : 10));
                    await(
                        store.recordProbe(
                            p == 0
                                ? timeline.probeWithSnapshot(at(p * 60L), facts)
                                : timeline.probe(at(p * 60L), facts)));
                  }
                },
                callers));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      callers.shutdownNow();
    }

    assertThat(await(store.hosts()))
        .extracting(HostSpec::name)
        .containsExactlyElementsOf(timelines.keySet());
    for (Map.Entry<String, HostTimeline> entry : timelines.entrySet()) {
      StoredState latest = await(store.latest(entry.getKey())).orElseThrow();
      assertThat(latest.facts()).as(entry.getKey()).isEqualTo(entry.getValue().current());
      assertThat(latest.lastProbeAt()).isEqualTo(at((probesPerHost - 1) * 60L));
    }
    // 3 facts added by the first probe, then 2 changed by each of the 3 later ones.
    assertThat(await(store.changes(ChangeQuery.ofFleet("", ALL_TIME, 1000))).changes())
        .hasSize(hostCount * (3 + 2 * (probesPerHost - 1)));
  }

  // ---- drift registries ----

  @Test
  void registryListsCurrentEntriesInNameOrderWithoutRemovedOnes() {
    RegistryEntry web = entry(Registry.EXPECTATIONS, "web-nginx", "{\"key\":\"package:nginx\"}", 0);
    RegistryEntry db = entry(Registry.EXPECTATIONS, "db-libc", "{\"key\":\"package:libc6\"}", 1);
    RegistryEntry gone = entry(Registry.EXPECTATIONS, "old", "{\"key\":\"package:x\"}", 2);
    for (RegistryEntry e : List.of(web, gone, db)) {
      await(store.putRegistryEntry(e));
    }

    await(store.putRegistryEntry(removal(gone, 3, "bob")));

    assertThat(await(store.registry(Registry.EXPECTATIONS))).containsExactly(db, web);
    assertThat(await(store.registry(Registry.BASELINES))).isEmpty();
  }

  @Test
  void puttingANameAgainReplacesItsDefinition() {
    await(store.putRegistryEntry(entry(Registry.BASELINES, "web", "{\"kind\":\"peers\"}", 0)));
    RegistryEntry replaced =
        new RegistryEntry(Registry.BASELINES, "web", "{\"kind\":\"time\"}", false, at(60), "carol");

    await(store.putRegistryEntry(replaced));

    assertThat(await(store.registry(Registry.BASELINES))).containsExactly(replaced);
  }

  @Test
  void historyKeepsEveryWriteNewestFirstAndSurvivesRemoval() {
    RegistryEntry v1 =
        new RegistryEntry(Registry.EXCEPTIONS, "exc-1", "{\"v\":1}", false, at(0), "alice");
    RegistryEntry v2 =
        new RegistryEntry(Registry.EXCEPTIONS, "exc-1", "{\"v\":2}", false, at(10), "bob");
    RegistryEntry removed = removal(v2, 20, "carol");
    RegistryEntry v3 =
        new RegistryEntry(Registry.EXCEPTIONS, "exc-1", "{\"v\":3}", false, at(30), "dave");
    await(store.putRegistryEntry(v1));
    await(store.putRegistryEntry(v2));
    await(store.putRegistryEntry(removed));

    assertThat(await(store.registry(Registry.EXCEPTIONS))).isEmpty();
    assertThat(await(store.registryHistory(Registry.EXCEPTIONS, "exc-1")))
        .containsExactly(removed, v2, v1);

    await(store.putRegistryEntry(v3));

    assertThat(await(store.registry(Registry.EXCEPTIONS))).containsExactly(v3);
    assertThat(await(store.registryHistory(Registry.EXCEPTIONS, "exc-1")))
        .containsExactly(v3, removed, v2, v1);
    assertThat(await(store.registryHistory(Registry.EXCEPTIONS, "never-written"))).isEmpty();
  }

  @Test
  void writesInTheSameMillisecondStayInTheOrderTheyWereMade() {
    List<RegistryEntry> writes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      writes.add(
          new RegistryEntry(
              Registry.EXPECTATIONS, "same-ms", "{\"v\":" + i + "}", false, at(0), "user-" + i));
    }
    for (RegistryEntry write : writes) {
      await(store.putRegistryEntry(write));
    }

    assertThat(await(store.registry(Registry.EXPECTATIONS))).containsExactly(writes.get(4));
    assertThat(await(store.registryHistory(Registry.EXPECTATIONS, "same-ms")))
        .containsExactlyElementsOf(reversed(writes));
  }

  @Test
  void hostileNamesAndDefinitionsRoundTripExactly() {
    List<String> names =
        List.of(
            "it's \"quoted\"",
            "'; DROP TABLE registry_entries; --",
            "Robert'); DELETE FROM expectations WHERE ('1'='1",
            "100%_off",
            "ünïcödé 日本語",
            "emoji 🚀🔥",
            "\uFF5Ffull-width",
            "tab\there\nnew line",
            " spaced ",
            "a/b\\c");
    List<RegistryEntry> written = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      RegistryEntry entry =
          new RegistryEntry(
              Registry.EXPECTATIONS,
              name,
              "{\"name\":\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}",
              false,
              at(i),
              "Zoë '; DROP TABLE users; --");
      written.add(entry);
      await(store.putRegistryEntry(entry));
    }

    // Code point order, as SQLite and Cassandra compare UTF-8 text.
    List<RegistryEntry> byName = new ArrayList<>(written);
    byName.sort(
        Comparator.comparing(
            (RegistryEntry e) -> e.name().codePoints().toArray(), Arrays::compare));
    assertThat(await(store.registry(Registry.EXPECTATIONS))).containsExactlyElementsOf(byName);
    for (RegistryEntry entry : written) {
      assertThat(await(store.registryHistory(Registry.EXPECTATIONS, entry.name())))
          .as("history of %s", entry.name())
          .containsExactly(entry);
    }
  }

  @Test
  void largeDefinitionRoundTrips() {
    String definition = "{\"note\":\"" + "ü".repeat(32 * 1024) + "x".repeat(32 * 1024) + "\"}";
    RegistryEntry large =
        new RegistryEntry(Registry.BASELINES, "large", definition, false, at(0), "alice");

    await(store.putRegistryEntry(large));

    assertThat(await(store.registry(Registry.BASELINES))).containsExactly(large);
    assertThat(await(store.registryHistory(Registry.BASELINES, "large"))).containsExactly(large);
  }

  @Test
  void registriesAreIndependentOfEachOther() {
    Map<Registry, RegistryEntry> byRegistry = new LinkedHashMap<>();
    for (Registry registry : Registry.values()) {
      RegistryEntry entry = entry(registry, "shared-name", "{\"in\":\"" + registry.id() + "\"}", 0);
      byRegistry.put(registry, entry);
      await(store.putRegistryEntry(entry));
    }

    await(store.putRegistryEntry(removal(byRegistry.get(Registry.BASELINES), 5, "bob")));

    for (Registry registry : Registry.values()) {
      List<RegistryEntry> expected =
          registry == Registry.BASELINES ? List.of() : List.of(byRegistry.get(registry));
      assertThat(await(store.registry(registry))).as("%s", registry).isEqualTo(expected);
      assertThat(await(store.registryHistory(registry, "shared-name")))
          .as("history in %s", registry)
          .hasSize(registry == Registry.BASELINES ? 2 : 1)
          .last()
          .isEqualTo(byRegistry.get(registry));
    }
  }

  @Test
  void exceptionWithOwnerAndExpiryRoundTrips() {
    RegistryEntry exception =
        new RegistryEntry(
            Registry.EXCEPTIONS,
            "exc-nginx",
            "{\"selector\":\"role=web\",\"key\":\"package:nginx\",\"owner\":\"alice\","
                + "\"reason\":\"canary\",\"expires\":\"2026-12-01T00:00:00Z\"}",
            false,
            at(0),
            "alice");
    // Not JSON at all: the store keeps what it was given and looks no further.
    RegistryEntry odd =
        new RegistryEntry(Registry.EXCEPTIONS, "exc-odd", "not json {", false, at(1), "bob");

    await(store.putRegistryEntry(exception));
    await(store.putRegistryEntry(odd));

    assertThat(await(store.registry(Registry.EXCEPTIONS))).containsExactly(exception, odd);
  }

  // ---- context events ----

  @Test
  void contextEventsRoundTripOldestFirst() {
    ContextEvent deploy =
        new ContextEvent(
            "ev-1",
            "deploy",
            "ci",
            "web 1.4.2",
            List.of("web-1", "web-2"),
            null,
            at(60),
            "{\"type\":\"deploy\",\"who\":\"ci\",\"what\":\"web 1.4.2\"}");
    ContextEvent cmRun =
        new ContextEvent(
            "ev-2",
            "cm-run",
            "puppet",
            "cm-run #812",
            List.of(),
            "role=web,env=prod",
            at(0),
            "{\"type\":\"cm-run\"}");
    ContextEvent note =
        new ContextEvent("ev-3", "note", null, null, null, null, at(30), "{\"type\":\"note\"}");
    for (ContextEvent event : List.of(deploy, cmRun, note)) {
      await(store.addContextEvent(event));
    }

    assertThat(await(store.contextEvents(at(0), at(60), 100))).containsExactly(cmRun, note, deploy);
    assertThat(await(store.contextEvents(at(61), at(600), 100))).isEmpty();
    assertThat(await(store.contextEvents(at(60), at(0), 100))).isEmpty();
  }

  @Test
  void addingTheSameEventAgainKeepsOne() {
    ContextEvent deploy = event("ev-1", at(10));
    await(store.addContextEvent(deploy));

    await(store.addContextEvent(deploy));

    assertThat(await(store.contextEvents(at(0), at(100), 100))).containsExactly(deploy);
  }

  @Test
  void eventRangeIncludesBothEnds() {
    for (int second : List.of(10, 20, 30, 40)) {
      await(store.addContextEvent(event("ev-" + second, at(second))));
    }

    assertThat(await(store.contextEvents(at(20), at(30), 100)))
        .extracting(ContextEvent::at)
        .containsExactly(at(20), at(30));
    assertThat(await(store.contextEvents(at(20).plusMillis(1), at(30).minusMillis(1), 100)))
        .isEmpty();
    assertThat(await(store.contextEvents(at(30), at(30), 100)))
        .extracting(ContextEvent::id)
        .containsExactly("ev-30");
  }

  @Test
  void eventsAtTheSameMillisecondComeBackById() {
    for (String id : List.of("b", "c", "a")) {
      await(store.addContextEvent(event(id, at(10))));
    }
    await(store.addContextEvent(event("z", at(9))));

    assertThat(await(store.contextEvents(at(0), at(10), 10)))
        .extracting(ContextEvent::id)
        .containsExactly("z", "a", "b", "c");
  }

  @Test
  void eventLimitKeepsTheNewest() {
    for (int i = 0; i < 10; i++) {
      await(store.addContextEvent(event("ev-" + i, at(i * 10L))));
    }

    assertThat(await(store.contextEvents(at(0), at(1000), 3)))
        .extracting(ContextEvent::id)
        .containsExactly("ev-7", "ev-8", "ev-9");
    assertThat(await(store.contextEvents(at(0), at(1000), 10))).hasSize(10);
    assertThat(await(store.contextEvents(at(0), at(45), 2)))
        .extracting(ContextEvent::id)
        .containsExactly("ev-3", "ev-4");
  }

  @Test
  void eventsAcrossSeveralUtcDaysComeBackInTimeOrder() {
    Instant midnight = Instant.parse("2026-03-02T00:00:00Z");
    List<ContextEvent> events = new ArrayList<>();
    // Both sides of three midnights, and the middle of the days between.
    for (int day = 0; day < 3; day++) {
      Instant boundary = midnight.plus(Duration.ofDays(day));
      events.add(event("before-" + day, boundary.minusMillis(1)));
      events.add(event("at-" + day, boundary));
      events.add(event("noon-" + day, boundary.plus(Duration.ofHours(12))));
    }
    for (ContextEvent event : reversed(events)) {
      await(store.addContextEvent(event));
    }

    assertThat(await(store.contextEvents(T0, T0.plus(Duration.ofDays(10)), 100)))
        .containsExactlyElementsOf(events);
    assertThat(
            await(
                store.contextEvents(
                    midnight.minusMillis(1), midnight.plus(Duration.ofDays(1)), 100)))
        .extracting(ContextEvent::id)
        .containsExactly("before-0", "at-0", "noon-0", "before-1", "at-1");
    assertThat(await(store.contextEvents(Instant.EPOCH, T0.plus(Duration.ofDays(3650)), 4)))
        .extracting(ContextEvent::id)
        .containsExactly("noon-1", "before-2", "at-2", "noon-2");
  }

  @Test
  void hostileEventTextRoundTripsExactly() {
    ContextEvent hostile =
        new ContextEvent(
            "'; DROP TABLE context_events; --",
            "note",
            "Zoë \"ops\" 🚀",
            "100% done; it's ünïcödé\nand a new line",
            List.of("web-'1'", "db-ü", "%"),
            "role='; DROP",
            at(5),
            "{\"what\":\"" + "x".repeat(64 * 1024) + "\"}");

    await(store.addContextEvent(hostile));

    assertThat(await(store.contextEvents(at(0), at(10), 10))).containsExactly(hostile);
  }

  // ---- lifecycle ----

  @Test
  void callsAfterCloseFailWithStoreException() {
    store.close();

    assertThat(failureOf(store.putHost(spec("web-1", Map.of()))))
        .isInstanceOf(StoreException.class);
    assertThat(
            failureOf(
                store.recordProbe(new HostTimeline("web-1").probe(at(0), Map.of("custom:a", "1")))))
        .isInstanceOf(StoreException.class);
    assertThat(failureOf(store.hosts())).isInstanceOf(StoreException.class);
    assertThat(failureOf(store.changes(ChangeQuery.ofFleet("", ALL_TIME, 10))))
        .isInstanceOf(StoreException.class);
    store.close();
  }

  // ---- helpers for subclasses and tests ----

  /** {@code seconds} after {@link #T0}. */
  protected static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /** A simulated host with the given tags, probed every minute. */
  protected static HostSpec spec(String name, Map<String, String> tags) {
    return new HostSpec(
        name, Transport.SIMULATED, null, new TreeMap<>(tags), Duration.ofMinutes(1));
  }

  /** The stage's value; fails the test with the store's exception if the call failed. */
  protected static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("store call failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("store call did not complete within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** What the stage failed with; fails the test if it succeeded. */
  protected static Throwable failureOf(CompletionStage<?> stage) {
    try {
      Object value = stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError("expected the store call to fail, but it returned " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("store call did not complete within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The hex SHA-256 of a text, as a file fact names its content. */
  protected static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> keys(ChangeQuery query) {
    return await(store.changes(query)).changes().stream()
        .map(ChangeEvent::key)
        .distinct()
        .collect(Collectors.toList());
  }

  /** A registry entry written by "alice" {@code seconds} after {@link #T0}. */
  protected static RegistryEntry entry(
      Registry registry, String name, String definition, long seconds) {
    return new RegistryEntry(registry, name, definition, false, at(seconds), "alice");
  }

  /** The removal of {@code entry}, keeping its last definition. */
  protected static RegistryEntry removal(RegistryEntry entry, long seconds, String by) {
    return new RegistryEntry(
        entry.registry(), entry.name(), entry.definition(), true, at(seconds), by);
  }

  /** A deploy event by "ci" on web-1. */
  protected static ContextEvent event(String id, Instant at) {
    return new ContextEvent(
        id,
        "deploy",
        "ci",
        "deploy " + id,
        List.of("web-1"),
        null,
        at,
        "{\"type\":\"deploy\",\"id\":\"" + id + "\"}");
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  /** The lists one after the other. */
  @SafeVarargs
  protected static List<ChangeEvent> concat(List<ChangeEvent>... lists) {
    List<ChangeEvent> all = new ArrayList<>();
    for (List<ChangeEvent> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
