package org.spectrumledger.operator.fairness;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.api.FillView;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.TxResult;

/**
 * The operator's side of T7: checks each fill receipt the broker hands it, keeps the good ones, and
 * after each deadline asks the chain whether the promise was kept; a receipt not honoured is
 * claimed in the broker court, which pays the operator from the broker's bond.
 */
public final class ReceiptAuditor {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiptAuditor.class);

  /** What one audit found, over every receipt kept. */
  public record Findings(
      int kept,
      int pending,
      int settled,
      int claimedNow,
      int claimed,
      int withheld,
      int lapsed,
      BigInteger compensation,
      List<String> problems) {}

  private final LedgerClient ledger;
  private final ReceiptBook book;
  private final OffChainMessages messages;

  public ReceiptAuditor(LedgerClient ledger, ReceiptBook book) {
    this.ledger = ledger;
    this.book = book;
    this.messages = new OffChainMessages(ledger.config().deployment().domain());
  }

  public ReceiptBook book() {
    return book;
  }

  /**
   * Checks the receipts of {@code view}'s fills and keeps the good ones. A receipt that is not the
   * broker's, or does not match its fill, is reported and not kept (the court would refuse it too).
   *
   * @param broker the broker the receipts must be signed by
   * @return problems found, one line each
   */
  public List<String> take(OrderView view, Address broker) {
    List<String> problems = new ArrayList<>();
    Order order =
        new Order(
            view.maker(),
            view.side(),
            view.market(),
            view.quantity(),
            view.limitPrice(),
            view.nonce(),
            view.validUntil(),
            view.partialFill());
    for (FillView f : view.fills()) {
      FillReceipt r = f.receipt();
      if (r == null) {
        continue;
      }
      KeptReceipt kept =
          new KeptReceipt(
              order, r, ledger.chainTime(), KeptReceipt.Status.PENDING, null, null, null);
      if (book.contains(kept.key())) {
        continue;
      }
      Optional<String> problem = check(order, view.orderHash(), f, r, broker);
      if (problem.isPresent()) {
        problems.add(problem.get());
        LOG.warn("fill receipt refused: {}", problem.get());
        continue;
      }
      book.keep(kept);
    }
    return problems;
  }

  private Optional<String> check(
      Order order, Bytes32 orderHash, FillView f, FillReceipt r, Address broker) {
    String where = "receipt of order " + orderHash + " in clearing " + r.clearingId();
    if (!r.orderHash().equals(orderHash)) {
      return Optional.of(where + " names another order, " + r.orderHash());
    }
    if (r.fillQuantity() != f.quantity() || r.price() != f.price()) {
      return Optional.of(
          where
              + " promises "
              + r.fillQuantity()
              + " milli-SRU at "
              + r.price()
              + ", but the fill is "
              + f.quantity()
              + " at "
              + f.price());
    }
    if (r.filledAfter() < r.fillQuantity() || r.filledAfter() > order.quantity()) {
      return Optional.of(
          where + " promises " + r.filledAfter() + " milli-SRU filled of " + order.quantity());
    }
    Optional<Address> signer;
    try {
      signer = messages.receiptSigner(r.message(), r.signatureValue());
    } catch (RuntimeException e) {
      return Optional.of(where + " carries a malformed signature: " + e.getMessage());
    }
    if (signer.isEmpty() || !signer.get().equals(broker)) {
      return Optional.of(
          where
              + " is signed by "
              + signer.map(Address::checksummed).orElse("nobody")
              + ", not the broker "
              + broker.checksummed());
    }
    return Optional.empty();
  }

  /**
   * Audits every kept receipt whose deadline has passed: settled, or withheld; a withheld one is
   * claimed when {@code claim} (the court pays the maker; a claim that fails costs only its gas and
   * is reported).
   */
  public Findings audit(boolean claim) {
    long now = ledger.chainTime();
    CourtClient court = ledger.court();
    long window = -1;
    int claimedNow = 0;
    List<String> problems = new ArrayList<>();
    for (KeptReceipt k : book.all()) {
      if (k.status() != KeptReceipt.Status.PENDING && k.status() != KeptReceipt.Status.WITHHELD) {
        continue;
      }
      FillReceipt r = k.receipt();
      if (now <= r.settleBy()) {
        continue;
      }
      long filled =
          ledger.exchange().filledOf(k.order().maker(), k.order().nonce()).of(k.order().quantity());
      if (filled >= r.filledAfter()) {
        book.update(k.with(KeptReceipt.Status.SETTLED, null, null, null));
        continue;
      }
      if (window < 0) {
        window = court.terms().challengeWindow();
      }
      String why =
          "the chain shows "
              + filled
              + " milli-SRU filled of the "
              + r.filledAfter()
              + " promised by "
              + r.settleBy();
      if (now > r.settleBy() + window) {
        book.update(k.with(KeptReceipt.Status.LAPSED, why, null, null));
        continue;
      }
      if (!claim) {
        book.update(k.with(KeptReceipt.Status.WITHHELD, why, null, null));
        continue;
      }
      BigInteger before = ledger.token().tokenBalance(k.order().maker());
      try {
        TxResult tx = court.claimWithheldFill(k.order(), r.message(), r.signatureValue());
        BigInteger paid = ledger.token().tokenBalance(k.order().maker()).subtract(before);
        book.update(
            k.with(KeptReceipt.Status.CLAIMED, why, tx.txHash(), paid.max(BigInteger.ZERO)));
        claimedNow++;
        LOG.warn(
            "fill receipt of order {} in clearing {} withheld: claimed in tx {}, {} base units paid",
            r.orderHash(),
            r.clearingId(),
            tx.txHash(),
            paid);
      } catch (ContractRevertedException e) {
        if (e.error() instanceof ContractError.CourtFillSettled) {
          book.update(k.with(KeptReceipt.Status.SETTLED, null, null, null));
        } else if (e.error() instanceof ContractError.CourtReceiptAlreadyClaimed) {
          book.update(
              k.with(KeptReceipt.Status.CLAIMED, why + " (claimed by someone else)", null, null));
        } else {
          book.update(k.with(KeptReceipt.Status.WITHHELD, why, null, null));
          problems.add(
              "claim for order "
                  + r.orderHash()
                  + " refused: "
                  + e.errorName()
                  + " "
                  + e.getMessage());
        }
      }
    }
    return findings(claimedNow, problems);
  }

  /** What the book holds now, without asking the chain. */
  public Findings findings() {
    return findings(0, List.of());
  }

  private Findings findings(int claimedNow, List<String> problems) {
    int pending = 0, settled = 0, claimed = 0, withheld = 0, lapsed = 0;
    BigInteger paid = BigInteger.ZERO;
    List<KeptReceipt> all = book.all();
    for (KeptReceipt k : all) {
      switch (k.status()) {
        case PENDING -> pending++;
        case SETTLED -> settled++;
        case CLAIMED -> {
          claimed++;
          if (k.compensation() != null) {
            paid = paid.add(k.compensation());
          }
        }
        case WITHHELD -> withheld++;
        case LAPSED -> lapsed++;
      }
    }
    return new Findings(
        all.size(), pending, settled, claimedNow, claimed, withheld, lapsed, paid, problems);
  }
}
