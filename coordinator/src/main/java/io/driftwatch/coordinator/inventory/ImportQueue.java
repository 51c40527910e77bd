package io.driftwatch.coordinator.inventory;

import io.driftwatch.coordinator.ConflictException;
import io.driftwatch.coordinator.Failures;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.coordinator.UnavailableException;
import io.driftwatch.node.CborSerializable;
import io.driftwatch.node.host.HostSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Imports from every member, run one at a time on one member: a cluster singleton in front of that
 * member's {@link InventoryImport} (which queues them). Two members importing at once therefore
 * never plan against the same registry state and both write: the second plans against what the
 * first left, exactly as two imports on one member do.
 */
public final class ImportQueue implements InventoryImporter {

  /** What may be asked of the queue's singleton. */
  public sealed interface Command extends CborSerializable {}

  /** Run an import on the singleton's member and answer how it went. */
  public record Run(
      String inventory, List<HostSpec> hosts, boolean dryRun, ActorRef<Outcome> replyTo)
      implements Command {}

  /** The answer to {@link Run}. */
  public sealed interface Outcome extends CborSerializable {}

  public record Imported(InventoryPlan plan) implements Outcome {}

  /**
   * The import was refused or failed; {@code kind} says how, so the asking member fails with the
   * same exception (and so the same HTTP status) as a local import would.
   */
  public record Refused(Kind kind, String message, Map<String, String> owners) implements Outcome {}

  /** The failures an import reports to its caller. */
  public enum Kind {
    CONFLICT,
    INVALID,
    NOT_FOUND,
    UNAVAILABLE
  }

  private final ActorRef<Command> singleton;
  private final ActorSystem<?> system;
  private final Duration timeout;

  private ImportQueue(ActorSystem<?> system, ActorRef<Command> singleton, Duration timeout) {
    this.system = system;
    this.singleton = singleton;
    this.timeout = timeout;
  }

  /**
   * Starts the queue's singleton (it runs on the oldest member, with that member's {@code local}
   * importer) and returns this member's way in; an import waits at most {@code timeout}.
   */
  public static ImportQueue init(ActorSystem<?> system, InventoryImport local, Duration timeout) {
    ActorRef<Command> proxy =
        ClusterSingleton.get(system)
            .init(
                SingletonActor.of(
                    Behaviors.supervise(behavior(local)).onFailure(SupervisorStrategy.restart()),
                    "inventory-imports"));
    return new ImportQueue(system, proxy, timeout);
  }

  @Override
  public CompletionStage<InventoryPlan> apply(
      String inventory, List<HostSpec> hosts, boolean dryRun) {
    InventoryPlan.owner(inventory); // a bad name is refused here, before it travels
    return AskPattern.<Command, Outcome>ask(
            singleton,
            replyTo -> new Run(inventory, List.copyOf(hosts), dryRun, replyTo),
            timeout,
            system.scheduler())
        .exceptionally(
            error -> {
              throw new UnavailableException(
                  "the import of inventory "
                      + inventory
                      + " did not finish within "
                      + timeout.toSeconds()
                      + "s: "
                      + Failures.unwrap(error).getMessage());
            })
        .thenApply(ImportQueue::result);
  }

  private static InventoryPlan result(Outcome outcome) {
    if (outcome instanceof Imported imported) {
      return imported.plan();
    }
    Refused r = (Refused) outcome;
    throw switch (r.kind()) {
      case CONFLICT -> new ConflictException(r.message(), r.owners());
      case INVALID -> new IllegalArgumentException(r.message());
      case NOT_FOUND -> new NotFoundException(r.message());
      case UNAVAILABLE -> new UnavailableException(r.message());
    };
  }

  private static Behavior<Command> behavior(InventoryImport local) {
    // No state and no waiting here: the local importer queues the imports itself.
    return Behaviors.receive(Command.class).onMessage(Run.class, run -> onRun(local, run)).build();
  }

  private static Behavior<Command> onRun(InventoryImport local, Run run) {
    local
        .apply(run.inventory(), run.hosts(), run.dryRun())
        .whenComplete((plan, error) -> run.replyTo().tell(outcome(plan, error)));
    return Behaviors.same();
  }

  private static Outcome outcome(InventoryPlan plan, Throwable error) {
    if (error == null) {
      return new Imported(plan);
    }
    Throwable cause = Failures.unwrap(error);
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (cause instanceof ConflictException c) {
      return new Refused(Kind.CONFLICT, message, c.owners());
    }
    if (cause instanceof IllegalArgumentException) {
      return new Refused(Kind.INVALID, message, Map.of());
    }
    if (cause instanceof NotFoundException) {
      return new Refused(Kind.NOT_FOUND, message, Map.of());
    }
    return new Refused(Kind.UNAVAILABLE, message, Map.of());
  }
}
