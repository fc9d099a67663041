package org.spectrumledger.operator.cli;

import java.util.concurrent.Callable;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.PendingWithdrawal;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.cli.Times;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum operator withdraw}: request a withdrawal ({@code --amount}), execute it once the
 * settlement window has passed ({@code --execute}), or cancel it ({@code --cancel}). A request sets
 * the amount aside at once: bids the broker matched before it may still spend it until the window
 * passes, new bids cannot.
 */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    description =
        "Requests a withdrawal (--amount), executes it after the settlement window (--execute),"
            + " or cancels it (--cancel).")
public final class WithdrawCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(names = "--amount", description = "tokens to request")
  String amount;

  @Option(names = "--execute", description = "pay out the pending withdrawal")
  boolean execute;

  @Option(names = "--cancel", description = "cancel the pending withdrawal")
  boolean cancel;

  @Override
  public Integer call() {
    int chosen = (amount != null ? 1 : 0) + (execute ? 1 : 0) + (cancel ? 1 : 0);
    if (chosen != 1) {
      throw new IllegalArgumentException("give exactly one of --amount, --execute or --cancel");
    }
    // the amount first: a mistyped one is said as such, before a password is asked for or the node
    // is asked anything (which, away, would hide it behind its own error)
    java.math.BigInteger units = amount != null ? TokenAmounts.parse(amount) : null;
    try (LedgerClient c = account.client()) {
      TxResult r;
      if (units != null) {
        r = c.exchange().requestWithdrawal(units);
        PendingWithdrawal p = c.exchange().pendingWithdrawal(c.address());
        spec.commandLine()
            .getOut()
            .println(
                "withdrawal of "
                    + TokenAmounts.format(p.amount())
                    + " tokens requested in tx "
                    + r.txHash()
                    + "; set aside from the escrow, executable from "
                    + Times.isoWithDelay(p.readyAt(), c.chainTime())
                    + " (settlement may spend it until then for bids already matched)");
      } else if (execute) {
        PendingWithdrawal p = c.exchange().pendingWithdrawal(c.address());
        // the next block's time: an idle dev chain mines no block, so its latest one may be older
        // than the clock the transaction will be mined at
        long now = Math.max(c.chainTime(), System.currentTimeMillis() / 1000);
        if (!p.exists()) {
          throw new IllegalArgumentException(
              "no withdrawal is pending for " + c.address() + "; request one with --amount");
        }
        if (p.readyAt() > now) {
          throw new IllegalArgumentException(
              "the withdrawal of "
                  + TokenAmounts.format(p.amount())
                  + " tokens is not executable yet: from "
                  + Times.isoWithDelay(p.readyAt(), now));
        }
        r = c.exchange().withdraw();
        spec.commandLine()
            .getOut()
            .println(
                "withdrew "
                    + TokenAmounts.format(p.amount())
                    + " tokens in tx "
                    + r.txHash()
                    + "; escrow now "
                    + TokenAmounts.format(c.exchange().escrowOf(c.address()))
                    + " tokens");
      } else {
        if (!c.exchange().pendingWithdrawal(c.address()).exists()) {
          throw new IllegalArgumentException(
              "no withdrawal is pending for " + c.address() + "; nothing to cancel");
        }
        r = c.exchange().cancelWithdrawal();
        spec.commandLine().getOut().println("withdrawal cancelled in tx " + r.txHash());
      }
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
