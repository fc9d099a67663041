package org.spectrumledger.operator.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.Times;
import org.spectrumledger.operator.fairness.ReceiptBook;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum operator cancel --nonce N}: takes the order out of the broker's book with a
 * signed cancel, at once, and, with {@code --on-chain}, cancels it on the exchange too. The
 * on-chain cancellation takes effect after the exchange's settlement window, so a batch the broker
 * already matched still settles; from then on the order can never settle.
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancels an order at the broker (signed) and, with --on-chain, on the exchange.")
public final class CancelCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--nonce",
      required = true,
      converter = NonceConverter.class,
      description = "the order's nonce, 0 or more")
  long nonce;

  @Option(names = "--on-chain", description = "also cancel the nonce on the exchange")
  boolean onChain;

  /**
   * The broker now holds the maker's signed cancel, which answers any priority challenge of the
   * order (the court accepts it for every auction): its intake receipt is no longer audited, so no
   * challenge the broker would win (and take the deposit of) is made for it.
   */
  private void stopAuditing(SigningKey key) {
    try (ReceiptBook book = ReceiptBook.open(account.home().resolve(AuditCommand.RECEIPTS_FILE))) {
      if (book.closeIntakeOf(key.address(), nonce)) {
        spec.commandLine().getOut().println("its intake receipt is no longer audited");
      }
    } catch (RuntimeException e) {
      spec.commandLine()
          .getOut()
          .println(
              "its intake receipt could not be closed ("
                  + e.getMessage()
                  + "): a challenge of it would be answered with this cancel");
    }
  }

  @Override
  public Integer call() {
    SigningKey key = account.key();
    // With --on-chain the node is reached first: a node that does not answer stops the command
    // before the broker takes the order out of its book, so a retry does both, not half.
    try (LedgerClient chain = onChain ? account.client(key) : null) {
      return cancel(key, chain);
    }
  }

  private int cancel(SigningKey key, LedgerClient chain) {
    OffChainMessages messages = new OffChainMessages(account.deployment().domain());
    try {
      var answer =
          account.brokerClient().cancel(key.address(), nonce, messages.signCancel(key, nonce));
      spec.commandLine()
          .getOut()
          .println(
              "broker: order "
                  + answer.orderHash()
                  + " "
                  + answer.status().name().toLowerCase(java.util.Locale.ROOT));
      stopAuditing(key);
    } catch (BrokerClient.BrokerRefusal e) {
      // An order the broker no longer holds (or never got) can still be cancelled on chain.
      boolean gone = e.reason().equals("unknown-order") || e.reason().equals("not-cancellable");
      if (!onChain || !gone) {
        throw e;
      }
      spec.commandLine().getOut().println("broker: " + e.getMessage());
    }
    if (chain != null) {
      var r = chain.exchange().cancelOrders(List.of(nonce));
      var cancelled =
          r.events("OrderCancelled").stream()
              .map(e -> ChainEvent.of(e, ChainEvent.OrderCancelled.class))
              .toList();
      spec.commandLine()
          .getOut()
          .println(
              cancelled.isEmpty()
                  ? "exchange: nonce " + nonce + " was already filled or being cancelled"
                  : "exchange: nonce "
                      + nonce
                      + " cancelled in tx "
                      + r.txHash()
                      + ", in force from "
                      + Times.isoWithDelay(cancelled.get(0).effectiveAt(), chain.chainTime()));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
