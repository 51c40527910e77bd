package io.driftwatch.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.HostQueries;
import io.driftwatch.coordinator.content.ContentDiff;
import io.driftwatch.coordinator.context.ChangeSetContext;
import io.driftwatch.coordinator.context.PostedEvent;
import io.driftwatch.coordinator.fleet.ChangeSet;
import io.driftwatch.coordinator.fleet.Disagreement;
import io.driftwatch.coordinator.inventory.InventoryPlan;
import io.driftwatch.node.context.ChangeContextJson;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.DurationText;
import io.driftwatch.node.fact.FactDifference;
import io.driftwatch.node.host.HostEntity;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.HostStatus;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.simulate.SimulationJson;
import io.driftwatch.node.store.SpoolStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;

/**
 * The JSON shapes of API v1 (DESIGN.md section 6), as records, with the mapping from domain types.
 * Nothing else in the API decides what goes on the wire.
 */
final class Wire {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Reads JSON this module wrote itself (no dates, no options needed). */
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private Wire() {}

  record Error(String error, Object detail) {}

  /**
   * {@code hosts} is null when the store did not answer in time; {@code degraded} says history may
   * lag or the store is failing, while the node itself serves.
   */
  record Health(
      String status,
      int members,
      Integer hosts,
      Store store,
      boolean degraded,
      String version,
      ClusterView cluster) {}

  /**
   * This member's view of the cluster: every member ({@code host:port}, as {@code --seeds} names
   * them) with its status, the leader (null while there is none) and the members it cannot reach.
   */
  record ClusterView(
      String self, String leader, List<ClusterMember> members, List<String> unreachable) {

    static ClusterView of(CurrentClusterState state, Address self) {
      List<ClusterMember> members = new ArrayList<>();
      state
          .getMembers()
          .forEach(
              m ->
                  members.add(
                      new ClusterMember(
                          HostEntity.memberName(m.address()),
                          m.status().toString().toLowerCase(Locale.ROOT))));
      List<String> unreachable =
          state.getUnreachable().stream()
              .map(m -> HostEntity.memberName(m.address()))
              .sorted()
              .toList();
      Address leader = state.getLeader();
      return new ClusterView(
          HostEntity.memberName(self),
          leader == null ? null : HostEntity.memberName(leader),
          members,
          unreachable);
    }
  }

  /** A member and its status: joining, weaklyup, up, leaving, exiting, down or removed. */
  record ClusterMember(String address, String status) {}

  /** The store, with its availability and spool when it is remote (spooled). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Store(String kind, Boolean available, Spool spool) {}

  /** A spool's backlog; see {@link SpoolStatus}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Spool(
      long records,
      long bytes,
      int hosts,
      Instant oldestSpooledAt,
      long oldestAgeSeconds,
      boolean full,
      long maxRecords,
      long maxBytes,
      String lastError,
      Instant lastErrorAt) {

    static Spool of(SpoolStatus s, Instant now) {
      return new Spool(
          s.records(),
          s.bytes(),
          s.hosts(),
          s.oldestSpooledAt().orElse(null),
          s.oldestAge(now).toSeconds(),
          s.full(),
          s.maxRecords(),
          s.maxBytes(),
          s.lastError().orElse(null),
          s.lastErrorAt().orElse(null));
    }
  }

  record Host(
      String name,
      String transport,
      String root,
      Map<String, String> tags,
      String interval,
      String status,
      String statusReason,
      String statusDetail,
      Instant statusSince,
      Instant lastProbe,
      Instant lastAttempt,
      int factCount,
      List<String> problems,
      Map<String, String> failedSources,
      Ssh ssh,
      String managedBy,
      String member,
      @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode simulation) {

    static Host of(HostStatus s) {
      SshOptions o = s.spec().ssh();
      return new Host(
          s.spec().name(),
          s.spec().transport().wireName(),
          s.spec().root(),
          s.spec().tags(),
          DurationText.format(s.spec().interval()),
          s.state().name().toLowerCase(Locale.ROOT),
          s.reason(),
          s.detail(),
          s.since(),
          s.lastProbeAt(),
          s.lastAttemptAt(),
          s.factCount(),
          s.problems(),
          s.failedCategories(),
          new Ssh(
              o.address(),
              o.port(),
              o.user(),
              o.identity(),
              o.knownHosts(),
              o.hostKeyPolicy() == null ? null : o.hostKeyPolicy().wireName(),
              o.sudo(),
              o.jump()),
          s.spec().managedBy(),
          s.member(),
          s.spec().simulation() == null ? null : SimulationJson.write(s.spec().simulation()));
    }
  }

  /** The SSH options a host overrides; null fields use the node's defaults. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Ssh(
      String address,
      Integer port,
      String user,
      String identity,
      String knownHosts,
      String hostKeyPolicy,
      Boolean sudo,
      String jump) {}

  record Hosts(List<Host> hosts) {}

  /** The outcome of an inventory import (or what it would be, for a dry run). */
  record ImportOutcome(
      String inventory,
      boolean dryRun,
      List<String> added,
      List<String> updated,
      List<String> removed,
      int unchanged) {

    static ImportOutcome of(InventoryPlan plan, boolean dryRun) {
      return new ImportOutcome(
          plan.inventory(),
          dryRun,
          plan.added().stream().map(HostSpec::name).toList(),
          plan.updated().stream().map(HostSpec::name).toList(),
          plan.removed(),
          plan.unchanged().size());
    }
  }

