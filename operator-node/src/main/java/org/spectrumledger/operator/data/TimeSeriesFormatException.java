package org.spectrumledger.operator.data;

/**
 * A file that is not a usable time series; the message names the file and, where one is at fault,
 * the line.
 */
public final class TimeSeriesFormatException extends IllegalArgumentException {

  private final int line;

  public TimeSeriesFormatException(String source, int line, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    this.line = line;
  }

  /** The 1-based line at fault, or 0 when the problem is the file as a whole. */
  public int line() {
    return line;
  }
}
