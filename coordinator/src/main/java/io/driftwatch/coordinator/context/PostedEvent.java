package io.driftwatch.coordinator.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.store.ContextEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A context event as the coordinator works with it: validated, its selector parsed, and its span
 * [{@code at}, {@code until}] known ({@code until} lives in the stored definition, since the store
 * record has no column for it).
 *
 * @param hosts the hosts it names; empty with a null selector means the whole fleet
 * @param selector the selector it names, or null
 * @param until the end of an event that lasted (a CM run), or null for an instant
 */
public record PostedEvent(
    String id,
    EventType type,
    String who,
    String what,
    List<String> hosts,
    Selector selector,
    Instant at,
    Instant until) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public PostedEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    // Stores keep milliseconds: an event reads back as it was posted.
    at = at.truncatedTo(ChronoUnit.MILLIS);
    until = until == null ? null : until.truncatedTo(ChronoUnit.MILLIS);
    if (until != null && until.isBefore(at)) {
      throw new IllegalArgumentException("until (" + until + ") is before at (" + at + ")");
    }
  }

  /** When it ended: {@code until}, or {@code at} for an instant. */
  public Instant end() {
    return until == null ? at : until;
  }

  /** Whether the event names neither hosts nor a selector, and so concerns every host. */
  public boolean fleetWide() {
    return hosts.isEmpty() && selector == null;
  }

  /** Whether its span [at, end] meets the closed interval [from, to]. */
  public boolean overlaps(Instant from, Instant to) {
    return !at.isAfter(to) && !end().isBefore(from);
  }

  /**
   * Whether it concerns a host: fleet-wide, naming it, or with a selector matching its spec (a
   * removed host, with no spec, is matched by name only).
   */
  public boolean concerns(String host, HostSpec spec) {
    return fleetWide()
        || hosts.contains(host)
        || (selector != null && spec != null && selector.matches(spec));
  }

  /** The record the store keeps: the fields it indexes, and the whole event as JSON. */
  public ContextEvent toStored() {
    ObjectNode definition = JSON.createObjectNode();
    definition.put("id", id);
    definition.put("type", type.wireName());
    definition.put("who", who);
    definition.put("what", what);
    if (!hosts.isEmpty()) {
      hosts.forEach(definition.putArray("hosts")::add);
    }
    if (selector != null) {
      definition.put("selector", selector.toString());
    }
    definition.put("at", at.toString());
    if (until != null) {
      definition.put("until", until.toString());
    }
    return new ContextEvent(
        id,
        type.wireName(),
        who,
        what,
        hosts,
        selector == null ? null : selector.toString(),
        at,
        definition.toString());
  }

  /**
   * The event a store record holds. Every record was validated when it was posted; a record this
   * version cannot read whole (an unknown type, a selector it no longer parses) is read as a note
   * about the hosts it names, so that one bad row never fails a query.
   */
  public static PostedEvent of(ContextEvent stored) {
    EventType type;
    try {
      type = EventType.parse(stored.type());
    } catch (IllegalArgumentException e) {
      type = EventType.NOTE;
    }
    Selector selector = null;
    if (stored.selector() != null && !stored.selector().isBlank()) {
      try {
        selector = Selector.parse(stored.selector());
      } catch (IllegalArgumentException e) {
        selector = null;
      }
    }
    Instant until = until(stored.definition());
    return new PostedEvent(
        stored.id(),
        type,
        stored.who(),
        stored.what(),
        stored.hosts(),
        selector,
        stored.at(),
        until != null && !until.isBefore(stored.at()) ? until : null);
  }

  private static Instant until(String definition) {
    try {
      JsonNode until = JSON.readTree(definition).get("until");
      return until == null || !until.isTextual() ? null : Instant.parse(until.asText());
    } catch (JsonProcessingException | DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Whether {@code other} says the same (its id aside), its time too when {@code compareAt}; tells
   * a repeated post from a conflicting one.
   */
  public boolean sameAs(PostedEvent other, boolean compareAt) {
    return type == other.type
        && Objects.equals(who, other.who)
        && Objects.equals(what, other.what)
        && hosts.equals(other.hosts)
        && Objects.equals(text(selector), text(other.selector))
        && (!compareAt || at.equals(other.at))
        && Objects.equals(until, other.until);
  }

  private static String text(Selector s) {
    return s == null ? null : s.toString();
  }
}
