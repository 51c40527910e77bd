package io.driftwatch.node.ssh;

import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Opens and authenticates a connection to a target, directly or through its jump host, in steps
 * that each have their own time limit (connect-timeout for TCP and the SSH handshake with the host
 * key check, auth-timeout for the login) inside the run's deadline.
 */
final class Connector {

  private static final Set<ClientSessionEvent> HANDSHAKE_DONE =
      EnumSet.of(
          ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.AUTHED, ClientSessionEvent.CLOSED);

  private final SshClient client;
  private final KeyFiles keyFiles;
  private final SshSettings settings;

  Connector(SshClient client, KeyFiles keyFiles, SshSettings settings) {
    this.client = client;
    this.keyFiles = keyFiles;
    this.settings = settings;
  }

  Link connect(SshTarget target, Deadline deadline) throws ProbeException {
    long start = System.nanoTime();
    if (target.jump() == null) {
      return open(target, resolve(target, deadline), deadline, null, null, start);
    }
    Link jump;
    try {
      jump = open(target.jump(), resolve(target.jump(), deadline), deadline, null, null, start);
    } catch (ProbeException e) {
      throw new ProbeException(e.reason(), "jump host: " + e.getMessage());
    }
    try {
      // The host's own session runs over a local port forwarded through the jump host; the host
      // key is still checked for the host's own name (see ConnectAttempt).
      ExplicitPortForwardingTracker forwarding =
          jump.session()
              .createLocalPortForwardingTracker(
                  new SshdSocketAddress(SshdSocketAddress.LOCALHOST_IPV4, 0),
                  new SshdSocketAddress(target.address(), target.port()));
      InetSocketAddress local = forwarding.getBoundAddress().toInetSocketAddress();
      Link link = open(target, local, deadline, jump, forwarding, start);
      // Stop listening at once: while the port listens, any local user could tunnel through the
      // jump host with it. The forwarded connection already accepted lives on.
      forwarding.close();
      return link;
    } catch (IOException e) {
      jump.close();
      throw SshFailures.connecting(target, e);
    } catch (ProbeException e) {
      jump.close();
      throw e;
    }
  }

  /** Looks the address up here, so that a name that does not resolve is reported as such. */
  private static InetSocketAddress resolve(SshTarget target, Deadline deadline)
      throws ProbeException {
    if (deadline.passed()) {
      throw SshFailures.timeout("connecting to", target, deadline.limit());
    }
    try {
      InetAddress address = InetAddress.getByName(target.address());
      // An address without its name, so that the library connects to it rather than resolving
      // the name again.
      return new InetSocketAddress(InetAddress.getByAddress(address.getAddress()), target.port());
    } catch (UnknownHostException e) {
      throw SshFailures.connecting(target, e);
    }
  }

  private Link open(
      SshTarget target,
      InetSocketAddress address,
      Deadline deadline,
      Link jump,
      ExplicitPortForwardingTracker forwarding,
      long start)
      throws ProbeException {
    ConnectAttempt attempt = new ConnectAttempt(target);
    List<KeyFiles.KeyFile> keys = keyFiles.load(target);
    keys.forEach(k -> attempt.label(k.pair().getPublic(), k.label()));

    Deadline connectStep = deadline.step(settings.connectTimeout());
    ClientSession session = tcpConnect(target, address, attempt, connectStep);
    try {
      handshake(session, target, attempt, connectStep);
      List<KeyPair> pairs = keys.stream().map(KeyFiles.KeyFile::pair).toList();
      session.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(pairs));
      authenticate(session, target, attempt, deadline.step(settings.authTimeout()));
    } catch (ProbeException | RuntimeException e) {
      session.close(true);
      throw e;
    }
    return new Link(
        (MeteredSession) session, jump, forwarding, Duration.ofNanos(System.nanoTime() - start));
  }

  private ClientSession tcpConnect(
      SshTarget target, InetSocketAddress address, ConnectAttempt attempt, Deadline step)
      throws ProbeException {
    ConnectFuture future;
    try {
      future = client.connect(target.user(), address, attempt.asContext(), null);
      if (!future.await(step.remaining())) {
        future.cancel();
        if (future.getClientSession() != null) {
          future.getClientSession().close(true);
        }
        throw SshFailures.timeout("connecting to", target, step.limit());
      }
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException(Reason.UNREACHABLE, "interrupted connecting to " + target.host());
    } catch (IOException e) {
      throw SshFailures.connecting(target, e);
    }
    if (future.getException() != null) {
      throw SshFailures.connecting(target, future.getException());
    }
    return future.getClientSession();
  }

  /** Waits for the key exchange, in which the host key is checked. */
  private static void handshake(
      ClientSession session, SshTarget target, ConnectAttempt attempt, Deadline step)
      throws ProbeException {
    Set<ClientSessionEvent> state = session.waitFor(HANDSHAKE_DONE, step.remaining());
    if (attempt.refusal() != null) {
      throw attempt.refusal();
    }
    if (state.contains(ClientSessionEvent.CLOSED) || !session.isOpen()) {
      String said = attempt.disconnectMessage();
      throw new ProbeException(
          Reason.UNREACHABLE,
          SshFailures.where(target)
              + (said != null
                  ? " closed the connection: " + said
                  : " closed the connection during the SSH handshake"
                      + (target.jump() == null
                          ? ""
                          : " (the jump host may not allow forwarding to it, or cannot reach it)")));
    }
    if (!state.contains(ClientSessionEvent.WAIT_AUTH)
        && !state.contains(ClientSessionEvent.AUTHED)) {
      throw SshFailures.timeout("SSH handshake with", target, step.limit());
    }
  }

  private static void authenticate(
      ClientSession session, SshTarget target, ConnectAttempt attempt, Deadline step)
      throws ProbeException {
    AuthFuture auth;
    try {
      auth = session.auth();
      if (!auth.await(step.remaining())) {
        throw SshFailures.timeout("logging in as " + target.user() + " to", target, step.limit());
      }
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException(Reason.UNREACHABLE, "interrupted logging in to " + target.host());
    } catch (IOException e) {
      throw SshFailures.connecting(target, e);
    }
    if (auth.isSuccess()) {
      return;
    }
    if (attempt.refusal() != null) {
      throw attempt.refusal();
    }
    ProbeException failure = SshFailures.connecting(target, auth.getException());
    boolean connectionLost =
        failure.reason() != Reason.AUTH && !session.isOpen() && attempt.disconnectMessage() == null;
    if (connectionLost) {
      throw failure;
    }
    throw new ProbeException(Reason.AUTH, authFailure(target, attempt));
  }

  /** Says who could not log in and with which keys; never key material. */
  private static String authFailure(SshTarget target, ConnectAttempt attempt) {
    StringBuilder message =
        new StringBuilder("login as ")
            .append(target.user())
            .append(" to ")
            .append(SshFailures.where(target))
            .append(" refused");
    List<String> offered = attempt.offeredKeys();
    if (offered.isEmpty()) {
      message.append("; no key to offer (no readable identity file");
      message.append(attempt.agentProblem() == null ? " and no ssh-agent key)" : ")");
    } else {
      message.append("; offered ").append(String.join(", ", offered));
    }
    if (attempt.disconnectMessage() != null) {
      message.append("; server said: ").append(attempt.disconnectMessage());
    }
    if (attempt.agentProblem() != null) {
      message.append("; ").append(attempt.agentProblem());
    }
    return message.toString();
  }
}
