package io.driftwatch.node.host;

import io.driftwatch.node.fact.Text;
import java.util.regex.Pattern;

/**
 * Host names as Driftwatch accepts them: DNS-like labels (letters, digits, dot, dash, underscore),
 * at most 253 characters. Anything else — slashes, spaces, shell characters — is refused before it
 * can reach a path, a log line or a command.
 */
public final class HostName {

  public static final int MAX_LENGTH = 253;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private HostName() {}

  public static boolean isValid(String name) {
    return name != null
        && !name.isEmpty()
        && name.length() <= MAX_LENGTH
        && VALID.matcher(name).matches();
  }

  /** Returns the name, or throws {@link IllegalArgumentException} explaining the rule. */
  public static String requireValid(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          "invalid host name "
              + Text.quote(name)
              + ": use 1 to "
              + MAX_LENGTH
              + " letters, digits, '.', '-' or '_', starting with a letter or digit");
    }
    return name;
  }
}
