package io.driftwatch.coordinator.inventory;

import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parent–child structure of an inventory's groups, which may be any directed acyclic graph (a
 * group can have several parents). Answers what resolving hosts needs: each group's ancestors, its
 * depth (children are deeper than all their parents, for variable precedence) and its paths from
 * top-level groups. {@code all} is the root of everything and {@code ungrouped} a plain group; both
 * are left out of paths. Cycles and absurd depths are refused.
 */
final class GroupGraph {

  /** Deeper nesting is refused; it also bounds the recursion here. */
  static final int MAX_DEPTH = 100;

  private final Map<String, Set<String>> parents = new HashMap<>();
  private final Map<String, Integer> depths = new HashMap<>();
  private final Map<String, Set<String>> ancestors = new HashMap<>();
  private final Map<String, Optional<List<String>>> paths = new HashMap<>();

  GroupGraph(AnsibleInventory inventory) {
    inventory.groups().keySet().forEach(g -> parents.put(g, new LinkedHashSet<>()));
    inventory
        .groups()
        .values()
        .forEach(g -> g.children.forEach(child -> parents.get(child).add(g.name)));
    inventory.groups().keySet().forEach(g -> depth(g, new ArrayList<>()));
  }

  /** 0 for all; otherwise one more than its deepest parent (all, when it has none). */
  int depth(String group) {
    return depths.get(group);
  }

  /** The group itself and every group above it, all included. */
  Set<String> withAncestors(String group) {
    Set<String> known = ancestors.get(group);
    if (known != null) {
      return known;
    }
    Set<String> result = new LinkedHashSet<>();
    result.add(group);
    result.add(AnsibleInventory.ALL);
    for (String parent : parents.get(group)) {
      result.addAll(withAncestors(parent));
    }
    ancestors.put(group, result);
    return result;
  }

  /**
   * The group's paths from top-level groups ({@code web/canary}); empty for all and ungrouped, and
   * empty Optional when they would not fit in the group tag.
   */
  Optional<List<String>> paths(String group) {
    Optional<List<String>> known = paths.get(group);
    if (known != null) {
      return known;
    }
    Optional<List<String>> result;
    if (isImplicit(group)) {
      result = Optional.of(List.of());
    } else {
      List<String> real = parents.get(group).stream().filter(p -> !isImplicit(p)).toList();
      if (real.isEmpty()) {
        result = Optional.of(List.of(group));
      } else {
        result = Optional.of(new ArrayList<>());
        int length = 0;
        for (String parent : real) {
          Optional<List<String>> above = paths(parent);
          if (above.isEmpty()) {
            result = Optional.empty();
            break;
          }
          for (String path : above.get()) {
            String mine = path + "/" + group;
            length += mine.length() + 1;
            result.get().add(mine);
          }
          if (length > HostSpec.MAX_TAG_VALUE_LENGTH + 1) {
            // The host tag could not hold them; computing more only risks a blow-up in wide DAGs.
            result = Optional.empty();
            break;
          }
        }
      }
    }
    paths.put(group, result);
    return result;
  }

  /** all and ungrouped: every inventory has them, and they say nothing about a host's place. */
  static boolean isImplicit(String group) {
    return group.equals(AnsibleInventory.ALL) || group.equals(AnsibleInventory.UNGROUPED);
  }

  private int depth(String group, List<String> trail) {
    Integer known = depths.get(group);
    if (known != null) {
      return known;
    }
    if (trail.contains(group)) {
      List<String> cycle = new ArrayList<>(trail.subList(trail.indexOf(group), trail.size()));
      cycle.add(group);
      throw new IllegalArgumentException(
          "groups form a cycle: "
              + String.join(" is a child of ", cycle.stream().map(Text::quote).toList()));
    }
    if (trail.size() >= MAX_DEPTH) {
      throw new IllegalArgumentException(
          "groups are nested more than " + MAX_DEPTH + " levels deep at " + Text.quote(group));
    }
    trail.add(group);
    int depth = group.equals(AnsibleInventory.ALL) ? 0 : 1;
    for (String parent : parents.get(group)) {
      depth = Math.max(depth, depth(parent, trail) + 1);
    }
    trail.remove(trail.size() - 1);
    depths.put(group, depth);
    return depth;
  }
}
