package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwatch facts HOST}: a host's facts now or at a past instant. */
@Command(name = "facts", description = "Show a host's facts, now or at a past instant.")
public final class FactsCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "HOST")
  String host;

  @Option(
      names = {"-p", "--prefix"},
      description = "Only keys starting with this, e.g. package: or sysctl:vm.")
  String prefix;

  @Option(names = "--at", description = "A past instant: 2026-11-27T10:00:00Z, 2026-11-27, -1h.")
  String at;

  @Override
  protected int run(ApiClient api) {
    JsonNode answer =
        api.get(
            "/v1/hosts/" + ApiClient.segment(host) + "/facts",
            ApiClient.params("prefix", prefix, "at", at));
    if (json()) {
      printJson(answer);
      return EXIT_OK;
    }
    Style style = style();
    Table table = new Table("KEY", "VALUE");
    answer
        .get("facts")
        .fields()
        .forEachRemaining(e -> table.row(e.getKey(), e.getValue().asText()));
    out()
        .println(
            style.dim(
                host
                    + " as of "
                    + time(answer.get("at"))
                    + ": "
                    + answer.get("facts").size()
                    + " facts"));
    if (!table.isEmpty()) {
      table.print(out(), style);
    }
    return EXIT_OK;
  }
}
