package org.spectrumledger.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
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
    description = "Lists the operator's orders at the broker.")
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
    JsonNode orders = account.brokerClient().orders(who, limit).path("orders");
    TextTable t =
        new TextTable("nonce", "side", "market", "SRU", "limit", "status", "matched", "settled");
    for (JsonNode o : orders) {
      t.row(
          o.path("nonce").asLong(),
          o.path("side").asText(),
          o.path("market").asText(),
          o.path("quantity").asLong() / 1000.0,
          TokenAmounts.format(o.path("limitPrice").asLong()),
          o.path("status").asText(),
          o.path("matched").asLong() / 1000.0,
          o.path("settled").asLong() / 1000.0);
    }
    spec.commandLine().getOut().print(t);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
