package io.driftwatch.bench.fleet;

import io.driftwatch.node.testing.Sshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The peer a user would otherwise run: Debian's Ansible gathering facts ad hoc from the same hosts
 * ({@code ansible all -m setup}, {@code -m package_facts}), with forks = the fleet size, strict
 * host key checking against the fleet's known_hosts, and otherwise Ansible's defaults: ssh with
 * {@code -C -o ControlMaster=auto -o ControlPersist=60s}, no pipelining, interpreter discovery.
 * Everything it writes stays in its own directory (ANSIBLE_HOME, ANSIBLE_CONFIG,
 * ANSIBLE_LOCAL_TEMP).
 */
final class AnsiblePeer {

  private final Path dir;
  private final Path controlDir;
  private final Map<String, String> env;
  private final int hosts;

  private AnsiblePeer(Path dir, Path controlDir, Map<String, String> env, int hosts) {
    this.dir = dir;
    this.controlDir = controlDir;
    this.env = env;
    this.hosts = hosts;
  }

  static AnsiblePeer prepare(Fleet fleet) throws IOException {
    Path dir = fleet.newDirectory("ansible");
    Path home = Files.createDirectories(dir.resolve("home"));
    Path localTmp = Files.createDirectories(dir.resolve("local-tmp"));
    Path controlDir = Files.createDirectories(dir.resolve("cp"));
    StringBuilder inventory = new StringBuilder("[fleet]\n");
    List<Sshd> servers = fleet.servers();
    for (int i = 0; i < servers.size(); i++) {
      inventory
          .append(Fleet.hostName(i))
          .append(" ansible_host=")
          .append(servers.get(i).address())
          .append(" ansible_port=")
          .append(servers.get(i).port())
          .append('\n');
    }
    inventory
        .append("\n[all:vars]\nansible_user=root\nansible_ssh_private_key_file=")
        .append(fleet.key())
        .append("\nansible_ssh_common_args='-o UserKnownHostsFile=")
        .append(fleet.knownHosts())
        .append(" -o GlobalKnownHostsFile=/dev/null -o IdentitiesOnly=yes'\n");
    Files.writeString(dir.resolve("hosts.ini"), inventory);
    Files.writeString(
        dir.resolve("ansible.cfg"),
        "[defaults]\n"
            + "inventory = "
            + dir.resolve("hosts.ini")
            + "\nforks = "
            + servers.size()
            + "\nhost_key_checking = True\n"
            // Discovery as by default ("auto"), without its warning in the output.
            + "interpreter_python = auto_silent\n"
            + "remote_tmp = "
            + dir.resolve("remote-tmp")
            + "\nnocolor = True\n"
            + "\n[ssh_connection]\n"
            + "control_path_dir = "
            + controlDir
            + "\n");
    Map<String, String> env =
        Map.of(
            "ANSIBLE_CONFIG", dir.resolve("ansible.cfg").toString(),
            "ANSIBLE_HOME", home.toString(),
            "ANSIBLE_LOCAL_TEMP", localTmp.toString());
    return new AnsiblePeer(dir, controlDir, env, servers.size());
  }

  /**
   * Runs {@code ansible all -m MODULE} once, cold: afterwards its ControlPersist masters are ended
   * (their CPU so far is the run's), so the next run opens new connections as a user's would.
   */
  FleetRun.Outcome run(String module) throws Exception {
    Path output = dir.resolve(module + ".out");
    ShellCommand.run("ansible all -m " + module, env, dir, output);
    long successes =
        Files.readAllLines(output).stream().filter(l -> l.contains(" | SUCCESS =>")).count();
    if (successes != hosts) {
      throw new IllegalStateException(
          "ansible -m " + module + ": " + successes + " of " + hosts + " hosts succeeded");
    }
    return new FleetRun.Outcome(-1, endMasters());
  }

  private long endMasters() throws InterruptedException {
    List<ProcessHandle> masters = NodeCpu.processesMentioning(controlDir.toString());
    long cpu = NodeCpu.ownNanos(masters);
    masters.forEach(ProcessHandle::destroy);
    for (ProcessHandle m : masters) {
      try {
        m.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        m.destroyForcibly();
      }
    }
    return cpu;
  }
}
