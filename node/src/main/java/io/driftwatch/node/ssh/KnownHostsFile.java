package io.driftwatch.node.ssh;

import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenSSH known_hosts file (plain and hashed entries), checked and, under {@code accept-new},
 * appended to. The library parses, matches, watches and appends; this class decides, for the host
 * the connection was opened for (not whatever address the socket ends at, which for a jump host is
 * a local forwarding port):
 *
 * <ul>
 *   <li>a key pinned for the host → accepted;
 *   <li>other keys pinned for the host, none equal → refused as changed, under every policy;
 *   <li>no key pinned → refused under strict, pinned and accepted under accept-new;
 *   <li>a revoked key, an unreadable file or a pin that cannot be written → refused.
 * </ul>
 *
 * One instance per file, shared by every host that uses the file, so that appends from concurrent
 * connections are serialised (the library appends under a per-instance lock).
 */
final class KnownHostsFile extends KnownHostsServerKeyVerifier {

  private static final Logger log = LoggerFactory.getLogger(KnownHostsFile.class);
  private static final String REVOKED = "revoked";

  private volatile String loadProblem;
  // Entries whose key could not be decoded, from the latest reload: a host named by one of them
  // is refused rather than treated as new (the library would skip the entry silently).
  private volatile List<KnownHostEntry> broken = List.of();
  private List<KnownHostEntry> brokenWhileLoading = new ArrayList<>();

  KnownHostsFile(Path file) {
    // The delegate decides unknown keys in the library's flow; here that flow is entered only for
    // accept-new (see acceptKnownHostEntries), so it accepts (and, unlike the library's
    // accept-all verifier, logs nothing: pinning is logged once, below).
    super((session, remote, key) -> true, file);
  }

  /** The key types pinned for the target, in file order (to prefer them in the handshake). */
  Set<String> pinnedKeyTypes(SshTarget target) {
    if (!Files.exists(getPath())) {
      return Set.of();
    }
    try {
      return KnownHostEntry.readKnownHostEntries(getPath()).stream()
          .filter(e -> e.getMarker() == null && e.getKeyEntry() != null)
          .filter(e -> e.isHostMatch(target.address(), target.port()))
          .map(e -> e.getKeyEntry().getKeyType())
          .collect(Collectors.toCollection(LinkedHashSet::new));
    } catch (IOException | RuntimeException e) {
      return Set.of(); // the check itself reports the unreadable file
    }
  }

  @Override
  protected boolean acceptKnownHostEntries(
      ClientSession session,
      SocketAddress remote,
      PublicKey serverKey,
      Collection<HostEntryPair> knownHosts) {
    ConnectAttempt attempt = ConnectAttempt.of(session);
    if (attempt == null) {
      return false;
    }
    SshTarget target = attempt.target();
    String name = target.knownHostsName();
    String fingerprint = KeyUtils.getFingerPrint(serverKey);
    if (loadProblem != null) {
      return refuse(attempt, "cannot read known hosts file " + getPath() + ": " + loadProblem);
    }
    if (broken.stream().anyMatch(e -> e.isHostMatch(target.address(), target.port()))) {
      return refuse(
          attempt,
          "the known hosts entry for " + name + " in " + getPath() + " cannot be read (bad key)");
    }
    List<HostEntryPair> entries = findKnownHostEntries(session, remote, knownHosts);
    if (entries.stream()
        .anyMatch(
            e ->
                REVOKED.equals(e.getHostEntry().getMarker())
                    && KeyUtils.compareKeys(e.getServerKey(), serverKey))) {
      return refuse(
          attempt,
          "host key for " + name + " (" + fingerprint + ") is marked @revoked in " + getPath());
    }
    List<HostEntryPair> pinned =
        entries.stream().filter(e -> e.getHostEntry().getMarker() == null).toList();
    if (pinned.stream().anyMatch(e -> KeyUtils.compareKeys(e.getServerKey(), serverKey))) {
      return true;
    }
    if (!pinned.isEmpty()) {
      String was =
          pinned.stream()
              .map(e -> KeyUtils.getFingerPrint(e.getServerKey()))
              .distinct()
              .collect(Collectors.joining(", "));
      return refuse(
          attempt,
          "host key for "
              + name
              + " changed (was "
              + was
              + ", now "
              + fingerprint
              + "); if the change is expected, replace its entry in "
              + getPath());
    }
    if (target.hostKeyPolicy() == HostKeyPolicy.STRICT) {
      return refuse(
          attempt,
          "unknown host key for "
              + name
              + " ("
              + fingerprint
              + "); add it to "
              + getPath()
              + " or use hostKeyPolicy accept-new");
    }
    boolean accepted = acceptUnknownHostKey(session, remote, serverKey);
    if (!accepted || attempt.refusal() != null) {
      return false;
    }
    log.info(
        "ssh [{}] pinned new host key {} {} for {} in {} (accept-new)",
        target.host(),
        KeyUtils.getKeyType(serverKey),
        fingerprint,
        name,
        getPath());
    return true;
  }

