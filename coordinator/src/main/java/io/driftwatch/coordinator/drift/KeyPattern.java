package io.driftwatch.coordinator.drift;

import io.driftwatch.node.fact.Text;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern on fact keys, as written in config: a glob ({@code *} any run of characters, {@code ?}
 * one), or, starting with {@code ~}, a Java regular expression matched against the whole key (for
 * what a glob cannot say, such as "a port bound to an address other than the wildcard").
 */
public record KeyPattern(String text, Pattern pattern) {

  public static KeyPattern parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty key pattern");
    }
    try {
      return new KeyPattern(
          text, text.startsWith("~") ? Pattern.compile(text.substring(1)) : glob(text));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid key pattern " + Text.quote(text) + ": " + e.getDescription());
    }
  }

  public boolean matches(String key) {
    return pattern.matcher(key).matches();
  }

  /** The longest plain start of the pattern: every key it matches starts with this. */
  public String prefix() {
    if (text.startsWith("~")) {
      return "";
    }
    int wild = 0;
    while (wild < text.length() && text.charAt(wild) != '*' && text.charAt(wild) != '?') {
      wild++;
    }
    return text.substring(0, wild);
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  @Override
  public String toString() {
    return text;
  }
}
