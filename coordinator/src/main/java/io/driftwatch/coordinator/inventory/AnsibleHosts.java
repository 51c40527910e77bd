package io.driftwatch.coordinator.inventory;

import io.driftwatch.coordinator.GroupTag;
import io.driftwatch.coordinator.HostDefinition;
import io.driftwatch.node.fact.DurationText;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Resolves an {@link AnsibleInventory} into host specs. Variables merge as in Ansible: {@code all}
 * first, then the host's groups by depth (a parent before its children; same depth by name), then
 * the host's own. Of the result, Driftwatch reads the connection variables ({@code ansible_host},
 * {@code ansible_port}, {@code ansible_user}, {@code ansible_ssh_private_key_file}, {@code
 * ansible_connection} and their older {@code ansible_ssh_*} spellings) and its own {@code
 * driftwatch_*} variables: settings such as {@code driftwatch_interval}, and tags as {@code
 * driftwatch_tag_NAME}. Every other variable is ignored, because inventories hold secrets and
 * Ansible-only settings that must not turn into tags shown by the API. The groups become the {@link
 * GroupTag} and, for a host in exactly one group path with no explicit role, its {@code role}.
 */
final class AnsibleHosts {

  static final String TAG_PREFIX = "driftwatch_tag_";

  private static final Map<String, String> SETTINGS =
      Map.of(
          "driftwatch_transport", "ssh or local",
          "driftwatch_root", "the directory read as the host's filesystem",
          "driftwatch_interval", "the probe interval, like 60s",
          "driftwatch_sudo", "true or false",
          "driftwatch_known_hosts", "the known_hosts file on the node",
          "driftwatch_host_key_policy", "strict or accept-new",
          "driftwatch_jump", "a jump host, [user@]host[:port]");

  private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");
  private static final Set<String> FALSE = Set.of("false", "no", "off", "0");

  private final AnsibleInventory inventory;
  private final GroupGraph graph;
  private final Duration defaultInterval;
  private final Map<String, List<String>> groupsOfHost = new HashMap<>();

  private AnsibleHosts(AnsibleInventory inventory, Duration defaultInterval) {
    this.inventory = inventory;
    this.graph = new GroupGraph(inventory);
    this.defaultInterval = defaultInterval;
    inventory
        .groups()
        .values()
        .forEach(
            g ->
                g.hosts.forEach(
                    h -> groupsOfHost.computeIfAbsent(h, x -> new ArrayList<>()).add(g.name)));
  }

  /** The hosts of the inventory in the order they first appear; throws naming the bad entry. */
  static List<HostSpec> resolve(AnsibleInventory inventory, Duration defaultInterval) {
    AnsibleHosts resolver = new AnsibleHosts(inventory, defaultInterval);
    return inventory.hosts().values().stream().map(resolver::spec).toList();
  }

