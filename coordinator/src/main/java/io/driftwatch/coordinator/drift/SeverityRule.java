package io.driftwatch.coordinator.drift;

import io.driftwatch.node.fact.Text;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One severity rule: findings whose key matches {@code key}, whose actual value matches {@code
 * value} (when given; an absent value never matches) and whose change is {@code when} (when given)
 * rank {@code severity}.
 */
public record SeverityRule(
    KeyPattern key, Optional<Pattern> value, Optional<Finding.Change> when, Severity severity) {

  /** A rule as config writes it; nulls for the optional parts. */
  public static SeverityRule of(String key, String value, String when, String severity) {
    try {
      return new SeverityRule(
          KeyPattern.parse(key),
          Optional.ofNullable(value).map(Pattern::compile),
          Optional.ofNullable(when).map(SeverityRule::change),
          Severity.parse(severity));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "severity rule for " + Text.quote(key) + ": invalid value regex: " + e.getDescription());
    }
  }

  public boolean matches(Finding f) {
    return key.matches(f.key())
        && value.map(v -> f.actual() != null && v.matcher(f.actual()).find()).orElse(true)
        && when.map(w -> w == f.change()).orElse(true);
  }

  private static Finding.Change change(String text) {
    try {
      return Finding.Change.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "severity rule: when must be added, removed or changed, got " + Text.quote(text));
    }
  }
}
