package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import io.driftwatch.node.context.ChangeContextJson;
import io.driftwatch.node.fact.ChangeContext;
import io.driftwatch.node.fact.ChangeEvent;

/** The columns every change table shares, and how a {@link ChangeEvent} maps onto them. */
final class ChangeRows {

  static final String COLUMNS =
      "id, host, key, old_value, new_value, window_from, detected_at, context";

  private ChangeRows() {}

  static ChangeEvent read(Row row) {
    return new ChangeEvent(
        row.getString("id"),
        row.getString("host"),
        row.getString("key"),
        row.getString("old_value"),
        row.getString("new_value"),
        row.getInstant("window_from"),
        row.getInstant("detected_at"),
        context(row.getString("context")));
  }

  /** A stored context; one that cannot be read is shown as none rather than failing history. */
  private static ChangeContext context(String json) {
    try {
      return ChangeContextJson.decode(json);
    } catch (IllegalArgumentException e) {
      return ChangeContext.NONE;
    }
  }

  /** Roughly the bytes a row of this event takes in a request, to size batches. */
  static int estimatedBytes(ChangeEvent change) {
    return 64
        + change.id().length()
        + change.host().length()
        + change.key().length()
        + (change.oldValue() == null ? 0 : change.oldValue().length())
        + (change.newValue() == null ? 0 : change.newValue().length())
        + (change.context().isEmpty() ? 0 : 1024);
  }

  /**
   * Binds the event's columns by name. Absent values stay unset rather than null: a null would
   * write a tombstone into an immutable row for nothing.
   */
  static BoundStatementBuilder bind(BoundStatementBuilder statement, ChangeEvent change) {
    statement =
        statement
            .setString("id", change.id())
            .setString("host", change.host())
            .setString("key", change.key())
            .setInstant("detected_at", change.detectedAt());
    if (change.oldValue() != null) {
      statement = statement.setString("old_value", change.oldValue());
    }
    if (change.newValue() != null) {
      statement = statement.setString("new_value", change.newValue());
    }
    if (change.windowFrom() != null) {
      statement = statement.setInstant("window_from", change.windowFrom());
    }
    String context = ChangeContextJson.encode(change.context());
    if (context != null) {
      statement = statement.setString("context", context);
    }
    return statement;
  }
}
