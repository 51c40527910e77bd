package io.driftwatch.coordinator.context;

import io.driftwatch.coordinator.ConflictException;
import io.driftwatch.coordinator.Failures;
import io.driftwatch.coordinator.KnownHosts;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.UnavailableException;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * External context events: posting them (idempotently by id), listing them, and finding those
 * around a list of changes with ONE store read covering all of them ({@link EventIndex} does the
 * matching). Queries that merge events into changes degrade rather than fail when the events cannot
 * be read: the changes are still answered, with a note.
 */
public final class ContextEvents {

  private static final Logger log = LoggerFactory.getLogger(ContextEvents.class);

  private final ChangeStore store;
  private final KnownHosts known;
  private final ContextEventSettings settings;

  public ContextEvents(ChangeStore store, KnownHosts known, ContextEventSettings settings) {
    this.store = store;
    this.known = known;
    this.settings = settings;
  }

  public ContextEventSettings settings() {
    return settings;
  }

  /** The stored event and whether this post stored it (false: a repeat of one already there). */
  public record Posted(PostedEvent event, boolean created) {}

  /** Events of a time range, oldest first; {@code truncated} when older ones were left out. */
  public record Listing(List<PostedEvent> events, boolean truncated) {}

  /**
   * The events around some changes: {@link #of} answers per change. {@code unavailable} says why
   * there are none when the store could not be read (null otherwise).
   */
  public record Matches(EventIndex index, Function<String, HostSpec> specs, String unavailable) {

    public List<PostedEvent> of(ChangeEvent change) {
      return index.around(change, specs.apply(change.host()));
    }
  }

  /**
   * Stores an event. A post with an id already stored (within {@code repeat-window} of its time) is
   * a repeat: answered with the stored event and not written again, when it says the same (ignoring
   * {@code at} if this post gave none); saying something else is a conflict.
   *
   * @param idGiven whether the body gave the id; a generated one is new, so nothing is looked up
   * @param atGiven whether the body gave {@code at} (else it is the time of this post)
   */
  public CompletionStage<Posted> post(PostedEvent event, boolean idGiven, boolean atGiven) {
    if (!idGiven) {
      return store
          .addContextEvent(event.toStored())
          .thenApply(done -> new Posted(event, true))
          .exceptionally(this::unavailable);
    }
    TimeRange around =
        new TimeRange(
            clamp(event.at().minus(settings.repeatWindow())),
            event.at().plus(settings.repeatWindow()));
    return store
        .contextEvents(around.from(), around.to(), settings.maxRead())
        .thenCompose(
            stored -> {
              Optional<PostedEvent> earlier =
                  stored.stream()
                      .filter(e -> e.id().equals(event.id()))
                      .map(PostedEvent::of)
                      .findFirst();
              if (earlier.isPresent()) {
                PostedEvent first = earlier.get();
                if (!first.sameAs(event, atGiven)) {
                  throw new ConflictException(
                      "event "
                          + event.id()
                          + " was already posted (at "
                          + first.at()
                          + ") with other content; post a new event with another id",
                      Map.of());
                }
                return CompletableFuture.completedFuture(new Posted(first, false));
              }
              return store
                  .addContextEvent(event.toStored())
                  .thenApply(done -> new Posted(event, true));
            })
        .exceptionally(this::unavailable);
  }

