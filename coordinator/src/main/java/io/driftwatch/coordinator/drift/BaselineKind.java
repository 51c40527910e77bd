package io.driftwatch.coordinator.drift;

import io.driftwatch.node.fact.Text;
import java.util.Locale;

/** What a baseline compares a host with; lower case in JSON. */
public enum BaselineKind {
  /** The consensus of the host's peers (the hosts the selector picks in its role). */
  PEERS,
  /** The host's own state at a reference time. */
  TIME,
  /** Another host (live, or at a time), or a saved snapshot of a host or a group. */
  GOLDEN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BaselineKind parse(String text) {
    for (BaselineKind kind : values()) {
      if (kind.wireName().equals(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "kind: unknown baseline kind " + Text.quote(text) + "; use peers, time or golden");
  }
}
