package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.coordinator.inventory.InventoryFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch import FILE}: sends an inventory to {@code POST /v1/inventory}, which adds,
 * updates and removes that inventory's hosts, and prints what changed.
 */
@Command(
    name = "import",
    description =
        "Import an inventory (Driftwatch YAML, Ansible INI or YAML): its new hosts are added,"
            + " changed ones updated, and hosts it no longer lists removed (history kept).")
public final class ImportCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Option(
      names = "--format",
      description =
          "driftwatch, ansible-ini or ansible-yaml (default: from the extension and content).")
  String format;

  @Option(
      names = "--name",
      description =
          "The inventory's name: its hosts are replaced, others untouched (default: default).")
  String name;

  @Option(names = "--dry-run", description = "Show what would change; change nothing.")
  boolean dryRun;

  @Override
  protected int run(ApiClient api) {
    String text;
    try {
      text = InventoryFormat.readFile(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    InventoryFormat f =
        format == null
            ? InventoryFormat.detect(file.getFileName().toString(), text)
            : InventoryFormat.parse(format);
    JsonNode answer =
        api.post(
            "/v1/inventory",
            ApiClient.params(
                "format", f.wireName(), "name", name, "dryRun", dryRun ? "true" : null),
            text,
            "text/plain; charset=utf-8");
    if (json()) {
      printJson(answer);
      return EXIT_OK;
    }
    Style style = style();
    out()
        .printf(
            "Inventory %s%s: %d added, %d updated, %d removed, %d unchanged.%n",
            answer.get("inventory").asText(),
            dryRun ? " (dry run: nothing was changed)" : "",
            answer.get("added").size(),
            answer.get("updated").size(),
            answer.get("removed").size(),
            answer.get("unchanged").asInt());
    list(answer.get("added"), "+", style::added);
    list(answer.get("updated"), "~", style::warn);
    list(answer.get("removed"), "-", style::removed);
    return EXIT_OK;
  }

  private void list(JsonNode names, String mark, UnaryOperator<String> paint) {
    names.forEach(n -> out().println("  " + paint.apply(mark + " " + n.asText())));
  }
}
