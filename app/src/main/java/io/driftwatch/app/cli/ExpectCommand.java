package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwatch expect NAME …}: set (or remove) an expectation, PUT /v1/expectations/NAME. */
@Command(
    name = "expect",
    description = "Set an expectation: what a fact must be on the hosts a selector picks.")
public final class ExpectCommand extends PolicyWriteCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(
      names = {"-s", "--selector"},
      description = "Hosts it applies to, e.g. role=web (default: all).")
  String selector;

  @Option(names = "--key", description = "Fact key or glob, e.g. package:openssh-server.")
  String key;

  @Option(
      names = "--op",
      description = "eq, ne, regex, ge, gt, le, lt (versions: Debian/RPM order), present, absent.")
  String op;

  @Option(names = "--value", description = "The operand (not for present/absent).")
  String value;

  @Option(names = "--severity", description = "high, medium or low (default: the rules).")
  String severity;

  @Option(names = "--remove", description = "Remove the expectation instead.")
  boolean remove;

  @Override
  protected int write(ApiClient api) {
    String path = "/v1/expectations/" + ApiClient.segment(name);
    if (remove) {
      JsonNode answer = api.delete(path);
      if (json()) {
        printJson(answer);
      } else {
        out().printf("expectation %s removed%n", name);
      }
      return EXIT_OK;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    put(body, "selector", selector);
    put(body, "key", key);
    put(body, "op", op);
    put(body, "value", value);
    put(body, "severity", severity);
    JsonNode answer = api.put(path, body);
    if (json()) {
      printJson(answer);
    } else {
      out()
          .printf(
              "expectation %s: %s must be %s on %s%n",
              name,
              answer.get("key").asText(),
              PolicyTables.expected(answer),
              answer.get("selector").asText().isEmpty()
                  ? "every host"
                  : answer.get("selector").asText());
    }
    return EXIT_OK;
  }

  static void put(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
