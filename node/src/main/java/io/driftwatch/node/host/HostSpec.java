package io.driftwatch.node.host;

import io.driftwatch.node.fact.Text;
import io.driftwatch.node.simulate.Simulation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the operator said about one monitored host: how to reach it, how often to probe it and the
 * tags that place it in roles and groups. Validated on construction, so every HostSpec in the
 * system is safe to use in paths and logs.
 *
 * @param root the directory read as the host's filesystem ("/" = the whole machine; for ssh, a
 *     directory on the target)
 * @param ssh how to reach the host over SSH (ignored by other transports)
 * @param managedBy who owns this registration: {@link #API}, or {@code inventory:NAME} for hosts an
 *     inventory import reconciles
 * @param simulation how a host of the simulated transport is made up (null for other transports;
 *     {@link Simulation#DEFAULT} when a simulated host gives none)
 */
public record HostSpec(
    String name,
    Transport transport,
    String root,
    Map<String, String> tags,
    Duration interval,
    SshOptions ssh,
    String managedBy,
    Simulation simulation) {

  /** Hosts registered one by one through the API (or the CLI). */
  public static final String API = "api";

  private static final Pattern MANAGED_BY = Pattern.compile("api|inventory:[A-Za-z0-9._-]{1,64}");

  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofDays(7);
  public static final int MAX_TAGS = 64;
  public static final int MAX_TAG_VALUE_LENGTH = 256;

  private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  public HostSpec {
    HostName.requireValid(name);
    Objects.requireNonNull(transport, "transport");
    root = validRoot(root == null ? "/" : root);
    ssh = ssh == null ? SshOptions.DEFAULTS : ssh;
    managedBy = managedBy == null ? API : managedBy;
    if (!MANAGED_BY.matcher(managedBy).matches()) {
      throw new IllegalArgumentException("invalid managedBy " + Text.quote(managedBy));
    }
    tags = validTags(tags == null ? Map.of() : tags);
    Objects.requireNonNull(interval, "interval");
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException("interval " + interval + " is out of range: use 1s to 7d");
    }
    if (transport == Transport.SIMULATED) {
      simulation = simulation == null ? Simulation.DEFAULT : simulation;
    } else if (simulation != null) {
      throw new IllegalArgumentException(
          "simulation is only for transport simulated, not " + transport.wireName());
    }
  }

  /** A host of any transport but simulated (or simulated with the default simulation). */
  public HostSpec(
      String name,
      Transport transport,
      String root,
      Map<String, String> tags,
      Duration interval,
      SshOptions ssh,
      String managedBy) {
    this(name, transport, root, tags, interval, ssh, managedBy, null);
  }

  /** A host registered through the API with the node's SSH defaults. */
  public HostSpec(
      String name, Transport transport, String root, Map<String, String> tags, Duration interval) {
    this(name, transport, root, tags, interval, SshOptions.DEFAULTS, API, null);
  }

  /** This spec owned by {@code owner} (see {@link #managedBy}). */
  public HostSpec managedBy(String owner) {
    return new HostSpec(name, transport, root, tags, interval, ssh, owner, simulation);
  }

  /**
   * True when the host's whole filesystem is read (root "/"), rather than a directory standing for
   * a host; only then are commands such as systemctl run.
   */
  public boolean isRootFilesystem() {
    return root.equals("/");
  }

  private static String validRoot(String root) {
    if (root.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("root " + Text.quote(root) + " has control characters");
    }
    try {
      Path path = Path.of(root);
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(
            "root " + Text.quote(root) + " must be an absolute path");
      }
      return path.normalize().toString();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("root " + Text.quote(root) + " is not a valid path");
    }
  }

  private static Map<String, String> validTags(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException("too many tags: at most " + MAX_TAGS);
    }
    TreeMap<String, String> copy = new TreeMap<>();
    tags.forEach(
        (key, value) -> {
          if (key == null || !TAG_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                "invalid tag name "
                    + Text.quote(key)
                    + ": use up to 63 letters, digits, '.', '-' or '_'");
          }
          if (value == null
              || value.length() > MAX_TAG_VALUE_LENGTH
              || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                "invalid value for tag "
                    + key
                    + ": at most "
                    + MAX_TAG_VALUE_LENGTH
                    + " characters, no control characters");
          }
          copy.put(key, value);
        });
    return Collections.unmodifiableSortedMap(copy);
  }
}
