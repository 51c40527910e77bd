package io.driftwatch.node.fact;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A per-JVM weak interning dictionary: equal objects are replaced by one canonical instance, so
 * that thousands of hosts holding the same fact key or value hold one object between them. Entries
 * are weak: a value no fact set refers to any more (an old package version, a flapping value) is
 * collected with its entry, so the dictionary grows with the values alive, not with every value
 * ever seen.
 *
 * <p>Striped into segments, each a synchronized {@link WeakHashMap}, so that probes on many threads
 * rarely wait for each other.
 */
final class Interner<T> {

  private static final int SEGMENTS = 64;

  private final Segment<T>[] segments;

  @SuppressWarnings("unchecked")
  Interner() {
    segments = new Segment[SEGMENTS];
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment<>();
    }
  }

  /** The canonical instance equal to {@code value}, which becomes canonical if none was. */
  T intern(T value) {
    int h = value.hashCode();
    return segments[(h ^ (h >>> 16)) & (SEGMENTS - 1)].intern(value);
  }

  /** The canonical instance equal to {@code value}, or null when there is none. */
  T existing(T value) {
    int h = value.hashCode();
    return segments[(h ^ (h >>> 16)) & (SEGMENTS - 1)].existing(value);
  }

  /** How many distinct values are held (not yet collected); for measurements and tests. */
  int size() {
    int size = 0;
    for (Segment<T> segment : segments) {
      size += segment.size();
    }
    return size;
  }

  private static final class Segment<T> {
    private final Map<T, WeakReference<T>> entries = new WeakHashMap<>();

    synchronized T intern(T value) {
      WeakReference<T> ref = entries.get(value);
      T canonical = ref == null ? null : ref.get();
      if (canonical != null) {
        return canonical;
      }
      entries.put(value, new WeakReference<>(value));
      return value;
    }

    synchronized T existing(T value) {
      WeakReference<T> ref = entries.get(value);
      return ref == null ? null : ref.get();
    }

    synchronized int size() {
      return entries.size();
    }
  }
}
