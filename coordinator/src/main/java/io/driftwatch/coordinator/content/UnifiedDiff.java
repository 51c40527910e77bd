package io.driftwatch.coordinator.content;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff of two texts ({@code diff -u} style, 3 lines of context) made with
 * java-diff-utils, cut at a size so that an answer stays bounded whatever the files hold.
 */
final class UnifiedDiff {

  static final int CONTEXT_LINES = 3;

  /** Where a created or removed file's missing side points, as diff(1) shows it. */
  static final String ABSENT = "/dev/null";

  private UnifiedDiff() {}

  /**
   * @param text the diff, possibly cut
   * @param truncated whether it was cut at the size limit
   */
  record Result(String text, boolean truncated) {}

  /**
   * The diff from {@code oldText} to {@code newText}; a null text is an absent file (its header is
   * {@code /dev/null}). Empty when the texts have the same lines.
   */
  static Result of(String oldLabel, String oldText, String newLabel, String newText, int maxBytes) {
    List<String> oldLines = lines(oldText);
    List<String> newLines = lines(newText);
    Patch<String> patch = DiffUtils.diff(oldLines, newLines);
    if (patch.getDeltas().isEmpty()) {
      return new Result("", false);
    }
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(
            oldText == null ? ABSENT : oldLabel,
            newText == null ? ABSENT : newLabel,
            oldLines,
            patch,
            CONTEXT_LINES);
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    for (String raw : diff) {
      String line = emptySide(raw, oldLines.isEmpty(), newLines.isEmpty());
      int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
      if (bytes + size > maxBytes) {
        return new Result(out.toString(), true);
      }
      out.append(line).append('\n');
      bytes += size;
    }
    return new Result(out.toString(), false);
  }

  /**
   * diff(1) numbers an empty side's hunk range 0,0; java-diff-utils writes 1,0, which some patch
   * tools refuse.
   */
  private static String emptySide(String line, boolean oldEmpty, boolean newEmpty) {
    if (!line.startsWith("@@ ")) {
      return line;
    }
    String fixed = oldEmpty ? line.replace("@@ -1,0 ", "@@ -0,0 ") : line;
    return newEmpty ? fixed.replace(" +1,0 @@", " +0,0 @@") : fixed;
  }

  /** A text's lines without their terminators; an absent or empty text has none. */
  static List<String> lines(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return Arrays.asList(body.split("\r?\n", -1));
  }
}
