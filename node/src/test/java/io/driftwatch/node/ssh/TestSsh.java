package io.driftwatch.node.ssh;

import com.typesafe.config.ConfigFactory;
import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.remote.RemoteShell;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.Sshd;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/** Settings, host specs and blocking runs for the ssh transport's tests. */
final class TestSsh {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final long CAP = 1 << 20;
  private static final AtomicInteger HOSTS = new AtomicInteger();

  private TestSsh() {}

  /** The node's defaults with these HOCON lines on top (no agent unless a line names one). */
  static SshSettings settings(String... lines) {
    return settings(Map.of(), lines);
  }

  static SshSettings settings(Map<String, String> env, String... lines) {
    String overrides = "agent-socket = \"\"\n" + String.join("\n", lines);
    return SshSettings.fromConfig(
        ConfigFactory.parseString(overrides)
            .withFallback(ConfigFactory.defaultReference().getConfig("driftwatch.ssh"))
            .resolve(),
        env,
        Path.of("/nonexistent-home"));
  }

  /** A host with a unique name logging in to {@code sshd} as {@code user} with {@code key}. */
  static HostSpec host(Sshd sshd, String user, ClientKey key, Path knownHosts) {
    return host(sshd, user, key == null ? null : key.path(), knownHosts, HostKeyPolicy.STRICT);
  }

  static HostSpec host(
      Sshd sshd, String user, String identity, Path knownHosts, HostKeyPolicy policy) {
    return host(
        new SshOptions(
            sshd.address(),
            sshd.port(),
            user,
            identity,
            knownHosts == null ? null : knownHosts.toString(),
            policy,
            false,
            null));
  }

  static HostSpec host(SshOptions options) {
    return host("host-" + HOSTS.incrementAndGet(), options);
  }

  static HostSpec host(String name, SshOptions options) {
    return new HostSpec(
        name, Transport.SSH, "/", Map.of(), Duration.ofMinutes(1), options, HostSpec.API);
  }

  /** Runs and waits; a failed run throws its {@link ProbeException}. */
  static RemoteResult run(RemoteShell shell, HostSpec host, String command, byte[] stdin)
      throws ProbeException {
    return run(shell, host, command, stdin, CAP, TIMEOUT);
  }

  static RemoteResult run(
      RemoteShell shell, HostSpec host, String command, byte[] stdin, long cap, Duration timeout)
      throws ProbeException {
    try {
      return shell.run(host, command, stdin, cap, timeout).toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ProbeException p) {
        throw p;
      }
      throw e;
    }
  }

  static RemoteResult run(RemoteShell shell, HostSpec host, String command) throws ProbeException {
    return run(shell, host, command, new byte[0]);
  }

  static String stdout(RemoteResult result) {
    return new String(result.stdout(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
