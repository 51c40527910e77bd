package io.driftwatch.coordinator.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The recent events a member keeps for clients resuming with {@code Last-Event-ID}, bounded by
 * count and age. {@link #floor()} is the newest id this journal may be missing events up to: the
 * newest id it evicted, or the moment the member started listening. A client whose last id is below
 * the floor may have missed events. Not thread-safe: {@link StreamHub} guards it.
 */
final class EventJournal {

  private record Kept(StreamEvent event, Instant arrived) {}

  private final int maxEvents;
  private final Duration maxAge;
  private final ArrayDeque<Kept> events = new ArrayDeque<>();
  private long floor;

  /**
   * @param startFloor ids up to this may have been given before this journal listened
   */
  EventJournal(int maxEvents, Duration maxAge, long startFloor) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("retention events must be at least 1");
    }
    this.maxEvents = maxEvents;
    this.maxAge = maxAge;
    this.floor = startFloor;
  }

  /** Keeps an event; one whose id is not above the newest kept is refused (a duplicate). */
  boolean append(StreamEvent event, Instant now) {
    if (!events.isEmpty() && event.id() <= events.peekLast().event().id()) {
      return false;
    }
    events.addLast(new Kept(event, now));
    evict(now);
    return true;
  }

  /** Forgets events beyond the count or older than the age. */
  void evict(Instant now) {
    Instant oldest = now.minus(maxAge);
    while (!events.isEmpty()
        && (events.size() > maxEvents || events.peekFirst().arrived().isBefore(oldest))) {
      floor = Math.max(floor, events.removeFirst().event().id());
    }
  }

  /** The kept events after {@code lastId} that {@code wanted} accepts, oldest first. */
  List<StreamEvent> after(long lastId, Predicate<StreamEvent> wanted) {
    List<StreamEvent> out = new ArrayList<>();
    Iterator<Kept> it = events.descendingIterator();
    while (it.hasNext()) {
      StreamEvent e = it.next().event();
      if (e.id() <= lastId) {
        break;
      }
      if (wanted.test(e)) {
        out.add(e);
      }
    }
    java.util.Collections.reverse(out);
    return out;
  }

  /** Whether every event after {@code lastId} is still here. */
  boolean covers(long lastId) {
    return lastId >= floor;
  }

  long floor() {
    return floor;
  }

  /** The oldest kept id, or 0 when empty. */
  long oldest() {
    return events.isEmpty() ? 0 : events.peekFirst().event().id();
  }

  /** The newest kept id, or 0 when empty. */
  long newest() {
    return events.isEmpty() ? 0 : events.peekLast().event().id();
  }

  int size() {
    return events.size();
  }
}
