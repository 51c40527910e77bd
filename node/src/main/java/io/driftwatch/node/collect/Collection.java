package io.driftwatch.node.collect;

import io.driftwatch.node.fact.FactSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The result of collecting one host.
 *
 * @param facts every fact collected, after the ignore list
 * @param contents text of small tracked files by sha256, kept for content diffs
 * @param failedCategories categories that could not be collected (or only partly), with the reason;
 *     their last known values must be kept rather than reported as removed
 * @param problems non-fatal problems, for the host's status
 * @param took how long the collection took
 */
public record Collection(
    FactSet facts,
    Map<String, String> contents,
    Map<String, String> failedCategories,
    List<String> problems,
    Duration took) {

  public Collection {
    contents = Map.copyOf(contents);
    failedCategories = Map.copyOf(failedCategories);
    problems = List.copyOf(problems);
  }
}
