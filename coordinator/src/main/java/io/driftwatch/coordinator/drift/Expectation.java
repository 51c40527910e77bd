package io.driftwatch.coordinator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.fact.Text;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An explicit assertion about the hosts a selector picks: {@code {"selector":"role=web",
 * "key":"package:openssh-server","op":"ge","value":"1:9.2p1-2"}}. {@code key} is an exact fact key
 * or a glob ({@code sysctl:vm.*}); {@code severity} optionally overrides the severity rules.
 *
 * <p>A class rather than a record so that a regex is compiled once, when the expectation is made.
 */
public final class Expectation {

  /** Longest regular expression accepted. */
  public static final int MAX_PATTERN = 1000;

  private static final Set<String> FIELDS =
      Set.of("name", "selector", "key", "op", "value", "severity");

  private final String name;
  private final Selector selector;
  private final String key;
  private final ExpectationOp op;
  private final String value;
  private final String severity;
  private final Pattern pattern;

  /** Validates; throws IllegalArgumentException naming the field at fault. */
  public Expectation(
      String name, Selector selector, String key, ExpectationOp op, String value, String severity) {
    this.name = PolicyName.requireValid("expectation name", name);
    this.selector = Objects.requireNonNull(selector, "selector");
    this.key = Objects.requireNonNull(key, "key");
    this.op = Objects.requireNonNull(op, "op");
    this.severity = severity;
    if (op.takesValue() && value == null) {
      throw new IllegalArgumentException("value: required for op " + op.wireName());
    }
    if (!op.takesValue() && value != null) {
      throw new IllegalArgumentException("value: op " + op.wireName() + " takes no value");
    }
    if (op.comparesVersions() && value.isBlank()) {
      throw new IllegalArgumentException("value: op " + op.wireName() + " needs a version");
    }
    this.value = value;
    this.pattern = op == ExpectationOp.REGEX ? compile(value) : null;
  }

  private static Pattern compile(String regex) {
    if (regex.length() > MAX_PATTERN) {
      throw new IllegalArgumentException(
          "value: regular expression longer than " + MAX_PATTERN + " characters");
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "value: invalid regular expression "
              + Text.quote(regex)
              + ": "
              + e.getDescription()
              + " near index "
              + e.getIndex());
    }
  }

  /** Reads a PUT body; {@code name} comes from the path. */
  public static Expectation fromJson(String name, JsonNode body) {
    PolicyJson.requireFields(body, "expectation", FIELDS);
    PolicyJson.requireSameName(body, "name", name);
    return new Expectation(
        name,
        PolicyJson.selector(body),
        PolicyJson.keyPattern(body),
        ExpectationOp.parse(PolicyJson.required(body, "op")),
        PolicyJson.text(body, "value"),
        PolicyJson.severity(body));
  }

  /** The stored definition, which {@link #fromJson} reads back to an equal expectation. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    json.put("selector", selector.toString());
    json.put("key", key);
    json.put("op", op.wireName());
    if (value != null) {
      json.put("value", value);
    }
    if (severity != null) {
      json.put("severity", severity);
    }
    return json;
  }

  /** True when this expectation speaks about {@code factKey} (equal, or matched by the glob). */
  public boolean coversKey(String factKey) {
    return KeyGlob.matches(key, factKey);
  }

  /** True when {@code key} is a glob rather than one fact key. */
  public boolean isKeyPattern() {
    return KeyGlob.isGlob(key);
  }

  /**
   * True when a fact whose value is {@code actual} (null when the host does not have the fact)
   * satisfies this expectation. Version operators compare with {@code scheme} (Debian when null)
   * and are never met by an absent fact; {@code ne} is met by one.
   */
  public boolean isMetBy(String actual, VersionScheme scheme) {
    return switch (op) {
      case PRESENT -> actual != null;
      case ABSENT -> actual == null;
      case EQ -> value.equals(actual);
      case NE -> !value.equals(actual);
      case REGEX -> actual != null && pattern.matcher(actual).matches();
      case GE, GT, LE, LT -> actual != null && versionHolds(actual, scheme);
    };
  }

  private boolean versionHolds(String actual, VersionScheme scheme) {
    int c = VersionOrder.compare(scheme == null ? VersionScheme.DEBIAN : scheme, actual, value);
    return switch (op) {
      case GE -> c >= 0;
      case GT -> c > 0;
      case LE -> c <= 0;
      case LT -> c < 0;
      default -> throw new IllegalStateException("not a version operator: " + op);
    };
  }

  /**
   * What a finding shows as {@code expected}: {@code >= 1:9.2p1-2}, {@code present}, {@code 60}.
   */
  public String expectedText() {
    return switch (op) {
      case EQ -> value;
      case NE -> "!= " + value;
      case REGEX -> "matches " + value;
      case GE -> ">= " + value;
      case GT -> "> " + value;
      case LE -> "<= " + value;
      case LT -> "< " + value;
      case PRESENT -> "present";
      case ABSENT -> "absent";
    };
  }

  public String name() {
    return name;
  }

  public Selector selector() {
    return selector;
  }

  public String key() {
    return key;
  }

  public ExpectationOp op() {
    return op;
  }

  /** The operand; null for {@code present} and {@code absent}. */
  public String value() {
    return value;
  }

  /** The severity override (high, medium, low), or null to use the rules. */
  public String severity() {
    return severity;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Expectation e
        && name.equals(e.name)
        && selector.equals(e.selector)
        && key.equals(e.key)
        && op == e.op
        && Objects.equals(value, e.value)
        && Objects.equals(severity, e.severity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, selector, key, op, value, severity);
  }

  @Override
  public String toString() {
    return "Expectation" + toJson();
  }
}
