package org.spectrumledger.operator.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Lease;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator leases [--at TIME]}: the SRU an operator holds by lease. */
@Command(
    name = "leases",
    mixinStandardHelpOptions = true,
    description = "Lists the operator's leases, all of them or those in force at --at.")
public final class LeasesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--address",
      converter = AddressConverter.class,
      description = "the operator (default: the keystore's address)")
  Address address;

  @Option(
      names = "--at",
      description = "unix time: only leases whose slot contains it ('now' for the chain's time)")
  String at;

  @Override
  public Integer call() {
    Address who = address != null ? address : account.keystoreAddress();
    try (LedgerClient c = account.reader()) {
      List<Lease> leases;
      if (at == null) {
        leases = c.exchange().leases(who);
      } else {
        long t = at.equals("now") ? c.chainTime() : parse(at);
        leases = c.exchange().leases(who, t, 0, 10_000).items();
      }
      TextTable t = new TextTable("market", "band", "cell", "slot start", "slot end", "SRU");
      for (Lease l : leases) {
        t.row(
            l.market(),
            l.market().band(),
            new org.spectrumledger.ledger.CellId(l.market().cell()),
            l.market().slotStart(),
            l.market().slotEnd(),
            l.quantity() / 1000.0);
      }
      spec.commandLine().getOut().print(t);
      spec.commandLine().getOut().println(leases.size() + " lease(s)");
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--at takes unix seconds or 'now', not '" + s + "'");
    }
  }
}
