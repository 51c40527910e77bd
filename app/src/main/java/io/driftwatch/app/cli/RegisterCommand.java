package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwatch register NAME}: register or update a host (PUT /v1/hosts/NAME). */
@Command(name = "register", description = "Register or update a host.")
public final class RegisterCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--transport", defaultValue = "local", description = "Default ${DEFAULT-VALUE}.")
  String transport;

  @Option(names = "--root", description = "Directory read as the host's filesystem (local).")
  String root;

  @Option(names = "--tag", description = "A tag, repeatable: --tag role=web --tag env=prod.")
  Map<String, String> tags = new LinkedHashMap<>();

  @Option(names = "--interval", description = "Probe interval, e.g. 60s, 5m.")
  String interval;

  @Override
  protected int run(ApiClient api) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("transport", transport);
    if (root != null) {
      body.put("root", root);
    }
    if (interval != null) {
      body.put("interval", interval);
    }
    ObjectNode t = body.putObject("tags");
    tags.forEach(t::put);
    JsonNode answer = api.put("/v1/hosts/" + ApiClient.segment(name), body);
    if (json()) {
      printJson(answer);
    } else {
      out()
          .printf(
              "%s registered (%s, every %s)%n", name, transport, answer.get("interval").asText());
    }
    return EXIT_OK;
  }
}
