package org.spectrumledger.network.compose;

/**
 * The {@code .env} beside the Compose file, owner-only: the image versions (edit them to upgrade)
 * and the explorer's token for its archive node. {@code start.sh} appends the host user's ids and
 * the database, Blockscout and Grafana secrets the first time it runs, and keeps them.
 */
public final class EnvFile {

  public static final String FILE = ".env";

  /** The variable holding the token Blockscout sends to the explorer node. */
  public static final String EXPLORER_TOKEN = "EXPLORER_RPC_TOKEN";

  private EnvFile() {}

  /**
   * {@code text} (an existing {@code .env}) with the explorer's token replaced, every other line
   * kept.
   */
  public static String withExplorerToken(String text, String explorerToken) {
    StringBuilder out = new StringBuilder();
    boolean found = false;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith(EXPLORER_TOKEN + "=")) {
        line = EXPLORER_TOKEN + "=" + explorerToken;
        found = true;
      }
      out.append(line).append('\n');
    }
    String s = out.substring(0, out.length() - 1);
    if (!found) {
      s =
          (s.isEmpty() || s.endsWith("\n") ? s : s + "\n")
              + EXPLORER_TOKEN
              + "="
              + explorerToken
              + "\n";
    }
    return s;
  }

  public static String render(String explorerToken) {
    StringBuilder s = new StringBuilder();
    s.append("# Docker Compose settings of this network; owner-only, never in version control.\n");
    s.append("# Image versions: pinned; change one here to upgrade that service.\n");
    for (Image i : Image.ALL) {
      s.append(i.variable()).append('=').append(i.version()).append('\n');
    }
    s.append(
        "# Blockscout's token for the explorer node (eth, net, web3, trace and debug_trace*).\n");
    s.append(EXPLORER_TOKEN).append('=').append(explorerToken).append('\n');
    return s.toString();
  }
}
