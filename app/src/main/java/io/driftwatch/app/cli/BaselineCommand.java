package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch baseline NAME --kind …}: set (or remove) a baseline, PUT /v1/baselines/NAME.
 */
@Command(
    name = "baseline",
    description = "Set a baseline: what the hosts a selector picks are compared with.")
public final class BaselineCommand extends PolicyWriteCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(
      names = {"-s", "--selector"},
      description = "Hosts it applies to, e.g. role=db (default: all).")
  String selector;

  @Option(names = "--kind", description = "peers, time or golden.")
  String kind;

  @Option(names = "--threshold", description = "peers: share of peers that must agree (0.6).")
  Double threshold;

  @Option(names = "--at", description = "time: reference time (-1d, ISO); golden: host's time.")
  String at;

  @Option(names = "--host", description = "golden: the golden host.")
  String host;

  @Option(names = "--like", description = "golden: save the consensus of this selector's hosts.")
  String like;

  @Option(names = "--snapshot", description = "golden: save the host's or group's facts now.")
  boolean snapshot;

  @Option(names = "--remove", description = "Remove the baseline instead.")
  boolean remove;

  @Override
  protected int write(ApiClient api) {
    String path = "/v1/baselines/" + ApiClient.segment(name);
    if (remove) {
      JsonNode answer = api.delete(path);
      if (json()) {
        printJson(answer);
      } else {
        out().printf("baseline %s removed%n", name);
      }
      return EXIT_OK;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ExpectCommand.put(body, "selector", selector);
    ExpectCommand.put(body, "kind", kind);
    if (threshold != null) {
      body.put("threshold", threshold);
    }
    ExpectCommand.put(body, "at", at);
    ExpectCommand.put(body, "host", host);
    ExpectCommand.put(body, "like", like);
    if (snapshot) {
      body.put("snapshot", true);
    }
    JsonNode answer = api.put(path, body);
    if (json()) {
      printJson(answer);
    } else {
      out().printf("baseline %s saved%n", name);
      PolicyTables.baselines(JsonNodeFactory.instance.arrayNode().add(answer), out(), style());
    }
    return EXIT_OK;
  }
}
