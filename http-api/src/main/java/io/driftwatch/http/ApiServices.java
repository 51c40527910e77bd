package io.driftwatch.http;

import io.driftwatch.coordinator.FleetQueries;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.HostRegistry;
import io.driftwatch.coordinator.content.ContentDiffs;
import io.driftwatch.coordinator.context.ContextEvents;
import io.driftwatch.coordinator.drift.DriftQueries;
import io.driftwatch.coordinator.drift.PolicyRegistry;
import io.driftwatch.coordinator.inventory.InventoryImporter;
import io.driftwatch.coordinator.stream.Notifications;
import io.driftwatch.node.host.HostMetrics;
import io.driftwatch.node.store.ChangeStore;
import java.util.Objects;

/**
 * Everything the API answers from, built once by the node (or a benchmark member) and handed to
 * {@link ApiRoutes}: one record instead of a constructor that grows with every resource.
 */
public record ApiServices(
    ChangeStore store,
    HostRegistry registry,
    HostQueries queries,
    FleetQueries fleet,
    DriftQueries drift,
    PolicyRegistry policies,
    ContextEvents contextEvents,
    ContentDiffs contentDiffs,
    InventoryImporter imports,
    Notifications notifications,
    HostMetrics hostMetrics) {

  public ApiServices {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(queries, "queries");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(drift, "drift");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(contextEvents, "contextEvents");
    Objects.requireNonNull(contentDiffs, "contentDiffs");
    Objects.requireNonNull(imports, "imports");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(hostMetrics, "hostMetrics");
  }
}
