package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwatch changes HOST}: a host's change history, oldest first. */
@Command(name = "changes", description = "Show a host's changes in a time range.")
public final class ChangesCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "HOST")
  String host;

  @Option(names = "--since", description = "From this time (default: the beginning), e.g. -1d.")
  String since;

  @Option(names = "--until", description = "Up to this time (default: now).")
  String until;

  @Option(
      names = {"-p", "--prefix"},
      description = "Only keys starting with this.")
  String prefix;

  @Option(names = "--limit", description = "At most this many (the newest).")
  Integer limit;

  @Override
  protected int run(ApiClient api) {
    JsonNode answer =
        api.get(
            "/v1/hosts/" + ApiClient.segment(host) + "/changes",
            ApiClient.params(
                "since",
                since,
                "until",
                until,
                "prefix",
                prefix,
                "limit",
                limit == null ? null : limit.toString()));
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
    Table table = new Table("DETECTED", "KEY", "OLD", "NEW");
    for (JsonNode c : changes) {
      table.row(
          Table.Cell.of(time(c.get("detectedAt"))),
          Table.Cell.of(c.get("key").asText()),
          Table.Cell.styled(value(c.get("old")), style::removed),
          Table.Cell.styled(value(c.get("new")), style::added));
    }
    table.print(out(), style);
    if (answer.path("truncated").asBoolean()) {
      out().println(style.warn("Older changes left out: narrow --since or raise --limit."));
    }
    return EXIT_OK;
  }
}
