package io.driftwatch.node.context;

import io.driftwatch.node.fact.ChangeContext.Login;
import java.util.List;

/**
 * What was parsed from one host's logs for one probe: the raw material of change contexts.
 *
 * @param problems what could not be read or parsed, for the log (never a reason to fail a probe)
 */
public record HostLogs(
    List<AptTransaction> apt,
    List<PackageRecord> packages,
    List<SudoCommand> sudo,
    List<Login> logins,
    List<String> problems) {

  public static final HostLogs EMPTY =
      new HostLogs(List.of(), List.of(), List.of(), List.of(), List.of());

  public HostLogs {
    apt = List.copyOf(apt);
    packages = List.copyOf(packages);
    sudo = List.copyOf(sudo);
    logins = List.copyOf(logins);
    problems = List.copyOf(problems);
  }

  /** Read nothing, and say why. */
  public static HostLogs failed(String problem) {
    return new HostLogs(List.of(), List.of(), List.of(), List.of(), List.of(problem));
  }
}