  record Probe(String host, int changes, Instant probedAt, boolean firstProbe, int factCount) {

    static Probe of(String host, HostEntity.Probed p) {
      return new Probe(host, p.changes(), p.probedAt(), p.firstProbe(), p.factCount());
    }
  }

  record Facts(String host, Instant at, int count, SortedMap<String, String> facts) {

    static Facts of(HostQueries.Facts f) {
      return new Facts(f.host(), f.at(), f.facts().size(), f.facts().asMap());
    }
  }

  record Window(Instant from, Instant to) {}

  /**
   * A change; {@code context} only when something is known about it; {@code diff} only when content
   * was asked for ({@code null} then when there is none, and {@code diffNote} says why).
   */
  record Change(
      String id,
      String host,
      String key,
      String old,
      @com.fasterxml.jackson.annotation.JsonProperty("new") String newValue,
      Instant detectedAt,
      Window window,
      // What the host's own records say (ChangeContextJson's object) and the context events
      // around it ("events"), omitted when nothing is known.
      @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode context,
      @JsonInclude(JsonInclude.Include.NON_NULL) Optional<String> diff,
      @JsonInclude(JsonInclude.Include.NON_NULL) String diffNote) {

    /**
     * @param events the context events around it
     * @param content its content diff when content was asked for (null: not asked, or not a file)
     */
    static Change of(ChangeEvent e, List<PostedEvent> events, ContentDiff content) {
      return new Change(
          e.id(),
          e.host(),
          e.key(),
          e.oldValue(),
          e.newValue(),
          e.detectedAt(),
          new Window(e.windowFrom(), e.detectedAt()),
          context(e, events),
          content == null ? null : Optional.ofNullable(content.diff()),
          content == null ? null : content.note());
    }

    /** The host's own context of the change with the external events added; null when none. */
    private static JsonNode context(ChangeEvent e, List<PostedEvent> events) {
      String own = ChangeContextJson.encode(e.context());
      ObjectNode context;
      try {
        context = own == null ? NODES.objectNode() : (ObjectNode) PLAIN.readTree(own);
      } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
        throw new IllegalStateException("ChangeContextJson wrote invalid JSON", ex);
      }
      if (!events.isEmpty()) {
        ArrayNode list = context.putArray("events");
        events.forEach(event -> list.add(Event.node(event)));
      }
      return context.isEmpty() ? null : context;
    }
  }

  /**
   * A change's history; {@code eventsUnavailable} says why no context events are shown, when they
   * could not be read.
   */
  record Changes(
      String host,
      Instant since,
      Instant until,
      boolean truncated,
      List<Change> changes,
      @JsonInclude(JsonInclude.Include.NON_NULL) String eventsUnavailable) {}

  /** An external context event (deploy, cm-run, incident, note). */
  record Event(
      String id,
      String type,
      String who,
      String what,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> hosts,
      @JsonInclude(JsonInclude.Include.NON_NULL) String selector,
      Instant at,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant until) {

    static Event of(PostedEvent e) {
      return new Event(
          e.id(),
          e.type().wireName(),
          e.who(),
          e.what(),
          e.hosts(),
          e.selector() == null ? null : e.selector().toString(),
          e.at(),
          e.until());
    }

    /** The same as a JSON tree, to sit inside a change's context. */
    static ObjectNode node(PostedEvent e) {
      ObjectNode node = NODES.objectNode();
      node.put("id", e.id());
      node.put("type", e.type().wireName());
      node.put("who", e.who());
      node.put("what", e.what());
      if (!e.hosts().isEmpty()) {
        e.hosts().forEach(node.putArray("hosts")::add);
      }
      if (e.selector() != null) {
        node.put("selector", e.selector().toString());
      }
      node.put("at", e.at().toString());
      if (e.until() != null) {
        node.put("until", e.until().toString());
      }
      return node;
    }
  }

  /** Context events of a time range, oldest first. */
  record Events(Instant since, Instant until, boolean truncated, List<Event> events) {}

  record Side(String host, Instant at) {}

  /** One differing key; {@code diff}/{@code diffNote} as in {@link Change}, for file keys. */
  record Difference(
      String key,
      String left,
      String right,
      @JsonInclude(JsonInclude.Include.NON_NULL) Optional<String> diff,
      @JsonInclude(JsonInclude.Include.NON_NULL) String diffNote) {

    static Difference of(FactDifference d, ContentDiff content) {
      return new Difference(
          d.key(),
          d.left(),
          d.right(),
          content == null ? null : Optional.ofNullable(content.diff()),
          content == null ? null : content.note());
    }
  }

  record Diff(Side left, Side right, int count, List<Difference> differences) {

    static Diff of(HostQueries.Diff d, Map<String, ContentDiff> contents) {
      return new Diff(
          new Side(d.left().host(), d.leftAt()),
          new Side(d.right().host(), d.rightAt()),
          d.differences().size(),
          d.differences().stream().map(x -> Difference.of(x, contents.get(x.key()))).toList());
    }
  }

  /**
   * A fleet diff: {@code hosts} selected, {@code answered} compared, {@code notProbed} answered
   * without a state to compare, {@code missing} did not answer in time.
   */
  record FleetDiff(
      String selector,
      String prefix,
      Instant at,
      int hosts,
      int answered,
      List<String> notProbed,
      List<String> missing,
      int count,
      boolean truncated,
      List<FleetDifference> differences) {

    static FleetDiff of(io.driftwatch.coordinator.fleet.FleetDiff d) {
      return new FleetDiff(
          d.selector(),
          d.prefix(),
          d.at(),
          d.hosts(),
          d.answered(),
          d.notProbed(),
          d.missing(),
          d.count(),
          d.truncated(),
          d.differences().stream().map(FleetDifference::of).toList());
    }
  }

  /** One key the hosts disagree on; {@code values} lists the majority first, then rarest first. */
  record FleetDifference(
      String key,
      int hosts,
      Majority majority,
      int deviating,
      int distinct,
      List<FleetValue> values) {

    static FleetDifference of(Disagreement d) {
      List<FleetValue> values = new java.util.ArrayList<>();
      values.add(new FleetValue(d.majority().value(), d.majority().count(), null, null));
      d.values().stream().skip(1).map(FleetValue::of).forEach(values::add);
      return new FleetDifference(
          d.key(),
          d.hosts(),
          new Majority(d.majority().value(), d.majority().count(), d.tied() ? true : null),
          d.deviating(),
          d.distinct(),
          values);
    }
  }

  /** The value most hosts hold (null = absent); {@code tied} only when another is as common. */
  record Majority(
      String value, int count, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean tied) {}

  /**
   * A value (null = the key is absent) with its hosts; {@code hosts} is left out for the majority,
   * and {@code hostsTruncated} is true when more hosts hold it than are listed.
   */
  record FleetValue(
      String value,
      int count,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> hosts,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean hostsTruncated) {

    static FleetValue of(Disagreement.Value v) {
      return new FleetValue(
          v.value(), v.count(), v.hosts(), v.hostsTruncated() ? Boolean.TRUE : null);
    }
  }

  /** Fleet change sets; {@code hosts} is how many hosts were selected. */
  record FleetChanges(
      String selector,
      Instant since,
      Instant until,
      int hosts,
      boolean truncated,
      List<FleetChangeSet> changeSets,
      @JsonInclude(JsonInclude.Include.NON_NULL) String eventsUnavailable) {

    static FleetChanges of(io.driftwatch.coordinator.fleet.FleetChanges c) {
      return new FleetChanges(
          c.selector(),
          c.range().from(),
          c.range().to(),
          c.hosts(),
          c.truncated(),
          c.changeSets().stream().map(FleetChangeSet::of).toList(),
          c.eventsUnavailable());
    }
  }

  record FleetChangeSet(
      String key,
      String old,
      @com.fasterxml.jackson.annotation.JsonProperty("new") String newValue,
      int count,
      List<String> hosts,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean hostsTruncated,
      int events,
      Instant first,
      Instant last,
      @JsonInclude(JsonInclude.Include.NON_NULL) SetContext context) {

    static FleetChangeSet of(ChangeSet c) {
      return new FleetChangeSet(
          c.key(),
          c.oldValue(),
          c.newValue(),
          c.hostCount(),
          c.hosts(),
          c.hostsTruncated() ? Boolean.TRUE : null,
          c.events(),
          c.first(),
          c.last(),
          c.context().isEmpty() ? null : SetContext.of(c.context()));
    }
  }

  /**
   * A change set's merged context: the actors its hosts' records name, the external events around
   * its changes, and one line saying both.
   */
  record SetContext(
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Actor> actors,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Event> events,
      String summary) {

    static SetContext of(ChangeSetContext c) {
      return new SetContext(
          c.actors().stream().map(a -> new Actor(a.actor(), a.hosts(), a.what())).toList(),
          c.events().stream().map(Event::of).toList(),
          c.summary());
    }
  }

  record Actor(String actor, int hosts, @JsonInclude(JsonInclude.Include.NON_NULL) String what) {}

  /**
   * Drift findings (see {@link io.driftwatch.coordinator.drift.FindingJson}) and who was judged.
   */
  record Drift(
      List<io.driftwatch.coordinator.drift.FindingJson> findings,
      int hosts,
      int answered,
      List<String> missing) {

    static Drift of(io.driftwatch.coordinator.drift.DriftReport r) {
      return new Drift(
          r.findings().stream().map(io.driftwatch.coordinator.drift.FindingJson::of).toList(),
          r.hosts(),
          r.answered(),
          r.missing());
    }
  }
}
