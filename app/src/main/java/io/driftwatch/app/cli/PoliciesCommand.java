package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftwatch policies}: every expectation, baseline and exception. */
@Command(
    name = "policies",
    description = "List the drift policies: expectations, baselines, exceptions.")
public final class PoliciesCommand extends ClientCommand {

  @Option(
      names = "--history",
      paramLabel = "KIND/NAME",
      description = "Every change of one policy, e.g. expectations/sshd-min, baselines/db.")
  String history;

  @Override
  protected int run(ApiClient api) {
    if (history != null) {
      return history(api);
    }
    var expectations = api.get("/v1/expectations", Map.of()).get("expectations");
    var baselines = api.get("/v1/baselines", Map.of()).get("baselines");
    var exceptions = api.get("/v1/exceptions", Map.of()).get("exceptions");
    if (json()) {
      ObjectNode all = JsonNodeFactory.instance.objectNode();
      all.set("expectations", expectations);
      all.set("baselines", baselines);
      all.set("exceptions", exceptions);
      printJson(all);
      return EXIT_OK;
    }
    Style style = style();
    out().println(style.bold("Expectations"));
    PolicyTables.expectations(expectations, out(), style);
    out().println();
    out().println(style.bold("Baselines"));
    PolicyTables.baselines(baselines, out(), style);
    out().println();
    out().println(style.bold("Exceptions"));
    PolicyTables.exceptions(exceptions, out(), style, Instant.now());
    return EXIT_OK;
  }

  private int history(ApiClient api) {
    int slash = history.indexOf('/');
    String kind = slash < 0 ? "" : history.substring(0, slash);
    if (!List.of("expectations", "baselines", "exceptions").contains(kind)) {
      throw new ApiClient.ApiError(
          400, "--history takes expectations/NAME, baselines/NAME or exceptions/ID");
    }
    JsonNode answer =
        api.get(
            "/v1/" + kind + "/" + ApiClient.segment(history.substring(slash + 1)) + "/history",
            Map.of());
    if (json()) {
      printJson(answer);
    } else {
      PolicyTables.history(answer.get("history"), out(), style());
    }
    return EXIT_OK;
  }
}
