package io.driftwatch.node.ssh;

import io.driftwatch.node.probe.ProbeException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * What one SSH connection attempt is for and what went wrong in it. Travels with the MINA session
 * as its connection context, so that callbacks deep in the handshake (host key check, key offers,
 * disconnects) can check the right host and leave the reason an operator should read.
 */
final class ConnectAttempt {

  private static final AttributeKey<ConnectAttempt> KEY = new AttributeKey<>();

  private final SshTarget target;
  private final Map<String, String> keyLabels = new LinkedHashMap<>();
  private final List<String> offered = new ArrayList<>();
  private ProbeException refusal;
  private String disconnect;
  private String agentProblem;

  ConnectAttempt(SshTarget target) {
    this.target = target;
  }

  /** The attempt a session was opened for, or null for a session this node did not open. */
  static ConnectAttempt of(ClientSession session) {
    AttributeRepository context = session.getConnectionContext();
    return context == null ? null : context.getAttribute(KEY);
  }

  AttributeRepository asContext() {
    return AttributeRepository.ofKeyValuePair(KEY, this);
  }

  SshTarget target() {
    return target;
  }

  /** Names a key file's key, so that a failed login can say which files were tried. */
  synchronized void label(PublicKey key, String label) {
    keyLabels.put(KeyUtils.getFingerPrint(key), label);
  }

  /** A key was offered to the server. */
  synchronized void offered(PublicKey key) {
    String fingerprint = KeyUtils.getFingerPrint(key);
    String label = keyLabels.getOrDefault(fingerprint, "ssh-agent key");
    String entry = label + " (" + KeyUtils.getKeyType(key) + " " + fingerprint + ")";
    if (!offered.contains(entry)) {
      offered.add(entry);
    }
  }

  synchronized List<String> offeredKeys() {
    return List.copyOf(offered);
  }

  synchronized void agentProblem(String problem) {
    agentProblem = problem;
  }

  synchronized String agentProblem() {
    return agentProblem;
  }

  /** The host key check refused the server: the reason the connection failed. */
  synchronized void refuse(ProbeException reason) {
    if (refusal == null) {
      refusal = reason;
    }
  }

  synchronized ProbeException refusal() {
    return refusal;
  }

  /** The server's own words when it disconnected us. */
  synchronized void disconnected(String message) {
    if (disconnect == null) {
      disconnect = message;
    }
  }

  synchronized String disconnectMessage() {
    return disconnect;
  }
}
