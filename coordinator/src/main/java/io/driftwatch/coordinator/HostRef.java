package io.driftwatch.coordinator;

import io.driftwatch.node.host.HostName;
import java.time.Instant;

/**
 * One side of a diff: a host, now or at an instant ({@code web-1} or {@code web-1@-1d}).
 *
 * @param at null for the host's current state
 */
public record HostRef(String host, Instant at) {

  /** Parses {@code NAME[@TIME]}; throws IllegalArgumentException for a bad name or time. */
  public static HostRef parse(String text, Instant now) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("missing host: expected NAME or NAME@TIME");
    }
    int at = text.indexOf('@');
    String name = at < 0 ? text : text.substring(0, at);
    HostName.requireValid(name);
    return new HostRef(name, at < 0 ? null : TimeSpec.parse(text.substring(at + 1), now));
  }
}
