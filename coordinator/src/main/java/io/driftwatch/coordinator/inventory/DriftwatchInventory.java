package io.driftwatch.coordinator.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.HostDefinition;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostName;
import io.driftwatch.node.host.HostSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a Driftwatch inventory file (YAML): a {@code hosts} list of entries with {@code name} and
 * the {@link HostDefinition} fields (SSH ones included), and optional {@code defaults} applied to
 * every entry. Strict: an unknown field is a typo and is reported with the entry it is in, rather
 * than silently ignored.
 *
 * <pre>
 * defaults: {transport: ssh, user: driftwatch, interval: 60s}
 * hosts:
 *   - name: web-1
 *     address: 10.0.0.5
 *     tags: {role: web, env: prod}
 * </pre>
 */
public final class DriftwatchInventory {

  private static final Set<String> ENTRY_FIELDS =
      Set.of(
          "name",
          "transport",
          "root",
          "tags",
          "interval",
          "address",
          "port",
          "user",
          "identity",
          "knownHosts",
          "hostKeyPolicy",
          "sudo",
          "jump",
          "simulation");
  private static final Set<String> TOP_FIELDS = Set.of("hosts", "defaults");

  private DriftwatchInventory() {}

  /** Parses an inventory; throws IllegalArgumentException naming the first bad entry. */
  public static List<HostSpec> parse(String yaml, Duration defaultInterval) {
    JsonNode root = InventoryYaml.read(yaml);
    if (root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("inventory must be a mapping with a 'hosts' list");
    }
    checkFields(root, TOP_FIELDS, "inventory");
    JsonNode defaults = root.path("defaults");
    if (!defaults.isMissingNode() && !defaults.isObject()) {
      throw new IllegalArgumentException("inventory 'defaults' must be a mapping");
    }
    JsonNode hosts = root.path("hosts");
    if (hosts.isMissingNode() || hosts.isNull()) {
      return List.of();
    }
    if (!hosts.isArray()) {
      throw new IllegalArgumentException("inventory 'hosts' must be a list");
    }
    List<HostSpec> specs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int index = 0;
    if (hosts.size() > InventoryFormat.MAX_HOSTS) {
      throw new IllegalArgumentException(
          "inventory lists " + hosts.size() + " hosts: at most " + InventoryFormat.MAX_HOSTS);
    }
    for (JsonNode entry : hosts) {
      index++;
      HostSpec spec = entry(entry, defaults, index, defaultInterval);
      if (!seen.add(spec.name())) {
        throw new IllegalArgumentException(
            "inventory entry " + index + ": host " + spec.name() + " is listed twice");
      }
      specs.add(spec);
    }
    return specs;
  }

  private static HostSpec entry(JsonNode entry, JsonNode defaults, int index, Duration interval) {
    String where = "inventory entry " + index;
    if (!entry.isObject()) {
      throw new IllegalArgumentException(where + " must be a mapping with at least a name");
    }
    checkFields(entry, ENTRY_FIELDS, where);
    String name = entry.path("name").asText(null);
    if (name == null || !entry.path("name").isValueNode()) {
      throw new IllegalArgumentException(where + " has no name");
    }
    where = where + " (" + Text.quote(name) + ")";
    try {
      HostName.requireValid(name);
      ObjectNode merged =
          defaults.isObject()
              ? ((ObjectNode) defaults).deepCopy()
              : JsonNodeFactory.instance.objectNode();
      merged.setAll((ObjectNode) entry);
      merged.remove("name");
      HostDefinition definition = InventoryYaml.bind(merged, HostDefinition.class);
      return definition.toSpec(name, interval);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  private static void checkFields(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw new IllegalArgumentException(
            where
                + ": unknown field "
                + Text.quote(field)
                + " (known: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }
}
