package io.driftwatch.node.ssh;

import static io.driftwatch.node.ssh.TestSsh.run;
import static io.driftwatch.node.ssh.TestSsh.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.testing.Await;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-node caps on concurrent runs and open connections, idle closing and shutdown. */
class LimitsTest {

  private static final Duration SETTLE = Duration.ofSeconds(10);

  private static SshdFixture fixture;
  private static List<Sshd> servers = new ArrayList<>();

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
    for (int i = 0; i < 3; i++) {
      servers.add(fixture.server().start());
    }
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static HostSpec host(Sshd sshd) {
    return TestSsh.host(
        sshd, "root", fixture.key(ClientKey.Kind.ED25519), fixture.knownHosts(sshd));
  }

  /** Disconnects the server logged with Driftwatch's reason: closed cleanly, not dropped. */
  private static long cleanDisconnects(Sshd sshd) {
    return sshd.logText().lines().filter(l -> l.contains("closed by Driftwatch")).count();
  }

  /** A command that runs until {@code release} exists. */
  private static String blockUntil(Path release) {
    return "while [ ! -e " + release + " ]; do sleep 0.02; done; echo released";
  }

  @Test
  void runsBeyondTheCapWaitForAFreeSlot() throws Exception {
    try (SshRemoteShell shell =
        SshRemoteShell.start(TestSsh.settings("max-concurrent-probes = 2"))) {
      Path release = fixture.newFile("release");
      List<CompletableFuture<RemoteResult>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(
            shell
                .run(
                    host(servers.get(i % 2)),
                    blockUntil(release),
                    new byte[0],
                    100,
                    TestSsh.TIMEOUT)
                .toCompletableFuture());
      }

      Await.until(
          SETTLE,
          "two runs running and two waiting",
          () -> shell.stats().running() == 2 && shell.stats().waiting() == 2);
      assertThat(runs).noneMatch(CompletableFuture::isDone);

      Files.createFile(release);
      for (CompletableFuture<RemoteResult> r : runs) {
        assertThat(stdout(r.join())).isEqualTo("released\n");
      }
      assertThat(shell.stats().running()).isZero();
      assertThat(shell.stats().waiting()).isZero();
    }
  }

  @Test
  void aRunThatWaitsPastItsDeadlineTimesOut() throws Exception {
    try (SshRemoteShell shell =
        SshRemoteShell.start(TestSsh.settings("max-concurrent-probes = 1"))) {
      Path release = fixture.newFile("release");
      CompletableFuture<RemoteResult> blocking =
          shell
              .run(host(servers.get(0)), blockUntil(release), new byte[0], 100, TestSsh.TIMEOUT)
              .toCompletableFuture();
      Await.until(SETTLE, "the first run to hold the slot", () -> shell.stats().running() == 1);

      CompletableFuture<RemoteResult> waiting =
          shell
              .run(host(servers.get(1)), "true", new byte[0], 100, Duration.ofMillis(300))
              .toCompletableFuture();
      CompletionException e =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              CompletionException.class, waiting::join);

      ProbeException cause = (ProbeException) e.getCause();
      assertThat(cause.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(cause.getMessage()).contains("no free slot").contains("max-concurrent-probes");
      assertThat(shell.stats().waiting()).isZero();
      Files.createFile(release);
      assertThat(blocking.join().exitStatus()).isZero();
    }
  }

  @Test
  void atTheConnectionCapTheLeastRecentlyUsedIdleConnectionIsClosed() throws Exception {
    try (SshRemoteShell shell =
        SshRemoteShell.start(
            TestSsh.settings("max-concurrent-probes = 1", "max-connections = 2"))) {
      HostSpec a = host(servers.get(0));
      HostSpec b = host(servers.get(1));
      HostSpec c = host(servers.get(2));

      run(shell, a, "true");
      run(shell, b, "true");
      run(shell, c, "true"); // closes a's connection, the least recently used
      assertThat(shell.stats().openConnections()).isEqualTo(2);
      assertThat(shell.stats().connectionsOpened()).isEqualTo(3);

      run(shell, c, "true");
      run(shell, b, "true");
      assertThat(shell.stats().connectionsOpened()).isEqualTo(3); // b and c were still open

      run(shell, a, "true"); // reopened, closing c (now the least recently used)
      assertThat(shell.stats().connectionsOpened()).isEqualTo(4);
      assertThat(shell.stats().openConnections()).isEqualTo(2);
      run(shell, b, "true");
      assertThat(shell.stats().connectionsOpened()).isEqualTo(4);
    }
  }

  @Test
  void fewerConnectionsThanConcurrentRunsIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TestSsh.settings("max-concurrent-probes = 8", "max-connections = 4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-connections (4) must be at least max-concurrent-probes (8)");
  }

  @Test
  void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    try (SshRemoteShell shell = SshRemoteShell.start(TestSsh.settings("idle-timeout = 1s"))) {
      HostSpec host = host(servers.get(0));
      run(shell, host, "true");
      assertThat(shell.stats().openConnections()).isEqualTo(1);

      Await.until(
          SETTLE, "the idle connection to close", () -> shell.stats().openConnections() == 0);

      assertThat(run(shell, host, "echo reopened").exitStatus()).isZero();
      assertThat(shell.stats().connectionsOpened()).isEqualTo(2);
    }
  }

  @Test
  void closeClosesEveryConnectionAndFailsLaterRuns() throws Exception {
    SshRemoteShell shell = SshRemoteShell.start(TestSsh.settings());
    for (Sshd sshd : servers) {
      run(shell, host(sshd), "true");
    }
    assertThat(shell.stats().openConnections()).isEqualTo(3);

    shell.close();

    assertThat(shell.stats().openConnections()).isZero();
    for (Sshd sshd : servers) {
      Await.until(
          SETTLE,
          "sshd to see the connection closed",
          () ->
              sshd.logText().contains("Received disconnect")
                  || sshd.logText().contains("Connection closed by"));
    }
    ProbeException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ProbeException.class, () -> run(shell, host(servers.get(0)), "true"));
    assertThat(e.getMessage()).contains("shutting down");
  }
}
