package io.driftwatch.node.collect.source;

import java.util.List;

/**
 * The lines of a source file, and whether the file ended with a newline: the kernel and dpkg always
 * end their files with one, so a missing final newline means the text was cut short in transit.
 *
 * @param lines the lines without their terminators (a trailing carriage return is kept)
 * @param endsWithNewline true when the text is empty or its last character is a newline
 */
record SourceText(List<String> lines, boolean endsWithNewline) {

  SourceText {
    lines = List.copyOf(lines);
  }

  static SourceText of(String text) {
    if (text.isEmpty()) {
      return new SourceText(List.of(), true);
    }
    boolean newline = text.endsWith("\n");
    String body = newline ? text.substring(0, text.length() - 1) : text;
    return new SourceText(List.of(body.split("\n", -1)), newline);
  }

  /**
   * The lines that were terminated by a newline. Where the writer always ends its file with one, a
   * last line without it was cut short and may hold a truncated value ("Version: 2.36-9+deb1"), so
   * it is not parsed at all.
   */
  List<String> wholeLines() {
    return endsWithNewline ? lines : lines.subList(0, lines.size() - 1);
  }

  /** True when there is nothing but whitespace. */
  boolean isBlank() {
    return lines.stream().allMatch(String::isBlank);
  }
}
