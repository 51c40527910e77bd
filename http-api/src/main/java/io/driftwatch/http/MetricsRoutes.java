package io.driftwatch.http;

import io.driftwatch.coordinator.stream.StreamHub;
import io.driftwatch.node.host.HostMetrics;
import io.driftwatch.node.host.HostStatus;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.SpoolStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /metrics}: this member's hosts by status, probes by outcome and, for a spooled store,
 * the store's availability and the spool's backlog, in Prometheus text format. Like health it needs
 * no token: it holds counts only, no host names or facts.
 */
final class MetricsRoutes extends AllDirectives {

  private static final ContentType PROMETHEUS =
      ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

  private final ChangeStore store;
  private final HostMetrics metrics;
  private final Clock clock;
  private final StreamHub stream;

  MetricsRoutes(ChangeStore store, HostMetrics metrics, Clock clock, StreamHub stream) {
    this.stream = stream;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
  }

  Route routes() {
    return path(
        "metrics",
        () ->
            get(
                () ->
                    complete(
                        HttpEntities.create(PROMETHEUS, text().getBytes(StandardCharsets.UTF_8)))));
  }

  String text() {
    PrometheusText out = new PrometheusText();
    out.metric("driftwatch_hosts", "gauge", "Monitored hosts on this member, by status.");
    for (Map.Entry<HostStatus.State, Long> hosts : metrics.hostsByState().entrySet()) {
      out.sample("driftwatch_hosts", "status", lower(hosts.getKey().name()), hosts.getValue());
    }
    out.metric(
        "driftwatch_probes_total",
        "counter",
        "Probes on this member since it started, by outcome (skipped: not started while the"
            + " spool is full).");
    for (Map.Entry<HostMetrics.Outcome, Long> probes : metrics.probesByOutcome().entrySet()) {
      out.sample(
          "driftwatch_probes_total", "outcome", lower(probes.getKey().name()), probes.getValue());
    }
    Optional<SpoolStatus> spool = store.spool();
    spool.ifPresent(s -> spool(out, s));
    stream(out, stream);
    return out.text();
  }

  private void spool(PrometheusText out, SpoolStatus s) {
    out.metric(
            "driftwatch_store_available",
            "gauge",
            "1 while the store takes writes, 0 from a failed or timed-out write until one succeeds.")
        .sample("driftwatch_store_available", s.storeAvailable() ? 1 : 0);
    out.metric("driftwatch_spool_records", "gauge", "Probe records waiting for the store.")
        .sample("driftwatch_spool_records", s.records());
    out.metric("driftwatch_spool_bytes", "gauge", "Encoded size of the waiting records.")
        .sample("driftwatch_spool_bytes", s.bytes());
    out.metric("driftwatch_spool_hosts", "gauge", "Hosts with records waiting.")
        .sample("driftwatch_spool_hosts", s.hosts());
    out.metric(
            "driftwatch_spool_oldest_seconds",
            "gauge",
            "How long the oldest waiting record has waited; 0 when none waits.")
        .sample(
            "driftwatch_spool_oldest_seconds", s.oldestAge(clock.instant()).toMillis() / 1000.0);
    out.metric(
            "driftwatch_spool_full",
            "gauge",
            "1 while the spool is at its bound: probes are refused and hosts pause probing.")
        .sample("driftwatch_spool_full", s.full() ? 1 : 0);
    out.metric("driftwatch_spool_max_records", "gauge", "The spool's bound in records.")
        .sample("driftwatch_spool_max_records", s.maxRecords());
    out.metric("driftwatch_spool_max_bytes", "gauge", "The spool's bound in bytes.")
        .sample("driftwatch_spool_max_bytes", s.maxBytes());
  }

  private static void stream(PrometheusText out, StreamHub hub) {
    out.metric(
            "driftwatch_stream_buffered_events",
            "gauge",
            "Live events waiting for this member's stream clients (at most client-buffer each).")
        .sample("driftwatch_stream_buffered_events", hub.bufferedEvents());
    out.metric("driftwatch_stream_clients", "gauge", "Stream clients connected to this member.")
        .sample("driftwatch_stream_clients", hub.watchers());
    out.metric(
            "driftwatch_stream_journal_events",
            "gauge",
            "Events this member keeps for clients resuming with Last-Event-ID.")
        .sample("driftwatch_stream_journal_events", hub.journalSize());
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
