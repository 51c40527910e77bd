package io.driftwatch.node.store;

import io.driftwatch.node.context.ChangeContextJson;
import io.driftwatch.node.fact.ChangeContext;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every query of the embedded store, on the reader connection. Confined to the store's reader
 * thread; WAL lets it read committed data while the writer thread is in the middle of a write.
 */
final class SqliteReader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SqliteReader.class);

  private final Connection connection;
  private final List<PreparedStatement> statements = new ArrayList<>();
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement hosts;
  private final PreparedStatement host;
  private final PreparedStatement progress;
  private final PreparedStatement snapshotAtOrBefore;
  private final PreparedStatement changesBetween;
  private final PreparedStatement content;
  // Prepared on first use: a handful of shapes, each planned onto its index once.
  private final Map<SqliteChangeFilter, PreparedStatement> changeQueries = new HashMap<>();

  private record Snapshot(long takenAt, FactSet facts) {}

  SqliteReader(Connection connection) throws SQLException {
    this.connection = connection;
    // A read transaction pins one consistent view for queries made of several statements.
    begin = prepare("BEGIN");
    commit = prepare("COMMIT");
    hosts = prepare("SELECT name, spec FROM hosts WHERE removed_at IS NULL ORDER BY name");
    host = prepare("SELECT name, spec FROM hosts WHERE name = ? AND removed_at IS NULL");
    progress =
        prepare(
            "SELECT last_probe_at, last_snapshot_at, changes_since_snapshot"
                + " FROM host_progress WHERE host = ?");
    snapshotAtOrBefore =
        prepare(
            "SELECT taken_at, facts FROM snapshots WHERE host = ? AND taken_at <= ?"
                + " ORDER BY taken_at DESC LIMIT 1");
    changesBetween =
        prepare(
            "SELECT "
                + SqliteChangeFilter.COLUMNS
                + " FROM changes WHERE host = ? AND detected_at > ? AND detected_at <= ?"
                + " ORDER BY detected_at, key");
    content = prepare("SELECT text FROM contents WHERE sha256 = ?");
  }

  /** Monitored hosts by name; a spec this version cannot read is skipped with a warning. */
  List<HostSpec> hosts() throws SQLException {
    List<HostSpec> result = new ArrayList<>();
    try (ResultSet rows = hosts.executeQuery()) {
      while (rows.next()) {
        String name = rows.getString(1);
        try {
          result.add(HostSpecCodec.fromJson(rows.getString(2)));
        } catch (IllegalArgumentException e) {
          // One bad row must not stop the whole fleet from being monitored.
          log.warn(
              "Skipping host {}: its stored spec cannot be read: {}",
              Text.quote(name),
              e.getMessage());
        }
      }
    }
    return result;
  }

  Optional<HostSpec> host(String name) throws SQLException {
    host.setString(1, name);
    try (ResultSet row = host.executeQuery()) {
      if (!row.next()) {
        return Optional.empty();
      }
      try {
        return Optional.of(HostSpecCodec.fromJson(row.getString(2)));
      } catch (IllegalArgumentException e) {
        throw new StoreException(
            "the stored spec of host " + Text.quote(name) + " cannot be read: " + e.getMessage(),
            e);
      }
    }
  }

  /** The newest snapshot plus every change after it, and the host's progress; empty if unknown. */
  Optional<StoredState> latest(String hostName) throws SQLException {
    return inReadTransaction(
        () -> {
          progress.setString(1, hostName);
          long lastProbeAt;
          Long lastSnapshotAt;
          int changesSinceSnapshot;
          try (ResultSet row = progress.executeQuery()) {
            if (!row.next()) {
              return Optional.empty();
            }
            lastProbeAt = row.getLong(1);
            lastSnapshotAt = row.getObject(2) == null ? null : row.getLong(2);
            changesSinceSnapshot = row.getInt(3);
          }
          // A host probed without any snapshot yet is replayed from nothing.
          Optional<Snapshot> snapshot = snapshot(hostName, Long.MAX_VALUE);
          FactSet base = snapshot.map(Snapshot::facts).orElse(FactSet.empty());
          long from = snapshot.map(Snapshot::takenAt).orElse(Long.MIN_VALUE);
          FactSet facts = base.apply(changes(hostName, from, Long.MAX_VALUE));
          return Optional.of(
              new StoredState(
                  facts,
                  Instant.ofEpochMilli(lastProbeAt),
                  lastSnapshotAt == null ? null : Instant.ofEpochMilli(lastSnapshotAt),
                  changesSinceSnapshot));
        });
  }

  /** The newest snapshot at or before {@code at} with the changes after it replayed. */
  Optional<FactSet> stateAt(String hostName, long at) throws SQLException {
    return inReadTransaction(
        () -> {
          Optional<Snapshot> snapshot = snapshot(hostName, at);
          if (snapshot.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(
              snapshot.get().facts().apply(changes(hostName, snapshot.get().takenAt(), at)));
        });
  }

  ChangePage changes(ChangeQuery query) throws SQLException {
    String upperBound = null;
    if (!query.keyPrefix().isEmpty()) {
      Optional<String> bound = KeyPrefix.upperBound(query.keyPrefix());
      if (bound.isEmpty()) {
        // Only a prefix of U+10FFFF characters has no upper bound, and no valid key (lowercase
        // category first) can start with it.
        return new ChangePage(List.of(), false);
      }
      upperBound = bound.get();
    }
    SqliteChangeFilter filter = SqliteChangeFilter.of(query);
    PreparedStatement statement = changeQuery(filter);
    filter.bind(statement, query, upperBound);
    List<ChangeEvent> newestFirst = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        newestFirst.add(change(rows));
      }
    }
    boolean truncated = newestFirst.size() > query.limit();
    if (truncated) {
      newestFirst.remove(newestFirst.size() - 1);
    }
    Collections.reverse(newestFirst);
    return new ChangePage(newestFirst, truncated);
  }

  Optional<String> content(String sha256) throws SQLException {
    content.setString(1, sha256);
    try (ResultSet row = content.executeQuery()) {
      return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
    }
  }

  private Optional<Snapshot> snapshot(String hostName, long atOrBefore) throws SQLException {
    snapshotAtOrBefore.setString(1, hostName);
    snapshotAtOrBefore.setLong(2, atOrBefore);
    try (ResultSet row = snapshotAtOrBefore.executeQuery()) {
      if (!row.next()) {
        return Optional.empty();
      }
      long takenAt = row.getLong(1);
      try {
        return Optional.of(new Snapshot(takenAt, SnapshotCodec.decode(row.getBytes(2))));
      } catch (IllegalArgumentException e) {
        throw new StoreException(
            "the snapshot of host "
                + Text.quote(hostName)
                + " taken at "
                + Instant.ofEpochMilli(takenAt)
                + " cannot be read: "
                + e.getMessage(),
            e);
      }
    }
  }

  /** Changes of one host in (after, until], in replay order. */
  private List<ChangeEvent> changes(String hostName, long after, long until) throws SQLException {
    changesBetween.setString(1, hostName);
    changesBetween.setLong(2, after);
    changesBetween.setLong(3, until);
    List<ChangeEvent> changes = new ArrayList<>();
    try (ResultSet rows = changesBetween.executeQuery()) {
      while (rows.next()) {
        changes.add(change(rows));
      }
    }
    return changes;
  }

  private static ChangeEvent change(ResultSet row) throws SQLException {
    long windowFrom = row.getLong(6);
    Instant window = row.wasNull() ? null : Instant.ofEpochMilli(windowFrom);
    return new ChangeEvent(
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        window,
        Instant.ofEpochMilli(row.getLong(7)),
        context(row.getString(8)));
  }

  /** A stored context; one that cannot be read is shown as none rather than failing history. */
  private static ChangeContext context(String json) {
    try {
      return ChangeContextJson.decode(json);
    } catch (IllegalArgumentException e) {
      return ChangeContext.NONE;
    }
  }

  private PreparedStatement changeQuery(SqliteChangeFilter filter) throws SQLException {
    PreparedStatement statement = changeQueries.get(filter);
    if (statement == null) {
      statement = prepare(filter.sql());
      changeQueries.put(filter, statement);
    }
    return statement;
  }

  private interface Read<T> {
    T run() throws SQLException;
  }

  private <T> T inReadTransaction(Read<T> read) throws SQLException {
    begin.execute();
    T result;
    try {
      result = read.run();
    } catch (SQLException | RuntimeException e) {
      try {
        commit.execute();
      } catch (SQLException end) {
        e.addSuppressed(end);
      }
      throw e;
    }
    // Ending the transaction releases the WAL snapshot, so checkpoints are never held back.
    commit.execute();
    return result;
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statements.add(statement);
    return statement;
  }

  @Override
  public void close() throws SQLException {
    try (connection) {
      for (PreparedStatement statement : statements) {
        statement.close();
      }
    }
  }
}
