package io.driftwatch.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded store's writes of drift registries and context events, on the writer connection it
 * shares with {@link SqliteWriter}. Confined to the store's writer thread like that one.
 */
final class SqliteDriftWriter implements AutoCloseable {

  private final Connection connection;
  private final List<PreparedStatement> statements = new ArrayList<>();
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement rollback;
  private final PreparedStatement putEntry;
  private final PreparedStatement appendHistory;
  private final PreparedStatement addEvent;

  SqliteDriftWriter(Connection connection) throws SQLException {
    this.connection = connection;
    begin = prepare("BEGIN IMMEDIATE");
    commit = prepare("COMMIT");
    rollback = prepare("ROLLBACK");
    putEntry =
        prepare(
            """
            INSERT OR REPLACE INTO registry_entries
              (registry, name, definition, deleted, changed_at, changed_by)
            VALUES (?, ?, ?, ?, ?, ?)""");
    appendHistory =
        prepare(
            """
            INSERT INTO registry_history
              (registry, name, definition, deleted, changed_at, changed_by)
            VALUES (?, ?, ?, ?, ?, ?)""");
    // An event is immutable: posting the same id again keeps what was stored first.
    addEvent =
        prepare(
            """
            INSERT OR IGNORE INTO context_events
              (id, type, who, what, hosts, selector, at, definition)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
  }

  /** Replaces the name's current entry and appends it to the history, in one transaction. */
  void putEntry(RegistryEntry entry) throws SQLException {
    begin.execute();
    try {
      bindEntry(putEntry, entry);
      putEntry.executeUpdate();
      bindEntry(appendHistory, entry);
      appendHistory.executeUpdate();
      commit.execute();
    } catch (SQLException | RuntimeException e) {
      try {
        rollback.execute();
      } catch (SQLException failed) {
        e.addSuppressed(failed);
      }
      throw e;
    }
  }

  void addEvent(ContextEvent event) throws SQLException {
    addEvent.setString(1, event.id());
    addEvent.setString(2, event.type());
    setNullable(addEvent, 3, event.who());
    setNullable(addEvent, 4, event.what());
    addEvent.setString(5, HostListJson.encode(event.hosts()));
    setNullable(addEvent, 6, event.selector());
    addEvent.setLong(7, EpochMillis.floor(event.at()));
    addEvent.setString(8, event.definition());
    addEvent.executeUpdate();
  }

  private static void bindEntry(PreparedStatement statement, RegistryEntry entry)
      throws SQLException {
    statement.setString(1, entry.registry().id());
    statement.setString(2, entry.name());
    statement.setString(3, entry.definition());
    statement.setInt(4, entry.deleted() ? 1 : 0);
    statement.setLong(5, EpochMillis.floor(entry.changedAt()));
    statement.setString(6, entry.changedBy());
  }

  private static void setNullable(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statements.add(statement);
    return statement;
  }

  /** Releases the statements; the connection belongs to {@link SqliteWriter}. */
  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : statements) {
      statement.close();
    }
  }
}
