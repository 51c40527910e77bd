package io.driftwatch.cassandra;

import static io.driftwatch.cassandra.CassandraHistoryTest.ttl;
import static io.driftwatch.cassandra.CassandraHistoryTest.withRetention;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import io.driftwatch.node.store.ContextEvent;
import io.driftwatch.node.store.Registry;
import io.driftwatch.node.store.RegistryEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the contract cannot see of the registries and context events in Cassandra: the exception
 * columns taken from the definition, the retention TTL on events only, and open ranges over years.
 */
class CassandraRegistriesTest {

  private final List<Keyspace> keyspaces = new ArrayList<>();
  private final List<CassandraChangeStore> stores = new ArrayList<>();

  @AfterEach
  void dropKeyspaces() {
    stores.forEach(CassandraChangeStore::close);
    keyspaces.forEach(LocalCassandra::drop);
  }

  @Test
  void exceptionOwnerAndExpiryColumnsFollowTheDefinition() {
    CassandraSettings settings = settings("exceptions");
    CassandraChangeStore store = store(settings);
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    await(
        store.putRegistryEntry(
            new RegistryEntry(
                Registry.EXCEPTIONS,
                "exc-1",
                "{\"key\":\"package:nginx\",\"owner\":\"alice\","
                    + "\"expires\":\"2026-12-01T00:00:00Z\"}",
                false,
                now,
                "alice")));

    Row first = exceptionRow(settings.keyspace(), "exc-1");
    assertThat(first.getString("owner")).isEqualTo("alice");
    assertThat(first.getInstant("expires_at")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));

    // A new version without owner or expiry clears both, rather than keeping the old ones.
    await(
        store.putRegistryEntry(
            new RegistryEntry(
                Registry.EXCEPTIONS,
                "exc-1",
                "{\"key\":\"package:nginx\",\"expires\":\"next week\"}",
                false,
                now.plusSeconds(60),
                "bob")));

    Row second = exceptionRow(settings.keyspace(), "exc-1");
    assertThat(second.isNull("owner")).isTrue();
    assertThat(second.isNull("expires_at")).isTrue();
    assertThat(await(store.registryHistory(Registry.EXCEPTIONS, "exc-1")))
        .extracting(RegistryEntry::changedBy)
        .containsExactly("bob", "alice");
  }

  @Test
  void retentionPutsATtlOnContextEventsButNotOnRegistries() {
    CassandraSettings settings = withRetention(settings("eventttl"), Duration.ofDays(3));
    CassandraChangeStore store = store(settings);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    await(store.addContextEvent(event("ev-1", now)));
    await(
        store.putRegistryEntry(
            new RegistryEntry(Registry.BASELINES, "web", "{}", false, now, "alice")));
    int threeDays = (int) Duration.ofDays(3).toSeconds();

    assertThat(ttl(settings.keyspace(), "SELECT TTL(definition) FROM context_events"))
        .isBetween(threeDays - 60, threeDays);
    assertThat(
            ttl(
                settings.keyspace(),
                "SELECT TTL(definition) FROM registry_history WHERE registry = 'baselines'"
                    + " AND name = 'web'"))
        .isNull();
    assertThat(ttl(settings.keyspace(), "SELECT TTL(definition) FROM baselines")).isNull();
  }

  @Test
  void anOpenRangeFindsEventsYearsApart() {
    CassandraChangeStore store = store(settings("openrange"));
    ContextEvent old = event("old", Instant.parse("2001-02-03T04:05:06.007Z"));
    ContextEvent recent = event("recent", Instant.parse("2026-11-28T09:00:00Z"));
    await(store.addContextEvent(recent));
    await(store.addContextEvent(old));

    assertThat(await(store.contextEvents(Instant.MIN, Instant.MAX, 10)))
        .containsExactly(old, recent);
    assertThat(await(store.contextEvents(Instant.EPOCH, Instant.MAX, 1))).containsExactly(recent);
  }

  private static ContextEvent event(String id, Instant at) {
    return new ContextEvent(id, "deploy", "ci", "web 1.4.2", List.of("web-1"), null, at, "{}");
  }

  private static Row exceptionRow(Keyspace keyspace, String id) {
    return LocalCassandra.session()
        .execute(
            SimpleStatement.newInstance(
                    "SELECT owner, expires_at FROM exceptions WHERE bucket = 0 AND id = ?", id)
                .setKeyspace(keyspace.identifier()))
        .one();
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

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("store call failed: " + e, e);
    }
  }
}
