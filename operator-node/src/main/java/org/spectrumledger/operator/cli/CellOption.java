package org.spectrumledger.operator.cli;

import org.spectrumledger.ledger.CellId;

/**
 * The one cell an order, the daemon or a licence is for, as an option gives it: hex ({@code 0x7})
 * or decimal ({@code 7}). {@code all} is refused: it names every cell at once (protection zones,
 * the regulator's lit books), and a market in it is no cell's.
 */
public final class CellOption {

  private CellOption() {}

  /** The cell id of {@code text}, given by {@code option}; bad input names both and the forms. */
  public static long one(String text, String option) {
    CellId cell = parsed(text, option, "one cell id, hex (0x7) or decimal (7)");
    if (cell.equals(CellId.ALL_CELLS)) {
      throw new IllegalArgumentException(
          option
              + " takes one cell id, hex (0x7) or decimal (7), not '"
              + text
              + "': that is the id of every cell at once (for protection zones), and a market or a licence is"
              + " in one");
    }
    return cell.value();
  }

  /**
   * The cell id of {@code text}, one cell or {@code all} (a protection zone, a book rule), given by
   * {@code option}; bad input names both and the forms.
   */
  public static CellId oneOrAll(String text, String option) {
    return parsed(text, option, "a cell id, hex (0x7) or decimal (7), or all");
  }

  private static CellId parsed(String text, String option, String forms) {
    try {
      return CellId.parse(text);
    } catch (IllegalArgumentException e) {
      // (the parser's message first, so the launcher does not repeat it after this one)
      throw new IllegalArgumentException(e.getMessage() + "; " + option + " takes " + forms, e);
    }
  }
}
