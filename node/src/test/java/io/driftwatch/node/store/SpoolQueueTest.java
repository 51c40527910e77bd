package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spool's bookkeeping and decisions, without any I/O. */
class SpoolQueueTest {

  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private long nextSeq = 1;

  /** Places and commits a record as the spool would, returning its entry. */
  private SpoolQueue.Entry spool(SpoolQueue queue, String host, boolean timeOnly, long bytes) {
    SpoolQueue.Placement placement = queue.place(host, timeOnly, bytes);
    assertThat(placement).isInstanceOf(SpoolQueue.Placement.Append.class);
    return queue.appended(
        (SpoolQueue.Placement.Append) placement, nextSeq++, T.plusSeconds(nextSeq));
  }

  @Test
  void aHostWithoutBacklogWritesStraightToAnAvailableStore() {
    SpoolQueue queue = new SpoolQueue(10, 1000);

    assertThat(queue.mustSpool("web-1", true)).isFalse();
    // Nothing waits, so the record itself is the one to find out whether the store is back.
    assertThat(queue.mustSpool("web-1", false)).isFalse();
  }

  @Test
  void aHostWithBacklogSpoolsEvenWhenTheStoreIsAvailable() {
    SpoolQueue queue = new SpoolQueue(10, 1000);
    spool(queue, "web-1", false, 10);

    assertThat(queue.mustSpool("web-1", true)).isTrue();
    assertThat(queue.mustSpool("web-2", true)).isFalse();
    assertThat(queue.mustSpool("web-2", false)).isTrue();
  }

