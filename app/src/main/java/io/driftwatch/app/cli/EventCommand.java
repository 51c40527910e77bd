package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftwatch event --type deploy --what "web 1.4.2" [--selector role=web | --hosts a,b]}:
 * records an external context event, shown beside the changes it overlaps.
 */
@Command(
    name = "event",
    description =
        "Record a deploy, CM run, incident or note; it shows in the context of the changes it"
            + " overlaps. Without --hosts or --selector it concerns every host.")
public final class EventCommand extends ClientCommand {

  @Option(
      names = {"-t", "--type"},
      required = true,
      description = "deploy, cm-run, incident or note.")
  String type;

  @Option(
      names = {"-w", "--what"},
      required = true,
      description = "What happened, e.g. \"web 1.4.2\" or \"#812\".")
  String what;

  @Option(names = "--who", description = "Who did it (default: $USER).")
  String who;

  @Option(
      names = {"-s", "--selector"},
      description = "The hosts it concerns, e.g. role=web.")
  String selector;

  @Option(names = "--hosts", split = ",", description = "The hosts it concerns, by name: a,b,c.")
  String[] hosts;

  @Option(names = "--at", description = "When it happened (default: now), e.g. -10m.")
  String at;

  @Option(names = "--until", description = "When it ended, for something that lasted.")
  String until;

  @Option(names = "--id", description = "Its id, so that posting it again changes nothing.")
  String id;

  @Override
  protected int run(ApiClient api) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    put(body, "id", id);
    body.put("type", type);
    put(body, "who", who != null ? who : System.getenv("USER"));
    body.put("what", what);
    if (hosts != null) {
      for (String h : hosts) {
        body.withArray("hosts").add(h.strip());
      }
    }
    put(body, "selector", selector);
    put(body, "at", at);
    put(body, "until", until);
    JsonNode event = api.post("/v1/events", Map.of(), body.toString(), "application/json");
    if (json()) {
      printJson(event);
      return EXIT_OK;
    }
    out()
        .println(
            "Recorded "
                + event.get("type").asText()
                + " "
                + event.get("what").asText()
                + " by "
                + event.get("who").asText()
                + " at "
                + time(event.get("at"))
                + " (id "
                + event.get("id").asText()
                + ").");
    return EXIT_OK;
  }

  private static void put(ObjectNode body, String field, String value) {
    if (value != null && !value.isBlank()) {
      body.put(field, value);
    }
  }
}
