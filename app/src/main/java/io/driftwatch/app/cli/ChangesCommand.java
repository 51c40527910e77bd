package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch changes HOST}: a host's change history, oldest first; {@code driftwatch changes
 * --selector SEL} (or no host): fleet change sets, the same transition on many hosts as one line.
 */
@Command(
    name = "changes",
    description =
        "Show a host's changes in a time range, or (without HOST) the fleet's change sets: each"
            + " transition once, with the hosts that made it.")
public final class ChangesCommand extends ClientCommand {

  /** Host names shown per change set before "+N more". */
  private static final int HOSTS_SHOWN = 8;

  @Parameters(index = "0", arity = "0..1", paramLabel = "HOST")
  String host;

  @Option(
      names = {"-s", "--selector"},
      description = "Change sets of these hosts, e.g. role=web (default without HOST: all).")
  String selector;

  @Option(
      names = "--since",
      description =
          "From this time, e.g. -1d (default: a host's whole history; for change sets -24h).")
  String since;

  @Option(names = "--until", description = "Up to this time (default: now).")
  String until;

  @Option(
      names = {"-p", "--prefix"},
      description = "Only keys starting with this.")
  String prefix;

  @Option(names = "--limit", description = "At most this many change events (the newest).")
  Integer limit;

  @Option(
      names = "--content",
      description = "With HOST: also print the unified diff of each changed tracked text file.")
  boolean content;

  @Override
  protected int run(ApiClient api) {
    if (host != null && selector != null) {
      spec.commandLine().getErr().println("driftwatch: give either HOST or --selector, not both");
      return EXIT_ERROR;
    }
    return host != null ? hostChanges(api) : changeSets(api);
  }

  private int hostChanges(ApiClient api) {
    Map<String, String> params = params();
    if (content) {
      params.put("content", "true");
    }
    JsonNode answer = api.get("/v1/hosts/" + ApiClient.segment(host) + "/changes", params);
    if (json()) {
      printJson(answer);
      return EXIT_OK;
    }
    Style style = style();
    JsonNode changes = answer.get("changes");
    if (changes.isEmpty()) {
      out().println("No changes on " + host + " in that time.");
      return EXIT_OK;
    }
    // AT and ACTOR: the exact time and the likely actor where the host's own records say so.
    Table table = new Table("DETECTED", "KEY", "OLD", "NEW", "AT", "ACTOR", "EVENTS");
    for (JsonNode c : changes) {
      JsonNode context = c.path("context");
      table.row(
          Table.Cell.of(time(c.get("detectedAt"))),
          Table.Cell.of(c.get("key").asText()),
          Table.Cell.styled(value(c.get("old")), style::removed),
          Table.Cell.styled(value(c.get("new")), style::added),
          Table.Cell.of(context.has("at") ? time(context.get("at")) : "-"),
          Table.Cell.of(context.has("actor") ? context.get("actor").asText() : "-"),
          Table.Cell.of(events(context.path("events"))));
    }
    table.print(out(), style);
    truncated(answer, style);
    if (content) {
      ContentDiffText.print(out(), style, changes);
    }
    return EXIT_OK;
  }

  private int changeSets(ApiClient api) {
    Map<String, String> params = params();
    if (selector != null) {
      params.put("selector", selector);
    }
    JsonNode answer = api.get("/v1/changes", params);
    if (json()) {
      printJson(answer);
      return EXIT_OK;
    }
    Style style = style();
    JsonNode sets = answer.get("changeSets");
    String which = selector == null || selector.isBlank() ? "all hosts" : selector;
    if (sets.isEmpty()) {
      out()
          .println(
              "No changes on "
                  + which
                  + " between "
                  + time(answer.get("since"))
                  + " and "
                  + time(answer.get("until"))
                  + ".");
      return EXIT_OK;
    }
    int selected = answer.get("hosts").asInt();
    Table table = new Table("FIRST", "LAST", "KEY", "OLD", "NEW", "HOSTS", "CONTEXT");
    for (JsonNode c : sets) {
      table.row(
          Table.Cell.of(time(c.get("first"))),
          Table.Cell.of(time(c.get("last"))),
          Table.Cell.of(c.get("key").asText()),
          Table.Cell.styled(value(c.get("old")), style::removed),
          Table.Cell.styled(value(c.get("new")), style::added),
          Table.Cell.of(hosts(c, selected)),
          Table.Cell.of(c.has("context") ? c.at("/context/summary").asText() : "-"));
    }
    table.print(out(), style);
    out()
        .println(
            style.dim(
                plural(sets.size(), "change set")
                    + " on "
                    + which
                    + " ("
                    + plural(selected, "host")
                    + ")."));
    truncated(answer, style);
    return EXIT_OK;
  }

  private Map<String, String> params() {
    return ApiClient.params(
        "since",
        since,
        "until",
        until,
        "prefix",
        prefix,
        "limit",
        limit == null ? null : limit.toString());
  }

  private void truncated(JsonNode answer, Style style) {
    if (answer.path("truncated").asBoolean()) {
      out().println(style.warn("Older changes left out: narrow --since or raise --limit."));
    }
  }

  /** "deploy web 1.4.2", "deploy web 1.4.2 (+2)", or "-". */
  private static String events(JsonNode events) {
    if (events.isEmpty()) {
      return "-";
    }
    JsonNode latest = events.get(0);
    String first =
        latest.get("type").asText() + " " + latest.get("what").asText().replace('\n', ' ');
    return events.size() == 1 ? first : first + " (+" + (events.size() - 1) + ")";
  }

  /** "3 of 4: web-1 web-2 web-3". */
  private static String hosts(JsonNode set, int selected) {
    List<String> names = new ArrayList<>();
    set.get("hosts").forEach(h -> names.add(h.asText()));
    int count = set.get("count").asInt();
    String shown = String.join(" ", names.subList(0, Math.min(HOSTS_SHOWN, names.size())));
    int more = count - Math.min(HOSTS_SHOWN, names.size());
    return count + " of " + selected + ": " + shown + (more > 0 ? " (+" + more + " more)" : "");
  }
}
