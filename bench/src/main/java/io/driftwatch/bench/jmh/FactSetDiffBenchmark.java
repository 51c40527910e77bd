package io.driftwatch.bench.jmh;

import io.driftwatch.node.fact.FactDifference;
import io.driftwatch.node.fact.FactSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link FactSet#diff} of two hosts of 3,000 facts each (about a real host's count) that differ in
 * 2% of their keys, against the obvious baseline: two hash maps, the sorted union of their keys,
 * and a lookup on each side per key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FactSetDiffBenchmark {

  static final int FACTS = 3000;

  private FactSet left;
  private FactSet right;
  private FactSet rightSameKeys;
  private Map<String, String> leftMap;
  private Map<String, String> rightMap;

  @Setup
  public void hosts() {
    Random random = new Random(42);
    Map<String, String> a = new HashMap<>();
    String[] categories = {"package", "sysctl", "file", "service", "user", "port", "module"};
    for (int i = 0; a.size() < FACTS; i++) {
      String category = categories[i % categories.length];
      a.put(category + ":name-" + Integer.toHexString(random.nextInt()), "value " + i);
    }
    Map<String, String> b = new HashMap<>(a);
    List<String> keys = new ArrayList<>(new TreeSet<>(a.keySet()));
    for (int i = 0; i < FACTS / 100; i++) {
      b.put(keys.get(random.nextInt(FACTS)), "changed " + i); // 1% changed
    }
    for (int i = 0; i < FACTS / 200; i++) {
      b.remove(keys.get(random.nextInt(FACTS))); // 0.5% only on the left
      b.put("package:added-" + i, "1.0-" + i); // 0.5% only on the right
    }
    left = FactSet.of(a);
    right = FactSet.of(b);
    Map<String, String> c = new HashMap<>(a);
    for (int i = 0; i < FACTS / 50; i++) {
      c.put(keys.get(random.nextInt(FACTS)), "changed " + i); // 2% changed, no key added or removed
    }
    rightSameKeys = FactSet.of(c);
    leftMap = new HashMap<>(a);
    rightMap = new HashMap<>(b);
    if (left.diff(right).size() != hashMapDiff().size()) {
      throw new IllegalStateException("the two diffs disagree");
    }
  }

  @Benchmark
  public List<FactDifference> factSetDiff() {
    return left.diff(right);
  }

  /** Two hosts of one role: the same keys, so the dictionary gives both one key array. */
  @Benchmark
  public List<FactDifference> factSetDiffSameKeys() {
    return left.diff(rightSameKeys);
  }

  @Benchmark
  public List<FactDifference> hashMapDiff() {
    TreeSet<String> keys = new TreeSet<>(leftMap.keySet());
    keys.addAll(rightMap.keySet());
    List<FactDifference> differences = new ArrayList<>();
    for (String key : keys) {
      String l = leftMap.get(key);
      String r = rightMap.get(key);
      if (!Objects.equals(l, r)) {
        differences.add(new FactDifference(key, l, r));
      }
    }
    return differences;
  }
}