  /**
   * Events whose span overlaps {@code range}, oldest first, the newest {@code limit}.
   *
   * @param selector only events concerning a host it selects (null: every event)
   * @param host only events concerning this host (null: every event)
   * @param types only these types (empty: every type)
   */
  public CompletionStage<Listing> list(
      TimeRange range, Selector selector, String host, Set<EventType> types, int limit) {
    CompletionStage<List<HostSpec>> hosts =
        selector == null && host == null
            ? CompletableFuture.completedFuture(List.of())
            : known.all();
    return hosts
        .thenCompose(
            specs ->
                read(range, settings.maxRead())
                    .thenApply(
                        events -> {
                          HostFilter filter = new HostFilter(selector, host, specs);
                          List<PostedEvent> kept = new ArrayList<>();
                          for (PostedEvent e : EventIndex.of(events, settings).all()) {
                            if (e.overlaps(range.from(), range.to())
                                && (types.isEmpty() || types.contains(e.type()))
                                && filter.keeps(e)) {
                              kept.add(e);
                            }
                          }
                          boolean truncated =
                              kept.size() > limit || events.size() >= settings.maxRead();
                          return new Listing(
                              kept.size() > limit
                                  ? kept.subList(kept.size() - limit, kept.size())
                                  : kept,
                              truncated);
                        }))
        .exceptionally(this::unavailable);
  }

  /**
   * The events around {@code changes}, read once for all of them.
   *
   * @param specs the spec of each changed host (null for a host no longer monitored)
   */
  public CompletionStage<Matches> around(
      Collection<ChangeEvent> changes, Function<String, HostSpec> specs) {
    TimeRange range = EventIndex.readRange(changes, settings);
    if (range == null) {
      return CompletableFuture.completedFuture(
          new Matches(EventIndex.of(List.of(), settings), specs, null));
    }
    return read(range, settings.maxRead())
        .thenApply(events -> new Matches(EventIndex.of(events, settings), specs, null))
        .exceptionally(
            error -> {
              String why = "context events are unavailable: " + Failures.unwrap(error).getMessage();
              log.debug("{}", why);
              return new Matches(EventIndex.of(List.of(), settings), specs, why);
            });
  }

  /** The events around one host's changes, with the host's spec read from the registry. */
  public CompletionStage<Matches> aroundHost(String host, Collection<ChangeEvent> changes) {
    if (changes.isEmpty()) {
      return around(changes, h -> null);
    }
    return known
        .get(host)
        .exceptionally(error -> Optional.empty())
        .thenCompose(spec -> around(changes, h -> h.equals(host) ? spec.orElse(null) : null));
  }

  private CompletionStage<List<PostedEvent>> read(TimeRange range, int limit) {
    return store
        .contextEvents(range.from(), range.to(), limit)
        .thenApply(events -> events.stream().map(PostedEvent::of).toList());
  }

  private static Instant clamp(Instant t) {
    return t.isBefore(Instant.EPOCH) ? Instant.EPOCH : t;
  }

  private <T> T unavailable(Throwable error) {
    Throwable cause = Failures.unwrap(error);
    if (cause instanceof StoreException s) {
      throw new UnavailableException(
          "context events are unavailable: store ["
              + store.kind()
              + "] does not answer ("
              + s.getMessage()
              + ")");
    }
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    throw new java.util.concurrent.CompletionException(cause);
  }

  /** Keeps the events concerning a selector's hosts, or one host. */
  private static final class HostFilter {
    private final Selector selector;
    private final String host;
    private final Map<String, HostSpec> selected;
    private final Map<String, Boolean> selectorHits = new HashMap<>();

    HostFilter(Selector selector, String host, List<HostSpec> specs) {
      this.selector = selector;
      this.host = host;
      this.selected =
          specs.stream()
              .filter(s -> selector == null || selector.matches(s))
              .filter(s -> host == null || s.name().equals(host))
              .collect(Collectors.toMap(HostSpec::name, s -> s));
    }

    boolean keeps(PostedEvent e) {
      if (selector == null && host == null) {
        return true;
      }
      if (host != null && selected.isEmpty()) {
        // Not monitored (any more): its events name it.
        return e.fleetWide() || e.hosts().contains(host);
      }
      if (e.fleetWide() || e.hosts().stream().anyMatch(selected::containsKey)) {
        return true;
      }
      // Few distinct selectors among many events: each is tried against the hosts once.
      return e.selector() != null
          && selectorHits.computeIfAbsent(
              e.selector().toString(),
              text -> selected.values().stream().anyMatch(e.selector()::matches));
    }
  }
}