  @Override
  protected java.util.Collection<SshdSocketAddress> resolveHostNetworkIdentities(
      ClientSession session, SocketAddress remote) {
    ConnectAttempt attempt = ConnectAttempt.of(session);
    return attempt == null
        ? List.of()
        : List.of(new SshdSocketAddress(attempt.target().address(), attempt.target().port()));
  }

  @Override
  protected List<HostEntryPair> reloadKnownHosts(ClientSession session, Path file)
      throws IOException, GeneralSecurityException {
    try {
      brokenWhileLoading = new ArrayList<>();
      List<HostEntryPair> entries = super.reloadKnownHosts(session, file);
      broken = List.copyOf(brokenWhileLoading);
      loadProblem = null;
      return entries;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // Fail closed: the library would go on as if the file were empty, and accept-new would then
      // pin whatever key a host presents.
      loadProblem = SshFailures.shortMessage(e);
      throw e;
    }
  }

  @Override
  protected PublicKey resolveHostKey(
      ClientSession session, KnownHostEntry entry, PublicKeyEntryResolver resolver) {
    try {
      return super.resolveHostKey(session, entry, resolver);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      brokenWhileLoading.add(entry); // called only from reloadKnownHosts, under its lock
      return null;
    }
  }

  @Override
  protected boolean acceptIncompleteHostKeys(
      ClientSession session, SocketAddress remote, PublicKey serverKey, Throwable reason) {
    ConnectAttempt attempt = ConnectAttempt.of(session);
    return attempt != null
        && refuse(
            attempt,
            "cannot read known hosts file " + getPath() + ": " + SshFailures.shortMessage(reason));
  }

  /**
   * Appends the pin. The library decides whether to append or to create the file before taking its
   * lock, so two hosts pinned at once into a new file can overwrite each other; here the decision
   * and the write happen together, under the lock and an OS file lock (for other processes sharing
   * the file).
   */
  @Override
  protected KnownHostEntry updateKnownHostsFile(
      ClientSession session,
      SocketAddress remote,
      PublicKey serverKey,
      Path file,
      Collection<HostEntryPair> knownHosts)
      throws Exception {
    KnownHostEntry entry = prepareKnownHostEntry(session, remote, serverKey);
    if (entry == null) {
      return null;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    synchronized (updateLock) {
      try (FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          long end = channel.size();
          boolean needsNewline = end > 0 && !endsWithNewline(channel, end);
          String text = (needsNewline ? "\n" : "") + entry.getConfigLine() + "\n";
          ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
          while (bytes.hasRemaining()) {
            end += channel.write(bytes, end);
          }
          channel.force(false);
        } finally {
          lock.release();
        }
      }
    }
    resetReloadAttributes(); // the next check reads the file again, with the new pin
    return entry;
  }

  private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    return last.get(0) == '\n';
  }

  @Override
  protected void handleKnownHostsFileUpdateFailure(
      ClientSession session,
      SocketAddress remote,
      PublicKey serverKey,
      Path file,
      Collection<HostEntryPair> knownHosts,
      Throwable reason) {
    // The library would accept the key anyway; unpinned, every later connection would be a first
    // use again, so accept-new would quietly mean "accept anything".
    ConnectAttempt attempt = ConnectAttempt.of(session);
    if (attempt != null) {
      refuse(
          attempt,
          "cannot pin the host key of "
              + attempt.target().knownHostsName()
              + " in "
              + file
              + ": "
              + SshFailures.shortMessage(reason));
    }
  }

  private static boolean refuse(ConnectAttempt attempt, String message) {
    attempt.refuse(new ProbeException(Reason.HOST_KEY, message));
    return false;
  }
}
