package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.store.HostSpecCodec;
import io.driftwatch.node.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host registry (hosts): specs as the embedded store's JSON, spread over {@value
 * Buckets#REGISTRY_SHARDS} partitions by name. Removing a host clears {@code monitored} instead of
 * deleting the row, which writes no tombstone and keeps the name known.
 */
final class HostDao {

  private static final Logger log = LoggerFactory.getLogger(HostDao.class);

  private record Stored(String name, String spec, boolean monitored) {}

  private final CqlSession session;
  private final RequestLimiter limiter;
  private final PreparedStatement put;
  private final PreparedStatement remove;
  private final PreparedStatement shard;
  private final PreparedStatement one;

  HostDao(CqlSession session, Keyspace keyspace, RequestLimiter limiter) {
    this.session = session;
    this.limiter = limiter;
    String table = keyspace.qualify("hosts");
    put =
        session.prepare(
            "INSERT INTO "
                + table
                + " (shard, name, spec, monitored, changed_at) VALUES (?, ?, ?, true, ?)");
    remove =
        session.prepare(
            "UPDATE "
                + table
                + " SET monitored = false, changed_at = ? WHERE shard = ? AND name = ?");
    shard = session.prepare("SELECT name, spec, monitored FROM " + table + " WHERE shard = ?");
    one =
        session.prepare(
            "SELECT name, spec, monitored FROM " + table + " WHERE shard = ? AND name = ?");
  }

  CompletionStage<Void> put(HostSpec spec, Instant now) {
    return execute(put.bind(shardOf(spec.name()), spec.name(), HostSpecCodec.toJson(spec), now));
  }

  CompletionStage<Void> remove(String name, Instant now) {
    return execute(remove.bind(now, shardOf(name), name));
  }

  /** Monitored hosts by name; a spec this version cannot read is skipped with a warning. */
  CompletionStage<List<HostSpec>> monitored() {
    List<CompletableFuture<List<Stored>>> shards = new ArrayList<>();
    for (int s = 0; s < Buckets.REGISTRY_SHARDS; s++) {
      shards.add(read(shard.bind(s)).toCompletableFuture());
    }
    return CompletableFuture.allOf(shards.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<HostSpec> hosts = new ArrayList<>();
              for (CompletableFuture<List<Stored>> rows : shards) {
                for (Stored row : rows.join()) {
                  if (row.monitored() && row.spec() != null) {
                    readable(row).ifPresent(hosts::add);
                  }
                }
              }
              hosts.sort(Comparator.comparing(HostSpec::name, CodePointOrder::compare));
              return hosts;
            });
  }

  /** One monitored host; a stored spec that cannot be read fails naming the host. */
  CompletionStage<Optional<HostSpec>> monitored(String name) {
    return read(one.bind(shardOf(name), name))
        .thenApply(
            rows -> {
              if (rows.isEmpty() || !rows.get(0).monitored() || rows.get(0).spec() == null) {
                return Optional.empty();
              }
              try {
                return Optional.of(HostSpecCodec.fromJson(rows.get(0).spec()));
              } catch (IllegalArgumentException e) {
                throw new StoreException(
                    "the stored spec of host "
                        + Text.quote(name)
                        + " cannot be read: "
                        + e.getMessage(),
                    e);
              }
            });
  }

  private static Optional<HostSpec> readable(Stored row) {
    try {
      return Optional.of(HostSpecCodec.fromJson(row.spec()));
    } catch (IllegalArgumentException e) {
      // One bad row must not stop the whole fleet from being monitored.
      log.warn(
          "Skipping host {}: its stored spec cannot be read: {}",
          Text.quote(row.name()),
          e.getMessage());
      return Optional.empty();
    }
  }

  private static int shardOf(String name) {
    return Buckets.shard(name, Buckets.REGISTRY_SHARDS);
  }

  private CompletionStage<Void> execute(BoundStatement statement) {
    return limiter.submit(() -> session.executeAsync(statement)).thenRun(() -> {});
  }

  private CompletionStage<List<Stored>> read(BoundStatement statement) {
    Function<Row, Stored> map =
        row ->
            new Stored(
                row.getString("name"),
                row.getString("spec"),
                !row.isNull("monitored") && row.getBoolean("monitored"));
    return limiter.submit(() -> Pages.all(session.executeAsync(statement), map));
  }
}
