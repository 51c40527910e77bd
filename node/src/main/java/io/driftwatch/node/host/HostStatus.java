package io.driftwatch.node.host;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a host entity knows about its host right now: its spec, whether the last probe worked and
 * since when, and how many facts it holds.
 *
 * @param reason why the last probe failed, a {@code ProbeException.Reason} name such as HOST_KEY or
 *     TIMEOUT (null when ok)
 * @param detail why the host is unreachable, in words (null when ok)
 * @param since when the host entered its current state
 * @param lastProbeAt the last successful probe, which the facts are as of (null if never)
 * @param lastAttemptAt the last probe attempt, successful or not
 * @param problems non-fatal problems of the last successful probe
 * @param failedCategories categories the last probe could not read, kept at their previous values
 * @param member the cluster member ({@code host:port}) whose entity watches the host; null when not
 *     known (outside a cluster, or a host whose entity did not answer)
 */
public record HostStatus(
    HostSpec spec,
    State state,
    String reason,
    String detail,
    Instant since,
    Instant lastProbeAt,
    Instant lastAttemptAt,
    int factCount,
    List<String> problems,
    Map<String, String> failedCategories,
    String member) {

  /** The health of a host as the API shows it. */
  public enum State {
    /** Registered, not probed successfully since this node started watching it. */
    PENDING,
    OK,
    UNREACHABLE
  }

  public HostStatus {
    problems = List.copyOf(problems);
    failedCategories = Map.copyOf(failedCategories);
  }
}
