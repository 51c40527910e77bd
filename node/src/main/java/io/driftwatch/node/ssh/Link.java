package io.driftwatch.node.ssh;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.SshConstants;

/**
 * One established, authenticated connection to a host: its session and, through a jump host, the
 * jump host's session and the local forwarding the host's session runs over. Closing any part
 * closes all of it.
 */
final class Link {

  private final MeteredSession session;
  private final Link jump;
  private final ExplicitPortForwardingTracker forwarding;
  private final Duration setupTime;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closedByNode;

  Link(
      MeteredSession session, Link jump, ExplicitPortForwardingTracker forwarding, Duration setup) {
    this.session = session;
    this.jump = jump;
    this.forwarding = forwarding;
    this.setupTime = setup;
    if (jump != null) {
      jump.session.addCloseFutureListener(f -> closeAll());
      session.addCloseFutureListener(f -> closeAll());
    }
  }

  MeteredSession session() {
    return session;
  }

  /** How long connecting and logging in took (through the jump host included). */
  Duration setupTime() {
    return setupTime;
  }

  boolean isOpen() {
    return !closing.get()
        && session.isOpen()
        && !session.isClosing()
        && (jump == null || jump.isOpen());
  }

  /**
   * Runs {@code action} once when the connection closes, whoever closes it (a closing jump session
   * closes the host's session too, see the constructor).
   */
  void onClose(Runnable action) {
    session.addCloseFutureListener(f -> action.run());
  }

  /** True when this node closed the connection (rather than the host or the network). */
  boolean closedByNode() {
    return closedByNode;
  }

  /**
   * Closes without waiting for the server, telling it why first (SSH disconnect "by application"),
   * so that the host's log shows a clean disconnect rather than a dropped connection.
   */
  void close() {
    closedByNode = true;
    closeAll();
  }

  private void closeAll() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    disconnect(session);
    if (forwarding != null) {
      try {
        forwarding.close();
      } catch (IOException e) {
        // Closing the jump session below releases the forwarding in any case.
      }
    }
    if (jump != null) {
      jump.close();
    }
  }

  private static void disconnect(MeteredSession session) {
    try {
      if (session.isOpen() && !session.isClosing()) {
        // Closes the session once the message is written.
        session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, "closed by Driftwatch");
        return;
      }
    } catch (IOException | RuntimeException e) {
      // Gone already or cannot write: close without the courtesy.
    }
    session.close(true);
  }
}
