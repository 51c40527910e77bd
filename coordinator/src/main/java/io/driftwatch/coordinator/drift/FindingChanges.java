package io.driftwatch.coordinator.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two evaluations (pure): the findings that appeared and those that went, by
 * {@link Finding#id()} (a finding whose actual or expected value changed is one gone and one new).
 */
public record FindingChanges(List<Finding> appeared, List<Finding> resolved) {

  public FindingChanges {
    appeared = List.copyOf(appeared);
    resolved = List.copyOf(resolved);
  }

  /** Findings by id, in the order given. */
  public static Map<String, Finding> byId(List<Finding> findings) {
    Map<String, Finding> all = new LinkedHashMap<>();
    findings.forEach(f -> all.putIfAbsent(f.id(), f));
    return all;
  }

  public static FindingChanges between(Map<String, Finding> before, Map<String, Finding> now) {
    List<Finding> appeared = new ArrayList<>();
    List<Finding> resolved = new ArrayList<>();
    now.forEach(
        (id, f) -> {
          if (!before.containsKey(id)) {
            appeared.add(f);
          }
        });
    before.forEach(
        (id, f) -> {
          if (!now.containsKey(id)) {
            resolved.add(f);
          }
        });
    return new FindingChanges(appeared, resolved);
  }
}
