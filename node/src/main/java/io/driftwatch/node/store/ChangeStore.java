package io.driftwatch.node.store;

import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.host.HostSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Where history lives: append-only change events with unique ids, periodic full snapshots so that
 * "state at t" never replays the whole history, and the host registry. Every implementation passes
 * the same contract test suite ({@code ChangeStoreContract}). All methods are asynchronous so that
 * actors never block on I/O; a failed stage carries a {@link StoreException}.
 *
 * <p>Instants handed to the store have millisecond precision (the host entity truncates them); the
 * store keeps them as epoch milliseconds, so they read back equal.
 */
public interface ChangeStore extends AutoCloseable {

  /** A short name for health output, e.g. "embedded". */
  String kind();

  /** Registers or updates a host; re-registering a removed host monitors it again. */
  CompletionStage<Done> putHost(HostSpec host);

  /** Stops monitoring a host; its history is kept and stays queryable. */
  CompletionStage<Done> removeHost(String name);

  /** The monitored hosts, by name. */
  CompletionStage<List<HostSpec>> hosts();

  /** One monitored host, or empty when it is unknown or removed. */
  CompletionStage<Optional<HostSpec>> host(String name);

  /**
   * Records one successful probe: its change events, an optional full snapshot, contents of tracked
   * files, and the probe time. Atomic where the store allows it; idempotent by event id everywhere.
   */
  CompletionStage<Done> recordProbe(ProbeRecord probe);

  /** The newest recorded state of a host, to resume after a restart; empty if never probed. */
  CompletionStage<Optional<StoredState>> latest(String host);

  /** The facts of a host as they were at {@code at}; empty if it had not been probed by then. */
  CompletionStage<Optional<FactSet>> stateAt(String host, Instant at);

  /**
   * Change events matching the query, oldest first; the newest {@code limit} when there are more.
   */
  CompletionStage<ChangePage> changes(ChangeQuery query);

  /** The text of a tracked file by the sha256 its fact names, if it was small enough to keep. */
  CompletionStage<Optional<String>> content(String sha256);

  /**
   * Writes one version of a drift policy definition (or its removal, {@code deleted}) and appends
   * it to that name's history. Last write wins per name; history keeps every write.
   */
  CompletionStage<Done> putRegistryEntry(RegistryEntry entry);

  /**
   * The current, not removed, definitions of a registry, in name order (by code point, as SQLite
   * and Cassandra compare text).
   */
  CompletionStage<List<RegistryEntry>> registry(Registry registry);

  /** Every version of one definition, removals included, newest first; empty if never written. */
  CompletionStage<List<RegistryEntry>> registryHistory(Registry registry, String name);

  /**
   * Records an external context event; adding the same event again changes nothing. Events are
   * immutable: a second, different event with the same id is not a supported use.
   */
  CompletionStage<Done> addContextEvent(ContextEvent event);

  /**
   * Context events with {@code from <= at <= to}, oldest first (ties by id); the newest {@code
   * limit} of them. A {@code limit} below 1 fails with {@link IllegalArgumentException}.
   */
  CompletionStage<List<ContextEvent>> contextEvents(Instant from, Instant to, int limit);

  /**
   * The backlog of a store that spools probe records while the store behind it is unavailable (see
   * {@link SpoolingChangeStore}); empty for a store that writes directly. Cheap: health, metrics
   * and every host entity's timer read it.
   */
  default Optional<SpoolStatus> spool() {
    return Optional.empty();
  }

  /** Releases connections and files; pending writes are finished first. */
  @Override
  void close();
}
