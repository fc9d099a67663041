package org.spectrumledger.ledger.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar for long runs, redrawn in place on a terminal and printed at 10 % steps
 * otherwise (so a log file stays readable). Writes to the error stream, never to the output a
 * script parses.
 */
public final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private long done;
  private int lastDecile = -1;
  private long lastDrawNanos;

  /**
   * @param err where to draw (a command's error writer)
   * @param label what is running
   * @param total how many steps make 100 %
   */
  public ProgressBar(PrintWriter err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = Math.max(1, total);
    this.terminal = System.console() != null && System.getenv("NO_PROGRESS") == null;
  }

  /** Moves forward by {@code steps}. */
  public synchronized void step(long steps) {
    done = Math.min(total, done + steps);
    draw(false);
  }

  /** Sets the number of steps done. */
  public synchronized void set(long stepsDone) {
    done = Math.min(total, stepsDone);
    draw(false);
  }

  private void draw(boolean last) {
    int decile = (int) (done * 10 / total);
    long now = System.nanoTime();
    if (terminal) {
      if (!last && now - lastDrawNanos < 100_000_000L && done < total) {
        return;
      }
      lastDrawNanos = now;
      int filled = (int) (done * WIDTH / total);
      err.printf(
          "\r%s [%s%s] %3d%% %s",
          label, "#".repeat(filled), " ".repeat(WIDTH - filled), done * 100 / total, elapsed(now));
      err.flush();
    } else if (decile != lastDecile) {
      // NOTE: close() after the last step must not print 100 % a second time
      lastDecile = decile;
      err.printf("%s: %d%% (%s)%n", label, done * 100 / total, elapsed(now));
      err.flush();
    }
  }

  private String elapsed(long now) {
    return String.format("%.1f s", (now - startNanos) / 1e9);
  }

  @Override
  public synchronized void close() {
    done = total;
    draw(true);
    if (terminal) {
      err.println();
      err.flush();
    }
  }
}
