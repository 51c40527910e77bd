package io.driftwatch.coordinator.inventory;

import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What importing an inventory changes, worked out without doing it: the listed hosts that are new,
 * changed or unchanged, the hosts the inventory owned and no longer lists, and the listed hosts
 * that belong to someone else. Pure, so the dry run and the real import agree by construction.
 *
 * @param inventory the inventory's name; its hosts are owned by {@code inventory:NAME}
 * @param added new hosts, to register (owned by the inventory)
 * @param updated hosts of this inventory whose definition changed, to register again
 * @param removed hosts of this inventory that it no longer lists, to stop monitoring
 * @param unchanged hosts of this inventory listed exactly as they are registered: left alone
 * @param conflicts listed hosts owned by the API or another inventory, with their owner
 */
public record InventoryPlan(
    String inventory,
    List<HostSpec> added,
    List<HostSpec> updated,
    List<String> removed,
    List<String> unchanged,
    SortedMap<String, String> conflicts) {

  /** The default inventory: the file given to {@code up}, and imports that name none. */
  public static final String DEFAULT = "default";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public InventoryPlan {
    added = List.copyOf(added);
    updated = List.copyOf(updated);
    removed = List.copyOf(removed);
    unchanged = List.copyOf(unchanged);
    conflicts = Collections.unmodifiableSortedMap(new TreeMap<>(conflicts));
  }

  /**
   * The {@code managedBy} of the inventory's hosts; throws IllegalArgumentException for a bad name.
   */
  public static String owner(String inventory) {
    if (inventory == null || !NAME.matcher(inventory).matches()) {
      throw new IllegalArgumentException(
          "invalid inventory name "
              + Text.quote(inventory)
              + ": use 1 to 64 letters, digits, '.', '-' or '_'");
    }
    return "inventory:" + inventory;
  }

  /**
   * The plan for making inventory {@code inventory} list exactly {@code listed}, given the hosts
   * {@code registered} now (all owners).
   */
  public static InventoryPlan of(
      String inventory, Collection<HostSpec> registered, List<HostSpec> listed) {
    String owner = owner(inventory);
    Map<String, HostSpec> current =
        registered.stream().collect(Collectors.toMap(HostSpec::name, Function.identity()));
    List<HostSpec> added = new ArrayList<>();
    List<HostSpec> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    SortedMap<String, String> conflicts = new TreeMap<>();
    Set<String> names = new HashSet<>();
    for (HostSpec host : listed) {
      if (!names.add(host.name())) {
        throw new IllegalArgumentException("host " + host.name() + " is listed twice");
      }
      HostSpec wanted = host.managedBy(owner);
      HostSpec now = current.get(host.name());
      if (now == null) {
        added.add(wanted);
      } else if (!now.managedBy().equals(owner)) {
        conflicts.put(host.name(), now.managedBy());
      } else if (now.equals(wanted)) {
        unchanged.add(host.name());
      } else {
        updated.add(wanted);
      }
    }
    List<String> removed =
        registered.stream()
            .filter(h -> h.managedBy().equals(owner) && !names.contains(h.name()))
            .map(HostSpec::name)
            .sorted()
            .toList();
    added.sort(Comparator.comparing(HostSpec::name));
    updated.sort(Comparator.comparing(HostSpec::name));
    unchanged.sort(Comparator.naturalOrder());
    return new InventoryPlan(inventory, added, updated, removed, unchanged, conflicts);
  }

  /** True when nothing would change. */
  public boolean isEmpty() {
    return added.isEmpty() && updated.isEmpty() && removed.isEmpty();
  }
}
