package io.driftwatch.node.ssh;

import java.security.KeyPair;
import org.apache.sshd.client.auth.pubkey.PublicKeyAuthenticationReporter;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Notes on each connection attempt which keys were offered and what the server said when it
 * disconnected, so that a failed login or handshake is explained in those terms rather than as
 * "connection closed".
 */
final class AttemptRecorder implements SessionListener, PublicKeyAuthenticationReporter {

  @Override
  public void signalAuthenticationAttempt(
      ClientSession session, String service, KeyPair identity, String signature) {
    ConnectAttempt attempt = ConnectAttempt.of(session);
    if (attempt != null && identity != null && identity.getPublic() != null) {
      attempt.offered(identity.getPublic());
    }
  }

  @Override
  public void sessionDisconnect(
      Session session, int reason, String message, String language, boolean initiator) {
    if (!initiator && session instanceof ClientSession client) {
      ConnectAttempt attempt = ConnectAttempt.of(client);
      if (attempt != null && message != null && !message.isBlank()) {
        attempt.disconnected(SshFailures.shortMessage(new IllegalStateException(message)));
      }
    }
  }
}
