package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch except [ID] …}: accept drift until an expiry (POST /v1/exceptions, or PUT
 * /v1/exceptions/ID to set a named one), or remove an exception.
 */
@Command(
    name = "except",
    description = "Accept drift: silence findings on a selector and key pattern until an expiry.")
public final class ExceptCommand extends PolicyWriteCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Default: a new id.")
  String id;

  @Option(
      names = {"-s", "--selector"},
      description = "Hosts it covers, e.g. name=web-3 (default: all).")
  String selector;

  @Option(names = "--key", description = "Fact key or glob, e.g. sysctl:vm.*.")
  String key;

  @Option(names = "--value", description = "Only while the host holds this value.")
  String value;

  @Option(names = "--owner", description = "Who accepted the drift.")
  String owner;

  @Option(names = "--reason", description = "Why it is accepted.")
  String reason;

  @Option(
      names = "--expires",
      description = "Until when: 7d, 12h (from now), an ISO time, or never (default).")
  String expires;

  @Option(names = "--remove", description = "Remove exception ID instead.")
  boolean remove;

  @Override
  protected int write(ApiClient api) {
    if (remove) {
      if (id == null) {
        throw new ApiClient.ApiError(400, "--remove needs the exception's ID");
      }
      JsonNode answer = api.delete("/v1/exceptions/" + ApiClient.segment(id));
      if (json()) {
        printJson(answer);
      } else {
        out().printf("exception %s removed%n", id);
      }
      return EXIT_OK;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ExpectCommand.put(body, "selector", selector);
    ExpectCommand.put(body, "key", key);
    ExpectCommand.put(body, "value", value);
    ExpectCommand.put(body, "owner", owner);
    ExpectCommand.put(body, "reason", reason);
    ExpectCommand.put(body, "expires", expires);
    JsonNode answer =
        id == null
            ? api.post("/v1/exceptions", Map.of(), body.toString(), "application/json")
            : api.put("/v1/exceptions/" + ApiClient.segment(id), body);
    if (json()) {
      printJson(answer);
    } else {
      out()
          .printf(
              "exception %s: %s on %s accepted by %s until %s%n",
              answer.get("id").asText(),
              answer.get("key").asText()
                  + (answer.hasNonNull("value") ? " = " + answer.get("value").asText() : ""),
              answer.get("selector").asText().isEmpty()
                  ? "every host"
                  : answer.get("selector").asText(),
              answer.get("owner").asText(),
              answer.has("expires") ? time(answer.get("expires")) : "never");
    }
    return EXIT_OK;
  }
}
