package io.driftwatch.node.host;

import io.driftwatch.node.fact.Text;
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
 * @param root the directory read as the host's filesystem by the local transport ("/" = this
 *     machine)
 */
public record HostSpec(
    String name, Transport transport, String root, Map<String, String> tags, Duration interval) {

  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofDays(7);
  public static final int MAX_TAGS = 64;
  public static final int MAX_TAG_VALUE_LENGTH = 256;

  private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  public HostSpec {
    HostName.requireValid(name);
    Objects.requireNonNull(transport, "transport");
    root = validRoot(root == null ? "/" : root);
    tags = validTags(tags == null ? Map.of() : tags);
    Objects.requireNonNull(interval, "interval");
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException("interval " + interval + " is out of range: use 1s to 7d");
    }
  }

  /** True when the host is the node's own machine rather than a directory standing for a host. */
  public boolean isRootFilesystem() {
    return root.equals("/");
  }

  private static String validRoot(String root) {
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
