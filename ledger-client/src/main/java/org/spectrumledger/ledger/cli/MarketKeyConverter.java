package org.spectrumledger.ledger.cli;

import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.MarketKey;
import picocli.CommandLine;

/**
 * A market option ({@code @Option(converter = MarketKeyConverter.class)}) in the form {@link
 * MarketKey#toString()} prints: {@code band/cell/slotStart-slotEnd}, the cell in hex ({@code 0x7})
 * or decimal, the slot in unix seconds, e.g. {@code 4/0x7/1700000000-1700003600}.
 */
public final class MarketKeyConverter implements CommandLine.ITypeConverter<MarketKey> {

  @Override
  public MarketKey convert(String value) {
    String[] fields = value.strip().split("/");
    if (fields.length == 3) {
      try {
        CellId.parse(fields[1]);
      } catch (IllegalArgumentException e) {
        // (the parser's words name the text, not where in the key it stands or the forms taken)
        throw new CommandLine.TypeConversionException(
            e.getMessage() + "; the market's cell is a cell id, hex (0x7) or decimal (7)");
      }
    }
    try {
      MarketKey m = MarketKey.parse(value);
      UnixTimeConverter.seconds(m.slotStart(), "slot start");
      UnixTimeConverter.seconds(m.slotEnd(), "slot end");
      return m;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
