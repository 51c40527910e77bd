package io.driftwatch.coordinator.drift;

import java.util.List;

/** The ordered severity rules: the first that matches a finding ranks it; none matching is low. */
public record SeverityRules(List<SeverityRule> rules) {

  public SeverityRules {
    rules = List.copyOf(rules);
  }

  public Severity of(Finding f) {
    for (SeverityRule rule : rules) {
      if (rule.matches(f)) {
        return rule.severity();
      }
    }
    return Severity.LOW;
  }
}
