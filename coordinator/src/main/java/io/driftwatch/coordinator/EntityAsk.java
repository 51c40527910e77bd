package io.driftwatch.coordinator;

import io.driftwatch.node.host.HostEntity;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Asks one host entity, wherever in the cluster it lives, and names the host when it is too slow.
 */
final class EntityAsk {

  private final ClusterSharding sharding;

  EntityAsk(ActorSystem<?> system) {
    this.sharding = ClusterSharding.get(system);
  }

  <R> CompletionStage<R> ask(
      String host, Function<ActorRef<R>, HostEntity.Command> message, Duration timeout) {
    return sharding
        .entityRefFor(HostEntity.ENTITY_TYPE_KEY, host)
        .<R>ask(message::apply, timeout)
        .exceptionally(
            error -> {
              Throwable cause = Failures.unwrap(error);
              if (cause instanceof TimeoutException) {
                throw new UnavailableException(
                    "host " + host + " did not answer within " + timeout.toSeconds() + "s");
              }
              throw Failures.rethrow(cause);
            });
  }

  void tell(String host, HostEntity.Command message) {
    sharding.entityRefFor(HostEntity.ENTITY_TYPE_KEY, host).tell(message);
  }
}
