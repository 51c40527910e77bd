package io.driftwatch.node.ssh;

import static io.driftwatch.node.ssh.TestSsh.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.testing.Await;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.CountingProxy;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a run costs on a reused connection, measured: wire bytes checked against a TCP proxy between
 * node and sshd, and the latency of connecting and of running. The numbers are printed
 * (target/surefire-reports/*-output.txt) and held to loose bounds.
 */
class TrafficAndLatencyTest {

  private static SshdFixture fixture;
  private static Sshd sshd;

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
    sshd = fixture.server().start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static HostSpec host() {
    return TestSsh.host(
        sshd, "root", fixture.key(ClientKey.Kind.ED25519), fixture.knownHosts(sshd));
  }

  @Test
  void wireBytesOfARunAreWhatCrossedTheNetwork() throws Exception {
    try (CountingProxy proxy = CountingProxy.to(sshd.address(), sshd.port());
        SshRemoteShell shell = SshRemoteShell.start(TestSsh.settings())) {
      HostSpec host =
          TestSsh.host(
              new SshOptions(
                  "127.0.0.1",
                  proxy.port(),
                  "root",
                  fixture.key(ClientKey.Kind.ED25519).path(),
                  fixture.newFile("known_hosts").toString(),
                  HostKeyPolicy.ACCEPT_NEW,
                  false,
                  null));
      run(shell, host, "true");
      awaitQuiet(proxy::upstreamBytes);
      awaitQuiet(proxy::downstreamBytes);
      long up = proxy.upstreamBytes();
      long down = proxy.downstreamBytes();

      RemoteResult result = run(shell, host, "true");
      awaitQuiet(proxy::upstreamBytes);
      awaitQuiet(proxy::downstreamBytes);

      long proxiedUp = proxy.upstreamBytes() - up;
      long proxiedDown = proxy.downstreamBytes() - down;
      System.out.printf(
          "trivial exec on a reused session: wire sent %d (proxy saw %d), received %d (proxy saw"
              + " %d)%n",
          result.traffic().wireSent(), proxiedUp, result.traffic().wireReceived(), proxiedDown);
      assertThat(result.traffic().wireReceived()).isEqualTo(proxiedDown);
      // The node's reply to the server's channel close may leave after the run is measured.
      assertThat(result.traffic().wireSent()).isBetween(proxiedUp - 100, proxiedUp);
      assertThat(proxiedUp + proxiedDown).isLessThan(2048);
    }
  }

  @Test
  void connectingAndRunningAreFast() throws Exception {
    try (SshRemoteShell shell = SshRemoteShell.start(TestSsh.settings())) {
      List<Long> connects = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        run(shell, host(), "true");
        connects.add(System.nanoTime() - start);
      }
      HostSpec host = host();
      run(shell, host, "true");
      List<Long> runs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        long start = System.nanoTime();
        run(shell, host, "true");
        runs.add(System.nanoTime() - start);
      }

      Duration connect = median(connects);
      Duration exec = median(runs);
      System.out.printf(
          "new connection + auth + exec: median %d ms; exec on a reused session: median %.1f ms%n",
          connect.toMillis(), exec.toNanos() / 1e6);
      assertThat(exec).isLessThan(Duration.ofMillis(40)); // ~48 ms would mean Nagle is back
      assertThat(connect).isLessThan(Duration.ofSeconds(1));
    }
  }

  private static Duration median(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return Duration.ofNanos(sorted.get(sorted.size() / 2));
  }

  /** Waits until a counter stops moving: the proxy has forwarded everything in flight. */
  private static void awaitQuiet(LongSupplier counter) {
    long[] last = {-1};
    long[] sameSince = {System.nanoTime()};
    Await.until(
        Duration.ofSeconds(5),
        "the proxy to forward everything",
        () -> {
          long now = counter.getAsLong();
          if (now != last[0]) {
            last[0] = now;
            sameSince[0] = System.nanoTime();
            return false;
          }
          return System.nanoTime() - sameSince[0] > Duration.ofMillis(100).toNanos();
        });
  }
}
