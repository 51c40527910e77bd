package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.driftwatch.node.fact.ChangeEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The newest changes of several partitions (the shards of a fleet hour), each read newest first,
 * merged into one newest-first list, reading each partition a driver page at a time and only as far
 * as the merge needs. The newest 10,000 changes of an hour spread over 8 shards then cost about
 * 10,000 rows plus a page per shard, rather than up to 10,000 rows from every shard.
 */
final class NewestFirstMerge {

  /** Fetches a partition's next page (through the store's cap on requests in flight). */
  interface NextPage {
    CompletionStage<AsyncResultSet> fetch(AsyncResultSet page);
  }

  private static final class Cursor {
    private AsyncResultSet page;
    private Iterator<Row> rows;
    private ChangeEvent head;

    Cursor(AsyncResultSet page) {
      turnTo(page);
    }

    void turnTo(AsyncResultSet next) {
      page = next;
      rows = next.currentPage().iterator();
      advance();
    }

    void advance() {
      head = rows.hasNext() ? ChangeRows.read(rows.next()) : null;
    }

    boolean starving() {
      return head == null && page.hasMorePages();
    }
  }

  private NewestFirstMerge() {}

  /**
   * The newest {@code want} changes (fewer if there are not that many) of partitions whose first
   * pages are {@code firstPages}.
   */
  static CompletionStage<List<ChangeEvent>> take(
      List<CompletableFuture<AsyncResultSet>> firstPages, int want, NextPage next) {
    return CompletableFuture.allOf(firstPages.toArray(CompletableFuture[]::new))
        .thenCompose(
            done -> {
              List<Cursor> cursors = new ArrayList<>(firstPages.size());
              firstPages.forEach(page -> cursors.add(new Cursor(page.join())));
              return drain(cursors, want, next, new ArrayList<>());
            });
  }

  private static CompletionStage<List<ChangeEvent>> drain(
      List<Cursor> cursors, int want, NextPage next, List<ChangeEvent> into) {
    while (into.size() < want) {
      // The newest head is only known once every partition that has more rows shows its head.
      List<CompletableFuture<Void>> fetches = new ArrayList<>();
      for (Cursor c : cursors) {
        if (c.starving()) {
          fetches.add(next.fetch(c.page).thenAccept(c::turnTo).toCompletableFuture());
        }
      }
      if (!fetches.isEmpty()) {
        return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new))
            .thenCompose(done -> drain(cursors, want, next, into));
      }
      Cursor newest = null;
      for (Cursor c : cursors) {
        if (c.head != null
            && (newest == null || CodePointOrder.NEWEST_FIRST.compare(c.head, newest.head) < 0)) {
          newest = c;
        }
      }
      if (newest == null) {
        break;
      }
      into.add(newest.head);
      newest.advance();
    }
    return CompletableFuture.completedFuture(into);
  }
}
