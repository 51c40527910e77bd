package io.driftwatch.coordinator;

import io.driftwatch.node.host.HostEntity;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.HostStatus;
import io.driftwatch.node.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Which hosts are monitored: registration and removal (written to the store's registry first, then
 * told to the host's entity) and the status of each host, gathered from the entities. Listing and
 * status go on while the store is down ({@link KnownHosts}); registering and removing need it.
 */
public final class HostRegistry {

  private final KnownHosts known;
  private final EntityAsk entities;
  private final Duration askTimeout;

  public HostRegistry(ActorSystem<?> system, KnownHosts known, Duration askTimeout) {
    this.known = known;
    this.entities = new EntityAsk(system);
    this.askTimeout = askTimeout;
  }

  /** The outcome of a registration; {@code created} is false when an existing host was updated. */
  public record Registration(HostStatus status, boolean created) {}

  /**
   * Registers or updates a host and starts probing it. A host owned by someone else (an inventory,
   * or the API when an inventory registers) is not taken over: that is a {@link ConflictException}.
   */
  public CompletionStage<Registration> register(HostSpec spec) {
    return known
        .get(spec.name())
        .thenCompose(
            existing -> {
              existing
                  .filter(e -> !e.managedBy().equals(spec.managedBy()))
                  .ifPresent(
                      e -> {
                        throw new ConflictException(
                            "host "
                                + spec.name()
                                + " is managed by "
                                + e.managedBy()
                                + "; change it there, or remove it first",
                            Map.of(spec.name(), e.managedBy()));
                      });
              return known
                  .put(spec)
                  .exceptionally(error -> refused("registered", spec.name(), error))
                  .thenCompose(
                      done ->
                          entities.<Done>ask(
                              spec.name(),
                              replyTo -> new HostEntity.Configure(spec, replyTo),
                              askTimeout))
                  .thenCompose(done -> status(spec))
                  .thenApply(status -> new Registration(status, existing.isEmpty()));
            })
        .exceptionally(HostRegistry::rethrow);
  }

  /** Stops monitoring a host; its history is kept. */
  public CompletionStage<Done> remove(String name) {
    return known
        .get(name)
        .thenCompose(
            existing -> {
              if (existing.isEmpty()) {
                throw new NotFoundException("unknown host " + name);
              }
              return known.remove(name).exceptionally(error -> refused("removed", name, error));
            })
        .thenCompose(done -> entities.<Done>ask(name, HostEntity.Unregister::new, askTimeout))
        .exceptionally(HostRegistry::rethrow);
  }

  /** The status of every monitored host the selector matches, by name. */
  public CompletionStage<List<HostStatus>> list(Selector selector) {
    return known
        .all()
        .thenCompose(
            hosts -> {
              List<CompletableFuture<HostStatus>> statuses =
                  hosts.stream()
                      .filter(selector::matches)
                      .map(spec -> statusOrPending(spec).toCompletableFuture())
                      .toList();
              return CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new))
                  .thenApply(all -> statuses.stream().map(CompletableFuture::join).toList());
            })
        .exceptionally(HostRegistry::rethrow);
  }

  /** The status of one monitored host. */
  public CompletionStage<HostStatus> get(String name) {
    return known
        .get(name)
        .thenCompose(
            spec -> status(spec.orElseThrow(() -> new NotFoundException("unknown host " + name))))
        .exceptionally(HostRegistry::rethrow);
  }

  /** The registered spec of a host, or NotFoundException. */
  public CompletionStage<HostSpec> spec(String name) {
    return known
        .get(name)
        .thenApply(spec -> spec.orElseThrow(() -> new NotFoundException("unknown host " + name)))
        .exceptionally(HostRegistry::rethrow);
  }

  /** The registered spec of every monitored host, whoever owns it. */
  public CompletionStage<List<HostSpec>> specs() {
    return known.all().exceptionally(HostRegistry::rethrow);
  }

  /**
   * Starts the entity of every monitored host, so that probing never depends on someone asking.
   * Returns how many hosts were woken.
   */
  public CompletionStage<Integer> wakeAll() {
    return known
        .all()
        .thenApply(
            hosts -> {
              hosts.forEach(h -> entities.tell(h.name(), HostEntity.Wake.INSTANCE));
              return hosts.size();
            });
  }

  private CompletionStage<HostStatus> status(HostSpec spec) {
    return entities
        .<HostEntity.StatusReply>ask(spec.name(), HostEntity.GetStatus::new, askTimeout)
        .thenApply(
            reply -> {
              if (reply instanceof HostEntity.Status s) {
                return s.status();
              }
              throw new NotFoundException("unknown host " + spec.name());
            });
  }

  /** In a listing, a host that is slow to answer is shown as pending rather than failing all. */
  private CompletionStage<HostStatus> statusOrPending(HostSpec spec) {
    return status(spec)
        .exceptionally(
            error ->
                new HostStatus(
                    spec,
                    HostStatus.State.PENDING,
                    null,
                    Failures.unwrap(error).getMessage(),
                    null,
                    null,
                    null,
                    0,
                    List.of(),
                    Map.of(),
                    null));
  }

  /**
   * A registry change the store did not take: nothing changed, so the caller must hear it (503)
   * rather than believe the host is monitored, or no longer monitored.
   */
  private <T> T refused(String change, String host, Throwable error) {
    Throwable cause = Failures.unwrap(error);
    if (cause instanceof StoreException s) {
      throw new UnavailableException(
          "host "
              + host
              + " is not "
              + change
              + ": the host registry is kept in store ["
              + known.storeKind()
              + "], which did not take the change ("
              + s.getMessage()
              + "). Nothing changed; try again once the store answers (GET /v1/health)");
    }
    throw Failures.rethrow(cause);
  }

  private static <T> T rethrow(Throwable error) {
    throw Failures.rethrow(Failures.unwrap(error));
  }
}
