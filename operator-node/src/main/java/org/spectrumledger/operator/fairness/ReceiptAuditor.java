package org.spectrumledger.operator.fairness;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.api.FillState;
import org.spectrumledger.broker.api.FillView;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.broker.api.Timescale;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.TxResult;

/**
 * The operator's side of T7: checks each fill receipt the broker hands it, keeps the good ones, and
 * after each deadline asks the chain whether the promise was kept; a receipt not honoured is
 * claimed in the broker court, which pays the operator from the broker's bond.
 *
 * <p>A receipt is kept only if the court would hold the broker to it: signed by a key holding the
 * broker role, for the order the operator signed (hashed here, not taken from the broker), for the
 * fill as the broker reports it, promising at least every earlier fill of the order and no more
 * than the order, with a deadline before the order expires and near enough that the broker's bond
 * cannot leave before a claim lands.
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
      int voided,
      BigInteger compensation,
      List<String> problems) {}

  private final LedgerClient ledger;
  private final ReceiptBook book;
  private final OffChainMessages messages;
  private CourtClient.Terms terms;

  /** Near-RT fills already reported as coming without a receipt (each is reported once). */
  private final java.util.Set<Long> reportedMissing = new java.util.HashSet<>();

  /** Keys of receipts refused already (each is reported once, not at every interval). */
  private final java.util.Set<String> refused = new java.util.HashSet<>();

  public ReceiptAuditor(LedgerClient ledger, ReceiptBook book) {
    this.ledger = ledger;
    this.book = book;
    this.messages = new OffChainMessages(ledger.config().deployment().domain());
  }

  public ReceiptBook book() {
    return book;
  }

  private CourtClient.Terms terms() {
    if (terms == null) {
      terms = ledger.court().terms();
    }
    return terms;
  }

  /**
   * Checks the receipts of {@code view}'s fills and keeps the good ones. A receipt the court would
   * not hold the broker to is reported and not kept, and so is a near-RT fill without a receipt.
   *
   * @param broker the broker the receipts must be signed by (as it says; the role is checked on
   *     chain)
   * @return problems found, one line each
   */
  public List<String> take(OrderView view, Address broker) {
    List<String> problems = new ArrayList<>();
    // Nothing new in the view (the daemon sees an order's view every interval): no hashing, and no
    // request to the node.
    if (view.fills().stream().noneMatch(f -> isNew(view, f))) {
      return problems;
    }
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
    // the order as the operator signed it, hashed here: the broker's word is not taken for it
    Bytes32 orderHash = Bytes32.wrap(ledger.exchange().orderSigner().hasher().digest(order));
    long now = ledger.chainTime();
    for (FillView f : view.fills()) {
      FillReceipt r = f.receipt();
      if (r == null) {
        if (needsReceipt(view, f) && reportedMissing.add(f.fillId())) {
          problems.add(
              "near-RT fill "
                  + f.fillId()
                  + " of order "
                  + orderHash
                  + " came without the broker's receipt: nothing holds the broker to settling it");
        }
        continue;
      }
      KeptReceipt kept =
          new KeptReceipt(order, r, now, KeptReceipt.Status.PENDING, null, null, null, null);
      if (book.contains(kept.key()) || refused.contains(kept.key())) {
        continue;
      }
      Optional<String> problem = check(order, orderHash, view, f, r, broker, now);
      if (problem.isPresent()) {
        refused.add(kept.key());
        problems.add(problem.get());
        LOG.warn("fill receipt refused: {}", problem.get());
        continue;
      }
      book.keep(kept);
    }
    return problems;
  }

  private boolean isNew(OrderView view, FillView f) {
    FillReceipt r = f.receipt();
    if (r == null) {
      return needsReceipt(view, f) && !reportedMissing.contains(f.fillId());
    }
    String key = KeptReceipt.key(r);
    return !book.contains(key) && !refused.contains(key);
  }

  private static boolean needsReceipt(OrderView view, FillView f) {
    return view.timescale() == Timescale.NEAR_RT && f.state() != FillState.DROPPED;
  }

  private Optional<String> check(
      Order order,
      Bytes32 orderHash,
      OrderView view,
      FillView f,
      FillReceipt r,
      Address broker,
      long now) {
    String where = "receipt of order " + orderHash + " in clearing " + r.clearingId();
    if (!r.orderHash().equals(orderHash) || !view.orderHash().equals(orderHash)) {
      return Optional.of(where + " names another order, " + r.orderHash());
    }
    if (r.fillQuantity() <= 0 || r.price() <= 0 || r.settleBy() <= 0 || r.filledAfter() <= 0) {
      return Optional.of(where + " carries a quantity, price or time that is not positive");
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
    long earlier = 0;
    for (FillView other : view.fills()) {
      if (other.clearingId() < r.clearingId() && other.state() != FillState.DROPPED) {
        earlier += other.quantity();
      }
    }
    if (r.filledAfter() < earlier + r.fillQuantity() || r.filledAfter() > order.quantity()) {
      return Optional.of(
          where
              + " promises "
              + r.filledAfter()
              + " milli-SRU filled; the order's fills so far make "
              + (earlier + r.fillQuantity())
              + " of "
              + order.quantity());
    }
    if (Long.compareUnsigned(order.validUntil(), r.settleBy()) < 0
        || order.market().slotEnd() <= r.settleBy()) {
      return Optional.of(
          where
              + "'s deadline "
              + r.settleBy()
              + " is after the order can settle: the court would not hold the broker to it");
    }
    CourtClient.Terms t = terms();
    long latest = now + t.withdrawalDelay() - t.challengeWindow();
    if (r.settleBy() > latest) {
      return Optional.of(
          where
              + "'s deadline "
              + r.settleBy()
              + " is so far ahead that the broker's bond could be gone before a claim lands");
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
    if (!ledger.policy().hasRole(Role.BROKER, broker)) {
      return Optional.of(
          where
              + " is signed by "
              + broker.checksummed()
              + ", which holds no broker role on chain");
    }
    return Optional.empty();
  }

  /**
   * Audits every kept receipt whose deadline has passed: settled, or withheld; a withheld one is
   * claimed when {@code claim} (the court pays the maker; a claim that fails costs only its gas and
   * is reported). A conviction the bond could not pay in full is claimed again until it is paid.
   */
  public Findings audit(boolean claim) {
    long now = ledger.chainTime();
    int claimedNow = 0;
    List<String> problems = new ArrayList<>();
    for (KeptReceipt k : book.all()) {
      boolean open =
          k.status() == KeptReceipt.Status.PENDING || k.status() == KeptReceipt.Status.WITHHELD;
      if (!open && !k.stillOwed()) {
        continue;
      }
      FillReceipt r = k.receipt();
      if (now <= r.settleBy()) {
        continue;
      }
      try {
        if (audit(k, now, claim)) {
          claimedNow++;
        }
      } catch (ContractRevertedException e) {
        problems.add(
            "claim for order "
                + r.orderHash()
                + " refused: "
                + e.errorName()
                + " "
                + e.getMessage());
      } catch (RuntimeException e) {
        // one receipt the node or the court cannot take must not stop the others' audit
        problems.add("receipt of order " + r.orderHash() + " not audited: " + e.getMessage());
      }
    }
    return findings(claimedNow, problems);
  }

  /** Audits one receipt past its deadline; true when a claim paid something now. */
  private boolean audit(KeptReceipt k, long now, boolean claim) {
    FillReceipt r = k.receipt();
    CourtClient court = ledger.court();
    Bytes32 digest = Bytes32.wrap(messages.receiptDigest(r.message()));
    String why = k.note();
    if (!k.stillOwed()) {
      long filled =
          ledger.exchange().filledOf(k.order().maker(), k.order().nonce()).of(k.order().quantity());
      if (filled >= r.filledAfter()) {
        book.update(k.with(KeptReceipt.Status.SETTLED, null, null, null, null));
        return false;
      }
      why =
          "the chain shows "
              + filled
              + " milli-SRU filled of the "
              + r.filledAfter()
              + " promised by "
              + r.settleBy();
      if (now > r.settleBy() + terms().challengeWindow()) {
        book.update(k.with(KeptReceipt.Status.LAPSED, why, null, null, null));
        return false;
      }
    }
    if (!claim) {
      if (!k.stillOwed()) {
        book.update(k.with(KeptReceipt.Status.WITHHELD, why, null, null, null));
      }
      return false;
    }
    try {
      TxResult tx = court.claimWithheldFill(k.order(), r.message(), r.signatureValue());
      CourtClient.Claim c = court.claimOf(digest);
      book.update(k.with(KeptReceipt.Status.CLAIMED, why, tx.txHash(), c.paid(), c.owed()));
      LOG.warn(
          "fill receipt of order {} in clearing {} withheld: claimed in tx {}; {} of {} base units"
              + " paid",
          r.orderHash(),
          r.clearingId(),
          tx.txHash(),
          c.paid(),
          c.owed());
      return c.paid().signum() > 0;
    } catch (ContractRevertedException e) {
      switch (e.error()) {
        case ContractError.CourtFillSettled s ->
            book.update(k.with(KeptReceipt.Status.SETTLED, null, null, null, null));
        case ContractError.CourtOrderVoidedByMaker v ->
            book.update(
                k.with(
                    KeptReceipt.Status.VOIDED,
                    "the order could not settle by the deadline (it expired, its slot ended, or it"
                        + " was cancelled at "
                        + v.effectiveAt()
                        + ")",
                    null,
                    null,
                    null));
        case ContractError.CourtReceiptAlreadyClaimed a -> {
          CourtClient.Claim c = court.claimOf(digest);
          book.update(
              k.with(
                  KeptReceipt.Status.CLAIMED,
                  why + " (claimed by someone else)",
                  null,
                  c.paid(),
                  c.owed()));
        }
        case ContractError.CourtBondEmpty b -> {
          // upheld before; the rest is claimed again once the broker's bond is back
        }
        default -> {
          if (!k.stillOwed()) {
            book.update(k.with(KeptReceipt.Status.WITHHELD, why, null, null, null));
          }
          throw e;
        }
      }
      return false;
    }
  }

  /** What the book holds now, without asking the chain. */
  public Findings findings() {
    return findings(0, List.of());
  }

  private Findings findings(int claimedNow, List<String> problems) {
    int pending = 0, settled = 0, claimed = 0, withheld = 0, lapsed = 0, voided = 0;
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
        case VOIDED -> voided++;
      }
    }
    return new Findings(
        all.size(),
        pending,
        settled,
        claimedNow,
        claimed,
        withheld,
        lapsed,
        voided,
        paid,
        problems);
  }
}
