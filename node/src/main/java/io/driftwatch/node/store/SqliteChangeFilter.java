package io.driftwatch.node.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The shape of a change query (which filters it uses) and its SQL. Each shape gets its own
 * statement so that SQLite plans it onto the matching index once, instead of one catch-all
 * statement with {@code ? IS NULL OR ...} filters that no index can serve.
 */
record SqliteChangeFilter(boolean byHost, boolean byKey, boolean byPrefix) {

  static final String COLUMNS =
      "id, host, key, old_value, new_value, window_from, detected_at, context";

  static SqliteChangeFilter of(ChangeQuery query) {
    return new SqliteChangeFilter(
        query.host() != null, query.key() != null, !query.keyPrefix().isEmpty());
  }

  /**
   * Newest first, one row more than the limit so the caller can tell that older ones were cut. host
   * breaks ties between hosts changing the same key in the same millisecond.
   */
  String sql() {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(COLUMNS)
            .append(" FROM changes WHERE detected_at >= ? AND detected_at <= ?");
    if (byHost) {
      sql.append(" AND host = ?");
    }
    if (byKey) {
      sql.append(" AND key = ?");
    }
    if (byPrefix) {
      sql.append(" AND key >= ? AND key < ?");
    }
    return sql.append(" ORDER BY detected_at DESC, key DESC, host DESC LIMIT ?").toString();
  }

  /** Binds the query's values in the order {@link #sql()} names them. */
  void bind(PreparedStatement statement, ChangeQuery query, String prefixUpperBound)
      throws SQLException {
    int i = 1;
    statement.setLong(i++, EpochMillis.ceil(query.range().from()));
    statement.setLong(i++, EpochMillis.floor(query.range().to()));
    if (byHost) {
      statement.setString(i++, query.host());
    }
    if (byKey) {
      statement.setString(i++, query.key());
    }
    if (byPrefix) {
      statement.setString(i++, query.keyPrefix());
      statement.setString(i++, prefixUpperBound);
    }
    statement.setInt(i, query.limit() + 1);
  }
}
