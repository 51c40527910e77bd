package io.driftwatch.coordinator.stream;

import io.driftwatch.node.CborSerializable;
import io.driftwatch.node.notify.Notice;
import java.time.Instant;
import java.util.Map;

/**
 * A notice with its cluster-wide id: what the sequencer publishes to every member and what the
 * stream and the webhooks send. Ids only ever increase (see {@link EventIds}).
 */
public record StreamEvent(
    long id, String kind, String host, Map<String, String> tags, String json, Instant at)
    implements CborSerializable {

  public StreamEvent {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  static StreamEvent of(long id, Notice notice) {
    return new StreamEvent(
        id, notice.kind(), notice.host(), notice.tags(), notice.json(), notice.at());
  }
}
