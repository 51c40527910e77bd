package io.driftwatch.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.store.ChangePage;
import io.driftwatch.node.store.ChangeQuery;
import io.driftwatch.node.store.KeyPrefix;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Reads change events: history pages (a host, a key or the whole fleet in a time range, newest
 * first, capped like the embedded store) and a host's replay after a snapshot. Each query first
 * reads its bucket index (the days or hours that have changes), then only those partitions, newest
 * first, a few at a time, and stops as soon as it has enough.
 */
final class ChangeHistoryDao {

  /** Partitions read side by side while walking back in time. */
  private static final int LOOKAHEAD = 8;

  /** Bounds of the page size a fleet shard is read with (the driver's default is 5,000). */
  private static final int MIN_SHARD_PAGE = 100;

  private static final int MAX_SHARD_PAGE = 5_000;

  /** One partition of a query: its rows newest first, at most the number asked for. */
  private interface Bucket extends IntFunction<CompletionStage<List<ChangeEvent>>> {}

  private final CqlSession session;
  private final RequestLimiter limiter;
  private final PreparedStatement hostDays;
  private final PreparedStatement keyDays;
  private final PreparedStatement fleetYears;
  private final PreparedStatement fleetHours;
  private final PreparedStatement hostPage;
  private final PreparedStatement hostPageOfKey;
  private final PreparedStatement hostPageOfPrefix;
  private final PreparedStatement hostReplay;
  private final PreparedStatement fleetPage;
  private final PreparedStatement fleetPageOfPrefix;
  private final PreparedStatement keyPage;

  ChangeHistoryDao(CqlSession session, Keyspace keyspace, RequestLimiter limiter) {
    this.session = session;
    this.limiter = limiter;
    hostDays =
        session.prepare(
            "SELECT day FROM "
                + keyspace.qualify("host_change_days")
                + " WHERE host = ? AND day >= ? AND day <= ?");
    keyDays =
        session.prepare(
            "SELECT day FROM "
                + keyspace.qualify("key_change_days")
                + " WHERE key = ? AND day >= ? AND day <= ?");
    fleetYears =
        session.prepare(
            "SELECT year FROM "
                + keyspace.qualify("fleet_change_years")
                + " WHERE scope = ? AND year >= ? AND year <= ?");
    fleetHours =
        session.prepare(
            "SELECT hour, shards FROM "
                + keyspace.qualify("fleet_change_hours")
                + " WHERE year = ? AND hour >= ? AND hour <= ?");
    String hostWhere =
        "SELECT "
            + ChangeRows.COLUMNS
            + " FROM "
            + keyspace.qualify("host_changes")
            + " WHERE host = ? AND day = ? AND detected_at >= ? AND detected_at <= ?";
    // Filtering inside one partition (never across the cluster): the key is the second
    // clustering column, after a range on the first.
    hostPage = session.prepare(hostWhere + " ORDER BY detected_at DESC LIMIT ?");
    hostPageOfKey =
        session.prepare(
            hostWhere + " AND key = ? ORDER BY detected_at DESC LIMIT ? ALLOW FILTERING");
    hostPageOfPrefix =
        session.prepare(
            hostWhere
                + " AND key >= ? AND key < ? ORDER BY detected_at DESC LIMIT ? ALLOW FILTERING");
    hostReplay =
        session.prepare(
            "SELECT "
                + ChangeRows.COLUMNS
                + " FROM "
                + keyspace.qualify("host_changes")
                + " WHERE host = ? AND day = ? AND detected_at > ? AND detected_at <= ?");
    String fleetWhere =
        "SELECT "
            + ChangeRows.COLUMNS
            + " FROM "
            + keyspace.qualify("fleet_changes")
            + " WHERE hour = ? AND shard = ? AND detected_at >= ? AND detected_at <= ?";
    fleetPage = session.prepare(fleetWhere + " ORDER BY detected_at DESC LIMIT ?");
    fleetPageOfPrefix =
        session.prepare(
            fleetWhere
                + " AND key >= ? AND key < ? ORDER BY detected_at DESC LIMIT ? ALLOW FILTERING");
    keyPage =
        session.prepare(
            "SELECT "
                + ChangeRows.COLUMNS
                + " FROM "
                + keyspace.qualify("key_changes")
                + " WHERE key = ? AND day = ? AND detected_at >= ? AND detected_at <= ?"
                + " ORDER BY detected_at DESC LIMIT ?");
  }

