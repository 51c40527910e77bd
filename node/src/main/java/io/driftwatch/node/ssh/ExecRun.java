package io.driftwatch.node.ssh;

import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import io.driftwatch.node.remote.RemoteResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * One command on an open connection: one exec channel, stdin sent and closed, stdout read up to the
 * cap, the start of stderr kept, the exit status, all within the deadline. A command stopped early
 * (deadline, cap) is signalled to end on the host and its channel closed; the outcome says whether
 * the connection is still fit to reuse.
 */
final class ExecRun {

  /** How much of stderr is kept for error messages; the rest is counted and dropped. */
  static final int STDERR_KEPT = 4096;

  // How long the host may take to confirm a closed channel or answer a keepalive before its
  // connection is given up as unhealthy.
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final String KEEPALIVE = "keepalive@openssh.com";

  /** How a run ended. */
  sealed interface Outcome {
    /** The command ran to its end (whatever its exit status). */
    record Done(RemoteResult result) implements Outcome {}

    /** The run failed; {@code connectionHealthy} says whether the connection may be reused. */
    record Failed(ProbeException error, boolean connectionHealthy) implements Outcome {}

    /** The connection turned out to be closed before anything was sent: reconnect and retry. */
    record Stale(ProbeException error) implements Outcome {}
  }

  private final ScheduledExecutorService timer;

  ExecRun(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  Outcome run(
      Link link,
      SshTarget target,
      String command,
      byte[] stdin,
      long cap,
      Deadline deadline,
      Duration execTimeout) {
    MeteredSession session = link.session();
    long sentBefore = session.bytesSent();
    long receivedBefore = session.bytesReceived();
    Deadline step = deadline.step(execTimeout);
    String where = SshFailures.where(target);

    ChannelExec channel;
    try {
      channel = session.createExecChannel(command);
    } catch (IOException | IllegalStateException e) {
      return new Outcome.Stale(SshFailures.connecting(target, e));
    }
    CappedOutput out =
        CappedOutput.failingBeyond(cap, () -> timer.execute(() -> stop(channel, session)));
    CappedOutput err = CappedOutput.keepingFirst(STDERR_KEPT);
    channel.setOut(out);
    channel.setErr(err);
    channel.setRedirectErrorStream(false);

    try {
      OpenFuture open = channel.open();
      if (!open.await(step.remaining())) {
        channel.close(true);
        return failed(
            Reason.TIMEOUT,
            "opening a channel to " + where + " timed out after " + seconds(step),
            false);
      }
      if (!open.isOpened()) {
        ProbeException error = SshFailures.connecting(target, open.getException());
        // Refused on a live connection (e.g. too many channels left by hung commands): start
        // over on a fresh connection next time.
        return link.isOpen() ? new Outcome.Failed(error, false) : new Outcome.Stale(error);
      }
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      channel.close(true);
      return failed(Reason.UNREACHABLE, "interrupted", false);
    } catch (IOException | IllegalStateException e) {
      channel.close(true);
      return link.isOpen()
          ? new Outcome.Failed(SshFailures.connecting(target, e), false)
          : new Outcome.Stale(SshFailures.connecting(target, e));
    }

    // Writing stdin blocks only if the host stops reading it; stopping the command at the
    // deadline ends that wait as well as the wait for the command's end.
    ScheduledFuture<?> guard =
        timer.schedule(
            () -> stop(channel, session), step.remaining().toNanos(), TimeUnit.NANOSECONDS);
    Set<ClientChannelEvent> events;
    try {
      try (OutputStream in = channel.getInvertedIn()) {
        in.write(stdin);
      } catch (IOException e) {
        // The command ended (or was stopped) without reading all of its input: what it did is
        // told by its exit status, below.
      }
      events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), step.remaining());
    } finally {
      guard.cancel(false);
    }

    boolean ended = channel.getExitStatus() != null || channel.getExitSignal() != null;
    if (out.overflowed()) {
      return failed(
          Reason.OUTPUT_CAP,
          "output of the command on " + where + " exceeded " + cap + " bytes",
          stop(channel, session));
    }
    if (!ended && (events.contains(ClientChannelEvent.TIMEOUT) || step.passed())) {
      return failed(
          Reason.TIMEOUT,
          "command on " + where + " did not finish within " + seconds(step),
          stop(channel, session));
    }
    if (!ended) {
      // Closed without an exit status or signal: the connection went away under the command.
      return failed(
          Reason.UNREACHABLE, "connection to " + where + " lost while the command ran", false);
    }
    Integer status = channel.getExitStatus();
    RemoteResult.Traffic traffic =
        new RemoteResult.Traffic(
            stdin.length,
            out.total() + err.total(),
            session.bytesSent() - sentBefore,
            session.bytesReceived() - receivedBefore);
    return new Outcome.Done(
        new RemoteResult(
            status == null ? -1 : status,
            out.bytes(),
            new String(err.bytes(), StandardCharsets.UTF_8),
            traffic));
  }

  /**
   * Ends a command early: asks the host to signal its process group (OpenSSH 8.1+ does, except for
   * forced commands), then closes the channel. True when the connection is still healthy: the host
   * confirmed the close, or at least answers a keepalive.
   */
  private static boolean stop(ChannelExec channel, MeteredSession session) {
    try {
      if (channel.isOpen() && !channel.isClosing()) {
        Buffer signal = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
        signal.putUInt(channel.getRecipient());
        signal.putString("signal");
        signal.putBoolean(false);
        signal.putString("TERM");
        channel.writePacket(signal);
      }
    } catch (IOException | RuntimeException e) {
      // Best effort: closing the channel below is what matters here.
    }
    try {
      if (channel.close(false).await(GRACE)) {
        return true;
      }
      // The command may ignore the signal and hold its channel open; the connection itself is
      // fine as long as the host still answers on it.
      Buffer ping = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, 32);
      ping.putString(KEEPALIVE);
      ping.putBoolean(true);
      session.request(KEEPALIVE, ping, GRACE);
      return session.isOpen();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String seconds(Deadline step) {
    return SshFailures.seconds(step.limit());
  }

  private static Outcome failed(Reason reason, String message, boolean healthy) {
    return new Outcome.Failed(new ProbeException(reason, message), healthy);
  }
}
