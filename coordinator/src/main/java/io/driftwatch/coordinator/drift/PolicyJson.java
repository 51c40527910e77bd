package io.driftwatch.coordinator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.fact.FactKey;
import io.driftwatch.node.fact.Text;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading policy bodies: every failure is an IllegalArgumentException whose message starts with the
 * field at fault ({@code op: unknown operator …}), which the API answers as a 400.
 */
final class PolicyJson {

  /** Longest value, pattern, owner or reason accepted. */
  static final int MAX_TEXT = 4096;

  private PolicyJson() {}

  /** Throws unless {@code body} is an object whose fields are all in {@code allowed}. */
  static void requireFields(JsonNode body, String what, Set<String> allowed) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException(what + ": the body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            name + ": unknown field in " + what + "; expected " + new TreeSet<>(allowed));
      }
    }
  }

  /** The text of {@code field}, or null when it is missing or null. */
  static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw new IllegalArgumentException(field + ": expected a string");
    }
    String text = node.asText();
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + ": longer than " + MAX_TEXT + " characters");
    }
    return text;
  }

  /** The non-blank text of {@code field}; throws when it is missing. */
  static String required(JsonNode body, String field) {
    String text = text(body, field);
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(field + ": required");
    }
    return text;
  }

  /** The selector in {@code field}; missing or empty selects every host. */
  static Selector selector(JsonNode body) {
    try {
      return Selector.parse(text(body, "selector"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage().startsWith("selector:") ? e.getMessage() : "selector: " + e.getMessage());
    }
  }

  /** A fact key or key glob: a valid fact key once each {@code *} is read as a letter. */
  static String keyPattern(JsonNode body) {
    String key = required(body, "key");
    if (!FactKey.isValid(key.replace('*', 'x'))) {
      throw new IllegalArgumentException(
          "key: invalid fact key or pattern "
              + Text.quote(key)
              + ": expected category:name like package:openssh-server, '*' matching any"
              + " characters (sysctl:vm.*)");
    }
    return key;
  }

  /** The severity override: null, or one of high, medium, low. */
  static String severity(JsonNode body) {
    String severity = text(body, "severity");
    if (severity != null && !Set.of("high", "medium", "low").contains(severity)) {
      throw new IllegalArgumentException(
          "severity: " + Text.quote(severity) + " is not one of high, medium, low");
    }
    return severity;
  }

  /** Throws when the body names the object differently from the path ({@code field} is name/id). */
  static void requireSameName(JsonNode body, String field, String name) {
    String inBody = text(body, field);
    if (inBody != null && !inBody.equals(name)) {
      throw new IllegalArgumentException(
          field + ": " + Text.quote(inBody) + " does not match the path's " + Text.quote(name));
    }
  }
}
