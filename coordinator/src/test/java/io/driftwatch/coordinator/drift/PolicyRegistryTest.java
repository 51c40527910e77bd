package io.driftwatch.coordinator.drift;

import static io.driftwatch.coordinator.drift.ExpectationTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.coordinator.ConflictException;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.UnavailableException;
import io.driftwatch.node.store.Registry;
import io.driftwatch.node.store.RegistryEntry;
import io.driftwatch.node.store.SqliteChangeStore;
import io.driftwatch.node.store.SwitchableChangeStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRegistryTest {

  private static final Instant START = Instant.parse("2026-11-28T06:00:00Z");
  private static final Duration CACHE = Duration.ofSeconds(5);

  @TempDir Path dir;

  private SqliteChangeStore sqlite;
  private SwitchableChangeStore store;
  private MutableClock clock;
  private PolicyRegistry registry;

  /** Saved snapshots: fixed facts, so that the registry's part is what is tested here. */
  private final GoldenSnapshots snapshots =
      new GoldenSnapshots() {
        @Override
        public CompletionStage<Map<String, String>> ofHost(String host, Instant at) {
          return CompletableFuture.completedFuture(Map.of("host:name", host));
        }

        @Override
        public CompletionStage<Map<String, String>> ofGroup(Selector like, Instant at) {
          return CompletableFuture.completedFuture(Map.of("group", like.toString()));
        }
      };

  @BeforeEach
  void open() {
    sqlite = SqliteChangeStore.open(dir);
    store = new SwitchableChangeStore(sqlite, "embedded");
    clock = new MutableClock(START);
    registry = new PolicyRegistry(store, snapshots, clock, CACHE);
  }

  @AfterEach
  void close() {
    sqlite.close();
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static Expectation sshd(String value) {
    return Expectation.fromJson(
        "sshd",
        json(
            "{'selector':'role=web','key':'package:openssh-server','op':'ge','value':'"
                + value
                + "'}"));
  }

  @Test
  void writesAreVersionedWithWhoAndWhen() {
    var first = await(registry.put(PolicyKind.EXPECTATIONS, sshd("1:9.2p1-1"), "alice"));
    assertThat(first.created()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    var second = await(registry.put(PolicyKind.EXPECTATIONS, sshd("1:9.2p1-2"), "bob"));
    assertThat(second.created()).isFalse();
    assertThat(await(registry.get(PolicyKind.EXPECTATIONS, "sshd"))).isEqualTo(sshd("1:9.2p1-2"));
    assertThat(await(registry.list(PolicyKind.EXPECTATIONS))).containsExactly(sshd("1:9.2p1-2"));
    clock.advance(Duration.ofMinutes(1));
    await(registry.remove(PolicyKind.EXPECTATIONS, "sshd", "carol"));

    assertThatThrownBy(() -> await(registry.get(PolicyKind.EXPECTATIONS, "sshd")))
        .hasCauseInstanceOf(NotFoundException.class);
    assertThat(await(registry.list(PolicyKind.EXPECTATIONS))).isEmpty();
    var history = await(registry.history(PolicyKind.EXPECTATIONS, "sshd"));
    assertThat(history)
        .extracting(PolicyRegistry.Version::action, PolicyRegistry.Version::changedBy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("remove", "carol"),
            org.assertj.core.groups.Tuple.tuple("put", "bob"),
            org.assertj.core.groups.Tuple.tuple("put", "alice"));
    assertThat(history.get(0).changedAt()).isEqualTo(START.plus(Duration.ofMinutes(2)));
    assertThat(history.get(2).changedAt()).isEqualTo(START);
    assertThat(history.get(1).definition().get("value").asText()).isEqualTo("1:9.2p1-2");
    assertThat(history.get(0).definition().get("value").asText()).isEqualTo("1:9.2p1-2");
  }

  @Test
  void unknownNamesAreNotFound() {
    assertThatThrownBy(() -> await(registry.get(PolicyKind.BASELINES, "nope")))
        .hasCauseInstanceOf(NotFoundException.class)
        .hasMessageContaining("unknown baseline");
    assertThatThrownBy(() -> await(registry.remove(PolicyKind.EXCEPTIONS, "nope", "a")))
        .hasCauseInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> await(registry.history(PolicyKind.EXCEPTIONS, "nope")))
        .hasCauseInstanceOf(NotFoundException.class);
  }

  @Test
  void currentIsCachedAndDroppedByOwnWrites() {
    await(registry.put(PolicyKind.EXPECTATIONS, sshd("1"), "alice"));
    assertThat(await(registry.current()).expectations()).containsExactly(sshd("1"));

    // Another member's write: seen once the cache runs out.
    await(
        sqlite.putRegistryEntry(
            new RegistryEntry(
                Registry.EXPECTATIONS,
                "sshd",
                sshd("2").toJson().toString(),
                false,
                START,
                "elsewhere")));
    assertThat(await(registry.current()).expectations()).containsExactly(sshd("1"));
    clock.advance(CACHE);
    assertThat(await(registry.current()).expectations()).containsExactly(sshd("2"));

    // This member's write: seen at once.
    await(registry.put(PolicyKind.EXPECTATIONS, sshd("3"), "alice"));
    assertThat(await(registry.current()).expectations()).containsExactly(sshd("3"));
  }

  @Test
  void aDefinitionThatNoLongerParsesIsSkipped() {
    await(registry.put(PolicyKind.EXPECTATIONS, sshd("1"), "alice"));
    await(
        sqlite.putRegistryEntry(
            new RegistryEntry(
                Registry.EXPECTATIONS,
                "broken",
                "{\"key\":\"package:a\",\"op\":\"someday\"}",
                false,
                START,
                "older-version")));
    await(
        sqlite.putRegistryEntry(
            new RegistryEntry(Registry.BASELINES, "garbled", "{not json", false, START, "x")));
    Policies policies = await(registry.current());
    assertThat(policies.expectations()).containsExactly(sshd("1"));
    assertThat(policies.baselines()).isEmpty();

    // Shown as a conflict, and removable.
    assertThatThrownBy(() -> await(registry.get(PolicyKind.EXPECTATIONS, "broken")))
        .hasCauseInstanceOf(ConflictException.class)
        .hasMessageContaining("op: unknown operator");
    await(registry.remove(PolicyKind.EXPECTATIONS, "broken", "alice"));
    assertThatThrownBy(() -> await(registry.get(PolicyKind.EXPECTATIONS, "broken")))
        .hasCauseInstanceOf(NotFoundException.class);
  }

  @Test
  void whileTheStoreIsDownWritesFailAndEvaluationsKeepTheLastPolicies() {
    await(registry.put(PolicyKind.EXPECTATIONS, sshd("1"), "alice"));
    assertThat(await(registry.current()).expectations()).containsExactly(sshd("1"));
    store.set(SwitchableChangeStore.Mode.UNAVAILABLE);
    clock.advance(CACHE);

    assertThat(await(registry.current()).expectations()).containsExactly(sshd("1"));
    assertThatThrownBy(() -> await(registry.put(PolicyKind.EXPECTATIONS, sshd("2"), "alice")))
        .hasCauseInstanceOf(UnavailableException.class);
    assertThatThrownBy(() -> await(registry.list(PolicyKind.EXPECTATIONS)))
        .hasCauseInstanceOf(UnavailableException.class);

    store.set(SwitchableChangeStore.Mode.AVAILABLE);
    await(registry.put(PolicyKind.EXPECTATIONS, sshd("2"), "alice"));
    assertThat(await(registry.current()).expectations()).containsExactly(sshd("2"));
  }

  @Test
  void aFreshRegistryWithTheStoreDownFails() {
    store.set(SwitchableChangeStore.Mode.UNAVAILABLE);
    assertThatThrownBy(() -> await(registry.current()))
        .hasCauseInstanceOf(UnavailableException.class);
  }

  @Test
  void aSnapshotRequestSavesTheFactsWithTheTime() {
    var saved =
        await(
            registry.putBaseline(
                "golden-web", json("{'kind':'golden','host':'web-1','snapshot':true}"), "alice"));
    assertThat(saved.created()).isTrue();
    assertThat(saved.policy().facts()).containsExactly(Map.entry("host:name", "web-1"));
    assertThat(saved.policy().savedAt()).isEqualTo(START);
    var group =
        await(
            registry.putBaseline(
                "golden-group",
                json("{'kind':'golden','like':'role=web','at':'-1h','snapshot':true}"),
                "alice"));
    assertThat(group.policy().facts()).containsExactly(Map.entry("group", "role=web"));
    assertThat(group.policy().savedAt()).isEqualTo(START.minus(Duration.ofHours(1)));
    assertThat(await(registry.current()).baselines())
        .containsExactly(group.policy(), saved.policy());
  }
}
