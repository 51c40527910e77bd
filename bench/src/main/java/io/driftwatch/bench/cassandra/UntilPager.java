package io.driftwatch.bench.cassandra;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.store.ChangePage;
import io.driftwatch.node.store.ChangeQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads every change a query matches through pages of its {@code limit}, the way a client of the
 * HTTP API pages (the API answers the newest {@code limit} changes and says whether it left older
 * ones out; it has no cursor): each next page asks again with {@code until} moved back to the
 * oldest change received, inclusive, because more changes may share that millisecond, and drops the
 * ones it already has. A millisecond holding a whole page of changes cannot be paged past: that
 * fails rather than looping.
 */
final class UntilPager {

  private ChangeQuery next;
  private Set<String> boundaryIds = Set.of();
  private int pages;

  UntilPager(ChangeQuery first) {
    this.next = first;
  }

  /** The query for the next page, empty once the last page was received. */
  Optional<ChangeQuery> next() {
    return Optional.ofNullable(next);
  }

  int pages() {
    return pages;
  }

  /**
   * Takes the answer to {@link #next()}; returns its changes (oldest first) without those an
   * earlier page already gave.
   */
  List<ChangeEvent> receive(ChangePage page) {
    if (next == null) {
      throw new IllegalStateException("no page was asked for");
    }
    pages++;
    List<ChangeEvent> fresh = new ArrayList<>(page.changes().size());
    for (ChangeEvent c : page.changes()) {
      if (!boundaryIds.contains(c.id())) {
        fresh.add(c);
      }
    }
    if (!page.truncated() || page.changes().isEmpty()) {
      next = null;
      return fresh;
    }
    Instant oldest = page.changes().get(0).detectedAt();
    TimeRange range = next.range();
    if (oldest.equals(range.to())) {
      throw new IllegalStateException(
          "more than "
              + next.limit()
              + " changes at "
              + oldest
              + ": pages of this limit cannot get past that millisecond");
    }
    Set<String> ids = new HashSet<>();
    for (ChangeEvent c : page.changes()) {
      if (c.detectedAt().equals(oldest)) {
        ids.add(c.id());
      }
    }
    boundaryIds = ids;
    next =
        new ChangeQuery(
            next.host(),
            next.key(),
            next.keyPrefix(),
            new TimeRange(range.from(), oldest),
            next.limit());
    return fresh;
  }
}
