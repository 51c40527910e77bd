package io.driftwatch.cassandra.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CQL file into statements at the semicolons that end them, skipping comments ({@code --},
 * {@code //}, {@code /* *\/}) and never splitting inside a quoted string, a quoted identifier or a
 * {@code $$} literal.
 */
final class CqlScript {

  private CqlScript() {}

  /** The statements of {@code text} in order, trimmed, without comments or the final semicolon. */
  static List<String> statements(String text) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (startsWith(text, i, "--") || startsWith(text, i, "//")) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (startsWith(text, i, "/*")) {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated /* comment");
        }
        // A comment separates tokens like a space does.
        current.append(' ');
        i = end + 2;
      } else if (c == '\'' || c == '"') {
        int end = quoteEnd(text, i, c);
        current.append(text, i, end);
        i = end;
      } else if (startsWith(text, i, "$$")) {
        int end = text.indexOf("$$", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated $$ literal");
        }
        current.append(text, i, end + 2);
        i = end + 2;
      } else if (c == ';') {
        add(statements, current);
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(statements, current);
    return statements;
  }

  /** The index just after the quote closing the one at {@code start}; doubled quotes escape. */
  private static int quoteEnd(String text, int start, char quote) {
    int i = start + 1;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unterminated " + quote + " quote");
  }

  private static boolean startsWith(String text, int at, String token) {
    return text.startsWith(token, at);
  }

  private static void add(List<String> statements, StringBuilder statement) {
    String trimmed = statement.toString().strip();
    if (!trimmed.isEmpty()) {
      statements.add(trimmed);
    }
  }
}
