package org.spectrumledger.operator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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
      description = "most recent N, " + PageLimit.RANGE + " (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  /** One trade as {@code --json} prints it: SRU and price as numbers, the time as an ISO date. */
  record TradeRow(
      String side,
      String market,
      String orderHash,
      BigDecimal sru,
      BigDecimal priceTokensPerSru,
      long batchId,
      String txHash,
      String settledAt,
      String explorerUrl) {}

  @Override
  public Integer call() throws Exception {
    PageLimit.checked(limit);
    Address who = account.keystoreAddress();
    List<TradeView> trades = account.brokerClient().trades(who, limit).trades();
    List<TradeRow> rows = new ArrayList<>();
    String explorer = account.brokerUrl().replaceAll("/+$", "") + "/explorer/#/tx/";
    for (TradeView x : trades) {
      rows.add(
          new TradeRow(
              x.side() == Side.BID ? "bid" : "ask",
              x.market().toString(),
              x.orderHash().toString(),
              BigDecimal.valueOf(x.quantity(), 3).stripTrailingZeros(),
              BigDecimal.valueOf(x.price(), TokenAmounts.DECIMALS).stripTrailingZeros(),
              x.batchId(),
              x.txHash() == null ? null : x.txHash().toString(),
              Instant.ofEpochMilli(x.settledAt()).toString(),
              x.txHash() == null ? null : explorer + x.txHash()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper()
              .setSerializationInclusion(JsonInclude.Include.NON_NULL)
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(rows));
    } else {
      TextTable t =
          new TextTable("side", "market", "SRU", "price tokens/SRU", "settled", "batch", "tx");
      for (TradeRow r : rows) {
        t.row(
            r.side(),
            r.market(),
            r.sru().toPlainString(),
            r.priceTokensPerSru().toPlainString(),
            r.settledAt(),
            r.batchId(),
            r.txHash() == null ? "" : r.txHash());
      }
      out.print(t);
      out.println(trades.size() + " trade(s)");
      rows.stream()
          .filter(r -> r.explorerUrl() != null)
          .findFirst()
          .ifPresent(r -> out.println("explorer (latest trade): " + r.explorerUrl()));
    }
    out.flush();
    return 0;
  }
}
