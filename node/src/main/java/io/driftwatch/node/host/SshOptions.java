package io.driftwatch.node.host;

import io.driftwatch.node.fact.Text;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How to reach a host over SSH. Every field may be null, meaning "the node's default" (config
 * {@code driftwatch.ssh}, or the host's name for the address), so that changing a default applies
 * to every host that did not override it. Validated here so that no field can smuggle anything into
 * a path or a log line.
 *
 * @param address host name or IP address to connect to (default: the host's name)
 * @param identity private key file on the node
 * @param knownHosts known_hosts file on the node
 * @param sudo read root-only files through the documented {@code sudo -n} allowlist
 * @param jump a jump host, {@code [user@]host[:port]}, like OpenSSH's ProxyJump
 */
public record SshOptions(
    String address,
    Integer port,
    String user,
    String identity,
    String knownHosts,
    HostKeyPolicy hostKeyPolicy,
    Boolean sudo,
    String jump) {

  /** Everything from the node's defaults. */
  public static final SshOptions DEFAULTS =
      new SshOptions(null, null, null, null, null, null, null, null);

  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._:-]{1,253}");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}");
  private static final Pattern JUMP =
      Pattern.compile(
          "(?:([A-Za-z0-9_][A-Za-z0-9._-]{0,31})@)?([A-Za-z0-9._-]{1,253})(?::(\\d{1,5}))?");

  public SshOptions {
    if (address != null && (!ADDRESS.matcher(address).matches() || address.startsWith("-"))) {
      throw new IllegalArgumentException(
          "invalid address " + Text.quote(address) + ": expected a host name or IP address");
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("invalid port " + port + ": expected 1 to 65535");
    }
    if (user != null && !USER.matcher(user).matches()) {
      throw new IllegalArgumentException(
          "invalid user " + Text.quote(user) + ": letters, digits, '.', '-', '_', at most 32");
    }
    identity = validPath("identity", identity);
    knownHosts = validPath("knownHosts", knownHosts);
    if (jump != null) {
      var m = JUMP.matcher(jump);
      if (!m.matches() || (m.group(3) != null && Integer.parseInt(m.group(3)) > 65535)) {
        throw new IllegalArgumentException(
            "invalid jump " + Text.quote(jump) + ": expected [user@]host[:port]");
      }
    }
  }

  private static String validPath(String field, String path) {
    if (path == null) {
      return null;
    }
    if (path.chars().anyMatch(Character::isISOControl) || !Path.of(path).isAbsolute()) {
      throw new IllegalArgumentException(
          "invalid " + field + " " + Text.quote(path) + ": expected an absolute path on the node");
    }
    return Path.of(path).normalize().toString();
  }
}
