package io.driftwatch.node.ssh;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.remote.RemoteShell;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The ssh transport's {@link RemoteShell}: runs a command over one long-lived connection per host
 * (an SSH client inside the node, Apache MINA SSHD; nothing goes through a local shell).
 *
 * <ul>
 *   <li>Connections are opened on first use and reused by every later run (one exec channel per
 *       run); a lost connection is reopened by the next run. After a failed connection attempt the
 *       host backs off (see {@code driftwatch.ssh.backoff-*}): runs fail at once with the last
 *       reason until the back-off has passed. {@link #immediate()} ignores the back-off, for probes
 *       an operator asked for.
 *   <li>At most {@code max-concurrent-probes} runs at once; more wait, up to their own deadline,
 *       for a free slot. At most {@code max-connections} connections; at the cap the least recently
 *       used idle one is closed.
 *   <li>The deadline covers the whole run: waiting for a slot, connecting, logging in, the command.
 *       Exit status -1 means the command was ended by a signal.
 *   <li>{@link RemoteResult.Traffic} wire bytes are those the host's session wrote and read during
 *       the run: encrypted SSH packets, as on the network (through a jump host, the inner session's
 *       packets; the jump host's own framing adds a little). A reused connection is shared with
 *       keepalives and any concurrent run of the same host, whose bytes land in whichever run is
 *       measuring; the connection setup is counted in the run that made it.
 * </ul>
 *
 * {@link #close()} closes every connection; runs still waiting fail.
 */
public final class SshRemoteShell implements RemoteShell, AutoCloseable {

  /** What the transport is doing now, for status, metrics and tests. */
  public record Stats(int openConnections, long connectionsOpened, int running, int waiting) {}

  private final SshSettings settings;
  private final SshClient client;
  private final Connections connections;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;
  private final ExecRun exec;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SshRemoteShell(SshSettings settings, SshClient client) {
    this.settings = settings;
    this.client = client;
    this.connections =
        new Connections(
            new Connector(client, new KeyFiles(settings.passphrase()), settings), settings);
    this.workers =
        new ThreadPoolExecutor(
            settings.maxConcurrentProbes(),
            settings.maxConcurrentProbes(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemon("driftwatch-ssh-run-"));
    workers.allowCoreThreadTimeOut(true);
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("driftwatch-ssh-timer-"));
    timer.setRemoveOnCancelPolicy(true);
    this.exec = new ExecRun(timer);
    long sweepMillis = Math.max(1000, Math.min(settings.idleTimeout().toMillis() / 2, 30_000));
    timer.scheduleWithFixedDelay(
        connections::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts the SSH client with these settings. */
  public static SshRemoteShell start(SshSettings settings) {
    return new SshRemoteShell(settings, startClient(settings));
  }

  @Override
  public CompletionStage<RemoteResult> run(
      HostSpec host, String command, byte[] stdin, long maxOutputBytes, Duration timeout) {
    return submit(host, command, stdin, maxOutputBytes, timeout, false);
  }

  /**
   * This shell, except that a run connects at once even while its host backs off after a failure:
   * for a probe an operator asked for, who wants to know now.
   */
  public RemoteShell immediate() {
    return (host, command, stdin, maxOutputBytes, timeout) ->
        submit(host, command, stdin, maxOutputBytes, timeout, true);
  }

  /** Where and how a host is reached: its ssh options with the node's defaults filled in. */
  public SshTarget target(HostSpec host) {
    return SshTarget.of(host, settings);
  }

  public Stats stats() {
    return new Stats(connections.open(), connections.opened(), running.get(), waiting.get());
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Runnable> queued = workers.shutdownNow();
    queued.forEach(r -> ((Job) r).abort());
    connections.shutdown();
    timer.shutdownNow();
    client.stop();
  }

  private CompletableFuture<RemoteResult> submit(
      HostSpec host,
      String command,
      byte[] stdin,
      long maxOutputBytes,
      Duration timeout,
      boolean immediate) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stdin, "stdin");
    if (command == null || command.isBlank() || command.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("command must be a non-empty constant");
    }
    if (maxOutputBytes < 0 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("output cap and timeout must be positive");
    }
    SshTarget target = SshTarget.of(host, settings);
    Job job = new Job(target, command, stdin, maxOutputBytes, Deadline.after(timeout), immediate);
    waiting.incrementAndGet();
    if (closed.get()) {
      job.abort();
      return job.result;
    }
    job.queueTimeout = timer.schedule(job::expireInQueue, timeout.toNanos(), TimeUnit.NANOSECONDS);
    try {
      workers.execute(job);
    } catch (RejectedExecutionException e) {
      job.abort();
    }
    return job.result;
  }

  private RemoteResult runNow(Job job) throws ProbeException {
    // A connection found closed only when the channel is opened (the host restarted sshd since
    // the last run) is reopened once; nothing had been sent on it.
    for (int attempt = 0; ; attempt++) {
      Connections.Lease lease = connections.acquire(job.target, job.deadline, job.immediate);
      ExecRun.Outcome outcome =
          exec.run(
              lease.link(),
              job.target,
              job.command,
              job.stdin,
              job.cap,
              job.deadline,
              settings.execTimeout());
      if (outcome instanceof ExecRun.Outcome.Done done) {
        connections.release(lease, true);
        return done.result();
      }
      if (outcome instanceof ExecRun.Outcome.Failed failed) {
        connections.release(lease, failed.connectionHealthy());
        throw failed.error();
      }
      ExecRun.Outcome.Stale stale = (ExecRun.Outcome.Stale) outcome;
      connections.release(lease, false);
      if (attempt > 0) {
        throw stale.error();
      }
    }
  }

  /** One submitted run: waits in the queue, then runs on a worker, or expires first. */
  private final class Job implements Runnable {
    private final SshTarget target;
    private final String command;
    private final byte[] stdin;
    private final long cap;
    private final Deadline deadline;
    private final boolean immediate;
    private final CompletableFuture<RemoteResult> result = new CompletableFuture<>();
    private final AtomicBoolean left = new AtomicBoolean(); // left the queue: started or expired
    private ScheduledFuture<?> queueTimeout;

    Job(
        SshTarget target,
        String command,
        byte[] stdin,
        long cap,
        Deadline deadline,
        boolean immediate) {
      this.target = target;
      this.command = command;
      this.stdin = stdin.clone();
      this.cap = cap;
      this.deadline = deadline;
      this.immediate = immediate;
    }

    @Override
    public void run() {
      if (!left.compareAndSet(false, true)) {
        return;
      }
      waiting.decrementAndGet();
      queueTimeout.cancel(false);
      running.incrementAndGet();
      RemoteResult done = null;
      Throwable failure = null;
      try {
        done = runNow(this);
      } catch (ProbeException e) {
        failure = e;
      } catch (RuntimeException e) {
        failure = SshFailures.connecting(target, e);
      } finally {
        // Counted out before the caller hears, so that stats agree with what callers saw.
        running.decrementAndGet();
      }
      if (failure == null) {
        result.complete(done);
      } else {
        result.completeExceptionally(failure);
      }
    }

    void expireInQueue() {
      if (left.compareAndSet(false, true)) {
        waiting.decrementAndGet();
        result.completeExceptionally(
            new ProbeException(
                Reason.TIMEOUT,
                "no free slot to run on "
                    + target.hostAndPort()
                    + " within "
                    + SshFailures.seconds(deadline.limit())
                    + " ("
                    + settings.maxConcurrentProbes()
                    + " runs at once, driftwatch.ssh.max-concurrent-probes)"));
      }
    }

    void abort() {
      if (left.compareAndSet(false, true)) {
        waiting.decrementAndGet();
      }
      if (queueTimeout != null) {
        queueTimeout.cancel(false);
      }
      result.completeExceptionally(
          new ProbeException(Reason.UNREACHABLE, "the node's ssh transport is shutting down"));
    }
  }

  private static SshClient startClient(SshSettings settings) {
    SshClient client = SshClient.setUpDefaultClient();
    // Nothing from the node user's ~/.ssh/config: every host is configured through Driftwatch.
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    HostKeyChecks hostKeys = new HostKeyChecks();
    client.setServerKeyVerifier(hostKeys);
    client.addSessionListener(hostKeys);
    AttemptRecorder recorder = new AttemptRecorder();
    client.addSessionListener(recorder);
    client.setPublicKeyAuthenticationReporter(recorder);
    // Keys only: no password or keyboard-interactive prompt can ever be answered here.
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
    client.setAgentFactory(
        settings.agentSocket() == null ? null : new UnixAgentFactory(settings.agentSocket()));
    // Host certificates are not checked (known_hosts @cert-authority is not supported), so a
    // server is never asked for one.
    List<NamedFactory<Signature>> signatures =
        client.getSignatureFactories().stream()
            .filter(f -> !f.getName().contains("-cert-") && !f.getName().startsWith("sk-"))
            .toList();
    client.setSignatureFactories(signatures);
    client.setSessionFactory(MeteredSession.factory(client));
    // The compression state lives as long as the connection, so the probe script, identical in
    // every request, costs a few back-references after the first probe. The delayed variant
    // starts only after authentication, as OpenSSH's server prefers.
    client.setCompressionFactories(
        settings.compression()
            ? List.of(
                BuiltinCompressions.delayedZlib, BuiltinCompressions.zlib, BuiltinCompressions.none)
            : List.of(BuiltinCompressions.none));
    // Small request/answer exchanges: Nagle's algorithm costs ~40 ms per run on a reused session.
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    CoreModuleProperties.SOCKET_KEEPALIVE.set(client, true);
    // Idle connections are closed by Connections after idle-timeout, not by the library.
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
    CoreModuleProperties.AUTH_TIMEOUT.set(
        client, settings.connectTimeout().plus(settings.authTimeout()));
    if (!settings.keepaliveInterval().isZero()) {
      CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, settings.keepaliveInterval());
      CoreModuleProperties.HEARTBEAT_REQUEST.set(client, "keepalive@openssh.com");
      // A count of unanswered keepalives makes each one ask for a reply, like OpenSSH's
      // ServerAliveCountMax.
      CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, settings.keepaliveCountMax());
    }
    client.start();
    return client;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
