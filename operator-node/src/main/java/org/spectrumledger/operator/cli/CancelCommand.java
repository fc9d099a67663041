package org.spectrumledger.operator.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.SigningKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum operator cancel --nonce N}: takes the order out of the broker's book with a
 * signed cancel and, with {@code --on-chain}, cancels it on the exchange too (the only way to be
 * sure it can never settle).
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancels an order at the broker (signed) and, with --on-chain, on the exchange.")
public final class CancelCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(names = "--nonce", required = true, description = "the order's nonce")
  long nonce;

  @Option(names = "--on-chain", description = "also cancel the nonce on the exchange")
  boolean onChain;

  @Override
  public Integer call() {
    SigningKey key = account.key();
    OffChainMessages messages = new OffChainMessages(account.deployment().domain());
    var answer =
        account.brokerClient().cancel(key.address(), nonce, messages.signCancel(key, nonce));
    spec.commandLine()
        .getOut()
        .println(
            "broker: order "
                + answer.path("orderHash").asText()
                + " "
                + answer.path("status").asText());
    if (onChain) {
      try (LedgerClient c = account.client(key)) {
        var r = c.cancelOrders(List.of(nonce));
        spec.commandLine()
            .getOut()
            .println("exchange: nonce " + nonce + " cancelled in tx " + r.txHash());
      }
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
