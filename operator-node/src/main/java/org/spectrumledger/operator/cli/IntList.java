package org.spectrumledger.operator.cli;

import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * A list of positive integers written as a range {@code 1..12}, a single value {@code 10}, a list
 * {@code 1,5,10}, or a mix {@code 1..4,10}; sorted, without repeats.
 *
 * @param values the values, ascending
 */
record IntList(List<Integer> values) {

  IntList {
    values = List.copyOf(values);
  }

  static IntList parse(String text, int max) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an empty list of values");
    }
    TreeSet<Integer> out = new TreeSet<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      int dots = p.indexOf("..");
      int from;
      int to;
      try {
        if (dots >= 0) {
          from = Integer.parseInt(p.substring(0, dots).strip());
          to = Integer.parseInt(p.substring(dots + 2).strip());
        } else {
          from = Integer.parseInt(p);
          to = from;
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + p + "' is not a number or a range like 1..12", e);
      }
      if (from < 1 || to > max || from > to) {
        throw new IllegalArgumentException(
            "'" + p + "' must be a value or an ascending range within 1.." + max);
      }
      for (int i = from; i <= to; i++) {
        out.add(i);
      }
    }
    return new IntList(List.copyOf(out));
  }

  /** picocli converter for {@code --nodes}: E from 1 to 1,000. */
  static final class Nodes implements CommandLine.ITypeConverter<IntList> {
    @Override
    public IntList convert(String value) {
      try {
        return parse(value, 1_000);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
