package io.driftwatch.coordinator.fleet;

import io.driftwatch.node.CborSerializable;
import java.time.Instant;

/**
 * What each member aggregates for a fleet diff: its hosts the selector matches, their facts under
 * the prefix, now or at an instant.
 *
 * @param selector selector text (parsed on the member; already validated by the coordinator)
 * @param prefix keep keys starting with this; "" keeps all
 * @param at the instant to compare at, or null for the hosts' current facts
 * @param hostCap see {@link FleetAggregate#hostCap()}
 */
public record FleetQuery(String selector, String prefix, Instant at, int hostCap)
    implements CborSerializable {}
