package io.driftwatch.coordinator.stream;

import java.util.LinkedHashSet;

/** The last {@code capacity} distinct ids seen, oldest forgotten first: bounded de-duplication. */
final class RecentIds {

  private final int capacity;
  private final LinkedHashSet<Long> ids = new LinkedHashSet<>();

  RecentIds(int capacity) {
    this.capacity = capacity;
  }

  /** Remembers {@code id}; false if it was already remembered. */
  boolean add(long id) {
    if (!ids.add(id)) {
      return false;
    }
    if (ids.size() > capacity) {
      ids.remove(ids.iterator().next());
    }
    return true;
  }
}
