package io.driftwatch.node.ssh;

import static io.driftwatch.node.ssh.TestSsh.run;
import static io.driftwatch.node.ssh.TestSsh.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reaching a host through a jump host (ProxyJump), with both host keys checked. */
class JumpHostTest {

  private static SshdFixture fixture;
  private static Sshd jump;
  private static Sshd target;
  private static SshRemoteShell shell;

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
    jump = fixture.server().jumpHost().start();
    target = fixture.server().start();
    shell = SshRemoteShell.start(TestSsh.settings("backoff-initial = 10ms", "backoff-max = 10ms"));
  }

  @AfterAll
  static void stop() {
    shell.close();
    fixture.close();
  }

  private static HostSpec host(Sshd via, Sshd to, Path knownHosts, HostKeyPolicy policy) {
    return TestSsh.host(
        new SshOptions(
            to.address(),
            to.port(),
            "root",
            fixture.key(ClientKey.Kind.ED25519).path(),
            knownHosts.toString(),
            policy,
            false,
            "root@" + via.address() + ":" + via.port()));
  }

  @Test
  void runsOnTheTargetThroughTheJumpHost() throws Exception {
    long jumpLogins = jump.acceptedLogins();
    long targetLogins = target.acceptedLogins();
    HostSpec host = host(jump, target, fixture.knownHosts(jump, target), HostKeyPolicy.STRICT);

    for (int i = 0; i < 3; i++) {
      assertThat(stdout(run(shell, host, "echo through"))).isEqualTo("through\n");
    }

    assertThat(jump.acceptedLogins() - jumpLogins).isEqualTo(1);
    assertThat(target.acceptedLogins() - targetLogins).isEqualTo(1);
    // The target saw the connection come from the jump host's side, not from the node directly.
    assertThat(jump.logText()).contains("Accepted publickey for root");
  }

  @Test
  void leavesNoLocalPortListeningOnceConnected() throws Exception {
    // The host's session runs over a local port forwarded through the jump host; any local user
    // could connect to that port while it listens, so it is closed as soon as the session is up.
    Set<Integer> before = listeningPortsOfThisProcess();
    HostSpec host = host(jump, target, fixture.knownHosts(jump, target), HostKeyPolicy.STRICT);

    assertThat(run(shell, host, "true").exitStatus()).isZero();
    assertThat(run(shell, host, "true").exitStatus()).isZero();

    assertThat(listeningPortsOfThisProcess()).isSubsetOf(before);
  }

  private static Set<Integer> listeningPortsOfThisProcess() throws Exception {
    Set<String> sockets = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          sockets.add(Files.readSymbolicLink(fd).toString());
        } catch (java.io.IOException e) {
          // closed meanwhile
        }
      }
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
      // One read: the table changes as other processes open and close sockets.
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[3].equals("0A") && sockets.contains("socket:[" + f[9] + "]")) {
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }

  @Test
  void checksTheJumpHostsKey() {
    HostSpec host = host(jump, target, fixture.knownHosts(target), HostKeyPolicy.STRICT);

    ProbeException e = catchThrowableOfType(ProbeException.class, () -> run(shell, host, "true"));

    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
    assertThat(e.getMessage())
        .startsWith("jump host: unknown host key for " + jump.knownHostsName());
  }

  @Test
  void checksTheTargetsKeyUnderItsOwnName() {
    HostSpec host = host(jump, target, fixture.knownHosts(jump), HostKeyPolicy.STRICT);

    ProbeException e = catchThrowableOfType(ProbeException.class, () -> run(shell, host, "true"));

    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
    assertThat(e.getMessage())
        .startsWith(
            "unknown host key for "
                + target.knownHostsName()
                + " ("
                + target.hostKeyFingerprint()
                + ")");
  }

  @Test
  void acceptNewPinsBothUnderTheirOwnNames() throws Exception {
    Path knownHosts = fixture.newFile("known_hosts");
    HostSpec host = host(jump, target, knownHosts, HostKeyPolicy.ACCEPT_NEW);

    assertThat(run(shell, host, "true").exitStatus()).isZero();

    assertThat(Files.readAllLines(knownHosts).stream().filter(l -> !l.isBlank()))
        .containsExactlyInAnyOrder(jump.knownHostsLines().get(0), target.knownHostsLines().get(0));
  }

  @Test
  void aJumpHostThatDoesNotForwardIsReportedAsSuch() {
    HostSpec host = host(target, jump, fixture.knownHosts(jump, target), HostKeyPolicy.STRICT);

    ProbeException e = catchThrowableOfType(ProbeException.class, () -> run(shell, host, "true"));

    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
    assertThat(e.getMessage()).contains("through jump host " + target.address());
  }

  @Test
  void aJumpHostThatRefusesTheConnectionSaysItWasTheJumpHost() throws Exception {
    Sshd gone = fixture.server().jumpHost().start();
    Path knownHosts = fixture.knownHosts(gone, target);
    gone.stop();

    ProbeException e =
        catchThrowableOfType(
            ProbeException.class,
            () -> run(shell, host(gone, target, knownHosts, HostKeyPolicy.STRICT), "true"));

    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
    assertThat(e.getMessage()).startsWith("jump host: connection refused by " + gone.address());
  }
}
