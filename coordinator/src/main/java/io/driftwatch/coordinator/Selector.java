package io.driftwatch.coordinator;

import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Picks hosts by name and tags: {@code key=value} terms joined by commas, all of which must hold.
 * {@code name=} takes a glob ({@code web-*}); {@code role=web} also matches the subroles {@code
 * web/canary}, {@code role==web} only role web itself (a peer group); {@code group=web} matches
 * hosts in inventory group web or any group below it (see {@link GroupTag}); any other key is an
 * exact tag match. The empty selector matches every host.
 */
public final class Selector {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  private final String text;
  private final List<Term> terms;

  private Selector(String text, List<Term> terms) {
    this.text = text;
    this.terms = List.copyOf(terms);
  }

  private record Term(String key, String value, Pattern glob, boolean exact) {

    boolean matches(String name, Map<String, String> tags) {
      if (key.equals("name")) {
        return glob.matcher(name).matches();
      }
      if (key.equals(GroupTag.KEY)) {
        return GroupTag.matches(tags, value);
      }
      String tag = tags.get(key);
      if (tag == null) {
        return false;
      }
      return key.equals("role") && !exact
          ? tag.equals(value) || tag.startsWith(value + "/")
          : tag.equals(value);
    }
  }

  /** Every host. */
  public static Selector all() {
    return new Selector("", List.of());
  }

  /** Parses a selector; throws IllegalArgumentException saying which term is wrong. */
  public static Selector parse(String text) {
    if (text == null || text.isBlank()) {
      return all();
    }
    List<Term> terms = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? "" : part.substring(0, eq).strip();
      String value = eq < 0 ? "" : part.substring(eq + 1).strip();
      boolean exact = value.startsWith("=");
      if (exact) {
        value = value.substring(1).strip();
      }
      if (!KEY.matcher(key).matches() || value.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid selector term "
                + Text.quote(part)
                + ": expected key=value terms joined by ',' like role=web,env=prod or name=web-*");
      }
      terms.add(new Term(key, value, key.equals("name") ? globToRegex(value) : null, exact));
    }
    return new Selector(text.strip(), terms);
  }

  /** The hosts whose role is exactly {@code role}, without its subroles. */
  public static Selector exactRole(String role) {
    return parse("role==" + role);
  }

  public boolean matches(HostSpec host) {
    return matches(host.name(), host.tags());
  }

  /** The same test on a host known only by its name and tags (a notice about it). */
  public boolean matches(String name, Map<String, String> tags) {
    return terms.stream().allMatch(t -> t.matches(name, tags));
  }

  private static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  /** Selectors are equal when written the same way (policies compare their stored definitions). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Selector s && text.equals(s.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The selector as written (trimmed); {@link #parse} reads it back. */
  @Override
  public String toString() {
    return text;
  }
}