  private HostSpec spec(AnsibleInventory.Host host) {
    List<String> direct = directGroups(host);
    Map<String, AnsibleInventory.Var> vars = mergedVars(host, direct);
    Resolved r = new Resolved(host.name, vars);
    Map<String, String> tags = tags(host, r, vars, direct);
    HostDefinition definition =
        new HostDefinition(
            r.get(AnsibleHosts::transport, "driftwatch_transport", "ansible_connection")
                .orElse("ssh"),
            r.text("driftwatch_root").orElse(null),
            tags,
            r.get(AnsibleHosts::interval, "driftwatch_interval").orElse(null),
            r.get(AnsibleHosts::address, "ansible_host", "ansible_ssh_host").orElse(null),
            r.get(AnsibleHosts::port, "ansible_port", "ansible_ssh_port").orElse(null),
            r.get(AnsibleHosts::user, "ansible_user", "ansible_ssh_user").orElse(null),
            r.get(
                    p -> path("identity", p),
                    "ansible_ssh_private_key_file",
                    "ansible_private_key_file")
                .orElse(null),
            r.get(p -> path("knownHosts", p), "driftwatch_known_hosts").orElse(null),
            r.get(AnsibleHosts::hostKeyPolicy, "driftwatch_host_key_policy").orElse(null),
            r.get(AnsibleHosts::bool, "driftwatch_sudo").orElse(null),
            r.get(AnsibleHosts::jump, "driftwatch_jump").orElse(null),
            // Ansible inventories describe real hosts: never simulated ones.
            null);
    try {
      return definition.toSpec(host.name, defaultInterval);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          host.origin + ": host " + Text.quote(host.name) + ": " + e.getMessage());
    }
  }

  /**
   * The groups that list the host. As in Ansible, a host in no group but all is in ungrouped, and a
   * host in a real group is not in ungrouped, whichever way the file put it there.
   */
  private List<String> directGroups(AnsibleInventory.Host host) {
    List<String> real =
        groupsOfHost.getOrDefault(host.name, List.of()).stream()
            .filter(g -> !GroupGraph.isImplicit(g))
            .toList();
    return real.isEmpty() ? List.of(AnsibleInventory.UNGROUPED) : real;
  }

  /** Variables in Ansible's order, later ones winning: all, groups by depth then name, host. */
  private Map<String, AnsibleInventory.Var> mergedVars(
      AnsibleInventory.Host host, List<String> direct) {
    Set<String> groups = new LinkedHashSet<>();
    groups.add(AnsibleInventory.ALL);
    direct.forEach(g -> groups.addAll(graph.withAncestors(g)));
    Map<String, AnsibleInventory.Var> vars = new LinkedHashMap<>();
    groups.stream()
        .sorted(
            Comparator.<String>comparingInt(graph::depth).thenComparing(Comparator.naturalOrder()))
        .forEach(g -> vars.putAll(inventory.groups().get(g).vars));
    vars.putAll(host.vars);
    return vars;
  }

  private Map<String, String> tags(
      AnsibleInventory.Host host,
      Resolved r,
      Map<String, AnsibleInventory.Var> vars,
      List<String> direct) {
    Map<String, String> tags = new TreeMap<>();
    for (Map.Entry<String, AnsibleInventory.Var> e : vars.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(TAG_PREFIX)) {
        String tag = key.substring(TAG_PREFIX.length());
        if (tag.equals(GroupTag.KEY)) {
          throw r.problem(key, "the group tag is made from the inventory's groups; set no other");
        }
        if (!e.getValue().string()) {
          throw r.problem(key, "a tag must be a plain string (quote it in YAML)");
        }
        tags.put(tag, e.getValue().text());
      } else if (key.startsWith("driftwatch_") && !SETTINGS.containsKey(key)) {
        throw r.problem(
            key,
            "unknown Driftwatch variable; known: "
                + String.join(", ", new TreeSet<>(SETTINGS.keySet()))
                + ", and "
                + TAG_PREFIX
                + "NAME for tags");
      }
    }
    Set<String> paths = new TreeSet<>();
    for (String group : direct) {
      paths.addAll(
          graph
              .paths(group)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          host.origin
                              + ": host "
                              + Text.quote(host.name)
                              + ": the paths of group "
                              + Text.quote(group)
                              + " do not fit in the group tag ("
                              + HostSpec.MAX_TAG_VALUE_LENGTH
                              + " characters)")));
    }
    // web is implied by web/canary: keep only the deepest path of each line of descent.
    List<String> deepest =
        paths.stream().filter(p -> paths.stream().noneMatch(q -> q.startsWith(p + "/"))).toList();
    if (!deepest.isEmpty()) {
      String value = GroupTag.encode(deepest);
      if (value.length() > HostSpec.MAX_TAG_VALUE_LENGTH) {
        throw new IllegalArgumentException(
            host.origin
                + ": host "
                + Text.quote(host.name)
                + ": its group paths do not fit in the group tag ("
                + HostSpec.MAX_TAG_VALUE_LENGTH
                + " characters): "
                + Text.quote(value));
      }
      tags.put(GroupTag.KEY, value);
      if (deepest.size() == 1) {
        tags.putIfAbsent("role", deepest.get(0));
      }
    }
    return tags;
  }

  private static String transport(String value) {
    return switch (value) {
      case "ssh", "paramiko", "smart" -> "ssh";
      case "local" -> "local";
      default ->
          throw new IllegalArgumentException(
              "connection "
                  + Text.quote(value)
                  + " cannot be probed: Driftwatch uses ssh or local (set driftwatch_transport"
                  + " to override)");
    };
  }

  private static String interval(String value) {
    DurationText.parse(value);
    return value;
  }

  private static String address(String value) {
    return new SshOptions(value, null, null, null, null, null, null, null).address();
  }

  private static Integer port(String value) {
    if (value.matches("\\d{1,5}")) {
      return new SshOptions(null, Integer.parseInt(value), null, null, null, null, null, null)
          .port();
    }
    throw new IllegalArgumentException(
        "invalid port " + Text.quote(value) + ": expected 1 to 65535");
  }

  private static String user(String value) {
    return new SshOptions(null, null, value, null, null, null, null, null).user();
  }

  private static String path(String field, String value) {
    // Ansible would expand ~ on the controller; Driftwatch reads keys on the node, so the path must
    // say exactly which file.
    return field.equals("identity")
        ? new SshOptions(null, null, null, value, null, null, null, null).identity()
        : new SshOptions(null, null, null, null, value, null, null, null).knownHosts();
  }

  private static String hostKeyPolicy(String value) {
    return HostKeyPolicy.parse(value).wireName();
  }

  private static String jump(String value) {
    return new SshOptions(null, null, null, null, null, null, null, value).jump();
  }

  private static Boolean bool(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (TRUE.contains(v)) {
      return true;
    }
    if (FALSE.contains(v)) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false, got " + Text.quote(value));
  }

  /** One host's merged variables, read with errors that name the variable and where it was set. */
  private record Resolved(String host, Map<String, AnsibleInventory.Var> vars) {

    Optional<String> text(String key) {
      return get(Function.identity(), key);
    }

    /**
     * The first of {@code keys} that is set, converted; a conversion failure names the variable.
     */
    <T> Optional<T> get(Function<String, T> convert, String... keys) {
      for (String key : keys) {
        AnsibleInventory.Var var = vars.get(key);
        if (var == null) {
          continue;
        }
        if (var.text() == null) {
          throw problem(key, "expected a single value, not a list, a mapping or null");
        }
        try {
          return Optional.of(convert.apply(var.text().strip()));
        } catch (IllegalArgumentException e) {
          throw problem(key, e.getMessage());
        }
      }
      return Optional.empty();
    }

    IllegalArgumentException problem(String key, String message) {
      return new IllegalArgumentException(
          vars.get(key).origin() + ": " + key + " of host " + Text.quote(host) + ": " + message);
    }
  }
}
