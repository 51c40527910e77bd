package io.driftwatch.coordinator.drift;

import io.driftwatch.node.fact.Text;
import java.util.regex.Pattern;

/**
 * Names of expectations and baselines and ids of exceptions: what can sit in a URL path segment, a
 * log line and a table cell without quoting.
 */
public final class PolicyName {

  public static final int MAX_LENGTH = 128;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private PolicyName() {}

  /** Returns the name, or throws IllegalArgumentException explaining the rule. */
  public static String requireValid(String what, String name) {
    if (name == null
        || name.isEmpty()
        || name.length() > MAX_LENGTH
        || !VALID.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + " "
              + Text.quote(name)
              + ": use 1 to "
              + MAX_LENGTH
              + " letters, digits, '.', '-' or '_', starting with a letter or digit");
    }
    return name;
  }
}
