package io.driftwatch.node.ssh;

import static io.driftwatch.node.ssh.TestSsh.run;
import static io.driftwatch.node.ssh.TestSsh.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Running commands over real SSH: output, exit status, stdin, reuse of one connection. */
class SshRemoteShellTest {

  private static SshdFixture fixture;
  private static Sshd sshd;
  private static SshRemoteShell shell;

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
    sshd = fixture.server().start();
    shell = SshRemoteShell.start(TestSsh.settings());
  }

  @AfterAll
  static void stop() {
    shell.close();
    fixture.close();
  }

  private static HostSpec host() {
    return TestSsh.host(
        sshd, "root", fixture.key(ClientKey.Kind.ED25519), fixture.knownHosts(sshd));
  }

  @Test
  void runsACommandAndReturnsItsOutputAndExitStatus() throws Exception {
    HostSpec host = host();

    RemoteResult ok = run(shell, host, "echo hello; echo oops >&2");
    RemoteResult failing = run(shell, host, "exit 3");

    assertThat(stdout(ok)).isEqualTo("hello\n");
    assertThat(ok.stderr()).isEqualTo("oops\n");
    assertThat(ok.exitStatus()).isZero();
    assertThat(failing.exitStatus()).isEqualTo(3);
  }

  @Test
  void deliversStdinExactlyIncludingBinaryBytes() throws Exception {
    byte[] stdin = new byte[300_000];
    new Random(42).nextBytes(stdin);
    stdin[0] = 0;
    stdin[stdin.length - 1] = '\n';

    RemoteResult result = run(shell, host(), "sha256sum", stdin);

    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stdin));
    assertThat(stdout(result)).startsWith(expected + " ");
    assertThat(result.traffic().payloadSent()).isEqualTo(stdin.length);
  }

  @Test
  void echoesBinaryStdinBackUnchanged() throws Exception {
    byte[] stdin = new byte[256];
    for (int i = 0; i < stdin.length; i++) {
      stdin[i] = (byte) i;
    }

    RemoteResult result = run(shell, host(), "cat", stdin);

    assertThat(result.stdout()).isEqualTo(stdin);
    assertThat(Arrays.equals(result.stdout(), stdin)).isTrue();
  }

  @Test
  void aCommandThatIgnoresItsInputEndsNormally() throws Exception {
    RemoteResult result = run(shell, host(), "exit 7", new byte[8 << 20]);

    assertThat(result.exitStatus()).isEqualTo(7);
  }

  @Test
  void reusesOneConnectionAcrossRuns() throws Exception {
    HostSpec host = host();
    long loginsBefore = sshd.acceptedLogins();
    long openedBefore = shell.stats().connectionsOpened();

    for (int i = 0; i < 20; i++) {
      assertThat(stdout(run(shell, host, "echo " + i))).isEqualTo(i + "\n");
    }

    assertThat(shell.stats().connectionsOpened() - openedBefore).isEqualTo(1);
    assertThat(sshd.acceptedLogins() - loginsBefore).isEqualTo(1);
  }

  @Test
  void reportsPayloadAndWireTraffic() throws Exception {
    HostSpec host = host();
    run(shell, host, "true"); // connect first: the measured run is on the reused session

    RemoteResult result = run(shell, host, "cat", "12345".getBytes(StandardCharsets.UTF_8));

    assertThat(result.traffic().payloadSent()).isEqualTo(5);
    assertThat(result.traffic().payloadReceived()).isEqualTo(5);
    assertThat(result.traffic().wireSent()).isBetween(100L, 2000L);
    assertThat(result.traffic().wireReceived()).isBetween(100L, 2000L);
  }
}