  /** The changes matching {@code query}, oldest first; the newest {@code limit} when more. */
  CompletionStage<ChangePage> page(ChangeQuery query) {
    Instant from = Buckets.ceilMillis(query.range().from());
    Instant to = Buckets.floorMillis(query.range().to());
    String prefix = query.keyPrefix();
    Optional<String> upper = prefix.isEmpty() ? Optional.empty() : KeyPrefix.upperBound(prefix);
    boolean nothing =
        from.isAfter(to)
            || (!prefix.isEmpty() && upper.isEmpty())
            || (query.key() != null && !query.key().startsWith(prefix));
    if (nothing) {
      // No valid key starts with a prefix of U+10FFFF only; an exact key outside the prefix.
      return CompletableFuture.completedFuture(new ChangePage(List.of(), false));
    }
    int want = query.limit() + 1;
    CompletionStage<List<ChangeEvent>> newestFirst;
    if (query.host() != null) {
      newestFirst =
          days(hostDays, query.host(), from, to)
              .thenCompose(
                  days ->
                      walk(
                          days.stream()
                              .map(day -> hostBucket(query, day, from, to, upper))
                              .toList(),
                          want,
                          new ArrayList<>()));
    } else if (query.key() != null) {
      newestFirst =
          days(keyDays, query.key(), from, to)
              .thenCompose(
                  days ->
                      walk(
                          days.stream().map(day -> keyBucket(query.key(), day, from, to)).toList(),
                          want,
                          new ArrayList<>()));
    } else {
      newestFirst = fleet(prefix, upper, from, to, want);
    }
    return newestFirst.thenApply(rows -> pageOf(rows, query.limit()));
  }

  /** Changes of {@code host} in (after, until], oldest first; after null means from the start. */
  CompletionStage<List<ChangeEvent>> replay(String host, Instant after, Instant until) {
    Instant start = after == null ? Buckets.MIN : Buckets.floorMillis(after);
    Instant end = Buckets.floorMillis(until);
    if (!start.isBefore(end)) {
      return CompletableFuture.completedFuture(List.of());
    }
    return days(hostDays, host, start, end)
        .thenCompose(
            newestDayFirst -> {
              List<CompletableFuture<List<ChangeEvent>>> days = new ArrayList<>();
              // Oldest day first, so the pieces join in replay order.
              for (int i = newestDayFirst.size() - 1; i >= 0; i--) {
                days.add(
                    read(hostReplay.bind(host, newestDayFirst.get(i), start, end))
                        .toCompletableFuture());
              }
              return CompletableFuture.allOf(days.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done -> {
                        List<ChangeEvent> all = new ArrayList<>();
                        days.forEach(day -> all.addAll(day.join()));
                        return all;
                      });
            });
  }

  private Bucket hostBucket(
      ChangeQuery query, LocalDate day, Instant from, Instant to, Optional<String> upper) {
    return limit -> {
      BoundStatement statement;
      if (query.key() != null) {
        statement = hostPageOfKey.bind(query.host(), day, from, to, query.key(), limit);
      } else if (upper.isPresent()) {
        statement =
            hostPageOfPrefix.bind(
                query.host(), day, from, to, query.keyPrefix(), upper.get(), limit);
      } else {
        statement = hostPage.bind(query.host(), day, from, to, limit);
      }
      return read(statement);
    };
  }

  private Bucket keyBucket(String key, LocalDate day, Instant from, Instant to) {
    return limit -> read(keyPage.bind(key, day, from, to, limit));
  }

  /**
   * One hour of the fleet timeline: every shard it was written with, merged newest first, each
   * shard read a page at a time as the merge needs it (pages sized for an even spread of the rows
   * asked for over the shards).
   */
  private Bucket fleetBucket(
      Instant hour, int shards, String prefix, Optional<String> upper, Instant from, Instant to) {
    return limit -> {
      int even = limit / shards;
      int pageSize = Math.max(MIN_SHARD_PAGE, Math.min(MAX_SHARD_PAGE, even + even / 4));
      List<CompletableFuture<AsyncResultSet>> firstPages = new ArrayList<>();
      for (int shard = 0; shard < shards; shard++) {
        BoundStatement statement =
            (upper.isPresent()
                    ? fleetPageOfPrefix.bind(hour, shard, from, to, prefix, upper.get(), limit)
                    : fleetPage.bind(hour, shard, from, to, limit))
                .setPageSize(pageSize);
        firstPages.add(limiter.submit(() -> session.executeAsync(statement)).toCompletableFuture());
      }
      return NewestFirstMerge.take(firstPages, limit, page -> limiter.submit(page::fetchNextPage));
    };
  }

