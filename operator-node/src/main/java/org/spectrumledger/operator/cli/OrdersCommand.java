package org.spectrumledger.operator.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Side;
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
      description = "most recent N, " + PageLimit.RANGE + " (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print JSON (SRU and prices as numbers)")
  boolean json;

  /** One order as {@code --json} prints it. */
  record OrderRow(
      long nonce,
      String side,
      String market,
      java.math.BigDecimal sru,
      java.math.BigDecimal limitTokensPerSru,
      String status,
      java.math.BigDecimal matchedSru,
      java.math.BigDecimal settledSru) {}

  @Override
  public Integer call() throws Exception {
    PageLimit.checked(limit);
    Address who = account.keystoreAddress();
    // the broker shows an operator's orders only to a request signed with its key
    List<OrderView> orders = account.signedBrokerClient().orders(who, limit).orders();
    List<OrderRow> rows =
        orders.stream()
            .map(
                o ->
                    new OrderRow(
                        o.nonce(),
                        o.side() == Side.BID ? "bid" : "ask",
                        o.market().toString(),
                        sru(o.quantity()),
                        plain(java.math.BigDecimal.valueOf(o.limitPrice(), 6)),
                        o.status().name().toLowerCase(Locale.ROOT),
                        sru(o.matched()),
                        sru(o.settled())))
            .toList();
    if (json) {
      spec.commandLine()
          .getOut()
          .println(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsString(rows));
    } else {
      TextTable t =
          new TextTable(
              "nonce", "side", "market", "SRU", "limit tokens/SRU", "status", "matched", "settled");
      for (OrderRow o : rows) {
        t.row(
            o.nonce(),
            o.side(),
            o.market(),
            o.sru().toPlainString(),
            o.limitTokensPerSru().toPlainString(),
            o.status(),
            o.matchedSru().toPlainString(),
            o.settledSru().toPlainString());
      }
      spec.commandLine().getOut().print(t);
      spec.commandLine().getOut().println(rows.size() + " order(s)");
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static java.math.BigDecimal sru(long milli) {
    return plain(java.math.BigDecimal.valueOf(milli, 3));
  }

  /** Without trailing zeros, and never in exponent form (10, not 1E+1). */
  private static java.math.BigDecimal plain(java.math.BigDecimal b) {
    java.math.BigDecimal s = b.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
