package io.driftwatch.node.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An external context event posted to the API (a deploy, a CM run, an incident, a note): what
 * happened around a change, by whom, on which hosts (named, or a selector's text). Immutable,
 * unique by id; {@code definition} is the JSON body as the API accepted it.
 */
public record ContextEvent(
    String id,
    String type,
    String who,
    String what,
    List<String> hosts,
    String selector,
    Instant at,
    String definition) {

  public ContextEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(definition, "definition");
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }
}
