package io.driftwatch.node.ssh;

import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how to log in to one host: its {@link SshOptions} with every unset field filled from
 * the node's {@link SshSettings}. Two targets are equal exactly when a connection made for one is
 * good for the other.
 *
 * @param host the host's name in Driftwatch, for logs and messages
 * @param identities key files to offer, in order (besides the ssh-agent's keys)
 * @param explicitIdentity whether {@code identities} was configured (a missing or unreadable file
 *     is then an error) rather than OpenSSH's default files that happen to exist
 * @param jump the host to go through, or null
 */
public record SshTarget(
    String host,
    String address,
    int port,
    String user,
    List<Path> identities,
    boolean explicitIdentity,
    Path knownHosts,
    HostKeyPolicy hostKeyPolicy,
    boolean sudo,
    SshTarget jump) {

  private static final Pattern JUMP = Pattern.compile("(?:([^@]+)@)?([^:]+)(?::(\\d+))?");

  public SshTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(user, "user");
    identities = List.copyOf(identities);
    Objects.requireNonNull(knownHosts, "knownHosts");
    Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
  }

  /** The host's effective target: its own options where set, the node's defaults elsewhere. */
  public static SshTarget of(HostSpec spec, SshSettings defaults) {
    SshOptions o = spec.ssh();
    String user = o.user() != null ? o.user() : defaults.user();
    boolean explicit = o.identity() != null || defaults.explicitIdentity();
    List<Path> identities =
        o.identity() != null ? List.of(Path.of(o.identity())) : defaults.identities();
    Path knownHosts = o.knownHosts() != null ? Path.of(o.knownHosts()) : defaults.knownHosts();
    HostKeyPolicy policy = o.hostKeyPolicy() != null ? o.hostKeyPolicy() : defaults.hostKeyPolicy();
    String jump = o.jump() != null ? o.jump() : defaults.jump();
    SshTarget jumpTarget =
        jump == null
            ? null
            : jumpTarget(
                jump, spec.name(), defaults.user(), identities, explicit, knownHosts, policy);
    return new SshTarget(
        spec.name(),
        o.address() != null ? o.address() : spec.name(),
        o.port() != null ? o.port() : defaults.port(),
        user,
        identities,
        explicit,
        knownHosts,
        policy,
        o.sudo() != null ? o.sudo() : defaults.sudo(),
        jumpTarget);
  }

  /** {@code user@address:port}, for messages. */
  public String endpoint() {
    return user + "@" + hostAndPort();
  }

  /** {@code address:port}. */
  public String hostAndPort() {
    return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
  }

  /** The name known_hosts uses for this host: the address, or {@code [address]:port}. */
  public String knownHostsName() {
    return port == 22 ? address : "[" + address + "]:" + port;
  }

  // A jump host logs in with the same keys and checks its host key in the same file, with the
  // node's default user unless the jump names one (as OpenSSH's ProxyJump does).
  private static SshTarget jumpTarget(
      String jump,
      String host,
      String defaultUser,
      List<Path> identities,
      boolean explicit,
      Path knownHosts,
      HostKeyPolicy policy) {
    Matcher m = JUMP.matcher(jump);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid jump " + jump); // SshOptions validated it already
    }
    return new SshTarget(
        host + " (jump host)",
        m.group(2),
        m.group(3) == null ? 22 : Integer.parseInt(m.group(3)),
        m.group(1) == null ? defaultUser : m.group(1),
        identities,
        explicit,
        knownHosts,
        policy,
        false,
        null);
  }
}
