package io.driftwatch.coordinator.stream;

import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.fact.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one watcher (a stream client or a webhook) wants: a set of kinds and a host selector. A
 * notice about many hosts (a change set) carries the tags all its hosts share, and is matched by
 * those; a {@code name=} term never matches it.
 */
public record StreamFilter(Set<String> kinds, Selector selector) {

  public static final List<String> KINDS =
      List.of("change", "change-set", "drift", "drift-resolved", "host-status", "flap");

  /** Without {@code kinds}: per-host changes are left out, their change sets are in. */
  public static final Set<String> DEFAULT_KINDS =
      Set.of("change-set", "drift", "drift-resolved", "host-status", "flap");

  public StreamFilter {
    kinds = Set.copyOf(kinds);
  }

  /** Parses {@code kinds=a,b} (absent or blank: the defaults); unknown kinds are refused. */
  public static Set<String> kinds(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_KINDS;
    }
    Set<String> kinds = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      String kind = part.strip();
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException(
            "kinds: unknown kind " + Text.quote(kind) + ", expected some of " + KINDS);
      }
      kinds.add(kind);
    }
    return kinds;
  }

  public boolean matches(StreamEvent event) {
    return kinds.contains(event.kind())
        && selector.matches(event.host() == null ? "" : event.host(), event.tags());
  }
}
