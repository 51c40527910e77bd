package io.driftwatch.node.fact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The facts of one host at one instant: an immutable map from key to value, ordered by key. All
 * comparisons between states (host vs host, now vs then) are computed here.
 */
public final class FactSet {

  private static final FactSet EMPTY = new FactSet(Collections.emptySortedMap());

  private final SortedMap<String, String> facts;

  private FactSet(SortedMap<String, String> facts) {
    this.facts = facts;
  }

  /** The state of a host nothing is known about. */
  public static FactSet empty() {
    return EMPTY;
  }

  /** Validates every key and copies the map; values must not be null. */
  @JsonCreator
  public static FactSet of(Map<String, String> facts) {
    TreeMap<String, String> copy = new TreeMap<>();
    facts.forEach(
        (key, value) -> {
          FactKey.requireValid(key);
          copy.put(key, Objects.requireNonNull(value, () -> "null value for fact " + key));
        });
    return copy.isEmpty() ? EMPTY : new FactSet(Collections.unmodifiableSortedMap(copy));
  }

  /** The facts as an unmodifiable sorted map. */
  @JsonValue
  public SortedMap<String, String> asMap() {
    return facts;
  }

  /** The value of a key, or null when the host does not have it. */
  public String get(String key) {
    return facts.get(key);
  }

  public int size() {
    return facts.size();
  }

  public boolean isEmpty() {
    return facts.isEmpty();
  }

  /** The categories present in this set. */
  public Set<String> categories() {
    Set<String> categories = new TreeSet<>();
    facts.keySet().forEach(key -> categories.add(FactKey.category(key)));
    return categories;
  }

  /** The facts whose key starts with {@code prefix}; an empty prefix keeps everything. */
  public FactSet withPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    return new FactSet(facts.subMap(prefix, prefix + Character.MAX_VALUE));
  }

  /** This set with {@code key} set to {@code value}. */
  public FactSet with(String key, String value) {
    FactKey.requireValid(key);
    TreeMap<String, String> next = new TreeMap<>(facts);
    next.put(key, Objects.requireNonNull(value));
    return new FactSet(Collections.unmodifiableSortedMap(next));
  }

  /**
   * This set with the given categories taken from {@code other} instead: used when a category could
   * not be collected this time, so that its last known values are kept rather than reported as
   * removed.
   */
  public FactSet withCategoriesFrom(FactSet other, Collection<String> categories) {
    if (categories.isEmpty()) {
      return this;
    }
    TreeMap<String, String> merged = new TreeMap<>(facts);
    merged.keySet().removeIf(key -> categories.contains(FactKey.category(key)));
    other.facts.forEach(
        (key, value) -> {
          if (categories.contains(FactKey.category(key))) {
            merged.put(key, value);
          }
        });
    return new FactSet(Collections.unmodifiableSortedMap(merged));
  }

  /**
   * Every key whose value differs between this set (left) and {@code other} (right), in key order;
   * a key present on one side only has null on the other.
   */
  public List<FactDifference> diff(FactSet other) {
    List<FactDifference> differences = new ArrayList<>();
    Iterator<Map.Entry<String, String>> left = facts.entrySet().iterator();
    Iterator<Map.Entry<String, String>> right = other.facts.entrySet().iterator();
    Map.Entry<String, String> l = next(left);
    Map.Entry<String, String> r = next(right);
    while (l != null || r != null) {
      int order = l == null ? 1 : r == null ? -1 : l.getKey().compareTo(r.getKey());
      if (order < 0) {
        differences.add(new FactDifference(l.getKey(), l.getValue(), null));
        l = next(left);
      } else if (order > 0) {
        differences.add(new FactDifference(r.getKey(), null, r.getValue()));
        r = next(right);
      } else {
        if (!l.getValue().equals(r.getValue())) {
          differences.add(new FactDifference(l.getKey(), l.getValue(), r.getValue()));
        }
        l = next(left);
        r = next(right);
      }
    }
    return differences;
  }

  /** This state with the changes applied in order: the replay step of "state at t". */
  public FactSet apply(List<ChangeEvent> changes) {
    if (changes.isEmpty()) {
      return this;
    }
    TreeMap<String, String> next = new TreeMap<>(facts);
    for (ChangeEvent change : changes) {
      if (change.newValue() == null) {
        next.remove(change.key());
      } else {
        next.put(change.key(), change.newValue());
      }
    }
    return new FactSet(Collections.unmodifiableSortedMap(next));
  }

  private static <T> T next(Iterator<T> it) {
    return it.hasNext() ? it.next() : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FactSet other && facts.equals(other.facts);
  }

  @Override
  public int hashCode() {
    return facts.hashCode();
  }

  @Override
  public String toString() {
    return "FactSet" + facts;
  }
}
