package io.driftwatch.coordinator.stream;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;

/**
 * This member's end of the stream: every event the sequencer published, kept in an {@link
 * EventJournal}, and the watchers connected here, each with a bounded queue. A watcher resuming
 * after an id is registered and given the journal's events after that id in one step under the
 * hub's lock, so the replay and the live events meet with no gap and no duplicate. A watcher whose
 * queue is full gets {@link StreamItem.Dropped} in the one slot kept for it and is let go: a slow
 * client costs at most {@code client-buffer} events.
 */
public final class StreamHub {

  private final EventJournal journal;
  private final int clientBuffer;
  private final Clock clock;
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

  private static final class Watcher {
    final StreamFilter filter;
    final BoundedSourceQueue<StreamItem> queue;
    long lastQueued;
    boolean dropped; // told so; its queue drains to the client until the stream ends

    Watcher(StreamFilter filter, BoundedSourceQueue<StreamItem> queue, long lastQueued) {
      this.filter = filter;
      this.queue = queue;
      this.lastQueued = lastQueued;
    }
  }

  public StreamHub(StreamSettings settings, Clock clock) {
    this.clock = clock;
    this.clientBuffer = settings.clientBuffer();
    // Ids are at least the sequencer's clock in microseconds: events before now were not heard.
    this.journal =
        new EventJournal(settings.retentionEvents(), settings.retentionAge(), micros(clock));
  }

  /** An event from the sequencer: kept, and offered to every watcher that wants it. */
  public synchronized void append(StreamEvent event) {
    Instant now = clock.instant();
    if (!journal.append(event, now)) {
      return;
    }
    for (Watcher w : watchers) {
      if (!w.dropped && w.filter.matches(event)) {
        offer(w, event);
      }
    }
  }

  /** Forgets events past their age even while none arrive. */
  public synchronized void evict() {
    journal.evict(clock.instant());
  }

  /**
   * A watcher's stream: with {@code after}, first the kept events after that id (after a {@link
   * StreamItem.Reset} if some are no longer kept), then live events, until the watcher cancels or
   * falls behind.
   */
  public Source<StreamItem, NotUsed> subscribe(StreamFilter filter, OptionalLong after) {
    return Source.fromMaterializer((mat, attributes) -> start(mat, filter, after))
        .mapMaterializedValue(f -> NotUsed.getInstance());
  }

  private Source<StreamItem, NotUsed> start(
      Materializer mat, StreamFilter filter, OptionalLong after) {
    // One slot more than the buffer: the Dropped note always fits.
    Pair<BoundedSourceQueue<StreamItem>, Source<StreamItem, NotUsed>> live =
        Source.<StreamItem>queue(clientBuffer + 1).preMaterialize(mat);
    List<StreamItem> first = new ArrayList<>();
    Watcher watcher;
    synchronized (this) {
      long last = after.orElse(journal.newest());
      if (after.isPresent() && !journal.covers(last)) {
        first.add(new StreamItem.Reset(last, journal.oldest()));
      }
      List<StreamEvent> replay =
          after.isPresent() ? journal.after(last, filter::matches) : List.of();
      replay.forEach(e -> first.add(new StreamItem.Event(e)));
      long lastSent = replay.isEmpty() ? last : replay.get(replay.size() - 1).id();
      watcher = new Watcher(filter, live.first(), lastSent);
      watchers.add(watcher);
    }
    return Source.from(first)
        .concat(live.second())
        .takeWhile(item -> !(item instanceof StreamItem.Dropped), true)
        .watchTermination(
            (mat2, done) -> {
              done.whenComplete((d, e) -> forget(watcher));
              return NotUsed.getInstance();
            });
  }

  private void forget(Watcher watcher) {
    watchers.remove(watcher);
    watcher.queue.complete();
  }

  private void offer(Watcher w, StreamEvent event) {
    if (w.queue.size() < clientBuffer
        && w.queue.offer(new StreamItem.Event(event)) == QueueOfferResult.enqueued()) {
      w.lastQueued = event.id();
      return;
    }
    w.dropped = true;
    w.queue.offer(new StreamItem.Dropped(w.lastQueued));
  }

  /**
   * Live events waiting in this member's watcher queues, dropped watchers' included until their
   * stream ends: the {@code /metrics} gauge.
   */
  public long bufferedEvents() {
    return watchers.stream().mapToLong(w -> w.queue.size()).sum();
  }

  public int watchers() {
    return watchers.size();
  }

  public synchronized int journalSize() {
    return journal.size();
  }

  static long micros(Clock clock) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
  }
}
