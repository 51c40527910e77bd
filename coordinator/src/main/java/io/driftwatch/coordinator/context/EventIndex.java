package io.driftwatch.coordinator.context;

import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.host.HostSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which context events belong to which change: an event is context of a change when its span [at,
 * until] overlaps the change's detection window (previous probe, detecting probe] widened by {@code
 * event-slack} before and {@code clock-skew} after, and it concerns the change's host (fleet-wide,
 * naming it, or a selector matching its spec). Pure: built from the events one store read returned,
 * sorted by {@code at} so that each change looks at the few events near it only.
 */
public final class EventIndex {

  private final List<PostedEvent> byAt;
  private final ContextEventSettings settings;

  private EventIndex(List<PostedEvent> byAt, ContextEventSettings settings) {
    this.byAt = byAt;
    this.settings = settings;
  }

  /** An index of {@code events}; a repeated id (a row stored twice) counts once, its first. */
  public static EventIndex of(Collection<PostedEvent> events, ContextEventSettings settings) {
    List<PostedEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(PostedEvent::at).thenComparing(PostedEvent::id));
    Set<String> seen = new HashSet<>();
    sorted.removeIf(e -> !seen.add(e.id()));
    return new EventIndex(List.copyOf(sorted), settings);
  }

  /**
   * What to read from the store so that every event that could match one of {@code changes} is
   * read: events start at most {@code max-span} before they end. Null when there are no changes.
   */
  public static TimeRange readRange(
      Collection<ChangeEvent> changes, ContextEventSettings settings) {
    Instant from = null;
    Instant to = null;
    for (ChangeEvent c : changes) {
      Instant start = windowStart(c);
      from = from == null || start.isBefore(from) ? start : from;
      to = to == null || c.detectedAt().isAfter(to) ? c.detectedAt() : to;
    }
    if (from == null) {
      return null;
    }
    return new TimeRange(
        clamp(from.minus(settings.eventSlack()).minus(settings.maxSpan())),
        to.plus(settings.clockSkew()));
  }

  /** The events that are context of {@code change} on a host with {@code spec} (null: unknown). */
  public List<PostedEvent> around(ChangeEvent change, HostSpec spec) {
    Instant from = windowStart(change).minus(settings.eventSlack());
    Instant to = change.detectedAt().plus(settings.clockSkew());
    // Candidates start in [from - max-span, to]: no longer event can reach the window.
    int lo = firstAtOrAfter(from.minus(settings.maxSpan()));
    int hi = firstAtOrAfter(to.plusNanos(1));
    List<PostedEvent> matched = new ArrayList<>();
    for (int i = hi - 1; i >= lo && matched.size() < settings.eventsPerChange(); i--) {
      PostedEvent e = byAt.get(i);
      if (e.overlaps(from, to) && e.concerns(change.host(), spec)) {
        matched.add(e);
      }
    }
    return matched;
  }

  /** Every event, oldest first. */
  public List<PostedEvent> all() {
    return byAt;
  }

  /** The change's window start: the previous probe, or its detection when there was none. */
  private static Instant windowStart(ChangeEvent c) {
    return c.windowFrom() == null ? c.detectedAt() : c.windowFrom();
  }

  private static Instant clamp(Instant t) {
    return t.isBefore(Instant.EPOCH) ? Instant.EPOCH : t;
  }

  private int firstAtOrAfter(Instant t) {
    int lo = 0;
    int hi = byAt.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byAt.get(mid).at().isBefore(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
