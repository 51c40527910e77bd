package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * Prints the content diffs of an answer ({@code diff}/{@code diffNote} beside a change or a
 * difference) as unified diffs, coloured on a terminal: removed lines red, added green, hunk
 * headers cyan, file headers bold.
 */
final class ContentDiffText {

  private ContentDiffText() {}

  /** Prints the diff or note of each item that has one; returns how many were printed. */
  static int print(PrintWriter out, Style style, JsonNode items) {
    int printed = 0;
    for (JsonNode item : items) {
      JsonNode diff = item.get("diff");
      JsonNode note = item.get("diffNote");
      if (diff == null && note == null) {
        continue;
      }
      out.println();
      if (diff != null && !diff.isNull()) {
        diff.asText().lines().forEach(line -> out.println(paint(style, line)));
      } else {
        out.println(style.bold(item.get("key").asText()));
      }
      if (note != null && !note.isNull()) {
        out.println(style.warn("  (" + note.asText() + ")"));
      }
      printed++;
    }
    return printed;
  }

  private static String paint(Style style, String line) {
    if (line.startsWith("+++") || line.startsWith("---")) {
      return style.bold(line);
    }
    if (line.startsWith("@@")) {
      return style.hunk(line);
    }
    if (line.startsWith("+")) {
      return style.added(line);
    }
    if (line.startsWith("-")) {
      return style.removed(line);
    }
    return line;
  }
}
