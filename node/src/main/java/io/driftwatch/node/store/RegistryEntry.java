package io.driftwatch.node.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a named drift policy definition (an expectation, a baseline or an exception): its
 * JSON body as the API accepted it, who changed it and when. A removal is an entry with {@code
 * deleted} set and the last definition kept, so history always shows what was removed.
 */
public record RegistryEntry(
    Registry registry,
    String name,
    String definition,
    boolean deleted,
    Instant changedAt,
    String changedBy) {

  public RegistryEntry {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(changedAt, "changedAt");
    Objects.requireNonNull(changedBy, "changedBy");
  }
}
