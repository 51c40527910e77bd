package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code driftwatch probe HOST}: probe now and say what changed. */
@Command(name = "probe", description = "Probe a host now; prints how many facts changed.")
public final class ProbeCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "HOST")
  String host;

  @Override
  protected int run(ApiClient api) {
    JsonNode answer = api.post("/v1/hosts/" + ApiClient.segment(host) + "/probe");
    if (json()) {
      printJson(answer);
    } else if (answer.get("firstProbe").asBoolean()) {
      out()
          .printf(
              "%s: first probe, %d facts recorded at %s%n",
              host, answer.get("factCount").asInt(), time(answer.get("probedAt")));
    } else {
      out()
          .printf(
              "%s: %s, %d facts, probed at %s%n",
              host,
              plural(answer.get("changes").asInt(), "change"),
              answer.get("factCount").asInt(),
              time(answer.get("probedAt")));
    }
    return EXIT_OK;
  }
}
