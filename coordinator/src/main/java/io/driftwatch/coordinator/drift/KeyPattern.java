package io.driftwatch.coordinator.drift;

import io.driftwatch.node.fact.Text;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern on fact keys, as written in config: a key glob as policies take them ({@link KeyGlob}:
 * {@code *} any run of characters), or, starting with {@code ~}, a Java regular expression matched
 * against the whole key (for what a glob cannot say, such as "a port bound to an address other than
 * the wildcard"). Regular expressions are for operators' config only, never for API input.
 */
public record KeyPattern(String text, Pattern regex) {

  public static KeyPattern parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty key pattern");
    }
    if (!text.startsWith("~")) {
      return new KeyPattern(text, null);
    }
    try {
      return new KeyPattern(text, Pattern.compile(text.substring(1)));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid key pattern " + Text.quote(text) + ": " + e.getDescription());
    }
  }

  public boolean matches(String key) {
    return regex == null ? KeyGlob.matches(text, key) : regex.matcher(key).matches();
  }

  /** The longest plain start of the pattern: every key it matches starts with this. */
  public String prefix() {
    return regex != null ? "" : KeyGlob.prefix(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
