package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code driftwatch remove HOST}: stop monitoring a host; its history is kept. */
@Command(name = "remove", description = "Stop monitoring a host (its history is kept).")
public final class RemoveCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "HOST")
  String host;

  @Override
  protected int run(ApiClient api) {
    JsonNode answer = api.delete("/v1/hosts/" + ApiClient.segment(host));
    if (json()) {
      printJson(answer);
    } else {
      out().println(host + " is no longer monitored; its history is kept.");
    }
    return EXIT_OK;
  }
}
