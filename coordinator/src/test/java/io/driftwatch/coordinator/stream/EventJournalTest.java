package io.driftwatch.coordinator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJournalTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private static StreamEvent event(long id, String kind) {
    return new StreamEvent(id, kind, "h", Map.of(), "{}", T0);
  }

  @Test
  void replaysEverythingAfterAnIdInOrderAndOnlyWhatTheFilterWants() {
    EventJournal journal = new EventJournal(100, Duration.ofHours(1), 0);
    for (long id = 1; id <= 10; id++) {
      journal.append(event(id, id % 2 == 0 ? "change" : "drift"), T0);
    }
    assertThat(journal.after(4, e -> true))
        .extracting(StreamEvent::id)
        .containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(journal.after(4, e -> e.kind().equals("change")))
        .extracting(StreamEvent::id)
        .containsExactly(6L, 8L, 10L);
    assertThat(journal.after(10, e -> true)).isEmpty();
    assertThat(journal.covers(0)).isTrue();
  }

  @Test
  void refusesAnIdNotAboveTheNewest() {
    EventJournal journal = new EventJournal(100, Duration.ofHours(1), 0);
    assertThat(journal.append(event(5, "change"), T0)).isTrue();
    assertThat(journal.append(event(5, "change"), T0)).isFalse();
    assertThat(journal.append(event(4, "change"), T0)).isFalse();
    assertThat(journal.size()).isEqualTo(1);
  }

  @Test
  void evictsByCountAndAgeAndRaisesTheFloor() {
    EventJournal journal = new EventJournal(3, Duration.ofMinutes(10), 0);
    for (long id = 1; id <= 5; id++) {
      journal.append(event(id, "change"), T0);
    }
    assertThat(journal.oldest()).isEqualTo(3);
    assertThat(journal.floor()).isEqualTo(2);
    assertThat(journal.covers(1)).isFalse();
    assertThat(journal.covers(2)).isTrue();

    journal.evict(T0.plus(Duration.ofMinutes(11)));
    assertThat(journal.size()).isZero();
    assertThat(journal.floor()).isEqualTo(5);
  }

  @Test
  void aJournalStartedLateDoesNotCoverIdsBeforeItStarted() {
    EventJournal journal = new EventJournal(10, Duration.ofHours(1), 1000);
    assertThat(journal.covers(999)).isFalse();
    assertThat(journal.covers(1000)).isTrue();
  }
}
