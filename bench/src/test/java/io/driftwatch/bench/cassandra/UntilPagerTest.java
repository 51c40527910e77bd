package io.driftwatch.bench.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.store.ChangePage;
import io.driftwatch.node.store.ChangeQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paging with {@code until} moved back, against an in-memory answer that behaves like the stores
 * (the newest {@code limit} in the range, oldest first, ties ordered by key, host and id).
 */
class UntilPagerTest {

  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
  private static final TimeRange HOUR = new TimeRange(T0, T0.plusSeconds(3599));
  private static final Comparator<ChangeEvent> NEWEST_FIRST =
      Comparator.comparing(ChangeEvent::detectedAt)
          .thenComparing(ChangeEvent::key)
          .thenComparing(ChangeEvent::host)
          .thenComparing(ChangeEvent::id)
          .reversed();

  private static ChangeEvent change(int id, String host, int second) {
    return new ChangeEvent(
        String.format("id-%04d", id),
        host,
        "package:lib" + id,
        "1",
        "2",
        null,
        T0.plusSeconds(second));
  }

  private static ChangePage answer(List<ChangeEvent> all, ChangeQuery q) {
    List<ChangeEvent> newest =
        all.stream().filter(c -> q.range().contains(c.detectedAt())).sorted(NEWEST_FIRST).toList();
    boolean truncated = newest.size() > q.limit();
    List<ChangeEvent> page = new ArrayList<>(newest.subList(0, Math.min(q.limit(), newest.size())));
    page.sort(NEWEST_FIRST.reversed());
    return new ChangePage(page, truncated);
  }

  private static List<ChangeEvent> readAll(List<ChangeEvent> all, int limit, int[] pages) {
    UntilPager pager = new UntilPager(ChangeQuery.ofFleet("", HOUR, limit));
    List<ChangeEvent> read = new ArrayList<>();
    while (pager.next().isPresent()) {
      read.addAll(pager.receive(answer(all, pager.next().get())));
    }
    pages[0] = pager.pages();
    return read;
  }

  @Test
  void readsEveryChangeOnceWhenPagesEndInsideAMillisecond() {
    // Ten probes, five changes each at the probe's millisecond: a page of 7 ends mid-probe.
    List<ChangeEvent> all = new ArrayList<>();
    for (int probe = 0; probe < 10; probe++) {
      for (int c = 0; c < 5; c++) {
        all.add(change(probe * 5 + c, "web-" + probe, probe * 60));
      }
    }
    int[] pages = new int[1];

    List<ChangeEvent> read = readAll(all, 7, pages);

    assertThat(read).hasSize(50).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    assertThat(pages[0]).isGreaterThan(50 / 7);
  }

  @Test
  void oneUntruncatedPageIsTheLast() {
    List<ChangeEvent> all = List.of(change(1, "a", 1), change(2, "b", 2));
    int[] pages = new int[1];

    assertThat(readAll(all, 10, pages)).hasSize(2);
    assertThat(pages[0]).isEqualTo(1);
  }

  @Test
  void aMillisecondWithMoreChangesThanAPageFailsInsteadOfLooping() {
    List<ChangeEvent> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(change(i, "db-1", 30));
    }
    all.add(change(99, "db-2", 40));

    assertThatThrownBy(() -> readAll(all, 4, new int[1]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more than 4 changes at " + T0.plusSeconds(30));
  }
}
