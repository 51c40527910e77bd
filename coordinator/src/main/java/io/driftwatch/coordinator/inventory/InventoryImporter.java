package io.driftwatch.coordinator.inventory;

import io.driftwatch.node.host.HostSpec;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Imports an inventory: on this member ({@link InventoryImport}) or cluster-wide, one at a time.
 */
public interface InventoryImporter {

  /**
   * Makes inventory {@code inventory} own exactly {@code hosts}; with {@code dryRun} only says what
   * that would change. Fails with {@code ConflictException} naming hosts owned by someone else.
   */
  CompletionStage<InventoryPlan> apply(String inventory, List<HostSpec> hosts, boolean dryRun);
}
