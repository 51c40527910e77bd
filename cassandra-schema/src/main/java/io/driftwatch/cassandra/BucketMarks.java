package io.driftwatch.cassandra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bucket index rows (and contents) this store has already written, so that the thousandth probe
 * of a host on one day does not write the same "this day has changes" row again. Only an
 * optimisation: forgetting (eviction, a restart) just writes a row that already exists.
 */
final class BucketMarks {

  private final Map<Object, Boolean> recent;

  BucketMarks(int capacity) {
    this.recent =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized boolean isMarked(Object mark) {
    return recent.get(mark) != null;
  }

  /** Called once the row is written, never before: a failed write must be tried again. */
  synchronized void marked(Object mark) {
    recent.put(mark, Boolean.TRUE);
  }
}
