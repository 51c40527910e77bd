package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Reads every page of an asynchronous result, the driver fetching the next one as asked. */
final class Pages {

  private Pages() {}

  /** The rows of all pages, mapped, in order. */
  static <T> CompletionStage<List<T>> all(
      CompletionStage<AsyncResultSet> first, Function<Row, T> map) {
    return first.thenCompose(page -> collect(page, map, new ArrayList<>()));
  }

  private static <T> CompletionStage<List<T>> collect(
      AsyncResultSet page, Function<Row, T> map, List<T> into) {
    for (Row row : page.currentPage()) {
      into.add(map.apply(row));
    }
    if (!page.hasMorePages()) {
      return CompletableFuture.completedFuture(into);
    }
    return page.fetchNextPage().thenCompose(next -> collect(next, map, into));
  }
}
