package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code driftwatch policies}: every expectation, baseline and exception. */
@Command(
    name = "policies",
    description = "List the drift policies: expectations, baselines, exceptions.")
public final class PoliciesCommand extends ClientCommand {

  @Override
  protected int run(ApiClient api) {
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
}
