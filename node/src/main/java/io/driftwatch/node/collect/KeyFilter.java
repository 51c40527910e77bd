package io.driftwatch.node.collect;

import io.driftwatch.node.fact.Text;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configured ignore list: globs over fact keys where {@code *} matches any run of characters,
 * {@code ?} exactly one, and everything else only itself (so "sysctl:net.ipv4.*" has a literal
 * dot).
 */
public final class KeyFilter {

  private static final KeyFilter NONE = new KeyFilter(List.of(), List.of());

  private final List<String> globs;
  private final List<int[]> compiled;

  private KeyFilter(List<String> globs, List<int[]> compiled) {
    this.globs = globs;
    this.compiled = compiled;
  }

  /** A filter matching no key. */
  public static KeyFilter none() {
    return NONE;
  }

  /** Compiles the globs; a blank one is refused, since it would only ever match the empty key. */
  public static KeyFilter of(List<String> globs) {
    for (String glob : globs) {
      if (glob == null || glob.isBlank()) {
        throw new IllegalArgumentException(
            "empty glob " + Text.quote(glob) + " in the ignore list");
      }
    }
    if (globs.isEmpty()) {
      return NONE;
    }
    return new KeyFilter(
        List.copyOf(globs),
        globs.stream().map(glob -> glob.codePoints().toArray()).collect(Collectors.toList()));
  }

  /** True when any glob matches the whole key. */
  public boolean matches(String key) {
    if (compiled.isEmpty()) {
      return false;
    }
    int[] text = key.codePoints().toArray();
    for (int[] glob : compiled) {
      if (matches(glob, text)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Wildcard matching without regular expressions, so that no glob can make matching slow: on a
   * mismatch only the most recent {@code *} is widened by one character, which bounds the work by
   * the product of the two lengths.
   */
  private static boolean matches(int[] glob, int[] text) {
    int g = 0;
    int t = 0;
    int star = -1;
    int starText = 0;
    while (t < text.length) {
      if (g < glob.length && glob[g] == '*') {
        star = g++;
        starText = t;
      } else if (g < glob.length && (glob[g] == '?' || glob[g] == text[t])) {
        g++;
        t++;
      } else if (star >= 0) {
        g = star + 1;
        t = ++starText;
      } else {
        return false;
      }
    }
    while (g < glob.length && glob[g] == '*') {
      g++;
    }
    return g == glob.length;
  }

  @Override
  public String toString() {
    return "KeyFilter" + globs;
  }
}
