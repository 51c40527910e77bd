package io.driftwatch.node.fact;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * A read-only sorted map view of positions [from, to) of a {@link FactSet}, so that {@link
 * FactSet#asMap} (JSON, stores, the API) costs nothing to create and lookups stay binary searches.
 */
final class FactMap extends AbstractMap<String, String> implements SortedMap<String, String> {

  private final FactSet facts;
  private final int from;
  private final int to;

  FactMap(FactSet facts, int from, int to) {
    this.facts = facts;
    this.from = from;
    this.to = Math.max(from, to);
  }

  /** True when this view covers its whole set, which {@link FactSet#of} can then reuse. */
  boolean isWhole() {
    return from == 0 && to == facts.size();
  }

  FactSet owner() {
    return facts;
  }

  @Override
  public int size() {
    return to - from;
  }

  @Override
  public String get(Object key) {
    if (!(key instanceof String k)) {
      return null;
    }
    int i = facts.indexOf(k, from, to);
    return i < 0 ? null : facts.valueAt(i);
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String k && facts.indexOf(k, from, to) >= 0;
  }

  @Override
  public Comparator<? super String> comparator() {
    return null;
  }

  @Override
  public SortedMap<String, String> subMap(String fromKey, String toKey) {
    if (fromKey.compareTo(toKey) > 0) {
      throw new IllegalArgumentException("fromKey > toKey");
    }
    return new FactMap(facts, bound(fromKey), bound(toKey));
  }

  @Override
  public SortedMap<String, String> headMap(String toKey) {
    return new FactMap(facts, from, bound(toKey));
  }

  @Override
  public SortedMap<String, String> tailMap(String fromKey) {
    return new FactMap(facts, bound(fromKey), to);
  }

  @Override
  public String firstKey() {
    if (from == to) {
      throw new NoSuchElementException();
    }
    return facts.keyAt(from);
  }

  @Override
  public String lastKey() {
    if (from == to) {
      throw new NoSuchElementException();
    }
    return facts.keyAt(to - 1);
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int i = from;

          @Override
          public boolean hasNext() {
            return i < to;
          }

          @Override
          public Entry<String, String> next() {
            if (i >= to) {
              throw new NoSuchElementException();
            }
            Entry<String, String> e = new SimpleImmutableEntry<>(facts.keyAt(i), facts.valueAt(i));
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return to - from;
      }
    };
  }

  /** A key's position clamped to this view. */
  private int bound(String key) {
    return Math.min(to, Math.max(from, facts.lowerBound(key, from, to)));
  }
}
