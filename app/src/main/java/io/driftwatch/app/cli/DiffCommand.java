package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch diff A B}: what differs between two hosts, or a host and its past ({@code
 * web-1@-1d web-1}). Exits 1 when there are differences, like diff(1).
 */
@Command(
    name = "diff",
    description = "Show what differs between two hosts (HOST or HOST@TIME). Exit 1 if anything.")
public final class DiffCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "LEFT", description = "HOST or HOST@TIME")
  String left;

  @Parameters(index = "1", paramLabel = "RIGHT", description = "HOST or HOST@TIME")
  String right;

  @Option(
      names = {"-p", "--prefix"},
      description = "Only keys starting with this.")
  String prefix;

  @Option(
      names = "--content",
      description = "Also print the unified diff of each differing tracked text file.")
  boolean content;

  @Override
  protected int run(ApiClient api) {
    JsonNode answer =
        api.get(
            "/v1/diff",
            ApiClient.params(
                "left",
                left,
                "right",
                right,
                "prefix",
                prefix,
                "content",
                content ? "true" : null));
    JsonNode differences = answer.get("differences");
    if (json()) {
      printJson(answer);
    } else {
      print(answer, differences);
    }
    return differences.isEmpty() ? EXIT_OK : EXIT_DIFFERENCES;
  }

  private void print(JsonNode answer, JsonNode differences) {
    Style style = style();
    String l = side(answer.get("left"));
    String r = side(answer.get("right"));
    if (differences.isEmpty()) {
      out().println("No differences between " + l + " and " + r + ".");
      return;
    }
    Table table = new Table("KEY", left, right);
    for (JsonNode d : differences) {
      table.row(
          Table.Cell.of(d.get("key").asText()),
          cell(d.get("left"), style, true),
          cell(d.get("right"), style, false));
    }
    table.print(out(), style);
    out()
        .println(
            style.dim(
                plural(differences.size(), "difference") + " between " + l + " and " + r + "."));
    if (content) {
      ContentDiffText.print(out(), style, differences);
    }
  }

  private static Table.Cell cell(JsonNode v, Style style, boolean left) {
    if (v == null || v.isNull()) {
      return Table.Cell.styled("(absent)", style::dim);
    }
    return Table.Cell.styled(v.asText(), left ? style::removed : style::added);
  }

  private static String side(JsonNode side) {
    return side.get("host").asText()
        + (side.get("at").isNull() ? "" : " (as of " + time(side.get("at")) + ")");
  }
}
