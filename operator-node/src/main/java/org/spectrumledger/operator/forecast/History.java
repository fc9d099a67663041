package org.spectrumledger.operator.forecast;

import java.util.Arrays;

/** A growable array of observations; {@code back(0)} is the last one. */
final class History {

  private double[] values;
  private int size;

  History(double[] initial, int extraCapacity) {
    values = Arrays.copyOf(initial, Math.max(16, initial.length + extraCapacity));
    size = initial.length;
  }

  void add(double v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  double get(int i) {
    return values[i];
  }

  /** The value {@code k} samples before the last (k = 0 is the last); clamps at the first. */
  double back(int k) {
    return values[Math.max(0, size - 1 - k)];
  }

  boolean has(int k) {
    return k < size;
  }

  /** Mean of the last {@code w} values (fewer if the history is shorter). */
  double meanOfLast(int w) {
    int n = Math.min(w, size);
    double s = 0;
    for (int i = size - n; i < size; i++) {
      s += values[i];
    }
    return s / n;
  }
}
