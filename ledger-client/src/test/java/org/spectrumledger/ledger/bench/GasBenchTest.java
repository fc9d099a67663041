package org.spectrumledger.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code ./spectrum bench gas} on a dev chain: the exchange's rows and CoW Protocol's settlement of
 * the same number of trades, in the same run, each read from a receipt of a settlement that went
 * through.
 */
class GasBenchTest {

  @Test
  void measuresTheExchangeAndCowProtocolSideBySide() {
    assertThat(CowBench.artifacts())
        .as("CoW's published build, installed with contracts' npm packages")
        .isPresent();

    List<GasBench.Row> rows = GasBench.run("anvil", 5);

    Map<String, GasBench.Row> at50 =
        rows.stream()
            .filter(r -> r.fills() == 50 && r.markets() == 1)
            .collect(Collectors.toMap(GasBench.Row::shape, Function.identity()));
    assertThat(at50)
        .containsKeys("one market", GasBench.NEW_MAKERS, GasBench.COW, GasBench.COW_NEW_MAKERS);
    long cow = at50.get(GasBench.COW).perTrade();
    long cowNew = at50.get(GasBench.COW_NEW_MAKERS).perTrade();
    // a CoW trade costs at least an ecrecover, two ERC-20 transfers and its order's filled amount
    assertThat(cow).isBetween(30_000L, 120_000L);
    assertThat(cowNew).as("fresh balances cost more").isGreaterThan(cow);
    assertThat(at50.get("one market").perTrade())
        .as("the exchange's trade, makers who traded before")
        .isLessThan(cow);
    assertThat(at50.get(GasBench.NEW_MAKERS).perTrade())
        .isGreaterThan(at50.get("one market").perTrade());
  }
}
