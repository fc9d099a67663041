package org.spectrumledger.operator.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.cli.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator orders}: the operator's orders as the broker holds them. */
@Command(
    name = "orders",
    mixinStandardHelpOptions = true,
    description =
        "Lists the operator's orders at the broker, which shows them only to a request signed"
            + " with the operator's key (the keystore's password is needed).")
public final class OrdersCommand implements Callable<Integer> {
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
    // the broker shows an operator's orders only to a request signed with its key
    List<OrderView> orders = account.signedBrokerClient().orders(who, limit).orders();
    TextTable t =
        new TextTable("nonce", "side", "market", "SRU", "limit", "status", "matched", "settled");
    for (OrderView o : orders) {
      t.row(
          o.nonce(),
          o.side() == Side.BID ? "bid" : "ask",
          o.market(),
          o.quantity() / 1000.0,
          TokenAmounts.format(o.limitPrice()),
          o.status().name().toLowerCase(Locale.ROOT),
          o.matched() / 1000.0,
          o.settled() / 1000.0);
    }
    spec.commandLine().getOut().print(t);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
