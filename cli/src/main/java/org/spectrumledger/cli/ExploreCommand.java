package org.spectrumledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.ConfigOptions;
import org.spectrumledger.ledger.cli.MarketKeyConverter;
import org.spectrumledger.ledger.cli.Setting;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.explorer.Explorer;
import org.spectrumledger.ledger.explorer.ExplorerViews;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spectrum explore tx|operator|market}: the explorer's views on the command line. */
@Command(
    name = "explore",
    mixinStandardHelpOptions = true,
    description = "Inspects transactions, operators and markets on the ledger, decoded.",
    subcommands = {
      ExploreCommand.Tx.class,
      ExploreCommand.Operator.class,
      ExploreCommand.Market.class
    })
final class ExploreCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** JSON for machines: an absent value is left out, never written as {@code null}. */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setDefaultPropertyInclusion(
              com.fasterxml.jackson.annotation.JsonInclude.Value.construct(
                  com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL,
                  com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL));

  /** Unix seconds as an ISO date. */
  static String iso(long unixSeconds) {
    return java.time.Instant.ofEpochSecond(unixSeconds).toString();
  }

  /**
   * Options every view shares, settled as the operator's are: flag, environment, {@code --config}
   * file (the same keys, {@code rpcUrl} and {@code deployment}), default.
   */
  static class Common {
    @Mixin ConfigOptions config;

    @Option(
        names = "--rpc",
        defaultValue = "http://127.0.0.1:8545",
        description = "ledger node JSON-RPC URL ($SPECTRUM_RPC; default ${DEFAULT-VALUE})")
    @Setting(env = "SPECTRUM_RPC", key = "rpcUrl")
    String rpc;

    @Option(
        names = "--deployment",
        defaultValue = ".spectrum/deployment.json",
        description = "deployment record ($SPECTRUM_DEPLOYMENT; default ${DEFAULT-VALUE})")
    @Setting(env = "SPECTRUM_DEPLOYMENT")
    Path deployment;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    LedgerClient reader() {
      Deployment d = Deployment.read(deployment);
      return LedgerClient.connect(LedgerConfig.of(rpc, d, null));
    }
  }

  @Command(
      name = "tx",
      mixinStandardHelpOptions = true,
      description = "A transaction: the call, its arguments, fills, events, gas and status.")
  static final class Tx extends Common implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
        paramLabel = "HASH",
        description = "a transaction hash, or an order hash (shows the trade's settlement)")
    String hash;

    @Override
    public Integer call() throws Exception {
      Bytes32 h;
      try {
        h = Bytes32.of(hash);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "not a transaction hash (0x and 64 hex digits): '" + hash + "'");
      }
      try (LedgerClient c = reader()) {
        Explorer explorer = new Explorer(c);
        // an order hash names the transaction that settled its trade (or claimed its fill)
        ExplorerViews.Search where = explorer.search(h.hex());
        ExplorerViews.Transaction tx = explorer.transaction(Bytes32.of(where.key()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(JSON.writeValueAsString(tx));
        } else {
          if (where.orderHash() != null) {
            out.println("order " + h + " is no transaction; the transaction it was settled in:");
          }
          out.printf(
              "%s  %s.%s  %s  block %s at %s  gas %s%n",
              tx.txHash(),
              tx.contract(),
              tx.function(),
              tx.status(),
              tx.block(),
              iso(tx.timestamp()),
              tx.gasUsed());
          out.println(
              "from " + tx.from() + (tx.to() == null ? " (contract creation)" : " to " + tx.to()));
          if (tx.revert() != null) {
            out.println("revert: " + tx.revert());
          }
          for (ExplorerViews.Argument a : tx.arguments()) {
            out.println("  " + a.name() + " (" + a.type() + ") = " + a.value());
          }
          if (tx.settlement() != null) {
            ExplorerViews.Settlement s = tx.settlement();
            out.println("batch " + s.batchId() + ": " + s.fills() + " fills");
            TextTable t =
                new TextTable(
                    "market",
                    "price tokens/SRU",
                    "side",
                    "SRU",
                    "limit tokens/SRU",
                    "maker",
                    "order");
            for (ExplorerViews.Clearing cl : s.clearings()) {
              for (ExplorerViews.Fill f : cl.fills()) {
                t.row(
                    cl.market(),
                    cl.price(),
                    f.side(),
                    f.sru(),
                    f.limitPrice(),
                    f.maker(),
                    f.orderHash());
              }
            }
            out.print(t);
          }
          out.println(tx.events().size() + " event(s):");
          for (ExplorerViews.Event e : tx.events()) {
            out.println("  " + e.name() + " " + e.fields());
          }
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "operator",
      mixinStandardHelpOptions = true,
      description = "An operator: registration, escrow, leases now and ahead, trades.")
  static final class Operator extends Common implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
        paramLabel = "ADDRESS",
        converter = AddressConverter.class,
        description = "the operator's address")
    Address address;

    @Override
    public Integer call() throws Exception {
      Address a = address;
      try (LedgerClient c = reader()) {
        ExplorerViews.Operator op = new Explorer(c).operator(a);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(JSON.writeValueAsString(op));
        } else {
          out.println(
              op.address()
                  + "  "
                  + (op.registered() ? op.name() + " (" + op.kind() + ")" : "not registered")
                  + (op.suspended() ? " SUSPENDED" : ""));
          String pending = "none";
          if (op.pendingWithdrawal() != null) {
            ExplorerViews.Withdrawal pw = op.pendingWithdrawal();
            pending = pw.amount() + " tokens, executable from " + iso(pw.readyAt());
          }
          out.println(
              "escrow "
                  + op.escrow()
                  + " tokens, wallet "
                  + op.tokenBalance()
                  + " tokens, pending withdrawal "
                  + pending);
          TextTable leases = new TextTable("when", "market", "SRU");
          for (ExplorerViews.LeaseView l : op.leasesNow()) {
            leases.row("now", l.market(), l.sru());
          }
          for (ExplorerViews.LeaseView l : op.leasesAhead()) {
            leases.row("ahead", l.market(), l.sru());
          }
          out.print(leases);
          TextTable trades = new TextTable("side", "market", "SRU", "price tokens/SRU", "tx");
          for (ExplorerViews.Trade t : op.trades()) {
            trades.row(t.side(), t.market(), t.sru(), t.price(), t.txHash());
          }
          out.print(trades);
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "market",
      mixinStandardHelpOptions = true,
      description = "A market: policy state and its clearings over time.")
  static final class Market extends Common implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
        paramLabel = "KEY",
        converter = MarketKeyConverter.class,
        description = "band/cell/slotStart-slotEnd, e.g. 4/0x7/1800000000-1800003600")
    MarketKey key;

    @Override
    public Integer call() throws Exception {
      MarketKey m = key;
      try (LedgerClient c = reader()) {
        ExplorerViews.Market v = new Explorer(c).market(m);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(JSON.writeValueAsString(v));
        } else {
          out.println("market " + v.market() + " (band " + v.band() + ", cell " + v.cell() + ")");
          if (!v.bandRegistered()) {
            out.println(
                "band "
                    + v.band()
                    + " is not registered on this chain: nothing trades in this market (a typo?)");
          }
          String sensing = "no report";
          if (v.sensing() != null) {
            ExplorerViews.Sensing r = v.sensing();
            List<String> seen = new java.util.ArrayList<>();
            if (r.idleAt() != 0) {
              seen.add("idle at " + iso(r.idleAt()));
            }
            if (r.busyAt() != 0) {
              seen.add("busy at " + iso(r.busyAt()));
            }
            sensing = String.join(", ", seen);
          }
          out.println(
              "sensing "
                  + (v.sensingRequired() ? "required" : "not required")
                  + ": "
                  + sensing
                  + "; protection zones in force: "
                  + v.protectionZones().size());
          TextTable t = new TextTable("batch", "block", "price tokens/SRU", "SRU", "tx");
          for (ExplorerViews.MarketClearing x : v.clearings()) {
            t.row(x.batchId(), x.block(), x.price(), x.volumeSru(), x.txHash());
          }
          out.print(t);
        }
        out.flush();
      }
      return 0;
    }
  }
}
