package io.driftwatch.node.collect;

import java.util.List;
import java.util.Map;

/**
 * What one fact source produced.
 *
 * @param facts the facts, keys already in {@code category:name} form
 * @param problems what was skipped or looked wrong, for the host's status (never fatal)
 * @param complete false when the input was cut short or corrupt, so the facts are only part of the
 *     truth; the collector then keeps the last known values instead of reporting removals
 * @param contents text of small tracked files, by the sha256 that their fact value names
 */
public record SourceResult(
    Map<String, String> facts,
    List<String> problems,
    boolean complete,
    Map<String, String> contents) {

  public SourceResult {
    facts = Map.copyOf(facts);
    problems = List.copyOf(problems);
    contents = Map.copyOf(contents);
  }

  /** A complete result with no problems. */
  public static SourceResult of(Map<String, String> facts) {
    return new SourceResult(facts, List.of(), true, Map.of());
  }

  /** A complete result that skipped some input, saying what. */
  public static SourceResult withProblems(Map<String, String> facts, List<String> problems) {
    return new SourceResult(facts, problems, true, Map.of());
  }

  /** A result from input that was cut short or corrupt. */
  public static SourceResult incomplete(Map<String, String> facts, List<String> problems) {
    return new SourceResult(facts, problems, false, Map.of());
  }
}
