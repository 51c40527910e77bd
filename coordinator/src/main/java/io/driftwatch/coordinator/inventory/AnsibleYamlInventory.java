package io.driftwatch.coordinator.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Ansible YAML inventories: a mapping of top-level groups (usually just {@code all}), each
 * group a mapping with optional {@code hosts} (host patterns such as {@code web-[01:03]}, each with
 * its variables), {@code vars} and {@code children} (child groups, nested to any depth). Other keys
 * are refused, since they are usually hosts indented one level too far. Errors name the group and
 * host they are in.
 *
 * <pre>
 * all:
 *   children:
 *     web:
 *       hosts:
 *         web-[01:03]: {ansible_user: deploy}
 *       vars: {driftwatch_tag_env: prod}
 *       children:
 *         canary:
 *           hosts:
 *             web-canary: {ansible_host: 10.0.0.9}
 * </pre>
 */
public final class AnsibleYamlInventory {

  private static final Set<String> GROUP_KEYS = Set.of("hosts", "vars", "children");

  private AnsibleYamlInventory() {}

  /** The hosts of the inventory; throws IllegalArgumentException naming the group or host. */
  public static List<HostSpec> parse(String text, Duration defaultInterval) {
    return AnsibleHosts.resolve(read(text), defaultInterval);
  }

  /** The inventory as written, not yet resolved into hosts. */
  static AnsibleInventory read(String text) {
    JsonNode root = InventoryYaml.read(text);
    AnsibleInventory inventory = new AnsibleInventory();
    if (root.isMissingNode() || root.isNull()) {
      return inventory;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "an Ansible YAML inventory is a mapping of groups, like all: {hosts: …, children: …}");
    }
    for (Map.Entry<String, JsonNode> top : root.properties()) {
      group(inventory, top.getKey(), top.getValue(), null);
    }
    return inventory;
  }

  private static void group(AnsibleInventory inventory, String name, JsonNode node, String parent) {
    String where = "group " + Text.quote(name);
    try {
      inventory.group(name, where);
      if (parent != null) {
        inventory.child(parent, name, where);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (parent == null ? "" : "group " + Text.quote(parent) + ", children: ") + e.getMessage());
    }
    if (node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          where + ": expected a mapping with hosts, vars or children");
    }
    for (String key : (Iterable<String>) node::fieldNames) {
      if (!GROUP_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            where + ": unknown key " + Text.quote(key) + " (a group has hosts, vars and children)");
      }
    }
    JsonNode hosts = mapping(node.path("hosts"), where + ", hosts");
    for (Map.Entry<String, JsonNode> entry : hosts.properties()) {
      String at = where + ", host " + Text.quote(entry.getKey());
      JsonNode vars = mapping(entry.getValue(), at);
      try {
        inventory
            .hosts(name, entry.getKey(), at)
            .forEach(
                host ->
                    vars.properties()
                        .forEach(v -> host.vars.put(v.getKey(), var(v.getValue(), at))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage());
      }
    }
    String varsAt = where + ", vars";
    mapping(node.path("vars"), varsAt)
        .properties()
        .forEach(v -> inventory.groups().get(name).vars.put(v.getKey(), var(v.getValue(), varsAt)));
    for (Map.Entry<String, JsonNode> child :
        mapping(node.path("children"), where + ", children").properties()) {
      group(inventory, child.getKey(), child.getValue(), name);
    }
  }

  /** A mapping, or an empty one for a key that is absent or empty ({@code hosts:} alone). */
  private static JsonNode mapping(JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": expected a mapping, got " + kind(node));
    }
    return node;
  }

  private static AnsibleInventory.Var var(JsonNode value, String where) {
    boolean scalar = value.isValueNode() && !value.isNull();
    return new AnsibleInventory.Var(scalar ? value.asText() : null, value.isTextual(), where);
  }

  private static String kind(JsonNode node) {
    return node.isArray() ? "a list" : node.isValueNode() ? "a single value" : "something else";
  }
}
