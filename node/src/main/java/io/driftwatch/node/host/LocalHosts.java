package io.driftwatch.node.host;

import io.driftwatch.node.fact.FactSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The host entities alive on this cluster member, with the state each last published: what a
 * member's fleet aggregator reads to answer for "its" hosts without a message round trip per host.
 * Entities put themselves in when they are monitored and take themselves out when they stop or are
 * unregistered.
 *
 * <p>Shared mutable state between actors, on purpose: the map is concurrent, and every entry holds
 * only immutable values ({@link HostSpec}, {@link FactSet}), so a reader sees each host's complete
 * last published state, and a fleet query over thousands of hosts costs no message per host.
 */
public final class LocalHosts implements Extension {

  /** The extension's id. */
  public static final ExtensionId<LocalHosts> ID =
      new ExtensionId<>() {
        @Override
        public LocalHosts createExtension(ActorSystem<?> system) {
          return new LocalHosts();
        }
      };

  /**
   * One live host entity's last published state.
   *
   * @param facts its current facts (empty until its first probe)
   * @param asOf when those facts were collected; null if it was never probed
   * @param entity the entity that published this, so that only it can take it out again
   */
  public record Entry(HostSpec spec, FactSet facts, Instant asOf, ActorRef<?> entity) {

    public Entry {
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(facts, "facts");
      Objects.requireNonNull(entity, "entity");
    }

    public String name() {
      return spec.name();
    }
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** This member's directory. */
  public static LocalHosts get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** Adds or replaces the entry of the host its entity names. */
  public void publish(Entry entry) {
    entries.put(entry.name(), entry);
  }

  /** Removes a host's entry, unless another incarnation of its entity published since. */
  public void withdraw(String host, ActorRef<?> entity) {
    entries.computeIfPresent(host, (name, e) -> e.entity().equals(entity) ? null : e);
  }

  /** A moment's view of every live host on this member. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  public int size() {
    return entries.size();
  }
}
