package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.driftwatch.cassandra.schema.Keyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Text of small tracked files by sha256 (contents). The same file on every host and at every probe
 * is one row; texts this store wrote recently are not sent again.
 */
final class ContentDao {

  private record Written(String sha256) {}

  private final CqlSession session;
  private final RequestLimiter limiter;
  private final BucketMarks marks;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  ContentDao(CqlSession session, Keyspace keyspace, RequestLimiter limiter, BucketMarks marks) {
    this.session = session;
    this.limiter = limiter;
    this.marks = marks;
    insert =
        session.prepare(
            "INSERT INTO " + keyspace.qualify("contents") + " (sha256, text) VALUES (?, ?)");
    select =
        session.prepare("SELECT text FROM " + keyspace.qualify("contents") + " WHERE sha256 = ?");
  }

  CompletionStage<Void> write(Map<String, String> contents) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    contents.forEach(
        (sha256, text) -> {
          writes.add(
              marks
                  .once(
                      new Written(sha256),
                      () -> limiter.submit(() -> session.executeAsync(insert.bind(sha256, text))))
                  .toCompletableFuture());
        });
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  CompletionStage<Optional<String>> read(String sha256) {
    return limiter
        .submit(
            () ->
                Pages.all(session.executeAsync(select.bind(sha256)), row -> row.getString("text")))
        .thenApply(rows -> rows.stream().findFirst());
  }
}
