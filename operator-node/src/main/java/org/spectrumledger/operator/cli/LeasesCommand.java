package org.spectrumledger.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
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
      description =
          "only leases whose slot contains this time: unix seconds, an ISO date"
              + " (2026-01-01T10:30:00Z) or 'now' (the chain's time)")
  String at;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  /** One lease as {@code --json} prints it: SRU as a number, times as unix seconds and ISO. */
  record LeaseRow(
      String market,
      long band,
      String cell,
      long slotStart,
      String slotStartIso,
      long slotEnd,
      String slotEndIso,
      BigDecimal sru) {}

  @Override
  public Integer call() throws Exception {
    Address who = address != null ? address : account.keystoreAddress();
    Long when = at == null || at.equals("now") ? null : parse(at);
    try (LedgerClient c = account.reader()) {
      List<Lease> leases;
      if (at == null) {
        leases = c.exchange().leases(who);
      } else {
        long t = when == null ? c.chainTime() : when;
        leases = c.exchange().leases(who, t, 0, 10_000).items();
      }
      List<LeaseRow> rows = new ArrayList<>();
      for (Lease l : leases) {
        rows.add(
            new LeaseRow(
                l.market().toString(),
                l.market().band(),
                new CellId(l.market().cell()).toString(),
                l.market().slotStart(),
                Instant.ofEpochSecond(l.market().slotStart()).toString(),
                l.market().slotEnd(),
                Instant.ofEpochSecond(l.market().slotEnd()).toString(),
                BigDecimal.valueOf(l.quantity(), 3).stripTrailingZeros()));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
      } else {
        TextTable t = new TextTable("market", "band", "cell", "slot start", "slot end", "SRU");
        for (LeaseRow r : rows) {
          t.row(
              r.market(),
              r.band(),
              r.cell(),
              r.slotStartIso(),
              r.slotEndIso(),
              r.sru().toPlainString());
        }
        out.print(t);
        out.println(leases.size() + " lease(s)");
      }
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static long parse(String s) {
    try {
      // the shared time form: unix seconds (milliseconds refused) or an ISO date with its zone
      return org.spectrumledger.ledger.cli.UnixTimeConverter.parse(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--at takes unix seconds, an ISO date (2026-01-01T10:30:00Z) or 'now': "
              + e.getMessage());
    }
  }
}
