package org.spectrumledger.ledger.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for command output: a header, rows, columns padded to their widest cell;
 * numeric-looking cells are right-aligned.
 */
public final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; values are printed with {@link String#valueOf}. */
  public TextTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the header " + header.size());
    }
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(String.valueOf(c));
    }
    rows.add(row);
    return this;
  }

  public int size() {
    return rows.size();
  }

  @Override
  public String toString() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, width, false);
    for (int i = 0; i < width.length; i++) {
      sb.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    sb.append('\n');
    for (List<String> r : rows) {
      line(sb, r, width, true);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] width, boolean align) {
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      sb.append(i == 0 ? "" : "  ");
      sb.append(align && numeric(c) ? pad + c : c + (i == width.length - 1 ? "" : pad));
    }
    sb.append('\n');
  }

  private static boolean numeric(String s) {
    return !s.isEmpty() && s.matches("[-+]?[0-9][0-9,._]*(e[-+]?[0-9]+)?%?( ?[a-zµ/]+)?");
  }
}