  @Test
  void recordsOfOneHostAreDrainedOneAtATimeOldestFirst() {
    SpoolQueue queue = new SpoolQueue(10, 1000);
    SpoolQueue.Entry a1 = spool(queue, "a", false, 10);
    SpoolQueue.Entry b1 = spool(queue, "b", false, 10);
    SpoolQueue.Entry a2 = spool(queue, "a", false, 10);
    SpoolQueue.Entry b2 = spool(queue, "b", false, 10);

    assertThat(queue.nextToDrain()).contains(a1);
    assertThat(queue.nextToDrain()).contains(b1);
    // Both hosts have a record in flight: their next ones wait.
    assertThat(queue.nextToDrain()).isEmpty();

    queue.drained(b1);
    assertThat(queue.nextToDrain()).contains(b2);
    queue.release(a1); // its write failed
    assertThat(queue.nextToDrain()).contains(a1);
    queue.drained(a1);
    assertThat(queue.nextToDrain()).contains(a2);
    queue.drained(a2);
    queue.drained(b2);

    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.hosts()).isZero();
    assertThat(queue.bytes()).isZero();
    assertThat(queue.nextToDrain()).isEmpty();
  }

  @Test
  void drainingAnythingButAHostsFirstRecordIsABug() {
    SpoolQueue queue = new SpoolQueue(10, 1000);
    spool(queue, "a", false, 10);
    SpoolQueue.Entry second = spool(queue, "a", false, 10);

    assertThatThrownBy(() -> queue.drained(second)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTimeOnlyRecordReplacesTheHostsWaitingTimeOnlyRecord() {
    SpoolQueue queue = new SpoolQueue(10, 1000);
    SpoolQueue.Entry changes = spool(queue, "a", false, 100);
    SpoolQueue.Entry quiet = spool(queue, "a", true, 30);

    SpoolQueue.Placement next = queue.place("a", true, 40);

    assertThat(next).isEqualTo(new SpoolQueue.Placement.Replace(quiet, 40));
    queue.replaced((SpoolQueue.Placement.Replace) next);
    assertThat(queue.records()).isEqualTo(2);
    assertThat(queue.bytes()).isEqualTo(140);
    assertThat(queue.nextToDrain()).contains(changes);
    queue.drained(changes);
    SpoolQueue.Entry replaced = queue.nextToDrain().orElseThrow();
    assertThat(replaced.seq()).isEqualTo(quiet.seq());
    assertThat(replaced.bytes()).isEqualTo(40);
    // It keeps the older record's spool time: the host's backlog has waited since then.
    assertThat(replaced.spooledAt()).isEqualTo(quiet.spooledAt());
  }

  @Test
  void recordsWithContentAreNeverReplaced() {
    SpoolQueue queue = new SpoolQueue(10, 1000);
    spool(queue, "a", false, 100);

    assertThat(queue.place("a", true, 30)).isInstanceOf(SpoolQueue.Placement.Append.class);
  }

  @Test
  void aRecordInFlightIsNotReplacedButQueuedBehind() {
    SpoolQueue queue = new SpoolQueue(10, 1000);
    SpoolQueue.Entry quiet = spool(queue, "a", true, 30);
    assertThat(queue.nextToDrain()).contains(quiet);

    SpoolQueue.Placement next = queue.place("a", true, 30);

    assertThat(next).isInstanceOf(SpoolQueue.Placement.Append.class);
  }

  @Test
  void aRecordBeingReplacedIsNotDrainedMeanwhile() {
    SpoolQueue queue = new SpoolQueue(10, 1000);
    spool(queue, "a", true, 30);
    SpoolQueue.Placement replacing = queue.place("a", true, 30);

    assertThat(queue.nextToDrain()).isEmpty();

    queue.cancel(replacing); // the write failed: the older record is still there, and drainable
    assertThat(queue.nextToDrain()).isPresent();
  }

  @Test
  void oneOpenPlacementAtATime() {
    SpoolQueue queue = new SpoolQueue(10, 1000);
    queue.place("a", false, 10);

    assertThatThrownBy(() -> queue.place("b", false, 10)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pastMaxRecordsARecordIsRefusedAndTheQueueIsFull() {
    SpoolQueue queue = new SpoolQueue(2, 1000);
    spool(queue, "a", false, 10);
    assertThat(queue.full()).isFalse();
    spool(queue, "b", false, 10);

    SpoolQueue.Placement third = queue.place("c", false, 10);

    assertThat(queue.full()).isTrue();
    assertThat(third).isInstanceOf(SpoolQueue.Placement.Refuse.class);
    assertThat(((SpoolQueue.Placement.Refuse) third).reason())
        .isEqualTo("2 records wait, max-records is 2");
    // A refusal leaves nothing open.
    assertThat(queue.place("c", false, 10)).isInstanceOf(SpoolQueue.Placement.Refuse.class);
  }

  @Test
  void pastMaxBytesARecordIsRefused() {
    SpoolQueue queue = new SpoolQueue(100, 1000);
    spool(queue, "a", false, 900);

    SpoolQueue.Placement big = queue.place("b", false, 101);

    assertThat(big).isInstanceOf(SpoolQueue.Placement.Refuse.class);
    assertThat(((SpoolQueue.Placement.Refuse) big).reason())
        .isEqualTo("900 bytes wait and this record has 101, max-bytes is 1000");
    assertThat(queue.place("b", false, 100)).isInstanceOf(SpoolQueue.Placement.Append.class);
  }

  @Test
  void aFullQueueStillTakesAQuietHostsNewerTime() {
    SpoolQueue queue = new SpoolQueue(2, 1000);
    spool(queue, "a", false, 10);
    spool(queue, "b", true, 10);

    assertThat(queue.place("b", true, 10)).isInstanceOf(SpoolQueue.Placement.Replace.class);
  }

  @Test
  void restoredEntriesAreDrainedInTheirOrderAndCounted() {
    SpoolQueue queue = new SpoolQueue(10, 1000);
    queue.restore(
        List.of(
            new SpoolQueue.Entry(3, "a", 10, T, false),
            new SpoolQueue.Entry(7, "b", 20, T.plusSeconds(1), false),
            new SpoolQueue.Entry(9, "a", 30, T.plusSeconds(2), true)));

    assertThat(queue.records()).isEqualTo(3);
    assertThat(queue.bytes()).isEqualTo(60);
    assertThat(queue.hosts()).isEqualTo(2);
    assertThat(queue.oldestSpooledAt()).contains(T);
    assertThat(queue.nextToDrain()).map(SpoolQueue.Entry::seq).contains(3L);
    assertThat(queue.nextToDrain()).map(SpoolQueue.Entry::seq).contains(7L);
    assertThat(queue.nextToDrain()).isEmpty();
  }

  @Test
  void anEmptyQueueHasNoOldestRecord() {
    assertThat(new SpoolQueue(1, 1).oldestSpooledAt()).isEqualTo(Optional.empty());
  }

  @Test
  void onlyARecordThatReadTheHostAndFoundNothingIsTimeOnly() {
    HostTimeline host = new HostTimeline("web-1");
    ProbeRecord first = host.probeWithSnapshot(T, java.util.Map.of("custom:a", "1"));
    ProbeRecord quiet = host.probe(T.plusSeconds(60), java.util.Map.of("custom:a", "1"));
    ProbeRecord changed = host.probe(T.plusSeconds(120), java.util.Map.of("custom:a", "2"));

    assertThat(SpoolQueue.timeOnly(first)).isFalse();
    assertThat(SpoolQueue.timeOnly(quiet)).isTrue();
    assertThat(SpoolQueue.timeOnly(changed)).isFalse();
  }
}
