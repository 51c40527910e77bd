package io.driftwatch.node.context;

import java.time.Instant;
import java.util.Objects;

/**
 * One package operation a host's package manager logged.
 *
 * @param source the log it came from: apt-history, dpkg-log, dnf-history, yum-log
 * @param at when it was logged
 * @param arch the architecture, null when the log does not say
 * @param action install, upgrade, downgrade, remove, purge, reinstall, configure, or a dpkg status
 *     ("status installed")
 * @param oldVersion the version before, null when the log does not say or there was none
 * @param newVersion the version after, null when the log does not say or there is none
 */
public record PackageRecord(
    String source,
    Instant at,
    String name,
    String arch,
    String action,
    String oldVersion,
    String newVersion) {

  public PackageRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
  }

  /** Whether the record is about the package {@code name} (of {@code arch}, when given). */
  public boolean isAbout(String packageName, String packageArch) {
    return name.equals(packageName)
        && (packageArch == null || arch == null || arch.equals(packageArch));
  }

  /** A status line (dpkg's "status installed …"), weaker than the operation itself. */
  public boolean isStatus() {
    return action.startsWith("status");
  }

  /** The versions in the record's own words: "2.36-9 → 2.36-10", "→ 7.88", "2.1 →". */
  public String versions() {
    if (oldVersion == null && newVersion == null) {
      return null;
    }
    return (oldVersion == null ? "" : oldVersion + " ")
        + "→"
        + (newVersion == null ? "" : " " + newVersion);
  }
}
