package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftwatch exceptions [--history ID]}: the exceptions, or one exception's history. */
@Command(name = "exceptions", description = "List drift exceptions, or one's history.")
public final class ExceptionsCommand extends ClientCommand {

  @Option(names = "--history", paramLabel = "ID", description = "Every change of exception ID.")
  String history;

  @Override
  protected int run(ApiClient api) {
    if (history != null) {
      JsonNode answer =
          api.get("/v1/exceptions/" + ApiClient.segment(history) + "/history", Map.of());
      if (json()) {
        printJson(answer);
      } else {
        PolicyTables.history(answer.get("history"), out(), style());
      }
      return EXIT_OK;
    }
    JsonNode answer = api.get("/v1/exceptions", Map.of());
    if (json()) {
      printJson(answer);
    } else {
      PolicyTables.exceptions(answer.get("exceptions"), out(), style(), Instant.now());
    }
    return EXIT_OK;
  }
}
