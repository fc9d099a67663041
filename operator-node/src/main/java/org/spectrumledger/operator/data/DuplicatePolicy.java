package org.spectrumledger.operator.data;

/**
 * What the reader does with rows that repeat the previous row's timestamp. The ProSAS files repeat
 * the midnight sample once a day (the last sample of one day's file and the first of the next).
 */
public enum DuplicatePolicy {
  /** Merge the rows into one sample, their mean (the default: the series stays regular). */
  MEAN,
  /** Keep the first row. */
  FIRST,
  /** Keep the last row. */
  LAST,
  /**
   * Keep every row as its own sample, as a reader that ignores timestamps would (the figures in
   * ALGORITHMS.md §1 were measured so); a daily season then slips by one sample per duplicate.
   */
  KEEP,
  /** Refuse the file. */
  REJECT
}
