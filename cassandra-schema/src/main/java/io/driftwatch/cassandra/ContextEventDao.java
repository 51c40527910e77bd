package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.node.store.ContextEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * External context events (context_events): one partition per UTC day of the event's time, found
 * through the day index (context_event_days), both written with the retention TTL like the change
 * history. A range is read day by day, newest first, a few days at a time, until it has the newest
 * {@code limit} events.
 */
final class ContextEventDao {

  /** The partition key of context_event_days' single partition. */
  static final String SCOPE = "events";

  /** Day partitions read side by side while walking back in time. */
  private static final int LOOKAHEAD = 8;

  /** Oldest first; ties by id in code point order, as the embedded store sorts them. */
  private static final Comparator<ContextEvent> OLDEST_FIRST =
      Comparator.comparing(ContextEvent::at)
          .thenComparing(ContextEvent::id, CodePointOrder::compare);

  private record EventDay(LocalDate day) {}

  private final CqlSession session;
  private final RequestLimiter limiter;
  private final BucketMarks marks;
  private final int rowTtl;
  private final int dayMarkTtl;
  private final PreparedStatement insert;
  private final PreparedStatement markDay;
  private final PreparedStatement days;
  private final PreparedStatement ofDay;

  ContextEventDao(
      CqlSession session,
      Keyspace keyspace,
      CassandraSettings settings,
      RequestLimiter limiter,
      BucketMarks marks) {
    this.session = session;
    this.limiter = limiter;
    this.marks = marks;
    // The day's index row outlives the events of that day, so none still alive is unreachable.
    this.rowTtl = settings.ttlSeconds(Duration.ZERO);
    this.dayMarkTtl = settings.ttlSeconds(Buckets.DAY);
    insert =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("context_events")
                + " (day, at, id, type, who, what, hosts, selector, definition)"
                + " VALUES (:day, :at, :id, :type, :who, :what, :hosts, :selector, :definition)"
                + " USING TTL :ttl");
    markDay =
        session.prepare(
            "INSERT INTO "
                + keyspace.qualify("context_event_days")
                + " (scope, day) VALUES (?, ?) USING TTL ?");
    days =
        session.prepare(
            "SELECT day FROM "
                + keyspace.qualify("context_event_days")
                + " WHERE scope = ? AND day >= ? AND day <= ?");
    ofDay =
        session.prepare(
            "SELECT at, id, type, who, what, hosts, selector, definition FROM "
                + keyspace.qualify("context_events")
                + " WHERE day = ? AND at >= ? AND at <= ? LIMIT ?");
  }

  /**
   * Writes the event and its day's index row. Posting the same event again rewrites the same row:
   * the primary key holds its day, time and id.
   */
  CompletionStage<Void> add(ContextEvent event) {
    Instant at = Buckets.floorMillis(event.at());
    LocalDate day = Buckets.day(at);
    BoundStatementBuilder row =
        insert
            .boundStatementBuilder()
            .setLocalDate("day", day)
            .setInstant("at", at)
            .setString("id", event.id())
            .setString("type", event.type())
            .setString("definition", event.definition())
            .setInt("ttl", rowTtl);
    // Absent values stay unset rather than null, so the row carries no tombstone.
    if (event.who() != null) {
      row.setString("who", event.who());
    }
    if (event.what() != null) {
      row.setString("what", event.what());
    }
    if (!event.hosts().isEmpty()) {
      row.setList("hosts", event.hosts(), String.class);
    }
    if (event.selector() != null) {
      row.setString("selector", event.selector());
    }
    CompletableFuture<?> written = execute(row.build());
    CompletableFuture<Void> marked =
        marks
            .once(new EventDay(day), () -> execute(markDay.bind(SCOPE, day, dayMarkTtl)))
            .toCompletableFuture();
    return CompletableFuture.allOf(written, marked);
  }

  /** Events with {@code from <= at <= to}, oldest first; the newest {@code limit} of them. */
  CompletionStage<List<ContextEvent>> range(Instant from, Instant to, int limit) {
    Instant first = Buckets.ceilMillis(from);
    Instant last = Buckets.floorMillis(to);
    if (first.isAfter(last)) {
      return CompletableFuture.completedFuture(List.of());
    }
    return limiter
        .submit(
            () ->
                Pages.all(
                    session.executeAsync(days.bind(SCOPE, Buckets.day(first), Buckets.day(last))),
                    row -> row.getLocalDate("day")))
        .thenCompose(
            newestDayFirst -> collect(newestDayFirst, 0, first, last, limit, new ArrayList<>()))
        .thenApply(
            newestFirst -> {
              List<ContextEvent> chosen =
                  new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
              chosen.sort(OLDEST_FIRST);
              return chosen;
            });
  }

  /**
   * Reads the days from {@code index} on, {@link #LOOKAHEAD} at a time, appending their events
   * newest first, until {@code limit} events are found or the days run out. Each day's rows come in
   * clustering order (time descending, id ascending), so the concatenation is in that order too.
   */
  private CompletionStage<List<ContextEvent>> collect(
      List<LocalDate> newestDayFirst,
      int index,
      Instant first,
      Instant last,
      int limit,
      List<ContextEvent> into) {
    if (index >= newestDayFirst.size() || into.size() >= limit) {
      return CompletableFuture.completedFuture(into);
    }
    List<CompletableFuture<List<ContextEvent>>> wave = new ArrayList<>();
    for (int i = index; i < Math.min(index + LOOKAHEAD, newestDayFirst.size()); i++) {
      LocalDate day = newestDayFirst.get(i);
      wave.add(
          limiter
              .submit(
                  () ->
                      Pages.all(
                          session.executeAsync(ofDay.bind(day, first, last, limit)),
                          ContextEventDao::event))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new))
        .thenCompose(
            done -> {
              wave.forEach(day -> into.addAll(day.join()));
              return collect(newestDayFirst, index + LOOKAHEAD, first, last, limit, into);
            });
  }

  private static ContextEvent event(Row row) {
    return new ContextEvent(
        row.getString("id"),
        row.getString("type"),
        row.getString("who"),
        row.getString("what"),
        row.getList("hosts", String.class),
        row.getString("selector"),
        row.getInstant("at"),
        row.getString("definition"));
  }

  private CompletableFuture<?> execute(Statement<?> statement) {
    return limiter.submit(() -> session.executeAsync(statement)).toCompletableFuture();
  }
}
