package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch fleet-diff SELECTOR}: which of the selected hosts are not like the others, and
 * how; the rarest deviation first. Exits 1 when the hosts disagree on anything, like diff(1).
 */
@Command(
    name = "fleet-diff",
    description =
        "Show every key the selected hosts disagree on: the majority value and the hosts that"
            + " deviate, rarest first. Exit 1 if anything differs.")
public final class FleetDiffCommand extends ClientCommand {

  /** Host names shown per value before "+N more". */
  private static final int HOSTS_SHOWN = 8;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SELECTOR",
      description = "Which hosts, e.g. role=web,env=prod or name=web-* (default: all).")
  String selector;

  @Option(
      names = {"-p", "--prefix"},
      description = "Only keys starting with this.")
  String prefix;

  @Option(names = "--at", description = "Compare the hosts as they were then, e.g. -1d.")
  String at;

  @Option(names = "--limit", description = "At most this many keys.")
  Integer limit;

  @Override
  protected int run(ApiClient api) {
    JsonNode answer =
        api.get(
            "/v1/fleet/diff",
            ApiClient.params(
                "selector",
                selector,
                "prefix",
                prefix,
                "at",
                at,
                "limit",
                limit == null ? null : limit.toString()));
    if (json()) {
      printJson(answer);
    } else {
      print(answer);
    }
    return answer.get("count").asInt() == 0 ? EXIT_OK : EXIT_DIFFERENCES;
  }

  private void print(JsonNode answer) {
    Style style = style();
    JsonNode differences = answer.get("differences");
    String which = selector == null || selector.isBlank() ? "all hosts" : selector;
    String when = answer.get("at").isNull() ? "" : " as of " + time(answer.get("at"));
    if (differences.isEmpty()) {
      out()
          .println(
              "No differences among "
                  + plural(answer.get("answered").asInt(), "host")
                  + " ("
                  + which
                  + ")"
                  + when
                  + ".");
    } else {
      Table table = new Table("KEY", "MAJORITY", "OTHER VALUE", "HOSTS");
      for (JsonNode d : differences) {
        JsonNode majority = d.get("majority");
        String key = d.get("key").asText();
        String common =
            value(majority.get("value"))
                + " ("
                + majority.get("count").asInt()
                + " of "
                + d.get("hosts").asInt()
                + (majority.path("tied").asBoolean() ? ", tied" : "")
                + ")";
        boolean first = true;
        for (JsonNode v : d.get("values")) {
          if (!v.has("hosts")) {
            continue; // the majority, shown in its own column
          }
          table.row(
              Table.Cell.of(first ? key : ""),
              Table.Cell.styled(first ? common : "", style::dim),
              Table.Cell.styled(value(v.get("value")), style::removed),
              Table.Cell.of(hosts(v)));
          first = false;
        }
        int unlisted = d.get("distinct").asInt() - d.get("values").size();
        if (unlisted > 0) {
          table.row(
              Table.Cell.of(""),
              Table.Cell.of(""),
              Table.Cell.styled("(" + plural(unlisted, "more value") + ")", style::dim),
              Table.Cell.of(""));
        }
      }
      table.print(out(), style);
      out()
          .println(
              style.dim(
                  plural(answer.get("count").asInt(), "key")
                      + (answer.get("count").asInt() == 1 ? " differs" : " differ")
                      + " among "
                      + plural(answer.get("answered").asInt(), "host")
                      + " ("
                      + which
                      + ")"
                      + when
                      + (answer.get("truncated").asBoolean()
                          ? "; only the first " + differences.size() + " shown"
                          : "")
                      + "."));
    }
    listed(answer.get("notProbed"), "Not probed yet", style);
    listed(answer.get("missing"), "No answer in time (not compared)", style);
  }

  private void listed(JsonNode hosts, String what, Style style) {
    if (hosts != null && !hosts.isEmpty()) {
      List<String> names = new ArrayList<>();
      hosts.forEach(h -> names.add(h.asText()));
      out().println(style.warn(what + ": " + shorten(names, hosts.size())));
    }
  }

  private static String hosts(JsonNode v) {
    List<String> names = new ArrayList<>();
    v.get("hosts").forEach(h -> names.add(h.asText()));
    int count = v.get("count").asInt();
    if (names.isEmpty()) {
      return plural(count, "host");
    }
    return shorten(names, count);
  }

  /** The first few names, then how many more. */
  private static String shorten(List<String> names, int count) {
    String shown = String.join(" ", names.subList(0, Math.min(HOSTS_SHOWN, names.size())));
    int more = count - Math.min(HOSTS_SHOWN, names.size());
    return more > 0 ? shown + " (+" + more + " more)" : shown;
  }
}
