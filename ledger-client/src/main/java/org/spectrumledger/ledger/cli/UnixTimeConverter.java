package org.spectrumledger.ledger.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * A time option ({@code @Option(converter = UnixTimeConverter.class)}): unix seconds, or an ISO
 * instant such as {@code 2026-12-03T15:00:00Z}; anything else (a local time without its zone, a
 * negative number, milliseconds) is refused with the forms it takes. {@link #seconds} is the same
 * check for a time read some other way (a slot's bounds, a field of a compound option).
 */
public final class UnixTimeConverter implements CommandLine.ITypeConverter<Long> {

  /** Past this, a number is taken for milliseconds by mistake (the year 5138 in seconds). */
  public static final long MAX_SECONDS = 99_999_999_999L;

  @Override
  public Long convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  /**
   * {@code text} as unix seconds: a whole number of them, or an ISO instant. The message of the
   * {@link IllegalArgumentException} it throws says the forms taken, not which option was given.
   */
  public static long parse(String text) {
    String t = text.strip();
    if (t.matches("[0-9]+")) {
      long value;
      try {
        value = Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(t + " is too large: " + range());
      }
      return checked(value, " or an ISO date (2026-12-03T15:00:00Z)");
    }
    try {
      long seconds = Instant.parse(t).getEpochSecond();
      if (seconds < 0) {
        throw new IllegalArgumentException(t + " is before 1970");
      }
      if (seconds > MAX_SECONDS) {
        throw new IllegalArgumentException(t + " is too late: " + range());
      }
      return seconds;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(unreadable(t), e);
    }
  }

  /**
   * {@code value}, checked to be unix seconds: 0 or more, and not milliseconds (a number past
   * {@link #MAX_SECONDS}, the year 5138). The message says what it looks like.
   */
  public static long seconds(long value) {
    return checked(value, "");
  }

  private static long checked(long value, String orElse) {
    if (value < 0) {
      throw new IllegalArgumentException(value + " is before 1970: " + range());
    }
    if (value > MAX_SECONDS) {
      if (value / 1_000 <= MAX_SECONDS) {
        throw new IllegalArgumentException(
            value
                + " looks like milliseconds ("
                + Instant.ofEpochMilli(value)
                + "); give unix seconds ("
                + value / 1_000
                + ")"
                + orElse);
      }
      throw new IllegalArgumentException(value + " is too large: " + range());
    }
    return value;
  }

  /** {@link #seconds(long)}, its message led by {@code what} ({@code --first-slot}). */
  public static long seconds(long value, String what) {
    try {
      return seconds(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " " + e.getMessage(), e);
    }
  }

  private static String range() {
    return "unix seconds run from 0 to " + MAX_SECONDS + " (the year 5138)";
  }

  /** Why {@code t} is no time: a date or a local time lacks what an instant needs. */
  private static String unreadable(String t) {
    try {
      LocalDate d = LocalDate.parse(t);
      return "'"
          + t
          + "' is a date alone: give a full timestamp with its zone ("
          + d
          + "T00:00:00Z) or unix seconds";
    } catch (DateTimeParseException notADate) {
      // not a date alone
    }
    try {
      String full = LocalDateTime.parse(t).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z";
      return "'"
          + t
          + "' has no zone: give a full timestamp with its zone ("
          + full
          + ") or unix seconds";
    } catch (DateTimeParseException notALocalTime) {
      // nor a local time
    }
    return "'"
        + t
        + "' is neither unix seconds nor an ISO date with its zone (2026-12-03T15:00:00Z)";
  }
}
