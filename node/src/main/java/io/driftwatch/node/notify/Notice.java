package io.driftwatch.node.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a watcher wants to hear about as it happens: a change on a host, a drift finding that
 * appeared or was resolved, a host that became unreachable. The stream (SSE, WebSocket) and the
 * webhooks send {@code json} as the event's data; {@code host} and {@code tags} let a subscriber's
 * selector pick what it wants without parsing the data.
 *
 * @param kind what happened: {@code change}, {@code change-set}, {@code drift}, {@code
 *     drift-resolved}, {@code host-status}, {@code flap}
 * @param host the host it is about, or null for a notice about many hosts (a change set)
 * @param tags the host's tags (for selectors); empty for a notice about many hosts
 * @param json one JSON object, the event's data as clients receive it
 * @param at when it happened (detected)
 */
public record Notice(String kind, String host, Map<String, String> tags, String json, Instant at) {

  public Notice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(at, "at");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
