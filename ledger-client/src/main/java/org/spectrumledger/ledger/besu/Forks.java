package org.spectrumledger.ledger.besu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forks a genesis enables from block 0, up to the EVM version the contracts were compiled for.
 * Shanghai and later are scheduled by time in Besu's genesis ({@code shanghaiTime}); earlier forks
 * by block.
 */
public final class Forks {

  /** Block-scheduled forks, oldest first, all at block 0. */
  static final List<String> BLOCK_FORKS =
      List.of(
          "homesteadBlock",
          "eip150Block",
          "eip155Block",
          "eip158Block",
          "byzantiumBlock",
          "constantinopleBlock",
          "petersburgBlock",
          "istanbulBlock",
          "muirGlacierBlock",
          "berlinBlock",
          "londonBlock",
          "arrowGlacierBlock",
          "grayGlacierBlock");

  /** Time-scheduled forks by the solc {@code evmVersion} that needs them, oldest first. */
  static final List<String> TIME_FORKS = List.of("shanghai", "cancun", "prague");

  private Forks() {}

  /**
   * The genesis {@code config} entries enabling every fork up to {@code evmVersion} at genesis and
   * none after it, so the chain runs exactly the opcodes the compiler assumed.
   */
  public static Map<String, Long> upTo(String evmVersion) {
    int last = TIME_FORKS.indexOf(evmVersion);
    if (last < 0) {
      throw new IllegalArgumentException(
          "the contracts were compiled for evm version '"
              + evmVersion
              + "'; a QBFT genesis here enables one of "
              + TIME_FORKS);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (String f : BLOCK_FORKS) {
      out.put(f, 0L);
    }
    for (int i = 0; i <= last; i++) {
      out.put(TIME_FORKS.get(i) + "Time", 0L);
    }
    return out;
  }

  /** The name of every time fork after {@code evmVersion} (which a genesis must not enable). */
  public static List<String> after(String evmVersion) {
    int last = TIME_FORKS.indexOf(evmVersion);
    return TIME_FORKS.subList(last + 1, TIME_FORKS.size()).stream().map(f -> f + "Time").toList();
  }
}
