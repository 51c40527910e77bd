package io.driftwatch.coordinator;

import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a host's inventory groups are kept in its tags: the {@code group} tag holds the host's group
 * paths, each from a top-level group down to a group the host is listed in ({@code web/canary}),
 * separated by single spaces and sorted ({@code db web/canary}). Group names may not contain {@code
 * /} or spaces, so a path and a list of paths can always be split back apart.
 *
 * <p>{@code group=web} selects a host when {@code web} is any step of any of its paths (the host is
 * in {@code web} or in one of its child groups, at any depth); {@code group=web/canary} when those
 * steps appear in that order, adjacent.
 */
public final class GroupTag {

  /** The tag key. */
  public static final String KEY = "group";

  /** Letters, digits, '_', '-', '.': what Ansible inventories use, minus the separators here. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");

  private GroupTag() {}

  /** Throws IllegalArgumentException unless {@code name} can be a group name. */
  public static String requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid group name "
              + Text.quote(name)
              + ": use up to 63 letters, digits, '_', '-' or '.', starting with a letter, digit"
              + " or '_'");
    }
    return name;
  }

  /** The tag value for these paths: sorted, joined by spaces; empty for no paths. */
  public static String encode(Collection<String> paths) {
    return String.join(" ", paths.stream().sorted().toList());
  }

  /** The paths in a tag value. */
  public static List<String> paths(String tagValue) {
    return Arrays.stream(tagValue.split(" ")).filter(p -> !p.isEmpty()).toList();
  }

  /** True when {@code host} is in {@code group} (a name or a path) or one of its descendants. */
  public static boolean matches(HostSpec host, String group) {
    return matches(host.tags(), group);
  }

  /** The same test on a host's tags alone. */
  public static boolean matches(Map<String, String> tags, String group) {
    String value = tags.get(KEY);
    if (value == null) {
      return false;
    }
    List<String> wanted = List.of(group.split("/", -1));
    return paths(value).stream().anyMatch(path -> containsRun(List.of(path.split("/")), wanted));
  }

  private static boolean containsRun(List<String> steps, List<String> run) {
    for (int i = 0; i + run.size() <= steps.size(); i++) {
      if (steps.subList(i, i + run.size()).equals(run)) {
        return true;
      }
    }
    return false;
  }
}
