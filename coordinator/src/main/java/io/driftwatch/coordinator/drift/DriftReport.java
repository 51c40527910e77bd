package io.driftwatch.coordinator.drift;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The answer to a drift query: the findings, most severe first then by host and key, and how many
 * of the selected hosts were judged.
 *
 * @param hosts the hosts the selector matched
 * @param answered those judged (the others are {@code missing}: no member answered for them)
 * @param tags the tags of the selected hosts, for notices about their findings
 */
public record DriftReport(
    List<Finding> findings,
    int hosts,
    int answered,
    List<String> missing,
    Map<String, Map<String, String>> tags) {

  /** Most severe first, then host, key, source and baseline. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::host)
          .thenComparing(Finding::key)
          .thenComparing(f -> f.source().ordinal())
          .thenComparing(f -> String.valueOf(f.baseline()));

  public DriftReport {
    findings = findings.stream().sorted(ORDER).toList();
    missing = List.copyOf(missing);
    tags = Map.copyOf(tags);
  }
}
