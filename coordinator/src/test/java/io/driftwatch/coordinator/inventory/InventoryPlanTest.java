package io.driftwatch.coordinator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryPlanTest {

  private static HostSpec ssh(String name, String role, String owner) {
    return new HostSpec(
        name,
        Transport.SSH,
        "/",
        Map.of("role", role),
        Duration.ofMinutes(1),
        SshOptions.DEFAULTS,
        owner);
  }

  private static final String MINE = "inventory:default";

  @Test
  void aFirstImportAddsEverything() {
    InventoryPlan plan =
        InventoryPlan.of(
            "default", List.of(), List.of(ssh("b", "web", null), ssh("a", "web", null)));
    assertThat(plan.added()).extracting(HostSpec::name).containsExactly("a", "b");
    assertThat(plan.added()).allSatisfy(h -> assertThat(h.managedBy()).isEqualTo(MINE));
    assertThat(plan.updated()).isEmpty();
    assertThat(plan.removed()).isEmpty();
    assertThat(plan.isEmpty()).isFalse();
  }

  @Test
  void aReimportAddsUpdatesRemovesAndLeavesTheRestAlone() {
    List<HostSpec> registered =
        List.of(
            ssh("same", "web", MINE),
            ssh("changed", "web", MINE),
            ssh("gone", "web", MINE),
            ssh("by-api", "web", HostSpec.API),
            ssh("by-other", "web", "inventory:other"));
    List<HostSpec> listed =
        List.of(ssh("same", "web", null), ssh("changed", "db", null), ssh("new", "web", null));

    InventoryPlan plan = InventoryPlan.of("default", registered, listed);

    assertThat(plan.added()).extracting(HostSpec::name).containsExactly("new");
    assertThat(plan.updated()).singleElement().isEqualTo(ssh("changed", "db", MINE));
    assertThat(plan.removed()).containsExactly("gone");
    assertThat(plan.unchanged()).containsExactly("same");
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void hostsOfTheApiOrAnotherInventoryAreConflictsAndNeverRemoved() {
    List<HostSpec> registered =
        List.of(ssh("by-api", "web", HostSpec.API), ssh("by-other", "web", "inventory:other"));
    InventoryPlan plan =
        InventoryPlan.of(
            "default",
            registered,
            List.of(ssh("by-api", "web", null), ssh("by-other", "web", null)));
    assertThat(plan.conflicts())
        .containsOnly(entry("by-api", "api"), entry("by-other", "inventory:other"));
    assertThat(plan.removed()).isEmpty();

    InventoryPlan empty = InventoryPlan.of("default", registered, List.of());
    assertThat(empty.removed()).isEmpty();
    assertThat(empty.isEmpty()).isTrue();
  }

  @Test
  void inventoryNamesAreValidated() {
    assertThat(InventoryPlan.owner("prod-eu.1")).isEqualTo("inventory:prod-eu.1");
    assertThatThrownBy(() -> InventoryPlan.owner("a/b")).hasMessageContaining("invalid inventory");
    assertThatThrownBy(() -> InventoryPlan.owner("")).hasMessageContaining("invalid inventory");
    assertThatThrownBy(() -> InventoryPlan.owner("x".repeat(65)))
        .hasMessageContaining("invalid inventory");
  }

  @Test
  void aHostListedTwiceIsRefused() {
    assertThatThrownBy(
            () ->
                InventoryPlan.of(
                    "default", List.of(), List.of(ssh("a", "web", null), ssh("a", "db", null))))
        .hasMessageContaining("listed twice");
  }
}
