package io.driftwatch.node.simulate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The facts a simulated host of one role starts from: {@code debian12-base.facts} (a real Debian 12
 * machine's probe, see that file) with the role's own file on top ({@code web.facts}, {@code
 * db.facts}, {@code cache.facts}). Read once per JVM from the node's resources.
 *
 * @param facts in priority order: what is kept when a host is given fewer facts than its profile
 *     has — the role's own facts and the small categories first, then packages, then sysctls (the
 *     most numerous and least looked at), each group in a stable pseudo-random order
 */
record Profile(String name, List<Map.Entry<String, String>> facts) {

  /** Profiles by name; a role with no profile of its own gets {@code base}. */
  static final Set<String> NAMES = Set.of("base", "web", "db", "cache");

  private static final Map<String, Profile> PROFILES = load();

  /** The profile of a role tag such as {@code web} or {@code web/canary}; base when none fits. */
  static Profile forRole(String role) {
    if (role == null) {
      return PROFILES.get("base");
    }
    int slash = role.indexOf('/');
    String top = (slash < 0 ? role : role.substring(0, slash)).toLowerCase(Locale.ROOT);
    return PROFILES.getOrDefault(top, PROFILES.get("base"));
  }

  private static Map<String, Profile> load() {
    Map<String, String> base = read("debian12-base.facts");
    Map<String, Profile> profiles = new LinkedHashMap<>();
    for (String name : NAMES) {
      Map<String, String> own = name.equals("base") ? Map.of() : read(name + ".facts");
      Map<String, String> merged = new LinkedHashMap<>(base);
      merged.putAll(own);
      List<Map.Entry<String, String>> ordered = new ArrayList<>(merged.entrySet());
      ordered.sort(
          Comparator.<Map.Entry<String, String>>comparingInt(e -> rank(e.getKey(), own))
              .thenComparingLong(e -> SimulatedFacts.hash(0, e.getKey()))
              .thenComparing(Map.Entry::getKey));
      profiles.put(name, new Profile(name, List.copyOf(ordered)));
    }
    return Map.copyOf(profiles);
  }

  private static int rank(String key, Map<String, String> own) {
    if (own.containsKey(key)) {
      return 0;
    }
    if (key.startsWith("sysctl:")) {
      return 3;
    }
    return key.startsWith("package:") ? 2 : 1;
  }

  /** key TAB value lines (a value may hold more tabs, as sysctl values do); "#" lines skipped. */
  private static Map<String, String> read(String resource) {
    Map<String, String> facts = new LinkedHashMap<>();
    try (InputStream in = Profile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing simulation resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new IllegalStateException(resource + ": no tab in line " + line);
        }
        facts.put(line.substring(0, tab), line.substring(tab + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return facts;
  }
}