  /** Walks the years with fleet changes, newest first, then each year's hours. */
  private CompletionStage<List<ChangeEvent>> fleet(
      String prefix, Optional<String> upper, Instant from, Instant to, int want) {
    return read(
            fleetYears.bind(ChangeEventDao.FLEET_SCOPE, Buckets.year(from), Buckets.year(to)),
            row -> row.getInt("year"))
        .thenCompose(
            years -> fleetYears(years, 0, prefix, upper, from, to, want, new ArrayList<>()));
  }

  private CompletionStage<List<ChangeEvent>> fleetYears(
      List<Integer> years,
      int index,
      String prefix,
      Optional<String> upper,
      Instant from,
      Instant to,
      int want,
      List<ChangeEvent> into) {
    if (index >= years.size() || into.size() >= want) {
      return CompletableFuture.completedFuture(into);
    }
    int year = years.get(index);
    return read(
            fleetHours.bind(year, Buckets.hour(from), Buckets.hour(to)),
            row -> new HourShards(row.getInstant("hour"), row.getInt("shards")))
        .thenCompose(
            hours ->
                walk(hourBuckets(hours, prefix, upper, from, to), want, into)
                    .thenCompose(
                        rows -> fleetYears(years, index + 1, prefix, upper, from, to, want, rows)));
  }

  private record HourShards(Instant hour, int shards) {}

  /** One bucket per hour (newest first), reading the most shards any writer used that hour. */
  private List<Bucket> hourBuckets(
      List<HourShards> rows, String prefix, Optional<String> upper, Instant from, Instant to) {
    List<Bucket> buckets = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      Instant hour = rows.get(i).hour();
      int shards = 0;
      while (i < rows.size() && rows.get(i).hour().equals(hour)) {
        shards = Math.max(shards, rows.get(i).shards());
        i++;
      }
      buckets.add(fleetBucket(hour, shards, prefix, upper, from, to));
    }
    return buckets;
  }

  /**
   * Reads buckets (newest first) a few at a time into {@code into} until it holds at least {@code
   * want} rows or the buckets run out; each bucket is asked only for what is still missing.
   */
  private CompletionStage<List<ChangeEvent>> walk(
      List<Bucket> buckets, int want, List<ChangeEvent> into) {
    return walkFrom(buckets, 0, want, into);
  }

  private CompletionStage<List<ChangeEvent>> walkFrom(
      List<Bucket> buckets, int index, int want, List<ChangeEvent> into) {
    if (index >= buckets.size() || into.size() >= want) {
      return CompletableFuture.completedFuture(into);
    }
    int end = Math.min(buckets.size(), index + LOOKAHEAD);
    int missing = want - into.size();
    List<CompletableFuture<List<ChangeEvent>>> chunk = new ArrayList<>();
    for (int i = index; i < end; i++) {
      chunk.add(buckets.get(i).apply(missing).toCompletableFuture());
    }
    return CompletableFuture.allOf(chunk.toArray(CompletableFuture[]::new))
        .thenCompose(
            done -> {
              chunk.forEach(rows -> into.addAll(rows.join()));
              return walkFrom(buckets, end, want, into);
            });
  }

  private CompletionStage<List<LocalDate>> days(
      PreparedStatement index, String partition, Instant from, Instant to) {
    return read(
        index.bind(partition, Buckets.day(from), Buckets.day(to)), row -> row.getLocalDate("day"));
  }

  private CompletionStage<List<ChangeEvent>> read(BoundStatement statement) {
    return read(statement, ChangeRows::read);
  }

  private <T> CompletionStage<List<T>> read(BoundStatement statement, Function<Row, T> map) {
    return limiter.submit(() -> Pages.all(session.executeAsync(statement), map));
  }

  /** Newest-first rows as a page: oldest first, cut to the newest {@code limit}. */
  private static ChangePage pageOf(List<ChangeEvent> newestFirst, int limit) {
    boolean truncated = newestFirst.size() > limit;
    List<ChangeEvent> kept =
        new ArrayList<>(truncated ? newestFirst.subList(0, limit) : newestFirst);
    Collections.reverse(kept);
    return new ChangePage(kept, truncated);
  }
}
