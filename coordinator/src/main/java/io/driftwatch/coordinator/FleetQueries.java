package io.driftwatch.coordinator;

import io.driftwatch.coordinator.context.ContextEvents;
import io.driftwatch.coordinator.fleet.ChangeSets;
import io.driftwatch.coordinator.fleet.FleetAggregator;
import io.driftwatch.coordinator.fleet.FleetAnswer;
import io.driftwatch.coordinator.fleet.FleetChanges;
import io.driftwatch.coordinator.fleet.FleetDiff;
import io.driftwatch.coordinator.fleet.FleetDifferences;
import io.driftwatch.coordinator.fleet.FleetGather;
import io.driftwatch.coordinator.fleet.FleetQuery;
import io.driftwatch.coordinator.fleet.FleetSettings;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.TimeRange;
import io.driftwatch.node.host.HostEntity;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.store.ChangePage;
import io.driftwatch.node.store.ChangeQuery;
import io.driftwatch.node.store.ChangeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Questions about many hosts at once: the fleet diff (scattered to every member's {@link
 * FleetAggregator}, merged here, answered by a deadline with the missing hosts named) and fleet
 * change sets (grouped from the store's fleet timeline, where history lives).
 */
public final class FleetQueries {

  /** Where per-query gatherers live; their children's path is configured for large messages. */
  static final String GATHERERS = "fleet-queries";

  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Up to this many selected hosts, change sets read each host's history instead of the fleet's.
   */
  static final int HOSTS_READ_ONE_BY_ONE = 32;

  private static final DispatcherSelector DISPATCHER =
      DispatcherSelector.fromConfig("driftwatch.fleet.dispatcher");

  private final ActorSystem<?> system;
  private final ChangeStore store;
  private final KnownHosts known;
  private final EntityAsk entities;
  private final FleetSettings settings;
  private final ContextEvents contextEvents;
  private final ActorRef<SpawnProtocol.Command> gatherers;
  private final AtomicLong queries = new AtomicLong();

  /** Where merging runs: CPU work, kept off the default dispatcher like the aggregation. */
  private final Executor merging;

  /**
   * @param known the registry, answered from memory while the store is down, so that a fleet diff
   *     of current state keeps working then
   * @param contextEvents the external events merged into change sets
   */
  public FleetQueries(
      ActorSystem<?> system,
      ChangeStore store,
      KnownHosts known,
      FleetSettings settings,
      ContextEvents contextEvents) {
    this.system = system;
    this.store = store;
    this.known = known;
    this.entities = new EntityAsk(system);
    this.settings = settings;
    this.contextEvents = contextEvents;
    this.gatherers = system.systemActorOf(SpawnProtocol.create(), GATHERERS, Props.empty());
    this.merging = system.dispatchers().lookup(DISPATCHER);
  }

  /**
   * Starts this member's aggregator, which answers fleet queries for the hosts living here. Once
   * per member.
   */
  public static void startAggregator(
      ActorSystem<?> system, ChangeStore store, FleetSettings settings) {
    system.systemActorOf(
        FleetAggregator.create(store, settings.storeParallelism()), "fleet-aggregator", DISPATCHER);
  }

  /**
   * Every key on which the selected hosts disagree, now ({@code at} null) or at an instant.
   *
   * @param limit at most this many keys, rarest deviation first
   */
  public CompletionStage<FleetDiff> diff(Selector selector, String prefix, Instant at, int limit) {
    return gathered(selector, prefix, at, settings.hostsListed())
        .thenApply(
            answer -> {
              var differences = FleetDifferences.of(answer.aggregate(), settings.valuesListed());
              return new FleetDiff(
                  selector.toString(),
                  prefix,
                  at,
                  answer.hosts(),
                  answer.aggregate().hosts().size(),
                  answer.aggregate().notProbed(),
                  answer.missing(),
                  differences.size(),
                  differences.subList(0, Math.min(limit, differences.size())));
            });
  }

  /**
   * The current facts of the selected hosts aggregated by the members (key → value → hosts), with
   * host names for every value held by at most {@code hostCap} hosts: what drift's peer consensus
   * and expectations judge. Selects from {@code registry}, the monitored hosts as the caller read
   * them (a drift evaluation reads the registry once for all its aggregates).
   */
  public CompletionStage<FleetAnswer> aggregate(
      List<HostSpec> registry, Selector selector, String prefix, int hostCap) {
    CompletionStage<Set<String>> hosts;
    try {
      hosts = CompletableFuture.completedFuture(select(registry, selector).keySet());
    } catch (NotFoundException e) {
      hosts = CompletableFuture.failedFuture(e);
    }
    return gathered(hosts, selector, prefix, null, hostCap);
  }

  /**
   * The hosts of {@code registry} the selector matches, by name; none is a NotFoundException naming
   * the selector.
   */
  public static Map<String, HostSpec> select(List<HostSpec> registry, Selector selector) {
    Map<String, HostSpec> hosts = new TreeMap<>();
    registry.stream().filter(selector::matches).forEach(h -> hosts.put(h.name(), h));
    if (hosts.isEmpty()) {
      throw new NotFoundException(
          selector.toString().isEmpty()
              ? "no hosts are monitored"
              : "no monitored host matches selector " + selector);
    }
    return hosts;
  }

  private CompletionStage<FleetAnswer> gathered(
      Selector selector, String prefix, Instant at, int hostCap) {
    return gathered(selected(selector), selector, prefix, at, hostCap);
  }

  private CompletionStage<FleetAnswer> gathered(
      CompletionStage<Set<String>> selected,
      Selector selector,
      String prefix,
      Instant at,
      int hostCap) {
    FleetQuery query = new FleetQuery(selector.toString(), prefix, at, hostCap);
    // The members aggregate while the registry is read: the answer waits for the slower of the
    // two, not for both one after the other (reading and decoding 10,000 specs takes as long as
    // aggregating their facts).
    CompletionStage<FleetGather.Gathered> gathering = gather(query);
    return selected
        .thenCompose(
            hosts ->
                gathering.thenApplyAsync(
                    gathered -> {
                      FleetAnswer answer =
                          FleetAnswer.of(
                              hosts,
                              gathered.partials().stream()
                                  .map(FleetAggregator.Partial::aggregate)
                                  .toList(),
                              hostCap);
                      // A host no member holds may just not have been started since a
                      // member left: wake it, so that the next query finds it.
                      answer.missing().forEach(h -> entities.tell(h, HostEntity.Wake.INSTANCE));
                      return answer;
                    },
                    merging))
        .exceptionally(FleetQueries::rethrow);
  }

  /**
   * The change sets of the selected hosts in a time range, from at most {@code limit} change events
   * (the newest).
   */
  public CompletionStage<FleetChanges> changes(
      Selector selector, TimeRange range, String prefix, int limit) {
    return selectedSpecs(selector)
        .thenCompose(
            specs ->
                events(specs.keySet(), range, prefix, limit)
                    .thenCompose(
                        page ->
                            contextEvents
                                .around(page.changes(), specs::get)
                                .thenApply(
                                    around ->
                                        new FleetChanges(
                                            selector.toString(),
                                            range,
                                            specs.size(),
                                            page.truncated(),
                                            ChangeSets.group(
                                                page.changes(),
                                                specs.keySet(),
                                                settings.hostsListed(),
                                                (change, context) ->
                                                    context
                                                        .attribute(change.host(), change.context())
                                                        .events(around.of(change)),
                                                contextEvents.settings().eventsPerChange()),
                                            around.unavailable()))))
        .exceptionally(FleetQueries::rethrow);
  }

  /**
   * The newest {@code limit} change events of the hosts. A few hosts are read one by one, so that
   * the rest of the fleet's changes cannot crowd theirs out of the limit; many hosts from the fleet
   * timeline in one read.
   */
  private CompletionStage<ChangePage> events(
      Set<String> hosts, TimeRange range, String prefix, int limit) {
    if (hosts.size() > HOSTS_READ_ONE_BY_ONE) {
      return store.changes(ChangeQuery.ofFleet(prefix, range, limit));
    }
    List<CompletableFuture<ChangePage>> pages =
        hosts.stream()
            .map(
                h ->
                    store
                        .changes(ChangeQuery.ofHost(h, prefix, range, limit))
                        .toCompletableFuture())
            .toList();
    return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<ChangeEvent> all = new ArrayList<>();
              boolean truncated = false;
              for (CompletableFuture<ChangePage> page : pages) {
                all.addAll(page.join().changes());
                truncated |= page.join().truncated();
              }
              all.sort(Comparator.comparing(ChangeEvent::detectedAt));
              return all.size() <= limit
                  ? new ChangePage(all, truncated)
                  : new ChangePage(all.subList(all.size() - limit, all.size()), true);
            });
  }

  /** The monitored hosts the selector matches; none is a NotFoundException naming the selector. */
  private CompletionStage<Set<String>> selected(Selector selector) {
    return selectedSpecs(selector).thenApply(Map::keySet);
  }

  /** The specs of the monitored hosts the selector matches, by name. */
  private CompletionStage<Map<String, HostSpec>> selectedSpecs(Selector selector) {
    return known.all().thenApply(all -> select(all, selector));
  }

  private CompletionStage<FleetGather.Gathered> gather(FleetQuery query) {
    CompletableFuture<FleetGather.Gathered> result = new CompletableFuture<>();
    return AskPattern.<SpawnProtocol.Command, ActorRef<FleetGather.Command>>ask(
            gatherers,
            replyTo ->
                new SpawnProtocol.Spawn<>(
                    FleetGather.create(query, settings.deadline(), settings.memberBudget(), result),
                    "q-" + queries.incrementAndGet(),
                    Props.empty(),
                    replyTo),
            SPAWN_TIMEOUT,
            system.scheduler())
        .thenCompose(spawned -> result);
  }

  private static <T> T rethrow(Throwable error) {
    throw Failures.rethrow(Failures.unwrap(error));
  }
}
