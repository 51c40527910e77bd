package io.driftwatch.coordinator.stream;

/** What one watcher's stream carries: events, and the two notes about what it may have missed. */
public sealed interface StreamItem {

  /** An event the watcher asked for. */
  record Event(StreamEvent event) implements StreamItem {}

  /**
   * First item of a resumed stream when events after {@code lastEventId} are no longer kept here:
   * the watcher may have missed some and should reload what it shows.
   */
  record Reset(long lastEventId, long oldestId) implements StreamItem {}

  /**
   * Last item of a stream whose client fell {@code client-buffer} events behind: {@code lastId} is
   * the last event it was sent, to resume from.
   */
  record Dropped(long lastId) implements StreamItem {}
}
