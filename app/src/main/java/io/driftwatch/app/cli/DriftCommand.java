package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch drift [SELECTOR]}: the selected hosts' drift findings, most severe first. Exits
 * 1 when there are findings, like {@code diff}, 0 when none.
 */
@Command(
    name = "drift",
    description =
        "Show drift: where the selected hosts deviate from their peers, expectations or baselines,"
            + " since when and how severe. Exit 1 if there are findings.")
public final class DriftCommand extends ClientCommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SELECTOR",
      description = "Which hosts, e.g. role=web,env=prod or name=web-* (default: all).")
  String selector;

  @Option(
      names = {"-b", "--baseline"},
      description = "Judge against this registered baseline only.")
  String baseline;

  @Option(
      names = "--severity",
      description = "Only findings at least this severe: high, medium or low.")
  String severity;

  @Option(
      names = "--include-excepted",
      description = "Also list findings an exception silences, with its id.")
  boolean includeExcepted;

  @Override
  protected int run(ApiClient api) {
    JsonNode answer =
        api.get(
            "/v1/drift",
            ApiClient.params(
                "selector",
                selector,
                "baseline",
                baseline,
                "severity",
                severity,
                "includeExcepted",
                includeExcepted ? "true" : null));
    if (json()) {
      printJson(answer);
    } else {
      print(answer);
    }
    return answer.get("findings").isEmpty() ? EXIT_OK : EXIT_DIFFERENCES;
  }

  private void print(JsonNode answer) {
    Style style = style();
    JsonNode findings = answer.get("findings");
    String which = selector == null || selector.isBlank() ? "all hosts" : selector;
    int judged = answer.get("answered").asInt();
    if (findings.isEmpty()) {
      out().println("No drift on " + plural(judged, "host") + " (" + which + ").");
    } else {
      Table table = new Table("HOST", "KEY", "ACTUAL", "EXPECTED", "SOURCE", "SINCE", "SEVERITY");
      for (JsonNode f : findings) {
        table.row(
            Table.Cell.of(f.get("host").asText()),
            Table.Cell.of(f.get("key").asText()),
            Table.Cell.styled(value(f.get("actual")), style::removed),
            Table.Cell.styled(value(f.get("expected")), style::added),
            Table.Cell.of(source(f)),
            Table.Cell.styled(
                f.get("since").isNull() ? "first probe" : time(f.get("since")), style::dim),
            Table.Cell.styled(f.get("severity").asText(), severityStyle(f, style)));
      }
      table.print(out(), style);
      out()
          .println(
              style.dim(
                  plural(findings.size(), "finding")
                      + " on "
                      + plural(judged, "host")
                      + " ("
                      + which
                      + ")."));
    }
    JsonNode missing = answer.get("missing");
    if (missing != null && !missing.isEmpty()) {
      List<String> names = new ArrayList<>();
      missing.forEach(h -> names.add(h.asText()));
      out()
          .println(
              style.warn(
                  "Not judged (no answer in time, or no state at the baseline's time): "
                      + String.join(" ", names)));
    }
  }

  /** {@code peers}, or the source with the baseline's or expectation's name. */
  private static String source(JsonNode f) {
    String source = f.get("source").asText();
    JsonNode name = f.get("baseline");
    String shown = name == null || name.isNull() ? source : source + " " + name.asText();
    JsonNode exception = f.get("exception");
    return exception == null ? shown : shown + " (excepted: " + exception.asText() + ")";
  }

  private static UnaryOperator<String> severityStyle(JsonNode f, Style style) {
    return switch (f.get("severity").asText()) {
      case "high" -> style::removed;
      case "medium" -> style::warn;
      default -> style::dim;
    };
  }
}
