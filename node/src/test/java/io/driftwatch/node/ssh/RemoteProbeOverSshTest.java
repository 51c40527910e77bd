package io.driftwatch.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.remote.RemoteLimits;
import io.driftwatch.node.remote.RemoteProber;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.remote.RemoteShell;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.DefaultSettings;
import io.driftwatch.node.testing.FixtureHost;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote probe over a real SSH connection: what an unchanged host costs on the wire, the budget
 * of issue 3 (one round trip, at most 2 KB).
 */
class RemoteProbeOverSshTest {

  private static final CollectorSettings SETTINGS = DefaultSettings.collector();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static SshdFixture fixture;
  private static Sshd sshd;
  private static ExecutorService pool;

  @TempDir Path temp;

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
    sshd = fixture.server().start();
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    fixture.close();
  }

  /** Remembers the traffic of the last run it passed on. */
  private static final class Metered implements RemoteShell {
    private final RemoteShell shell;
    private final AtomicReference<RemoteResult.Traffic> last = new AtomicReference<>();

    Metered(RemoteShell shell) {
      this.shell = shell;
    }

    @Override
    public CompletionStage<RemoteResult> run(
        HostSpec host, String command, byte[] stdin, long maxOutputBytes, Duration timeout) {
      return shell
          .run(host, command, stdin, maxOutputBytes, timeout)
          .thenApply(
              r -> {
                last.set(r.traffic());
                return r;
              });
    }
  }

  private HostSpec host(Path root) {
    return new HostSpec(
        "web-1",
        Transport.SSH,
        root.toString(),
        Map.of(),
        Duration.ofMinutes(1),
        new SshOptions(
            sshd.address(),
            sshd.port(),
            "root",
            fixture.key(ClientKey.Kind.ED25519).path(),
            fixture.knownHosts(sshd).toString(),
            null,
            false,
            null),
        HostSpec.API);
  }

  @Test
  void anUnchangedHostCostsOneRoundTripOfUnderTwoKilobytes() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));
    try (SshRemoteShell ssh = SshRemoteShell.start(TestSsh.settings())) {
      Metered shell = new Metered(ssh);
      RemoteProber prober =
          new RemoteProber(
              shell,
              new Collector(StandardSources.all(SETTINGS), SETTINGS),
              SETTINGS,
              new RemoteLimits(64 << 20, 512 << 20, TIMEOUT),
              pool,
              false);
      HostSpec host = host(root);

      Collection first = prober.probe(host).toCompletableFuture().join();
      RemoteResult.Traffic full = shell.last.get();
      prober.probe(host).toCompletableFuture().join();
      Collection again = prober.probe(host).toCompletableFuture().join();
      RemoteResult.Traffic unchanged = shell.last.get();

      System.out.printf(
          "fixture host over ssh: full probe %d B sent, %d B received on the wire;"
              + " unchanged re-probe %d B sent, %d B received (payload %d / %d)%n",
          full.wireSent(),
          full.wireReceived(),
          unchanged.wireSent(),
          unchanged.wireReceived(),
          unchanged.payloadSent(),
          unchanged.payloadReceived());
      assertThat(again.facts()).isEqualTo(first.facts());
      assertThat(unchanged.wireSent() + unchanged.wireReceived()).isLessThanOrEqualTo(2048);
      assertThat(full.wireReceived()).isGreaterThan(4 * unchanged.wireReceived());
    }
  }
}
