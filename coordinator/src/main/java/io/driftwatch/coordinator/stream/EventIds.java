package io.driftwatch.coordinator.stream;

/**
 * Event ids: the larger of the last id plus one and the current time in epoch microseconds. Within
 * one sequencer they increase by construction; a sequencer started elsewhere after a move starts
 * from its clock, which is past every id the old one gave unless that one ran more than the move's
 * duration ahead of its clock (a burst of more than a million events a second for seconds) or the
 * clocks of the two members disagree by more than the move takes.
 */
final class EventIds {

  private long last;

  long next(long nowMicros) {
    last = Math.max(last + 1, nowMicros);
    return last;
  }
}
