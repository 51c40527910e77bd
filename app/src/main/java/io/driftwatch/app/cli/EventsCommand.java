package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftwatch events [--since -1d] [--selector SEL | --host H] [--type T]}: the events. */
@Command(name = "events", description = "List recorded context events (default: the last 24h).")
public final class EventsCommand extends ClientCommand {

  @Option(names = "--since", description = "From this time, e.g. -7d (default: -24h).")
  String since;

  @Option(names = "--until", description = "Up to this time (default: now).")
  String until;

  @Option(
      names = {"-s", "--selector"},
      description = "Only events concerning these hosts.")
  String selector;

  @Option(names = "--host", description = "Only events concerning this host.")
  String host;

  @Option(
      names = {"-t", "--type"},
      description = "Only these types, e.g. deploy,cm-run.")
  String type;

  @Option(names = "--limit", description = "At most this many (the newest).")
  Integer limit;

  @Override
  protected int run(ApiClient api) {
    JsonNode answer =
        api.get(
            "/v1/events",
            ApiClient.params(
                "since",
                since,
                "until",
                until,
                "selector",
                selector,
                "host",
                host,
                "type",
                type,
                "limit",
                limit == null ? null : limit.toString()));
    if (json()) {
      printJson(answer);
      return EXIT_OK;
    }
    Style style = style();
    JsonNode events = answer.get("events");
    if (events.isEmpty()) {
      out()
          .println(
              "No events between "
                  + time(answer.get("since"))
                  + " and "
                  + time(answer.get("until"))
                  + ".");
      return EXIT_OK;
    }
    Table table = new Table("AT", "UNTIL", "TYPE", "WHO", "WHAT", "HOSTS", "ID");
    for (JsonNode e : events) {
      table.row(
          Table.Cell.of(time(e.get("at"))),
          Table.Cell.of(e.has("until") ? time(e.get("until")) : "-"),
          Table.Cell.styled(e.get("type").asText(), style::bold),
          Table.Cell.of(e.get("who").asText()),
          Table.Cell.of(e.get("what").asText().replace('\n', ' ')),
          Table.Cell.of(hosts(e)),
          Table.Cell.styled(e.get("id").asText(), style::dim));
    }
    table.print(out(), style);
    out().println(style.dim(plural(events.size(), "event") + "."));
    if (answer.path("truncated").asBoolean()) {
      out().println(style.warn("Older events left out: narrow --since or raise --limit."));
    }
    return EXIT_OK;
  }

  /** "web-1 web-2", "role=web", or "(all)" for an event about the whole fleet. */
  static String hosts(JsonNode e) {
    if (e.has("selector")) {
      return e.get("selector").asText();
    }
    if (e.has("hosts")) {
      List<String> names = new ArrayList<>();
      e.get("hosts").forEach(h -> names.add(h.asText()));
      return String.join(" ", names);
    }
    return "(all)";
  }
}
