package io.driftwatch.coordinator.context;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.TimeSpec;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validates a {@code POST /v1/events} body into a {@link PostedEvent}: {@code {"type":
 * "deploy|cm-run|incident|note", "who", "what", "hosts":[...] or "selector", "at", "until", "id"}}.
 * Every error names its field. Unknown fields are refused rather than ignored: a misspelt {@code
 * "host"} would otherwise turn an event about one host into one about the whole fleet.
 */
public final class EventBody {

  static final int MAX_ID = 128;
  static final int MAX_WHO = 128;
  static final int MAX_WHAT = 1000;
  static final int MAX_SELECTOR = 1000;
  public static final int MAX_HOSTS = 1000;

  /** Who posted it when the body does not say and no user header names anyone. */
  public static final String ANONYMOUS = "anonymous";

  private static final Set<String> FIELDS =
      Set.of("id", "type", "who", "what", "hosts", "selector", "at", "until");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:#@/+-]*");

  private EventBody() {}

  /**
   * @param now what {@code at} defaults to, and what relative times count from
   * @param user who posted it (the request's user header), the default {@code who}; may be null
   * @param settings the longest span and the clock skew accepted
   */
  public static PostedEvent parse(
      JsonNode body, Instant now, String user, ContextEventSettings settings) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("expected a JSON object: {\"type\",\"what\",...}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field "
                + Text.quote(name)
                + ": an event has id, type, who, what, hosts, selector, at and until");
      }
    }
    String id = text(body, "id");
    if (id == null) {
      id = UUID.randomUUID().toString();
    } else if (id.length() > MAX_ID || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id: invalid event id "
              + Text.quote(id)
              + ": use 1 to "
              + MAX_ID
              + " letters, digits or . _ : # @ / + -, starting with a letter or digit");
    }
    String type = text(body, "type");
    if (type == null) {
      throw new IllegalArgumentException("type: required, one of " + EventType.names());
    }
    EventType eventType = EventType.parse(type);
    String who = text(body, "who");
    if (who == null) {
      who = user == null || user.isBlank() ? ANONYMOUS : user.strip();
    }
    who = bounded("who", who, MAX_WHO, false);
    String what = text(body, "what");
    if (what == null) {
      throw new IllegalArgumentException(
          "what: required, e.g. \"web 1.4.2\" or \"puppet run #812\"");
    }
    what = bounded("what", what, MAX_WHAT, true);
    List<String> hosts = hosts(body.get("hosts"));
    Selector selector = selector(text(body, "selector"));
    if (!hosts.isEmpty() && selector != null) {
      throw new IllegalArgumentException(
          "hosts, selector: give one of them (or neither, for the whole fleet), not both");
    }
    Instant at = time(body, "at", now, settings.clockSkew());
    if (at == null) {
      at = now;
    }
    Instant until = time(body, "until", now, settings.clockSkew());
    if (until != null) {
      if (until.isBefore(at)) {
        throw new IllegalArgumentException("until: " + until + " is before at (" + at + ")");
      }
      if (Duration.between(at, until).compareTo(settings.maxSpan()) > 0) {
        throw new IllegalArgumentException(
            "until: an event may last at most "
                + settings.maxSpan()
                + " (driftwatch.context.max-span); "
                + at
                + " to "
                + until
                + " is longer");
      }
    }
    return new PostedEvent(id, eventType, who, what, hosts, selector, at, until);
  }

  /** A string field, or null when absent or JSON null; any other JSON type is refused. */
  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + ": expected a string, got " + kind(value));
    }
    return value.asText();
  }

  private static String bounded(String field, String value, int max, boolean multiline) {
    String v = value.strip();
    if (v.isEmpty()) {
      throw new IllegalArgumentException(field + ": must not be empty");
    }
    if (v.length() > max) {
      throw new IllegalArgumentException(
          field + ": at most " + max + " characters, got " + v.length());
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t'))) {
        throw new IllegalArgumentException(
            field + ": control characters are not allowed: " + Text.quote(v));
      }
    }
    return v;
  }

  private static List<String> hosts(JsonNode value) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(
          "hosts: expected an array of host names, got " + kind(value));
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "hosts: empty; leave hosts and selector out for an event about the whole fleet");
    }
    if (value.size() > MAX_HOSTS) {
      throw new IllegalArgumentException(
          "hosts: at most " + MAX_HOSTS + " names, got " + value.size() + "; use a selector");
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode h = value.get(i);
      if (!h.isTextual()) {
        throw new IllegalArgumentException(
            "hosts[" + i + "]: expected a host name, got " + kind(h));
      }
      try {
        names.add(HostName.requireValid(h.asText()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("hosts[" + i + "]: " + e.getMessage());
      }
    }
    return new ArrayList<>(names);
  }

  private static Selector selector(String text) {
    if (text == null) {
      return null;
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          "selector: empty; leave hosts and selector out for an event about the whole fleet");
    }
    if (text.length() > MAX_SELECTOR) {
      throw new IllegalArgumentException("selector: at most " + MAX_SELECTOR + " characters");
    }
    try {
      return Selector.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("selector: " + e.getMessage());
    }
  }

  private static Instant time(JsonNode body, String field, Instant now, Duration skew) {
    String text = text(body, field);
    if (text == null) {
      return null;
    }
    Instant t;
    try {
      t = TimeSpec.parse(text, now);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
    if (t.isAfter(now.plus(skew))) {
      throw new IllegalArgumentException(
          field + ": " + t + " is in the future; events record what happened, up to now");
    }
    return t;
  }

  private static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
