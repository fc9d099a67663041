package org.spectrumledger.operator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Lease;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OperatorInfo;
import org.spectrumledger.ledger.PendingWithdrawal;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.cli.Times;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator status}: registration, escrow, tokens and leases of an operator. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows an operator's registration, escrow, token balance and leases.")
public final class StatusCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--address",
      converter = AddressConverter.class,
      description = "the operator (default: the keystore's address)")
  Address address;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  /**
   * What {@code --json} prints: amounts in tokens as numbers, times as ISO dates; an absent value
   * is left out rather than written as null.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Status(
      String address,
      boolean registered,
      String name,
      String kind,
      boolean suspended,
      BigDecimal escrowTokens,
      BigDecimal walletTokens,
      Withdrawal pendingWithdrawal,
      int leasesNow,
      int leasesAll) {}

  /** A requested withdrawal: its amount, when it can be executed, and in how many seconds. */
  record Withdrawal(BigDecimal amountTokens, String readyAt, long readyInSeconds) {}

  @Override
  public Integer call() throws Exception {
    Address who = address != null ? address : account.keystoreAddress();
    try (LedgerClient c = account.reader()) {
      OperatorInfo info = c.policy().operatorInfo(who);
      PendingWithdrawal pw = c.exchange().pendingWithdrawal(who);
      long now = c.chainTime();
      List<Lease> leases = c.exchange().leases(who);
      Status s =
          new Status(
              who.toString(),
              info.registered(),
              info.registered() ? info.name() : null,
              info.registered() ? info.kind().name() : null,
              info.suspended(),
              tokens(c.exchange().escrowOf(who)),
              tokens(c.token().tokenBalance(who)),
              pw.exists()
                  ? new Withdrawal(
                      tokens(pw.amount()),
                      Instant.ofEpochSecond(pw.readyAt()).toString(),
                      Math.max(0, pw.readyAt() - now))
                  : null,
              (int) leases.stream().filter(l -> l.activeAt(now)).count(),
              leases.size());
      if (json) {
        spec.commandLine()
            .getOut()
            .println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(s));
      } else {
        TextTable t = new TextTable("field", "value");
        t.row("address", s.address());
        t.row("registered", s.registered() ? "yes" : "no");
        t.row("name", s.name() == null ? "-" : s.name());
        t.row("kind", s.kind() == null ? "-" : s.kind());
        t.row("suspended", s.suspended() ? "yes" : "no");
        t.row("escrow", s.escrowTokens().toPlainString() + " tokens");
        t.row("wallet", s.walletTokens().toPlainString() + " tokens");
        t.row(
            "pending withdrawal",
            pw.exists()
                ? s.pendingWithdrawal().amountTokens().toPlainString()
                    + " tokens, executable from "
                    + Times.isoWithDelay(pw.readyAt(), now)
                : "-");
        t.row("leases now", s.leasesNow());
        t.row("leases (all)", s.leasesAll());
        spec.commandLine().getOut().print(t);
      }
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static BigDecimal tokens(BigInteger baseUnits) {
    return new BigDecimal(baseUnits).movePointLeft(TokenAmounts.DECIMALS).stripTrailingZeros();
  }
}
