package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The drift policies as tables for people: one row per policy, the fields that say what it does.
 */
final class PolicyTables {

  private PolicyTables() {}

  static void expectations(JsonNode list, PrintWriter out, Style style) {
    Table table = new Table("NAME", "SELECTOR", "KEY", "EXPECTED", "SEVERITY");
    for (JsonNode e : list) {
      table.row(
          e.get("name").asText(),
          selector(e),
          e.get("key").asText(),
          expected(e),
          text(e, "severity", "(rules)"));
    }
    print(table, "No expectations.", out, style);
  }

  static void baselines(JsonNode list, PrintWriter out, Style style) {
    Table table = new Table("NAME", "SELECTOR", "KIND", "AGAINST");
    for (JsonNode b : list) {
      table.row(b.get("name").asText(), selector(b), b.get("kind").asText(), against(b));
    }
    print(table, "No baselines (every role is a peer group by default).", out, style);
  }

  static void exceptions(JsonNode list, PrintWriter out, Style style, Instant now) {
    Table table =
        new Table("ID", "SELECTOR", "KEY", "VALUE", "OWNER", "EXPIRES", "STATE", "REASON");
    for (JsonNode x : list) {
      boolean active = active(x, now);
      table.row(
          Table.Cell.of(x.get("id").asText()),
          Table.Cell.of(selector(x)),
          Table.Cell.of(x.get("key").asText()),
          Table.Cell.of(text(x, "value", "(any)")),
          Table.Cell.of(x.get("owner").asText()),
          Table.Cell.of(x.has("expires") ? ClientCommand.time(x.get("expires")) : "never"),
          Table.Cell.styled(active ? "active" : "expired", active ? s -> s : style::dim),
          Table.Cell.of(x.get("reason").asText()));
    }
    print(table, "No exceptions.", out, style);
  }

  static void history(JsonNode history, PrintWriter out, Style style) {
    Table table = new Table("WHEN", "ACTION", "BY", "DEFINITION");
    for (JsonNode v : history) {
      table.row(
          ClientCommand.time(v.get("changedAt")),
          v.get("action").asText(),
          v.get("changedBy").asText(),
          v.get("definition").toString());
    }
    print(table, "No history.", out, style);
  }

  /** What a finding would show as expected: {@code >= 1:9.2p1-2}, {@code present}. */
  static String expected(JsonNode e) {
    String op = e.get("op").asText();
    String value = text(e, "value", "");
    return switch (op) {
      case "eq" -> value;
      case "ne" -> "!= " + value;
      case "regex" -> "matches " + value;
      case "ge" -> ">= " + value;
      case "gt" -> "> " + value;
      case "le" -> "<= " + value;
      case "lt" -> "< " + value;
      default -> op;
    };
  }

  private static String against(JsonNode b) {
    return switch (b.get("kind").asText()) {
      case "peers" -> "consensus, threshold " + b.get("threshold").asText();
      case "time" -> "own state at " + b.get("at").asText();
      default -> {
        String who = b.has("host") ? b.get("host").asText() : "group " + b.get("like").asText();
        String when = b.has("at") ? " at " + b.get("at").asText() : "";
        yield b.has("facts")
            ? who
                + when
                + ", saved "
                + ClientCommand.time(b.get("savedAt"))
                + " ("
                + b.get("facts").size()
                + " facts)"
            : who + when + " (live)";
      }
    };
  }

  private static boolean active(JsonNode x, Instant now) {
    if (!x.hasNonNull("expires")) {
      return true;
    }
    try {
      return now.isBefore(Instant.parse(x.get("expires").asText()));
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  private static String selector(JsonNode p) {
    String s = text(p, "selector", "");
    return s.isEmpty() ? "(all)" : s;
  }

  private static String text(JsonNode node, String field, String absent) {
    return node.hasNonNull(field) ? node.get(field).asText() : absent;
  }

  private static void print(Table table, String none, PrintWriter out, Style style) {
    if (table.isEmpty()) {
      out.println(none);
    } else {
      table.print(out, style);
    }
  }
}
