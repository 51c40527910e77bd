package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftwatch hosts}: the monitored hosts, their status and fact counts. */
@Command(name = "hosts", description = "List monitored hosts and their status.")
public final class HostsCommand extends ClientCommand {

  @Option(
      names = {"-s", "--selector"},
      description = "Only hosts matching, e.g. role=web,env=prod or name=web-*.")
  String selector;

  @Override
  protected int run(ApiClient api) {
    JsonNode answer = api.get("/v1/hosts", ApiClient.params("selector", selector));
    if (json()) {
      printJson(answer);
      return EXIT_OK;
    }
    Style style = style();
    Table table = new Table("NAME", "STATUS", "FACTS", "LAST PROBE", "TAGS", "DETAIL");
    for (JsonNode h : answer.get("hosts")) {
      String status = h.get("status").asText();
      table.row(
          Table.Cell.of(h.get("name").asText()),
          Table.Cell.styled(status, status.equals("ok") ? s -> s : style::warn),
          Table.Cell.of(h.get("factCount").asText()),
          Table.Cell.of(time(h.get("lastProbe"))),
          Table.Cell.of(tags(h.get("tags"))),
          Table.Cell.of(detail(h)));
    }
    if (table.isEmpty()) {
      out().println("No hosts" + (selector == null ? "" : " match " + selector) + ".");
    } else {
      table.print(out(), style);
    }
    return EXIT_OK;
  }

  /** Why a host is not ok: the reason code, then the words ("HOST_KEY: host key … changed"). */
  private static String detail(JsonNode h) {
    String reason = h.path("statusReason").isTextual() ? h.get("statusReason").asText() : "";
    String detail = h.path("statusDetail").isTextual() ? h.get("statusDetail").asText() : "";
    return reason.isEmpty() ? detail : reason + ": " + detail;
  }

  private static String tags(JsonNode tags) {
    List<String> parts = new ArrayList<>();
    tags.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    return String.join(",", parts);
  }
}
