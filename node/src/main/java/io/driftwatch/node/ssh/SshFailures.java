package io.driftwatch.node.ssh;

import io.driftwatch.node.fact.Text;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;

/**
 * Turns what the network and the SSH library throw into a {@link ProbeException} an operator can
 * act on: a reason a script can match and one short sentence, no stack trace, no secrets.
 */
final class SshFailures {

  private SshFailures() {}

  /** A failure while reaching or logging in to {@code target}. */
  static ProbeException connecting(SshTarget target, Throwable failure) {
    Throwable t = rootOf(failure);
    String where = where(target);
    if (t instanceof ProbeException p) {
      return p;
    }
    if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
      return new ProbeException(Reason.DNS, "cannot resolve " + target.address() + via(target));
    }
    if (t instanceof ConnectException) {
      return new ProbeException(Reason.REFUSED, "connection refused by " + where);
    }
    if (t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
      return new ProbeException(Reason.UNREACHABLE, "no route to " + where);
    }
    if (t instanceof SocketTimeoutException || t instanceof InterruptedByTimeoutException) {
      return new ProbeException(Reason.TIMEOUT, "network timeout talking to " + where);
    }
    if (t instanceof SshException s
        && s.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
      return new ProbeException(Reason.AUTH, "authentication to " + where + " failed");
    }
    if (t instanceof SshException s
        && s.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_KEY_EXCHANGE_FAILED) {
      return new ProbeException(
          Reason.PROTOCOL, "no common SSH algorithms with " + where + ": " + shortMessage(t));
    }
    return new ProbeException(
        Reason.UNREACHABLE, "connection to " + where + " failed: " + shortMessage(t));
  }

  /** A step that did not finish in time. */
  static ProbeException timeout(String step, SshTarget target, Duration after) {
    return new ProbeException(
        Reason.TIMEOUT, step + " " + where(target) + " timed out after " + seconds(after));
  }

  static String where(SshTarget target) {
    return target.jump() == null
        ? target.hostAndPort()
        : target.hostAndPort() + " through jump host " + target.jump().hostAndPort();
  }

  /** A duration as an operator reads it: {@code 250ms}, {@code 5s}, {@code 2.5s}. */
  static String seconds(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    return millis % 1000 == 0
        ? millis / 1000 + "s"
        : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  /** The message of a library exception, bounded and with control characters escaped. */
  static String shortMessage(Throwable t) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    String quoted = Text.quote(message);
    return quoted.substring(1, quoted.length() - 1);
  }

  private static String via(SshTarget target) {
    return target.jump() == null ? "" : " (through jump host " + target.jump().hostAndPort() + ")";
  }

  private static Throwable rootOf(Throwable failure) {
    Throwable t = failure;
    // MINA wraps the network's exception (sometimes twice); the innermost names the real cause.
    while (t.getCause() != null
        && t.getCause() != t
        && (t instanceof SshException || !(t instanceof IOException))
        && !(t instanceof ProbeException)) {
      if (t instanceof SshException s && s.getDisconnectCode() != 0) {
        return t;
      }
      t = t.getCause();
    }
    return t;
  }
}
