package io.driftwatch.node.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * The node's host key checking: sends each session's key to the known_hosts file of the host it was
 * opened for, and, before the handshake, asks the server for a key of a type already pinned for
 * that host. OpenSSH does the same; without it a server with several host keys may present one of a
 * type not yet pinned, which would look exactly like a changed key.
 */
final class HostKeyChecks implements ServerKeyVerifier, SessionListener {

  private final Map<Path, KnownHostsFile> files = new ConcurrentHashMap<>();

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
    ConnectAttempt attempt = ConnectAttempt.of(session);
    // A session this node did not open for a host (none should exist) is never trusted.
    return attempt != null
        && file(attempt.target().knownHosts()).verifyServerKey(session, remote, key);
  }

  @Override
  public void sessionNegotiationOptionsCreated(
      Session session, Map<KexProposalOption, String> proposal) {
    if (!(session instanceof ClientSession client)) {
      return;
    }
    ConnectAttempt attempt = ConnectAttempt.of(client);
    if (attempt == null) {
      return;
    }
    Set<String> pinned = file(attempt.target().knownHosts()).pinnedKeyTypes(attempt.target());
    if (pinned.isEmpty()) {
      return;
    }
    String offered = proposal.get(KexProposalOption.SERVERKEYS);
    if (offered != null) {
      proposal.put(KexProposalOption.SERVERKEYS, preferring(pinned, offered));
    }
  }

  /** The algorithms of {@code offered} whose key type is pinned first, otherwise in order. */
  static String preferring(Set<String> pinnedKeyTypes, String offered) {
    List<String> first = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String algorithm : offered.split(",")) {
      String keyType = KeyUtils.getCanonicalKeyType(algorithm);
      (pinnedKeyTypes.contains(keyType) ? first : rest).add(algorithm);
    }
    first.addAll(rest);
    return String.join(",", first);
  }

  private KnownHostsFile file(Path path) {
    return files.computeIfAbsent(path.toAbsolutePath().normalize(), KnownHostsFile::new);
  }
}
