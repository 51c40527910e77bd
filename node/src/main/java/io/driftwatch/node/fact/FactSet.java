package io.driftwatch.node.fact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
 *
 * <p>Dictionary-encoded so that a member holds thousands of hosts of thousands of facts each: every
 * key and value is interned in a per-JVM weak dictionary, the sorted keys form a {@link KeyLayout}
 * that is itself interned (hosts of one role usually have exactly the same keys, so they share one
 * array), and a set is that layout plus one array of value references. A fact then costs one
 * reference (4 bytes with compressed oops) plus its share of what hosts have in common. Interning
 * is weak: values no set refers to any more are collected, so values that change over time do not
 * grow the dictionary for ever.
 */
public final class FactSet {

  private static final Interner<String> KEYS = new Interner<>();
  private static final Interner<String> VALUES = new Interner<>();
  private static final Interner<KeyLayout> LAYOUTS = new Interner<>();

  private static final FactSet EMPTY = new FactSet(KeyLayout.EMPTY, new String[0]);

  private final KeyLayout layout;
  private final String[] values;
  private int hash;

  private FactSet(KeyLayout layout, String[] values) {
    this.layout = layout;
    this.values = values;
  }

  /** The state of a host nothing is known about. */
  public static FactSet empty() {
    return EMPTY;
  }

  /**
   * Validates every key and copies the map; values must not be null. Delegating: with the
   * parameter-names module (Pekko's Jackson serialization has it) a one-argument creator would
   * otherwise read a property named "facts".
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static FactSet of(Map<String, String> facts) {
    if (facts.isEmpty()) {
      return EMPTY;
    }
    if (facts instanceof FactMap map && map.isWhole()) {
      return map.owner();
    }
    if (!(facts instanceof SortedMap<String, String> sorted && sorted.comparator() == null)) {
      facts = new TreeMap<>(facts);
    }
    String[] keys = new String[facts.size()];
    String[] values = new String[keys.length];
    int i = 0;
    for (Map.Entry<String, String> fact : facts.entrySet()) {
      String key = fact.getKey();
      keys[i] = internKey(key);
      values[i] =
          VALUES.intern(
              Objects.requireNonNull(fact.getValue(), () -> "null value for fact " + key));
      i++;
    }
    return new FactSet(LAYOUTS.intern(new KeyLayout(keys)), values);
  }

  /** The facts as an unmodifiable sorted map (a view, not a copy). */
  @JsonValue
  public SortedMap<String, String> asMap() {
    return new FactMap(this, 0, size());
  }

  /** The value of a key, or null when the host does not have it. */
  public String get(String key) {
    int i = layout.indexOf(key, 0, values.length);
    return i < 0 ? null : values[i];
  }

  public int size() {
    return values.length;
  }

  public boolean isEmpty() {
    return values.length == 0;
  }

  /** The categories present in this set. */
  public Set<String> categories() {
    Set<String> categories = new TreeSet<>();
    String last = null;
    for (String key : layout.keys) {
      if (last == null || !key.startsWith(last) || key.charAt(last.length()) != ':') {
        last = FactKey.category(key);
        categories.add(last);
      }
    }
    return categories;
  }

