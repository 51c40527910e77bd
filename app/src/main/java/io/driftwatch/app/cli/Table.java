package io.driftwatch.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plain-text table with aligned columns. Widths are computed from the text before styling, so
 * colour codes never break the alignment.
 */
public final class Table {

  /** One cell: its text, and how to style it for the terminal. */
  public record Cell(String text, UnaryOperator<String> style) {
    public static Cell of(String text) {
      return new Cell(text == null ? "" : text, UnaryOperator.identity());
    }

    public static Cell styled(String text, UnaryOperator<String> style) {
      return new Cell(text == null ? "" : text, style);
    }
  }

  private final List<String> headers;
  private final List<List<Cell>> rows = new ArrayList<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  public Table row(Cell... cells) {
    rows.add(List.of(cells));
    return this;
  }

  public Table row(String... cells) {
    List<Cell> row = new ArrayList<>();
    for (String c : cells) {
      row.add(Cell.of(c));
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out, Style style) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
    }
    for (List<Cell> row : rows) {
      for (int i = 0; i < row.size() && i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).text().length());
      }
    }
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      header.append(pad(headers.get(i), widths[i], i == headers.size() - 1));
    }
    out.println(style.bold(header.toString().stripTrailing()));
    for (List<Cell> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        Cell cell = row.get(i);
        boolean last = i == row.size() - 1;
        String padding = last ? "" : " ".repeat(widths[i] - cell.text().length() + 2);
        line.append(cell.style().apply(cell.text())).append(padding);
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String pad(String s, int width, boolean last) {
    return last ? s : s + " ".repeat(width - s.length() + 2);
  }
}
