package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.fact.FactKey;
import io.driftwatch.node.fact.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates one source's facts and problems while it parses, refusing keys and values that could
 * not be stored, so that no hostile or broken input ever makes a parser throw.
 */
final class SourceFacts {

  /** Longest value kept; longer ones come from broken input and are reported instead. */
  static final int MAX_VALUE_LENGTH = 8192;

  /** A garbage file must not flood the host's status with one problem per line. */
  private static final int MAX_PROBLEMS = 20;

  private final Map<String, String> facts = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private int unlistedProblems;
  private boolean complete = true;

  /**
   * Records {@code category:name = value} with the value normalised. An empty value is not a fact
   * and is dropped silently; an unusable key or value is dropped with a problem.
   *
   * @return true when the fact was recorded
   */
  boolean put(String category, String name, String value) {
    String key = category + ":" + name;
    if (!FactKey.isValid(key)) {
      problem("skipped invalid fact key " + Text.quote(key));
      return false;
    }
    String normalised = Text.normalise(value);
    if (normalised.isEmpty()) {
      return false;
    }
    if (normalised.length() > MAX_VALUE_LENGTH) {
      problem(
          "skipped "
              + key
              + ": value of "
              + normalised.length()
              + " characters is over the "
              + MAX_VALUE_LENGTH
              + " limit");
      return false;
    }
    if (normalised.chars().anyMatch(Character::isISOControl)) {
      problem("skipped " + key + ": value contains control characters");
      return false;
    }
    facts.put(key, normalised);
    return true;
  }

  boolean has(String key) {
    return facts.containsKey(key);
  }

  /** Notes something that was skipped or looked wrong; the rest of the input is still trusted. */
  void problem(String problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    } else {
      unlistedProblems++;
    }
  }

  /**
   * Notes that the input was cut short or corrupt: the facts are only part of the truth, so the
   * collector keeps the last known values instead of recording removals.
   */
  void cutShort(String problem) {
    complete = false;
    problem(problem);
  }

  /** Takes over another partial result of the same source (facts already normalised). */
  void addAll(SourceResult other) {
    other.facts().forEach(facts::putIfAbsent);
    other.problems().forEach(this::problem);
    complete &= other.complete();
  }

  SourceResult result() {
    List<String> all = new ArrayList<>(problems);
    if (unlistedProblems > 0) {
      all.add("… and " + unlistedProblems + " more problems");
    }
    return new SourceResult(facts, all, complete, Map.of());
  }
}
