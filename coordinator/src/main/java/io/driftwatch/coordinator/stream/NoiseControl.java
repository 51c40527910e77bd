package io.driftwatch.coordinator.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.node.notify.Notice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what reaches webhooks, and which summary notices to add, from the sequenced events (pure:
 * time is passed in). A change of one key from one value to another on at least {@code
 * changeSetHosts} hosts within {@code changeSetWindow} of the first becomes one {@code change-set}
 * notice and its per-host changes are not sent to webhooks; below the threshold the per-host
 * changes go out when the window closes. A key changing {@code flapChanges} times on a host within
 * {@code flapWindow} is reported once as a {@code flap}, and its further changes are held back from
 * webhooks until it has not changed for a whole {@code flapWindow}. Every other kind passes at
 * once.
 */
final class NoiseControl {

  static final String CHANGE_SET = "change-set";
  static final String FLAP = "flap";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to do now: events for the webhooks, and new notices to sequence (sent to both). */
  record Output(List<StreamEvent> forWebhooks, List<Notice> notices) {
    static final Output NONE = new Output(List.of(), List.of());
  }

  private record Transition(String key, String oldValue, String newValue) {}

  private static final class Group {
    final Instant opened;
    final List<StreamEvent> changes = new ArrayList<>();
    final List<String> hosts = new ArrayList<>();
    Map<String, String> sharedTags;
    Instant first;
    Instant last;

    Group(Instant opened) {
      this.opened = opened;
    }
  }

  private static final class KeyHistory {
    final ArrayDeque<Instant> times = new ArrayDeque<>();
    boolean flapping;
  }

  /**
   * Bounds on what is held: per-host changes waiting for their window, and (host, key) histories. A
   * fleet-wide upgrade can be millions of changes within minutes; past the bound the oldest windows
   * close early and the oldest histories are forgotten (a flap may then go unnoticed).
   */
  static final int MAX_TRACKED = 100_000;

  private final NoiseSettings settings;
  private final int maxTracked;
  private final Map<Transition, Group> groups = new LinkedHashMap<>();
  private final Map<String, KeyHistory> histories = new LinkedHashMap<>();
  private int pending;

  NoiseControl(NoiseSettings settings) {
    this(settings, MAX_TRACKED);
  }

  NoiseControl(NoiseSettings settings, int maxTracked) {
    this.settings = settings;
    this.maxTracked = maxTracked;
  }

  Output offer(StreamEvent event, Instant now) {
    if (!event.kind().equals("change")) {
      return new Output(List.of(event), List.of());
    }
    JsonNode data = parse(event.json());
    String key = text(data, "key");
    if (event.host() == null || key == null) {
      return new Output(List.of(event), List.of());
    }
    List<Notice> notices = new ArrayList<>();
    KeyHistory history =
        histories.computeIfAbsent(event.host() + "\n" + key, k -> new KeyHistory());
    history.times.addLast(now);
    prune(history, now);
    if (history.flapping) {
      return Output.NONE; // held back until it settles
    }
    if (history.times.size() >= settings.flapChanges()) {
      history.flapping = true;
      notices.add(flap(event, key, history, now));
      return new Output(List.of(), notices);
    }
    Transition t = new Transition(key, text(data, "old"), text(data, "new"));
    Group group = groups.computeIfAbsent(t, x -> new Group(now));
    group.changes.add(event);
    pending++;
    group.hosts.add(event.host());
    group.sharedTags =
        group.sharedTags == null ? event.tags() : shared(group.sharedTags, event.tags());
    group.first =
        group.first == null || event.at().isBefore(group.first) ? event.at() : group.first;
    group.last = group.last == null || event.at().isAfter(group.last) ? event.at() : group.last;
    if (pending > maxTracked) {
      return close(groups.keySet().iterator().next(), List.of(), notices);
    }
    return new Output(List.of(), notices);
  }

  /** Closes one group before its window ends (the bound was reached). */
  private Output close(Transition oldest, List<StreamEvent> out, List<Notice> notices) {
    List<StreamEvent> events = new ArrayList<>(out);
    List<Notice> summaries = new ArrayList<>(notices);
    Group group = groups.remove(oldest);
    pending -= group.changes.size();
    emit(oldest, group, events, summaries);
    return new Output(events, summaries);
  }

  private void emit(Transition t, Group group, List<StreamEvent> out, List<Notice> notices) {
    if (group.hosts.stream().distinct().count() >= settings.changeSetHosts()) {
      notices.add(changeSet(t, group));
    } else {
      out.addAll(group.changes);
    }
  }

  /** Closes the change groups whose window has passed and forgets settled keys. */
  Output due(Instant now) {
    List<StreamEvent> out = new ArrayList<>();
    List<Notice> notices = new ArrayList<>();
    Iterator<Map.Entry<Transition, Group>> it = groups.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Transition, Group> e = it.next();
      Group group = e.getValue();
      if (group.opened.plus(settings.changeSetWindow()).isAfter(now)) {
        continue;
      }
      it.remove();
      pending -= group.changes.size();
      emit(e.getKey(), group, out, notices);
    }
    histories.values().removeIf(h -> prune(h, now) && h.times.isEmpty());
    return new Output(out, notices);
  }

  /** Changes waiting for their window to close (for tests and the bound). */
  int pending() {
    return pending;
  }

  /** Drops times older than the flap window; a flapping key with none left has settled. */
  private boolean prune(KeyHistory history, Instant now) {
    Instant oldest = now.minus(settings.flapWindow());
    while (!history.times.isEmpty() && history.times.peekFirst().isBefore(oldest)) {
      history.times.removeFirst();
    }
    if (history.flapping && history.times.isEmpty()) {
      history.flapping = false;
    }
    return true;
  }

  private Notice flap(StreamEvent event, String key, KeyHistory history, Instant now) {
    ObjectNode data = JSON.createObjectNode();
    data.put("host", event.host());
    data.put("key", key);
    data.put("changes", history.times.size());
    data.put("window", settings.flapWindow().toString());
    data.put("since", history.times.peekFirst().toString());
    data.put("detectedAt", now.toString());
    return new Notice(FLAP, event.host(), event.tags(), data.toString(), now);
  }

  private static Notice changeSet(Transition t, Group group) {
    ObjectNode data = JSON.createObjectNode();
    data.put("key", t.key());
    data.put("old", t.oldValue());
    data.put("new", t.newValue());
    ArrayNode hosts = data.putArray("hosts");
    group.hosts.stream().distinct().sorted().forEach(hosts::add);
    data.put("first", group.first.toString());
    data.put("last", group.last.toString());
    return new Notice(CHANGE_SET, null, group.sharedTags, data.toString(), group.last);
  }

  private static Map<String, String> shared(Map<String, String> a, Map<String, String> b) {
    Map<String, String> out = new HashMap<>(a);
    out.entrySet().removeIf(e -> !e.getValue().equals(b.get(e.getKey())));
    return out;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode data, String field) {
    JsonNode v = data.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** How long nothing is due: for the sequencer's timer. */
  static Duration tick(NoiseSettings settings) {
    Duration shorter =
        settings.changeSetWindow().compareTo(settings.flapWindow()) < 0
            ? settings.changeSetWindow()
            : settings.flapWindow();
    Duration fifth = shorter.dividedBy(5);
    return fifth.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : fifth;
  }
}
