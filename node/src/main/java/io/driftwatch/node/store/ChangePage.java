package io.driftwatch.node.store;

import io.driftwatch.node.fact.ChangeEvent;
import java.util.List;

/**
 * Changes answering a query, oldest first.
 *
 * @param truncated true when older matching changes were left out because of the limit
 */
public record ChangePage(List<ChangeEvent> changes, boolean truncated) {

  public ChangePage {
    changes = List.copyOf(changes);
  }
}
