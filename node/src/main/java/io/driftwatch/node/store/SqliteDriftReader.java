package io.driftwatch.node.store;

import io.driftwatch.node.fact.Text;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded store's queries of drift registries and context events, on the reader connection it
 * shares with {@link SqliteReader}. Confined to the store's reader thread like that one.
 */
final class SqliteDriftReader implements AutoCloseable {

  private final Connection connection;
  private final List<PreparedStatement> statements = new ArrayList<>();
  private final PreparedStatement registry;
  private final PreparedStatement history;
  private final PreparedStatement events;

  SqliteDriftReader(Connection connection) throws SQLException {
    this.connection = connection;
    registry =
        prepare(
            "SELECT name, definition, deleted, changed_at, changed_by FROM registry_entries"
                + " WHERE registry = ? AND deleted = 0 ORDER BY name");
    history =
        prepare(
            "SELECT name, definition, deleted, changed_at, changed_by FROM registry_history"
                + " WHERE registry = ? AND name = ? ORDER BY changed_at DESC, seq DESC");
    events =
        prepare(
            // The newest first, ties by id as Cassandra's clustering order has them; then the
            // chosen ones oldest first.
            "SELECT * FROM (SELECT id, type, who, what, hosts, selector, at, definition"
                + " FROM context_events WHERE at >= ? AND at <= ? ORDER BY at DESC, id LIMIT ?)"
                + " ORDER BY at, id");
  }

  List<RegistryEntry> registry(Registry which) throws SQLException {
    registry.setString(1, which.id());
    return entries(which, registry);
  }

  List<RegistryEntry> history(Registry which, String name) throws SQLException {
    history.setString(1, which.id());
    history.setString(2, name);
    return entries(which, history);
  }

  /** Events with {@code from <= at <= to} (epoch milliseconds), oldest first; the newest limit. */
  List<ContextEvent> events(long from, long to, int limit) throws SQLException {
    events.setLong(1, from);
    events.setLong(2, to);
    events.setInt(3, limit);
    List<ContextEvent> found = new ArrayList<>();
    try (ResultSet rows = events.executeQuery()) {
      while (rows.next()) {
        found.add(event(rows));
      }
    }
    return found;
  }

  private static List<RegistryEntry> entries(Registry which, PreparedStatement query)
      throws SQLException {
    List<RegistryEntry> entries = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        entries.add(
            new RegistryEntry(
                which,
                rows.getString(1),
                rows.getString(2),
                rows.getInt(3) != 0,
                Instant.ofEpochMilli(rows.getLong(4)),
                rows.getString(5)));
      }
    }
    return entries;
  }

  private static ContextEvent event(ResultSet row) throws SQLException {
    String id = row.getString(1);
    List<String> hosts;
    try {
      hosts = HostListJson.decode(row.getString(5));
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "the hosts of context event " + Text.quote(id) + " cannot be read: " + e.getMessage(), e);
    }
    return new ContextEvent(
        id,
        row.getString(2),
        row.getString(3),
        row.getString(4),
        hosts,
        row.getString(6),
        Instant.ofEpochMilli(row.getLong(7)),
        row.getString(8));
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statements.add(statement);
    return statement;
  }

  /** Releases the statements; the connection belongs to {@link SqliteReader}. */
  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : statements) {
      statement.close();
    }
  }
}
