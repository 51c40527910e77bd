package io.driftwatch.coordinator.fleet;

import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.CborSerializable;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.host.LocalHosts;
import io.driftwatch.node.store.ChangeStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One per cluster member, registered with the Receptionist: answers a fleet query for the hosts
 * whose entities live on this member ({@link LocalHosts}) with one {@link FleetAggregate}, so that
 * only aggregates cross the network. Current state is read from the entities' published state; past
 * state from the store, a few hosts at a time, answering with what was read by the budget.
 */
public final class FleetAggregator extends AbstractBehavior<FleetAggregator.Command> {

  public static final ServiceKey<Command> SERVICE_KEY =
      ServiceKey.create(Command.class, "driftwatch-fleet-aggregator");

  /** Messages an aggregator understands. */
  public sealed interface Command extends CborSerializable {}

  /**
   * Aggregate this member's hosts for {@code query}, answering within {@code budget}.
   *
   * @param replyTo gets one {@link Partial}
   */
  public record Aggregate(FleetQuery query, Duration budget, ActorRef<Partial> replyTo)
      implements Command {}

  /** One member's answer: the aggregate of its hosts the query selected. */
  public record Partial(String member, FleetAggregate aggregate)
      implements FleetGather.Command, CborSerializable {}

  private record PastStatesRead(
      Aggregate request, List<String> asked, Map<String, Optional<FactSet>> states)
      implements Command {}

  private final ChangeStore store;
  private final int storeParallelism;
  private final LocalHosts localHosts;
  private final String member;

  /**
   * The aggregator of this member.
   *
   * @param storeParallelism past states read from the store at once
   */
  public static Behavior<Command> create(ChangeStore store, int storeParallelism) {
    // Restarted, not stopped, on an unexpected failure: without it this member's hosts would be
    // missing from every fleet answer until the member restarts.
    return Behaviors.supervise(
            Behaviors.<Command>setup(
                ctx -> {
                  ctx.getSystem()
                      .receptionist()
                      .tell(Receptionist.register(SERVICE_KEY, ctx.getSelf()));
                  return new FleetAggregator(ctx, store, storeParallelism);
                }))
        .onFailure(SupervisorStrategy.restart());
  }

  private FleetAggregator(ActorContext<Command> ctx, ChangeStore store, int storeParallelism) {
    super(ctx);
    this.store = store;
    this.storeParallelism = storeParallelism;
    this.localHosts = LocalHosts.get(ctx.getSystem());
    this.member = ctx.getSystem().address().toString();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Aggregate.class, this::onAggregate)
        .onMessage(PastStatesRead.class, this::onPastStatesRead)
        .build();
  }

  private Behavior<Command> onAggregate(Aggregate a) {
    FleetQuery q = a.query();
    Selector selector = Selector.parse(q.selector());
    List<LocalHosts.Entry> selected =
        localHosts.entries().stream().filter(e -> selector.matches(e.spec())).toList();
    if (q.at() == null) {
      FleetAggregate.Builder builder = FleetAggregate.builder(q.hostCap());
      for (LocalHosts.Entry e : selected) {
        if (e.asOf() == null) {
          builder.addNotProbed(e.name());
        } else {
          builder.add(e.name(), e.facts().withPrefix(q.prefix()));
        }
      }
      a.replyTo().tell(new Partial(member, builder.build()));
      return this;
    }
    List<String> hosts = selected.stream().map(LocalHosts.Entry::name).toList();
    getContext()
        .pipeToSelf(
            PastStates.read(store, hosts, q.at(), storeParallelism, a.budget()),
            (states, error) -> new PastStatesRead(a, hosts, error == null ? states : Map.of()));
    return this;
  }

  private Behavior<Command> onPastStatesRead(PastStatesRead r) {
    FleetQuery q = r.request().query();
    FleetAggregate.Builder builder = FleetAggregate.builder(q.hostCap());
    // Hosts not read in time are left out: the coordinator names them as missing.
    r.states()
        .forEach(
            (host, state) -> {
              if (state.isEmpty()) {
                builder.addNotProbed(host);
              } else {
                builder.add(host, state.get().withPrefix(q.prefix()));
              }
            });
    if (r.states().size() < r.asked().size()) {
      getContext()
          .getLog()
          .info(
              "Fleet query at {}: {} of {} hosts not read from the store in time",
              q.at(),
              r.asked().size() - r.states().size(),
              r.asked().size());
    }
    r.request().replyTo().tell(new Partial(member, builder.build()));
    return this;
  }
}
