package io.driftwatch.coordinator.drift;

import io.driftwatch.node.host.HostSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies exceptions to findings (pure): a finding an exception active at {@code now} covers (host,
 * key, actual value) carries the exception's id and is left out unless silenced findings are asked
 * for. An expired exception covers nothing, so its drift is back.
 */
final class ExceptionFilter {

  private ExceptionFilter() {}

  static List<Finding> apply(
      List<Finding> findings,
      List<DriftException> exceptions,
      Map<String, HostSpec> hosts,
      Instant now,
      boolean includeExcepted) {
    List<DriftException> active = exceptions.stream().filter(x -> x.activeAt(now)).toList();
    List<Finding> kept = new ArrayList<>();
    for (Finding f : findings) {
      HostSpec host = hosts.get(f.host());
      DriftException covering =
          host == null
              ? null
              : active.stream()
                  .filter(x -> x.covers(host, f.key(), f.actual()))
                  .findFirst()
                  .orElse(null);
      if (covering == null) {
        kept.add(f);
      } else if (includeExcepted) {
        kept.add(f.withException(covering.id()));
      }
    }
    return kept;
  }
}
