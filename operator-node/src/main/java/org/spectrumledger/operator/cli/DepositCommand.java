package org.spectrumledger.operator.cli;

import java.math.BigInteger;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.TxResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator deposit --amount TOKENS}: settlement tokens into escrow. */
@Command(
    name = "deposit",
    mixinStandardHelpOptions = true,
    description = "Moves settlement tokens into the operator's escrow.")
public final class DepositCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--amount",
      required = true,
      description = "tokens written in full, e.g. 250 or 12.5 (6 decimals at most)")
  String amount;

  @Option(
      names = "--permit",
      description = "one transaction with an ERC-2612 permit instead of approve + deposit")
  boolean permit;

  @Override
  public Integer call() {
    BigInteger units = TokenAmounts.parse(amount);
    try (LedgerClient c = account.client()) {
      TxResult r =
          permit
              ? c.exchange().depositWithPermit(units, c.chainTime() + 3_600)
              : c.exchange().deposit(units);
      spec.commandLine()
          .getOut()
          .println(
              "deposited "
                  + TokenAmounts.format(units)
                  + " tokens ("
                  + units
                  + " base units) in tx "
                  + r.txHash()
                  + "; escrow now "
                  + TokenAmounts.format(c.exchange().escrowOf(c.address()))
                  + " tokens");
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
