package io.driftwatch.coordinator.context;

import io.driftwatch.node.fact.Text;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What kind of external event a context event is, by its wire name. */
public enum EventType {
  DEPLOY("deploy"),
  CM_RUN("cm-run"),
  INCIDENT("incident"),
  NOTE("note");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The type named {@code text}; throws IllegalArgumentException listing the known ones. */
  public static EventType parse(String text) {
    for (EventType t : values()) {
      if (t.wireName.equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "type: unknown event type " + Text.quote(text) + ": use one of " + names());
  }

  static String names() {
    return Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", "));
  }
}
