package io.driftwatch.bench.fleet;

import io.driftwatch.node.testing.Sshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The plain peer: OpenSSH's client running {@code dpkg-query -W} on every host in parallel ({@code
 * xargs -P N}), the package list a user would then diff. Cold: a new connection per host, no
 * compression (ssh's default). Warm: through ControlMaster connections opened beforehand and kept
 * ({@code ControlPersist yes}), whose own CPU during the run is counted as the node's.
 */
final class SshPeer {

  private final Path dir;
  private final Path controlDir;
  private final int hosts;
  private final long packagesPerHost;

  private SshPeer(Path dir, Path controlDir, int hosts, long packagesPerHost) {
    this.dir = dir;
    this.controlDir = controlDir;
    this.hosts = hosts;
    this.packagesPerHost = packagesPerHost;
  }

  static SshPeer prepare(Fleet fleet, long packagesPerHost) throws IOException {
    Path dir = fleet.newDirectory("ssh");
    Path controlDir = Files.createDirectories(dir.resolve("cm"));
    StringBuilder hostBlocks = new StringBuilder();
    StringBuilder names = new StringBuilder();
    List<Sshd> servers = fleet.servers();
    for (int i = 0; i < servers.size(); i++) {
      hostBlocks
          .append("Host ")
          .append(Fleet.hostName(i))
          .append("\n  HostName ")
          .append(servers.get(i).address())
          .append("\n  Port ")
          .append(servers.get(i).port())
          .append('\n');
      names.append(Fleet.hostName(i)).append('\n');
    }
    String common =
        "Host *\n"
            + "  User root\n"
            + "  IdentityFile "
            + fleet.key()
            + "\n  IdentitiesOnly yes\n"
            + "  UserKnownHostsFile "
            + fleet.knownHosts()
            + "\n  GlobalKnownHostsFile /dev/null\n"
            + "  StrictHostKeyChecking yes\n"
            + "  BatchMode yes\n";
    Files.writeString(
        dir.resolve("cold.conf"), hostBlocks + common + "  ControlMaster no\n  ControlPath none\n");
    Files.writeString(
        dir.resolve("warm.conf"),
        hostBlocks
            + common
            + "  ControlMaster auto\n  ControlPath "
            + controlDir
            + "/%h\n  ControlPersist yes\n");
    Files.writeString(dir.resolve("hosts.txt"), names);
    return new SshPeer(dir, controlDir, servers.size(), packagesPerHost);
  }

  /** {@code dpkg-query -W} on every host over new connections. */
  FleetRun.Outcome cold() throws Exception {
    query("cold.conf");
    return FleetRun.Outcome.NOTHING;
  }

  /** {@code dpkg-query -W} on every host through the open master connections. */
  FleetRun.Outcome warm() throws Exception {
    List<ProcessHandle> masters = masters();
    if (masters.size() != hosts) {
      throw new IllegalStateException(masters.size() + " of " + hosts + " masters are open");
    }
    long before = NodeCpu.ownNanos(masters);
    query("warm.conf");
    return new FleetRun.Outcome(-1, NodeCpu.ownNanos(masters) - before);
  }

  /** Opens a persistent master connection to every host (not measured). */
  void openMasters() throws Exception {
    each("ssh -F warm.conf {} true", "open");
  }

  /** Ends the master connections. */
  void closeMasters() throws Exception {
    each("ssh -F warm.conf -O exit {}", "close");
  }

  private List<ProcessHandle> masters() {
    return NodeCpu.processesMentioning(controlDir.toString());
  }

  private void query(String config) throws Exception {
    Path output = dir.resolve("packages.out");
    each("ssh -F " + config + " {} dpkg-query -W", "packages");
    long lines;
    try (var stream = Files.lines(output)) {
      lines = stream.count();
    }
    if (lines != hosts * packagesPerHost) {
      throw new IllegalStateException(
          "ssh dpkg-query -W: " + lines + " lines, expected " + hosts * packagesPerHost);
    }
  }

  private void each(String command, String outputName) throws Exception {
    ShellCommand.run(
        "xargs -P " + hosts + " -I{} " + command + " < hosts.txt",
        Map.of(),
        dir,
        dir.resolve(outputName + ".out"));
  }
}