  /** The facts whose key starts with {@code prefix}; an empty prefix keeps everything. */
  public FactSet withPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    int from = layout.lowerBound(prefix);
    int to = layout.lowerBound(prefix + Character.MAX_VALUE);
    return slice(from, to);
  }

  /** This set with {@code key} set to {@code value}. */
  public FactSet with(String key, String value) {
    Objects.requireNonNull(value);
    int i = layout.indexOf(key, 0, values.length);
    if (i >= 0) {
      return with(Map.of(key, value));
    }
    // A new key: one insertion into copies of the arrays, no re-sorting or re-interning.
    int at = -i - 1;
    String[] keys = new String[values.length + 1];
    String[] next = new String[values.length + 1];
    System.arraycopy(layout.keys, 0, keys, 0, at);
    System.arraycopy(values, 0, next, 0, at);
    keys[at] = internKey(key);
    next[at] = VALUES.intern(value);
    System.arraycopy(layout.keys, at, keys, at + 1, values.length - at);
    System.arraycopy(values, at, next, at + 1, values.length - at);
    return new FactSet(LAYOUTS.intern(new KeyLayout(keys)), next);
  }

  /**
   * This set with each key of {@code changes} set to its value, or removed where the value is null.
   * When every key is already present and none is removed, the result shares this set's key layout
   * and costs one array copy.
   */
  public FactSet with(Map<String, String> changes) {
    if (changes.isEmpty()) {
      return this;
    }
    String[] next = null;
    for (Map.Entry<String, String> change : changes.entrySet()) {
      int i = change.getValue() == null ? -1 : layout.indexOf(change.getKey(), 0, values.length);
      if (i < 0) {
        TreeMap<String, String> merged = new TreeMap<>(asMap());
        changes.forEach(
            (key, value) -> {
              if (value == null) {
                merged.remove(key);
              } else {
                merged.put(key, value);
              }
            });
        return of(merged);
      }
      if (next == null) {
        next = values.clone();
      }
      next[i] = VALUES.intern(change.getValue());
    }
    return new FactSet(layout, next);
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
    TreeMap<String, String> merged = new TreeMap<>(asMap());
    merged.keySet().removeIf(key -> categories.contains(FactKey.category(key)));
    other
        .asMap()
        .forEach(
            (key, value) -> {
              if (categories.contains(FactKey.category(key))) {
                merged.put(key, value);
              }
            });
    return of(merged);
  }

  /**
   * Every key whose value differs between this set (left) and {@code other} (right), in key order;
   * a key present on one side only has null on the other.
   */
  public List<FactDifference> diff(FactSet other) {
    List<FactDifference> differences = new ArrayList<>();
    String[] lk = layout.keys;
    String[] rk = other.layout.keys;
    String[] lv = values;
    String[] rv = other.values;
    if (lk == rk) {
      // Same interned layout (hosts of one role, or a host and its own past): compare values only,
      // by reference first since values are interned too.
      for (int i = 0; i < lv.length; i++) {
        if (lv[i] != rv[i] && !lv[i].equals(rv[i])) {
          differences.add(new FactDifference(lk[i], lv[i], rv[i]));
        }
      }
      return differences;
    }
    int l = 0;
    int r = 0;
    while (l < lk.length || r < rk.length) {
      int order =
          l == lk.length ? 1 : r == rk.length ? -1 : lk[l] == rk[r] ? 0 : lk[l].compareTo(rk[r]);
      if (order < 0) {
        differences.add(new FactDifference(lk[l], lv[l], null));
        l++;
      } else if (order > 0) {
        differences.add(new FactDifference(rk[r], null, rv[r]));
        r++;
      } else {
        if (lv[l] != rv[r] && !lv[l].equals(rv[r])) {
          differences.add(new FactDifference(lk[l], lv[l], rv[r]));
        }
        l++;
        r++;
      }
    }
    return differences;
  }

  /** This state with the changes applied in order: the replay step of "state at t". */
  public FactSet apply(List<ChangeEvent> changes) {
    if (changes.isEmpty()) {
      return this;
    }
    TreeMap<String, String> next = new TreeMap<>(asMap());
    for (ChangeEvent change : changes) {
      if (change.newValue() == null) {
        next.remove(change.key());
      } else {
        next.put(change.key(), change.newValue());
      }
    }
    return of(next);
  }

  /** The key at position {@code i} in key order. */
  String keyAt(int i) {
    return layout.keys[i];
  }

  /** The value at position {@code i} in key order. */
  String valueAt(int i) {
    return values[i];
  }

  /** Position of {@code key} in [from, to), or a negative number when absent. */
  int indexOf(String key, int from, int to) {
    return layout.indexOf(key, from, to);
  }

  /** The first position in [from, to) whose key is not below {@code key}. */
  int lowerBound(String key, int from, int to) {
    int i = layout.indexOf(key, from, to);
    return i < 0 ? -i - 1 : i;
  }

  /** The facts at positions [from, to) as a set of their own. */
  FactSet slice(int from, int to) {
    if (from == 0 && to == values.length) {
      return this;
    }
    if (from >= to) {
      return EMPTY;
    }
    return new FactSet(
        LAYOUTS.intern(new KeyLayout(Arrays.copyOfRange(layout.keys, from, to))),
        Arrays.copyOfRange(values, from, to));
  }

  /** A valid key as its canonical instance; a key already in the dictionary was validated. */
  private static String internKey(String key) {
    String known = KEYS.existing(key);
    return known != null ? known : KEYS.intern(FactKey.requireValid(key));
  }

  /** True when both sets hold their keys in one shared array (the dictionary's doing). */
  boolean sharesKeysWith(FactSet other) {
    return layout.keys == other.layout.keys;
  }

  /** Distinct keys, values and key layouts alive in this JVM; for measurements. */
  public static String dictionarySizes() {
    return "keys=" + KEYS.size() + " values=" + VALUES.size() + " layouts=" + LAYOUTS.size();
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof FactSet other
            && layout == other.layout
            && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      // The hash of the same facts as a java.util.Map, as before the dictionary encoding.
      for (int i = 0; i < values.length; i++) {
        h += layout.keys[i].hashCode() ^ values[i].hashCode();
      }
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return "FactSet" + asMap();
  }

  /** The sorted, interned keys of a fact set; interned as a whole so equal key sets share one. */
  private static final class KeyLayout {
    static final KeyLayout EMPTY = new KeyLayout(new String[0]);

    final String[] keys;
    private final int hash;

    KeyLayout(String[] keys) {
      this.keys = keys;
      this.hash = Arrays.hashCode(keys);
    }

    int indexOf(String key, int from, int to) {
      return Arrays.binarySearch(keys, from, to, key);
    }

    int lowerBound(String key) {
      int i = indexOf(key, 0, keys.length);
      return i < 0 ? -i - 1 : i;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyLayout other && hash == other.hash && Arrays.equals(keys, other.keys);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
