package io.driftwatch.coordinator.inventory;

import io.driftwatch.coordinator.ConflictException;
import io.driftwatch.coordinator.Failures;
import io.driftwatch.coordinator.HostRegistry;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.node.host.HostSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an inventory into the registry: plans with {@link InventoryPlan} against the hosts
 * registered now, refuses the whole import if it lists hosts someone else owns, then removes the
 * hosts the inventory no longer lists and registers the new and changed ones. Unchanged hosts are
 * not touched, so their entities keep their timers and are not probed again. A failure part way
 * (the store down) leaves a partial import that the next import of the same file completes.
 */
public final class InventoryImport implements InventoryImporter {

  private static final Logger log = LoggerFactory.getLogger(InventoryImport.class);

  /** Registrations in flight at once: enough to overlap store writes and entity replies. */
  private static final int IN_FLIGHT = 8;

  private final HostRegistry registry;

  /**
   * The end of the queue of imports, guarded by {@code this}: each import plans against the
   * registry as the previous one left it, so two uploads cannot interleave their plans and writes.
   */
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

  public InventoryImport(HostRegistry registry) {
    this.registry = registry;
  }

  @Override
  public CompletionStage<InventoryPlan> apply(
      String inventory, List<HostSpec> hosts, boolean dryRun) {
    InventoryPlan.owner(inventory);
    List<HostSpec> listed = List.copyOf(hosts);
    synchronized (this) {
      CompletableFuture<InventoryPlan> result =
          last.handle((ignored, error) -> null)
              .thenCompose(ignored -> run(inventory, listed, dryRun))
              .toCompletableFuture();
      last = result;
      return result;
    }
  }

  private CompletionStage<InventoryPlan> run(
      String inventory, List<HostSpec> hosts, boolean dryRun) {
    return registry
        .specs()
        .thenCompose(
            registered -> {
              InventoryPlan plan = InventoryPlan.of(inventory, registered, hosts);
              if (!plan.conflicts().isEmpty()) {
                throw new ConflictException(
                    "inventory "
                        + inventory
                        + " lists hosts registered by someone else ("
                        + owners(plan)
                        + "): remove them there first, or leave them out of this inventory",
                    plan.conflicts());
              }
              if (dryRun || plan.isEmpty()) {
                return CompletableFuture.completedFuture(plan);
              }
              return changes(plan)
                  .thenApply(
                      done -> {
                        log.info(
                            "Inventory [{}] imported: {} added, {} updated, {} removed, {}"
                                + " unchanged",
                            inventory,
                            plan.added().size(),
                            plan.updated().size(),
                            plan.removed().size(),
                            plan.unchanged().size());
                        return plan;
                      });
            });
  }

  /** "web-1 by api, db-1 by inventory:other", the first few of them. */
  private static String owners(InventoryPlan plan) {
    List<String> named =
        plan.conflicts().entrySet().stream()
            .limit(10)
            .map(e -> e.getKey() + " by " + e.getValue())
            .toList();
    int more = plan.conflicts().size() - named.size();
    return String.join(", ", named) + (more > 0 ? " and " + more + " more" : "");
  }

  private CompletionStage<Void> changes(InventoryPlan plan) {
    List<Supplier<CompletionStage<?>>> tasks = new ArrayList<>();
    plan.removed().forEach(name -> tasks.add(() -> remove(name)));
    plan.updated().forEach(spec -> tasks.add(() -> registry.register(spec)));
    plan.added().forEach(spec -> tasks.add(() -> registry.register(spec)));
    List<CompletableFuture<?>> lanes = new ArrayList<>();
    for (int lane = 0; lane < IN_FLIGHT; lane++) {
      CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
      for (int i = lane; i < tasks.size(); i += IN_FLIGHT) {
        Supplier<CompletionStage<?>> task = tasks.get(i);
        chain = chain.thenCompose(previous -> task.get());
      }
      lanes.add(chain);
    }
    return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new));
  }

  /** A host deleted through the API since the plan was made is already where it should be. */
  private CompletionStage<?> remove(String name) {
    return registry
        .remove(name)
        .handle(
            (done, error) -> {
              Throwable cause = error == null ? null : Failures.unwrap(error);
              if (cause == null || cause instanceof NotFoundException) {
                return null;
              }
              throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            });
  }
}
