package org.spectrumledger.network.node;

import java.util.List;

/** Just enough TOML writing for Besu's files: comments, strings, numbers, booleans, arrays. */
public final class Toml {

  private final StringBuilder out = new StringBuilder();

  public Toml comment(String text) {
    for (String line : text.split("\n", -1)) {
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    return this;
  }

  public Toml blank() {
    out.append('\n');
    return this;
  }

  public Toml put(String key, String value) {
    out.append(key).append('=').append(quote(value)).append('\n');
    return this;
  }

  public Toml put(String key, long value) {
    out.append(key).append('=').append(value).append('\n');
    return this;
  }

  public Toml put(String key, boolean value) {
    out.append(key).append('=').append(value).append('\n');
    return this;
  }

  /** An array of strings, one element a line when there are several. */
  public Toml put(String key, List<String> values) {
    out.append(key).append("=[");
    if (values.size() > 1) {
      out.append('\n');
      for (int i = 0; i < values.size(); i++) {
        out.append("  ").append(quote(values.get(i))).append(i + 1 < values.size() ? ",\n" : "\n");
      }
    } else if (values.size() == 1) {
      out.append(quote(values.get(0)));
    }
    out.append("]\n");
    return this;
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
