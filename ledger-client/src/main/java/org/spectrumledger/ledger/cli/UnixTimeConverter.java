package org.spectrumledger.ledger.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * A time option ({@code @Option(converter = UnixTimeConverter.class)}): unix seconds, or an ISO
 * instant such as {@code 2026-12-03T15:00:00Z}; anything else (a local time without its zone, a
 * negative number, milliseconds) is refused with the forms it takes.
 */
public final class UnixTimeConverter implements CommandLine.ITypeConverter<Long> {

  /** Past this, a number is taken for milliseconds by mistake (the year 5138 in seconds). */
  private static final long MAX_SECONDS = 99_999_999_999L;

  @Override
  public Long convert(String value) {
    String t = value.strip();
    if (t.matches("[0-9]+")) {
      long seconds;
      try {
        seconds = Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException(t + " is too large for unix seconds");
      }
      if (seconds > MAX_SECONDS) {
        throw new CommandLine.TypeConversionException(
            t
                + " looks like milliseconds; give unix seconds or an ISO date (2026-12-03T15:00:00Z)");
      }
      return seconds;
    }
    try {
      long seconds = Instant.parse(t).getEpochSecond();
      if (seconds < 0) {
        throw new CommandLine.TypeConversionException(t + " is before 1970");
      }
      return seconds;
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'"
              + value
              + "' is neither unix seconds nor an ISO date with its zone (2026-12-03T15:00:00Z)");
    }
  }
}
