package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.node.store.Registry;
import io.driftwatch.node.store.RegistryEntry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The drift registries (expectations, baselines, exceptions, webhooks): one single-partition table
 * each holding every name's current definition, and registry_history, appended on every write. The
 * history row is written first and the current row only once it is stored: a write that fails half
 * way never leaves a definition changed without its history (at worst the history shows an attempt
 * that a retry then repeats). Not one logged batch: a definition of tens of KB twice over is past
 * Cassandra's batch size limit (50 KB by default).
 */
final class RegistryDao {

  /** The one partition of each registry table. */
  private static final int BUCKET = 0;

  private static final String PUT = "put";
  private static final String REMOVE = "remove";

  private final CqlSession session;
  private final RequestLimiter limiter;
  private final Map<Registry, PreparedStatement> put = new EnumMap<>(Registry.class);
  private final Map<Registry, PreparedStatement> list = new EnumMap<>(Registry.class);
  private final PreparedStatement putException;
  private final PreparedStatement appendHistory;
  private final PreparedStatement history;

  RegistryDao(CqlSession session, Keyspace keyspace, RequestLimiter limiter) {
    this.session = session;
    this.limiter = limiter;
    for (Registry registry : Registry.values()) {
      String table = keyspace.qualify(registry.id());
      String name = nameColumn(registry);
      put.put(
          registry,
          session.prepare(
              "INSERT INTO "
                  + table
                  + " (bucket, "
                  + name
                  + ", definition, deleted, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)"));
      list.put(
          registry,
          session.prepare(
              "SELECT "
                  + name
                  + ", definition, deleted, changed_at, changed_by FROM "
                  + table
                  + " WHERE bucket = ?"));
    }
    // owner and expires_at are always bound, null when the definition has none: a new version
    // without an expiry must not keep the old one's (a cell tombstone in a small table).
    putException =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify(Registry.EXCEPTIONS.id())
                + " (bucket, id, definition, owner, expires_at, deleted, changed_at, changed_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    appendHistory =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("registry_history")
                + " (registry, name, changed_at, change_id, action, definition, changed_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    history =
        session.prepare(
            "SELECT changed_at, action, definition, changed_by FROM "
                + keyspace.qualify("registry_history")
                + " WHERE registry = ? AND name = ?");
  }

  /** Appends the write to the name's history, then replaces its current row. */
  CompletionStage<Void> put(RegistryEntry entry) {
    BoundStatement current;
    if (entry.registry() == Registry.EXCEPTIONS) {
      ExceptionColumns columns = ExceptionColumns.of(entry.definition());
      current =
          putException.bind(
              BUCKET,
              entry.name(),
              entry.definition(),
              columns.owner(),
              columns.expiresAt(),
              entry.deleted(),
              entry.changedAt(),
              entry.changedBy());
    } else {
      current =
          put.get(entry.registry())
              .bind(
                  BUCKET,
                  entry.name(),
                  entry.definition(),
                  entry.deleted(),
                  entry.changedAt(),
                  entry.changedBy());
    }
    // A time-based id orders two writes of the same millisecond as they were made.
    BoundStatement appended =
        appendHistory.bind(
            entry.registry().id(),
            entry.name(),
            entry.changedAt(),
            Uuids.timeBased(),
            entry.deleted() ? REMOVE : PUT,
            entry.definition(),
            entry.changedBy());
    return execute(appended).thenCompose(done -> execute(current));
  }

  /** The current, not removed, definitions in name (code point) order, the clustering order. */
  CompletionStage<List<RegistryEntry>> current(Registry registry) {
    String name = nameColumn(registry);
    return limiter
        .submit(
            () ->
                Pages.all(
                    session.executeAsync(list.get(registry).bind(BUCKET)),
                    row ->
                        new RegistryEntry(
                            registry,
                            row.getString(name),
                            row.getString("definition"),
                            deleted(row),
                            row.getInstant("changed_at"),
                            row.getString("changed_by"))))
        .thenApply(entries -> entries.stream().filter(e -> !e.deleted()).toList());
  }

  /** Every write of one name, newest first (the clustering order). */
  CompletionStage<List<RegistryEntry>> history(Registry registry, String name) {
    return limiter.submit(
        () ->
            Pages.all(
                session.executeAsync(history.bind(registry.id(), name)),
                row ->
                    new RegistryEntry(
                        registry,
                        name,
                        row.getString("definition"),
                        REMOVE.equals(row.getString("action")),
                        row.getInstant("changed_at"),
                        row.getString("changed_by"))));
  }

  /** Exceptions are keyed by their id, the other registries by name (V002). */
  private static String nameColumn(Registry registry) {
    return registry == Registry.EXCEPTIONS ? "id" : "name";
  }

  private static boolean deleted(Row row) {
    return !row.isNull("deleted") && row.getBoolean("deleted");
  }

  private CompletionStage<Void> execute(Statement<?> statement) {
    return limiter.submit(() -> session.executeAsync(statement)).thenRun(() -> {});
  }
}
