package io.driftwatch.node.host;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.driftwatch.node.fact.Text;

/** How an SSH host's key is checked against the known_hosts file. */
public enum HostKeyPolicy {
  /** Unknown or changed keys are refused. */
  STRICT,
  /** An unknown key is trusted on first use and pinned; a changed key is refused. */
  ACCEPT_NEW;

  @JsonValue
  public String wireName() {
    return this == STRICT ? "strict" : "accept-new";
  }

  @JsonCreator
  public static HostKeyPolicy parse(String text) {
    for (HostKeyPolicy p : values()) {
      if (p.wireName().equals(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown hostKeyPolicy " + Text.quote(text) + ": expected strict or accept-new");
  }
}
