package io.driftwatch.app;

import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;

/**
 * How this member joins its cluster — the one place to change for another way of forming it (Pekko
 * Management's cluster bootstrap on Kubernetes). With no seeds the member joins itself, a cluster
 * of one. With seeds it follows Pekko's seed-node rules: it joins the first seed that answers; only
 * the member listed as the FIRST seed may form a new cluster on its own, after {@code
 * pekko.cluster.seed-node-timeout} without an answer from the others, so two members started at
 * once cannot form two clusters.
 */
final class ClusterJoin {

  private ClusterJoin() {}

  static void join(ActorSystem<?> system, List<Address> seeds) {
    Cluster cluster = Cluster.get(system);
    if (seeds.isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
  }
}
