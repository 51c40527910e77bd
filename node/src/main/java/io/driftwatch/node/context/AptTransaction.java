package io.driftwatch.node.context;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of apt's history.log: a run of apt, who asked for it and what it changed.
 *
 * @param end null when the entry has no End-Date (apt was interrupted, or the log was cut)
 * @param commandline the command as typed, null when not logged (e.g. unattended-upgrades)
 * @param requestedBy the login name of the user who ran it through sudo, null when not logged
 */
public record AptTransaction(
    Instant start,
    Instant end,
    String commandline,
    String requestedBy,
    List<PackageRecord> packages) {

  public AptTransaction {
    Objects.requireNonNull(start, "start");
    packages = List.copyOf(packages);
  }
}
