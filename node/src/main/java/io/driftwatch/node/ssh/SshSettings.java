package io.driftwatch.node.ssh;

import com.typesafe.config.Config;
import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.SshOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The ssh transport's settings, read once from {@code driftwatch.ssh}: node-wide defaults for the
 * host fields, credentials, timeouts and limits. See {@code reference.conf} for what each means.
 *
 * @param user login user for hosts that set none
 * @param identities key files for hosts that set none: the configured one, or those of OpenSSH's
 *     default files ({@code ~/.ssh/id_ed25519, id_ecdsa, id_rsa}) that exist when a host connects
 * @param explicitIdentity whether {@code identities} was configured (then it must be usable)
 * @param jump {@code [user@]host[:port]} to go through, or null
 * @param passphrase decrypts encrypted key files (from a file or DRIFTWATCH_SSH_KEY_PASSPHRASE)
 * @param agentSocket the ssh-agent socket whose keys are offered, or null for none
 * @param keepaliveInterval zero = no keepalive
 * @param compression offer zlib compression: a probe's request repeats the same script, which a
 *     compressing connection sends as a few back-references
 */
public record SshSettings(
    String user,
    int port,
    List<Path> identities,
    boolean explicitIdentity,
    Path knownHosts,
    HostKeyPolicy hostKeyPolicy,
    boolean sudo,
    String jump,
    Passphrase passphrase,
    Path agentSocket,
    Duration connectTimeout,
    Duration authTimeout,
    Duration execTimeout,
    Duration keepaliveInterval,
    int keepaliveCountMax,
    Duration idleTimeout,
    int maxConcurrentProbes,
    int maxConnections,
    Duration backoffInitial,
    Duration backoffMax,
    boolean compression) {

  /** The environment variable that may hold the key passphrase. */
  public static final String PASSPHRASE_VARIABLE = "DRIFTWATCH_SSH_KEY_PASSPHRASE";

  private static final List<String> DEFAULT_KEY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

  public SshSettings {
    identities = List.copyOf(identities);
    // The same validation as a host's own fields: a default must be as safe as an override.
    new SshOptions(
        null,
        port,
        user,
        explicitIdentity ? identities.get(0).toString() : null,
        knownHosts.toString(),
        hostKeyPolicy,
        sudo,
        jump);
    requirePositive("connect-timeout", connectTimeout);
    requirePositive("auth-timeout", authTimeout);
    requirePositive("exec-timeout", execTimeout);
    requirePositive("idle-timeout", idleTimeout);
    requirePositive("backoff-initial", backoffInitial);
    if (keepaliveInterval.isNegative()) {
      throw new IllegalArgumentException("driftwatch.ssh.keepalive-interval must not be negative");
    }
    if (keepaliveCountMax < 1) {
      throw new IllegalArgumentException("driftwatch.ssh.keepalive-count-max must be at least 1");
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException(
          "driftwatch.ssh.backoff-max must be at least backoff-initial");
    }
    if (maxConcurrentProbes < 1) {
      throw new IllegalArgumentException("driftwatch.ssh.max-concurrent-probes must be at least 1");
    }
    // Every running probe holds one connection: with fewer connections than probes, a probe could
    // find every connection busy and nothing idle to close.
    if (maxConnections < maxConcurrentProbes) {
      throw new IllegalArgumentException(
          "driftwatch.ssh.max-connections ("
              + maxConnections
              + ") must be at least max-concurrent-probes ("
              + maxConcurrentProbes
              + ")");
    }
  }

  /** Reads {@code driftwatch.ssh} with the process environment (for the passphrase variable). */
  public static SshSettings fromConfig(Config c) {
    return fromConfig(c, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Reads {@code driftwatch.ssh}.
   *
   * @param env where {@link #PASSPHRASE_VARIABLE} is looked up
   * @param home the node user's home directory, for the default known_hosts and key files
   */
  public static SshSettings fromConfig(Config c, Map<String, String> env, Path home) {
    String user = c.getString("user");
    String passphraseFile = c.getString("key-passphrase-file");
    Passphrase passphrase =
        passphraseFile.isEmpty()
            ? Passphrase.of(env.get(PASSPHRASE_VARIABLE), PASSPHRASE_VARIABLE)
            : Passphrase.fromFile(Path.of(passphraseFile));
    String agentSocket = c.getString("agent-socket");
    String identity = c.getString("identity");
    Path ssh = home.resolve(".ssh");
    return new SshSettings(
        user.isEmpty() ? System.getProperty("user.name") : user,
        c.getInt("port"),
        identity.isEmpty()
            ? DEFAULT_KEY_FILES.stream().map(ssh::resolve).toList()
            : List.of(Path.of(identity)),
        !identity.isEmpty(),
        c.getString("known-hosts").isEmpty()
            ? ssh.resolve("known_hosts")
            : Path.of(c.getString("known-hosts")),
        HostKeyPolicy.parse(c.getString("host-key-policy")),
        c.getBoolean("sudo"),
        c.getString("jump").isEmpty() ? null : c.getString("jump"),
        passphrase,
        c.getBoolean("agent") && !agentSocket.isEmpty() ? Path.of(agentSocket) : null,
        c.getDuration("connect-timeout"),
        c.getDuration("auth-timeout"),
        c.getDuration("exec-timeout"),
        c.getDuration("keepalive-interval"),
        c.getInt("keepalive-count-max"),
        c.getDuration("idle-timeout"),
        c.getInt("max-concurrent-probes"),
        c.getInt("max-connections"),
        c.getDuration("backoff-initial"),
        c.getDuration("backoff-max"),
        c.getBoolean("compression"));
  }

  private static void requirePositive(String name, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("driftwatch.ssh." + name + " must be positive");
    }
  }
}
