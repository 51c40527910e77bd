package io.driftwatch.node.fact;

import java.util.regex.Pattern;

/** Rules for fact keys: {@code category:name}, split on the first colon. */
public final class FactKey {

  /** Longest key accepted; longer ones come from broken or hostile sources. */
  public static final int MAX_LENGTH = 1024;

  private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  private FactKey() {}

  /** The category of a key: everything before the first colon. */
  public static String category(String key) {
    int colon = key.indexOf(':');
    return colon < 0 ? key : key.substring(0, colon);
  }

  /** The name part of a key: everything after the first colon. */
  public static String name(String key) {
    int colon = key.indexOf(':');
    return colon < 0 ? "" : key.substring(colon + 1);
  }

  /** Builds {@code category:name}, rejecting what could not be read back unambiguously. */
  public static String of(String category, String name) {
    String key = category + ":" + name;
    requireValid(key);
    return key;
  }

  /** True when the key has a lowercase category, a non-empty name and no control characters. */
  public static boolean isValid(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
      return false;
    }
    int colon = key.indexOf(':');
    if (colon <= 0 || colon == key.length() - 1) {
      return false;
    }
    if (!CATEGORY.matcher(key.substring(0, colon)).matches()) {
      return false;
    }
    return key.chars().noneMatch(Character::isISOControl);
  }

  /** Returns the key, or throws {@link IllegalArgumentException} saying what is wrong with it. */
  public static String requireValid(String key) {
    if (!isValid(key)) {
      throw new IllegalArgumentException(
          "invalid fact key "
              + Text.quote(key)
              + ": expected category:name, lowercase category, at most "
              + MAX_LENGTH
              + " characters, no control characters");
    }
    return key;
  }
}
