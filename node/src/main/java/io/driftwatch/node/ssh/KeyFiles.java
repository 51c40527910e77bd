package io.driftwatch.node.ssh;

import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads private key files (OpenSSH and PEM formats; ed25519, ecdsa, rsa), decrypting them with the
 * node's passphrase. A file is read again only when it changed. Failures name the file and never
 * its content or the passphrase.
 */
final class KeyFiles {

  private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);

  /** A key pair read from a file, with the file's path to name it in messages. */
  record KeyFile(KeyPair pair, String label) {}

  private record Cached(Object fileKey, long modified, long size, List<KeyPair> pairs) {}

  private final Passphrase passphrase;
  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

  KeyFiles(Passphrase passphrase) {
    this.passphrase = passphrase;
  }

  /**
   * The keys of the target's files. Configured files must be readable and decryptable; of OpenSSH's
   * default files, those missing or undecryptable are skipped.
   */
  List<KeyFile> load(SshTarget target) throws ProbeException {
    List<KeyFile> keys = new ArrayList<>();
    for (Path file : target.identities()) {
      try {
        for (KeyPair pair : read(file)) {
          keys.add(new KeyFile(pair, file.toString()));
        }
      } catch (ProbeException e) {
        if (target.explicitIdentity()) {
          throw e;
        }
        if (Files.exists(file)) {
          log.debug("ssh: default key file {} skipped: {}", file, e.getMessage());
        }
      }
    }
    return keys;
  }

  private List<KeyPair> read(Path file) throws ProbeException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new ProbeException(Reason.AUTH, "key file " + file + " does not exist");
    } catch (IOException e) {
      throw new ProbeException(Reason.AUTH, "cannot read key file " + file);
    }
    Cached cached = cache.get(file);
    long modified = attributes.lastModifiedTime().toMillis();
    if (cached != null
        && cached.modified == modified
        && cached.size == attributes.size()
        && Objects.equals(cached.fileKey, attributes.fileKey())) {
      return cached.pairs;
    }
    List<KeyPair> pairs = decode(file);
    cache.put(file, new Cached(attributes.fileKey(), modified, attributes.size(), pairs));
    return pairs;
  }

  private List<KeyPair> decode(Path file) throws ProbeException {
    Decryption decryption = new Decryption();
    PathResource resource = new PathResource(file);
    try (InputStream in = resource.openInputStream()) {
      List<KeyPair> pairs = new ArrayList<>();
      Iterable<KeyPair> loaded =
          SecurityUtils.loadKeyPairIdentities(null, resource, in, decryption);
      if (loaded != null) {
        loaded.forEach(pairs::add);
      }
      if (pairs.isEmpty()) {
        throw new ProbeException(Reason.AUTH, "key file " + file + " holds no usable private key");
      }
      return List.copyOf(pairs);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (decryption.asked && !passphrase.isSet()) {
        throw new ProbeException(
            Reason.AUTH,
            "key file "
                + file
                + " is encrypted and no passphrase is configured"
                + " (driftwatch.ssh.key-passphrase-file or "
                + SshSettings.PASSPHRASE_VARIABLE
                + ")");
      }
      if (decryption.asked) {
        throw new ProbeException(
            Reason.AUTH,
            "the passphrase from " + passphrase.source() + " does not decrypt key file " + file);
      }
      throw new ProbeException(
          Reason.AUTH, "cannot read key file " + file + ": not a supported private key");
    }
  }

  /**
   * Hands the passphrase to the decoder and remembers that the file was encrypted. A wrong
   * passphrase is not retried (the library's default), it will not get better.
   */
  private final class Decryption implements FilePasswordProvider {
    private boolean asked;

    @Override
    public String getPassword(SessionContext session, NamedResource resource, int retryIndex) {
      asked = true;
      return passphrase.text().orElse(null);
    }
  }
}
