package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operating system's identity from os-release(5): {@code os:id}, {@code os:version_id}, {@code
 * os:pretty_name} and the other fields, lowercased, without the *_URL links.
 */
public final class OsReleaseSource implements FactSource {

  static final String PRIMARY = "/etc/os-release";
  static final String FALLBACK = "/usr/lib/os-release";

  private static final String CATEGORY = "os";
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @Override
  public String name() {
    return "os";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    return List.of(Input.file(PRIMARY), Input.file(FALLBACK));
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    Optional<String> text = host.files().read(PRIMARY);
    if (text.isEmpty()) {
      text = host.files().read(FALLBACK);
    }
    return text.map(OsReleaseSource::parse).orElseGet(() -> SourceResult.of(Map.of()));
  }

  /** Parses os-release text: shell-style assignments with optional quotes and escapes. */
  public static SourceResult parse(String text) {
    SourceFacts facts = new SourceFacts();
    SourceText source = SourceText.of(text);
    if (source.isBlank()) {
      facts.cutShort("os-release is empty");
      return facts.result();
    }
    int number = 0;
    for (String line : source.lines()) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      boolean last = number == source.lines().size();
      int equals = trimmed.indexOf('=');
      String key = equals < 0 ? "" : trimmed.substring(0, equals);
      if (!KEY.matcher(key).matches()) {
        reportBadLine(facts, number, last && !source.endsWithNewline(), "not KEY=value");
        continue;
      }
      String value = unquote(trimmed.substring(equals + 1));
      if (value == null) {
        reportBadLine(
            facts,
            number,
            last && !source.endsWithNewline(),
            "malformed value (an open quote or an unquoted blank)");
        continue;
      }
      String upper = key.toUpperCase(Locale.ROOT);
      if (upper.endsWith("_URL")) {
        continue;
      }
      facts.put(CATEGORY, key.toLowerCase(Locale.ROOT), value);
    }
    return facts.result();
  }

  private static void reportBadLine(SourceFacts facts, int number, boolean cut, String what) {
    if (cut) {
      facts.cutShort("os-release line " + number + ": " + what + " (the file was cut short)");
    } else {
      facts.problem("os-release line " + number + ": " + what + ", skipped");
    }
  }

  /**
   * The value of a shell-style word: single quotes are literal, double quotes honour the escapes \$
   * \" \\ \`, a bare backslash escapes any character, and an unquoted blank ends the word (what
   * follows may only be a comment). Returns null when a quote is left open or an unquoted blank is
   * followed by more than a comment.
   */
  static String unquote(String raw) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          out.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < raw.length() && "$\"\\`".indexOf(raw.charAt(i + 1)) >= 0) {
          out.append(raw.charAt(++i));
        } else {
          out.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(++i));
      } else if (Character.isWhitespace(c)) {
        String rest = raw.substring(i).strip();
        return rest.isEmpty() || rest.startsWith("#") ? out.toString() : null;
      } else {
        out.append(c);
      }
    }
    return quote == 0 ? out.toString() : null;
  }
}
