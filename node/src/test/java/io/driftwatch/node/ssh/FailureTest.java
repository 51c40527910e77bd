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
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.remote.RemoteShell;
import io.driftwatch.node.testing.Await;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hosts that fail: refused, unresolvable, silent, hanging, flooding, gone and back. */
class FailureTest {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  private static SshdFixture fixture;
  private static SshRemoteShell shell;

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
    shell =
        SshRemoteShell.start(
            TestSsh.settings(
                "connect-timeout = 1s",
                "auth-timeout = 2s",
                "backoff-initial = 300ms",
                "backoff-max = 300ms"));
  }

  @AfterAll
  static void stop() {
    shell.close();
    fixture.close();
  }

  private static HostSpec host(Sshd sshd) {
    return TestSsh.host(
        sshd, "root", fixture.key(ClientKey.Kind.ED25519), fixture.knownHosts(sshd));
  }

  private static HostSpec hostAt(String address, int port) {
    return TestSsh.host(
        new SshOptions(
            address,
            port,
            "root",
            fixture.key(ClientKey.Kind.ED25519).path(),
            fixture.newFile("known_hosts").toString(),
            HostKeyPolicy.STRICT,
            false,
            null));
  }

  private static ProbeException failure(RemoteShell shell, HostSpec host, String command) {
    return catchThrowableOfType(ProbeException.class, () -> run(shell, host, command));
  }

  @Test
  void aClosedPortIsRefused() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }

    ProbeException e = failure(shell, hostAt("127.0.0.1", port), "true");

    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
    assertThat(e.getMessage()).isEqualTo("connection refused by 127.0.0.1:" + port);
  }

  @Test
  void aNameThatDoesNotResolveIsDns() {
    ProbeException e = failure(shell, hostAt("no-such-host.invalid", 22), "true");

    assertThat(e.reason()).isEqualTo(Reason.DNS);
    assertThat(e.getMessage()).isEqualTo("cannot resolve no-such-host.invalid");
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithinTheConnectTimeout() {
    Sshd sshd = fixture.server().start();
    HostSpec host = host(sshd);
    sshd.pause(); // TCP connections complete in the kernel; sshd never says a word

    long start = System.nanoTime();
    ProbeException e = failure(shell, host, "true");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    sshd.resume();

    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(e.getMessage())
        .isEqualTo(
            "SSH handshake with " + sshd.address() + ":" + sshd.port() + " timed out after 1s");
    assertThat(took).isBetween(CONNECT_TIMEOUT, CONNECT_TIMEOUT.plusSeconds(2));
  }

  @Test
  void aListenerThatNeverSpeaksSshTimesOutToo() throws Exception {
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);

      ProbeException e = failure(shell, hostAt("127.0.0.1", silent.getLocalPort()), "true");

      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e.getMessage()).startsWith("SSH handshake with 127.0.0.1:");
    }
  }

  @Test
  void aHangingCommandTimesOutWhileAnotherHostIsServed() throws Exception {
    Sshd hanging = fixture.server().hanging().start();
    Sshd healthy = fixture.server().start();
    HostSpec healthyHost = host(healthy);
    run(shell, healthyHost, "true"); // connected, so the comparison below is about running

    CompletableFuture<RemoteResult> hang =
        shell
            .run(host(hanging), "true", new byte[0], TestSsh.CAP, Duration.ofSeconds(3))
            .toCompletableFuture();
    RemoteResult other = run(shell, healthyHost, "echo served");

    assertThat(stdout(other)).isEqualTo("served\n");
    assertThat(hang).isNotDone();
    CompletionException done = catchThrowableOfType(CompletionException.class, hang::join);
    ProbeException e = (ProbeException) done.getCause();
    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(e.getMessage())
        .isEqualTo(
            "command on " + hanging.address() + ":" + hanging.port() + " did not finish within 3s");
  }

  @Test
  void aTimedOutCommandLeavesAHealthyConnectionForTheNextRun() throws Exception {
    Sshd sshd = fixture.server().start();
    HostSpec host = host(sshd);
    run(shell, host, "true");
    long opened = shell.stats().connectionsOpened();

    ProbeException e =
        catchThrowableOfType(
            ProbeException.class,
            () -> run(shell, host, "sleep 60", new byte[0], TestSsh.CAP, Duration.ofMillis(500)));
    RemoteResult next = run(shell, host, "echo still here");

    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(stdout(next)).isEqualTo("still here\n");
    assertThat(shell.stats().connectionsOpened()).isEqualTo(opened);
  }

  @Test
  void aTimedOutCommandIsEndedOnTheHost() throws Exception {
    // sshd signals commands of unprivileged logins only ("requires privilege separation", which
    // a root login does without): the account a fleet is probed with.
    Sshd sshd = fixture.server().config("LogLevel DEBUG1").start();
    HostSpec host =
        TestSsh.host(
            sshd,
            SshdFixture.PROBE_USER,
            fixture.key(ClientKey.Kind.ED25519),
            fixture.knownHosts(sshd));
    String marker = "sleep 3" + Math.abs(System.nanoTime() % 1000);

    ProbeException e =
        catchThrowableOfType(
            ProbeException.class,
            () -> run(shell, host, marker, new byte[0], TestSsh.CAP, Duration.ofMillis(500)));

    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    Await.until(
        Duration.ofSeconds(5),
        "the timed-out command to end on the host",
        () ->
            ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains(marker)));
    assertThat(sshd.logText()).contains("signal TERM");
  }

  @Test
  void aFloodingHostHitsTheOutputCapWithBoundedMemory() throws Exception {
    Sshd sshd = fixture.server().flooding().start();
    HostSpec host = host(sshd);
    long cap = 1 << 20;
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long usedBefore = runtime.totalMemory() - runtime.freeMemory();

    ProbeException e =
        catchThrowableOfType(
            ProbeException.class,
            () -> run(shell, host, "true", new byte[0], cap, Duration.ofSeconds(60)));

    System.gc();
    long grown = runtime.totalMemory() - runtime.freeMemory() - usedBefore;
    assertThat(e.reason()).isEqualTo(Reason.OUTPUT_CAP);
    assertThat(e.getMessage()).endsWith("exceeded " + cap + " bytes");
    // An endless stream was cut at the cap: had it been read on, the run would have lasted its
    // 60 s timeout and ended as TIMEOUT; and memory stayed within a few caps.
    assertThat(grown).isLessThan(32L << 20);
  }

  @Test
  void theOutputCapAllowsExactlyTheCap() throws Exception {
    Sshd sshd = fixture.server().start();

    RemoteResult exact =
        run(shell, host(sshd), "head -c 1000 /dev/zero", new byte[0], 1000, TestSsh.TIMEOUT);

    assertThat(exact.stdout()).hasSize(1000);
  }

  @Test
  void aHostThatFailedBacksOffThenRecoversWhenItComesBack() throws Exception {
    Sshd sshd = fixture.server().start();
    HostSpec host = host(sshd);
    run(shell, host, "true");
    sshd.stop();

    ProbeException first = failure(shell, host, "true");
    long start = System.nanoTime();
    ProbeException fast = failure(shell, host, "true");
    Duration fastTook = Duration.ofNanos(System.nanoTime() - start);

    assertThat(first.reason()).isEqualTo(Reason.REFUSED);
    assertThat(fast.reason()).isEqualTo(Reason.REFUSED);
    assertThat(fast.getMessage()).startsWith(first.getMessage()).contains("next attempt in");
    assertThat(fastTook).isLessThan(Duration.ofMillis(200));

    sshd.start();
    Await.until(
        Duration.ofSeconds(10),
        "the host to be reachable again",
        () -> {
          try {
            return run(shell, host, "echo back").exitStatus() == 0;
          } catch (ProbeException e) {
            return false;
          }
        });
  }

  @Test
  void anImmediateRunIgnoresTheBackoff() throws Exception {
    try (SshRemoteShell slow =
        SshRemoteShell.start(TestSsh.settings("backoff-initial = 1h", "backoff-max = 1h"))) {
      Sshd sshd = fixture.server().start();
      HostSpec host = host(sshd);
      sshd.stop();
      assertThat(failure(slow, host, "true").reason()).isEqualTo(Reason.REFUSED);
      sshd.start();

      assertThat(failure(slow, host, "true").getMessage()).contains("next attempt in 3600s");
      assertThat(run(slow.immediate(), host, "echo now").exitStatus()).isZero();
      assertThat(run(slow, host, "echo and after").exitStatus()).isZero();
    }
  }

  @Test
  void changedSettingsAreTriedAtOnceDespiteTheBackoff() throws Exception {
    try (SshRemoteShell slow =
        SshRemoteShell.start(TestSsh.settings("backoff-initial = 1h", "backoff-max = 1h"))) {
      Sshd sshd = fixture.server().start();
      HostSpec right = host(sshd);
      HostSpec wrongPort =
          TestSsh.host(
              right.name(),
              new SshOptions(
                  sshd.address(),
                  sshd.port() == 65535 ? 65534 : sshd.port() + 1,
                  "root",
                  right.ssh().identity(),
                  right.ssh().knownHosts(),
                  null,
                  null,
                  null));
      assertThat(failure(slow, wrongPort, "true").reason()).isEqualTo(Reason.REFUSED);

      assertThat(run(slow, right, "true").exitStatus()).isZero();
    }
  }

  @Test
  void aConnectionLostBetweenRunsIsReopenedWithoutAFailure() throws Exception {
    Sshd sshd = fixture.server().start();
    HostSpec host = host(sshd);
    run(shell, host, "true");
    long opened = shell.stats().connectionsOpened();

    sshd.kill();
    sshd.start();

    assertThat(stdout(run(shell, host, "echo again"))).isEqualTo("again\n");
    assertThat(shell.stats().connectionsOpened()).isEqualTo(opened + 1);
  }

  @Test
  void aConnectionWhoseHostStopsAnsweringIsDroppedByKeepalive() throws Exception {
    try (SshRemoteShell keepalive =
        SshRemoteShell.start(
            TestSsh.settings("keepalive-interval = 200ms", "keepalive-count-max = 2"))) {
      Sshd sshd = fixture.server().start();
      HostSpec host = host(sshd);
      run(keepalive, host, "true");
      assertThat(keepalive.stats().openConnections()).isEqualTo(1);

      sshd.freezeSessions();
      Await.until(
          Duration.ofSeconds(10),
          "keepalive to give up on the silent connection",
          () -> keepalive.stats().openConnections() == 0);
      sshd.thawSessions();

      assertThat(stdout(run(keepalive, host, "echo reconnected"))).isEqualTo("reconnected\n");
    }
  }

  @Test
  void aServerKilledMidCommandFailsTheRunCleanly() throws Exception {
    Sshd sshd = fixture.server().start();
    HostSpec host = host(sshd);
    Path started = fixture.newFile("started");
    CompletableFuture<RemoteResult> running =
        shell
            .run(
                host,
                "touch " + started + "; exec sleep 3600",
                new byte[0],
                TestSsh.CAP,
                TestSsh.TIMEOUT)
            .toCompletableFuture();
    Await.until(Duration.ofSeconds(10), "the command to start", () -> started.toFile().exists());

    sshd.kill();

    ProbeException e =
        (ProbeException) catchThrowableOfType(CompletionException.class, running::join).getCause();
    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
    assertThat(e.getMessage()).contains("lost");
  }
}
