package io.driftwatch.coordinator.inventory;

import io.driftwatch.coordinator.GroupTag;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Ansible inventory as its file states it, before it is resolved into hosts: groups with their
 * hosts, child groups and variables, and hosts with their own variables. The INI and the YAML
 * parser both fill one of these, so that the same inventory in either format resolves the same way
 * ({@link AnsibleHosts}). Everything remembers where in the file it came from, for errors.
 */
final class AnsibleInventory {

  static final String ALL = "all";
  static final String UNGROUPED = "ungrouped";

  /**
   * A variable's value as written. {@code text} is null for a list, a mapping or null; {@code
   * string} is true only for a plain string (every INI value, a YAML string scalar).
   */
  record Var(String text, boolean string, String origin) {}

  /** A group: the hosts listed in it directly, its children and its variables. */
  static final class Group {
    final String name;
    final String origin;
    final Set<String> hosts = new LinkedHashSet<>();
    final Set<String> children = new LinkedHashSet<>();
    final Map<String, Var> vars = new LinkedHashMap<>();

    private Group(String name, String origin) {
      this.name = name;
      this.origin = origin;
    }
  }

  /** A host: where it was first listed and its own variables (later listings win). */
  static final class Host {
    final String name;
    final String origin;
    final Map<String, Var> vars = new LinkedHashMap<>();

    private Host(String name, String origin) {
      this.name = name;
      this.origin = origin;
    }
  }

  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, Host> hosts = new LinkedHashMap<>();

  /**
   * Names produced by all host patterns so far: re-listing known hosts is allowed, but not without
   * bound, or a small file of large ranges repeated would cost minutes to read.
   */
  private int listings;

  AnsibleInventory() {
    group(ALL, "the implicit group all");
    group(UNGROUPED, "the implicit group ungrouped");
  }

  /** The group of that name, declared here if it is new. */
  Group group(String name, String origin) {
    Group group = groups.get(GroupTag.requireValidName(name));
    if (group == null) {
      if (groups.size() >= InventoryFormat.MAX_GROUPS) {
        throw new IllegalArgumentException(
            "more than " + InventoryFormat.MAX_GROUPS + " groups in one inventory");
      }
      group = new Group(name, origin);
      groups.put(name, group);
    }
    return group;
  }

  /**
   * Lists the hosts a pattern stands for ({@code web-[01:03]}, optionally {@code :port}) in a group
   * and returns them; a port is recorded as the host's {@code ansible_port}, as Ansible does.
   */
  Collection<Host> hosts(String group, String pattern, String origin) {
    String range = pattern;
    Var port = null;
    int colon = pattern.lastIndexOf(':');
    if (colon > 0 && pattern.lastIndexOf(']') < colon) {
      range = pattern.substring(0, colon);
      port = new Var(pattern.substring(colon + 1), true, origin);
    }
    Group g = group(group, origin);
    Map<String, Host> listed = new LinkedHashMap<>();
    int room = Math.min(InventoryFormat.MAX_HOSTS, InventoryFormat.MAX_LISTINGS - listings);
    List<String> names = HostRange.expand(range, Math.max(room, 1));
    listings += names.size();
    if (listings > InventoryFormat.MAX_LISTINGS) {
      throw new IllegalArgumentException(
          "the inventory lists hosts more than " + InventoryFormat.MAX_LISTINGS + " times");
    }
    for (String name : names) {
      Host host = hosts.get(name);
      if (host == null) {
        HostName.requireValid(name);
        if (hosts.size() >= InventoryFormat.MAX_HOSTS) {
          throw new IllegalArgumentException(
              "more than " + InventoryFormat.MAX_HOSTS + " hosts in one inventory");
        }
        host = new Host(name, origin);
        hosts.put(name, host);
      }
      if (port != null) {
        host.vars.put("ansible_port", port);
      }
      g.hosts.add(name);
      listed.put(name, host);
    }
    return listed.values();
  }

  /** Makes {@code child} a child group of {@code parent}; cycles are found when resolving. */
  void child(String parent, String child, String origin) {
    if (child.equals(ALL)) {
      throw new IllegalArgumentException("the group all cannot be a child group");
    }
    if (child.equals(parent)) {
      throw new IllegalArgumentException(
          "group " + Text.quote(child) + " cannot be a child of itself");
    }
    group(child, origin);
    group(parent, origin).children.add(child);
  }

  Map<String, Group> groups() {
    return groups;
  }

  Map<String, Host> hosts() {
    return hosts;
  }
}
