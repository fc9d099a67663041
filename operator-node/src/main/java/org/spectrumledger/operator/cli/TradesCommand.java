package org.spectrumledger.operator.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.broker.api.TradeView;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.cli.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator trades}: the operator's settled trades. */
@Command(
    name = "trades",
    mixinStandardHelpOptions = true,
    description = "Lists the operator's settled trades.")
public final class TradesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "most recent N (default ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    Address who = account.keystoreAddress();
    List<TradeView> trades = account.brokerClient().trades(who, limit).trades();
    TextTable t = new TextTable("side", "market", "SRU", "price", "batch", "tx");
    for (TradeView x : trades) {
      t.row(
          x.side() == Side.BID ? "bid" : "ask",
          x.market(),
          x.quantity() / 1000.0,
          TokenAmounts.format(x.price()),
          x.batchId(),
          x.txHash() == null ? "" : x.txHash());
    }
    spec.commandLine().getOut().print(t);
    spec.commandLine().getOut().println(trades.size() + " trade(s)");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
