package org.spectrumledger.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.contracts.generated.BrokerCourt;

/**
 * The broker court: brokers' bonds, and claims against them for near-RT fill receipts not settled
 * by their deadline. Obtained from {@link LedgerClient#court()}; shares its connection and key.
 */
public final class CourtClient {

  /**
   * A broker's bond: what counts for settlement, what waits for withdrawal, and when it is ready.
   */
  public record Bond(BigInteger active, BigInteger pending, long readyAt) {}

  /** What a convicted receipt is owed, and what has been paid of it (token base units). */
  public record Claim(BigInteger owed, BigInteger paid) {
    public boolean settled() {
      return paid.compareTo(owed) >= 0;
    }
  }

  /** The court's deployment parameters. */
  public record Terms(
      BigInteger bondMinimum, long challengeWindow, long withdrawalDelay, int compensationBps) {}

  /**
   * An auction as its broker committed it: what the court checks every challenge of the auction's
   * book against ({@code Auction} in {@code BookLib.sol}).
   */
  public record CommittedAuction(
      MarketKey market, long cutoff, Address broker, long price, int feeBps, AuctionBook book) {}

  /** What the court convicted an auction of (none: not convicted), and the rule's price. */
  public record Verdict(Flaw flaw, long fairPrice) {
    public enum Flaw {
      NONE,
      MISPRICED,
      DISORDERED,
      MISPLACED,
      MISSTATED
    }
  }

  private final LedgerCore core;
  private final TokenClient token;
  private final BrokerCourt court;

  CourtClient(LedgerCore core, TokenClient token) {
    this.core = core;
    this.token = token;
    this.court =
        BrokerCourt.load(core.deployment().court().hex(), core.web3j(), core.reader(), core.gas());
  }

  public Address address() {
    return core.deployment().court();
  }

  /**
   * Adds {@code amount} of this key's tokens to {@code broker}'s bond, approving the court first
   * when its allowance is short.
   */
  public TxResult postBond(Address broker, BigInteger amount) {
    Address me = core.config().key().address();
    if (token.allowance(me, address()).compareTo(amount) < 0) {
      token.approve(address(), amount);
    }
    return core.send(
        "postBond", address(), court.postBond(broker.hex(), amount).encodeFunctionCall());
  }

  /** Takes {@code amount} out of this key's active bond; it can be withdrawn after the delay. */
  public TxResult requestBondWithdrawal(BigInteger amount) {
    return core.send(
        "requestBondWithdrawal",
        address(),
        court.requestBondWithdrawal(amount).encodeFunctionCall());
  }

  /** Pays this key what is left of its bond withdrawal, once ready. */
  public TxResult withdrawBond() {
    return core.send("withdrawBond", address(), court.withdrawBond().encodeFunctionCall());
  }

  /**
   * Claims against the broker that signed {@code receipt} for {@code order}: the maker is paid from
   * the broker's bond when the chain shows the promised fill unsettled. A claim that fails (the
   * fill was settled, the deadline has not passed, the window closed) throws {@link
   * ContractRevertedException} with the court's reason, and costs only this transaction's gas.
   */
  public TxResult claimWithheldFill(
      Order order, OffChainMessages.FillReceipt receipt, Signature signature) {
    return core.send(
        "claimWithheldFill",
        address(),
        court
            .claimWithheldFill(wrapperOrder(order), wrapperReceipt(receipt), signature.toBytes())
            .encodeFunctionCall());
  }

  /** An omission challenge as the court holds it. */
  public record Challenge(State state, long answerBy, BigInteger owed, BigInteger paid) {
    /** Where a challenge stands. */
    public enum State {
      NONE,
      OPEN,
      ANSWERED,
      UPHELD
    }
  }

  /**
   * Challenges the book the signer of {@code receipt} committed for the auction of the order's
   * market cut off at {@code cutoff}: the order is not in it. Pays the court's deposit (approving
   * it first when the allowance is short). A challenge the court refuses throws {@link
   * ContractRevertedException} with its reason.
   */
  public TxResult challengeOmission(
      Order order, OffChainMessages.IntakeReceipt receipt, Signature signature, long cutoff) {
    BigInteger deposit = challengeDeposit();
    Address me = core.config().key().address();
    if (deposit.signum() > 0 && token.allowance(me, address()).compareTo(deposit) < 0) {
      token.approve(address(), deposit);
    }
    return core.send(
        "challengeOmission",
        address(),
        court
            .challengeOmission(
                wrapperOrder(order),
                new BrokerCourt.IntakeReceipt(
                    receipt.orderHash().bytes(),
                    receipt.market().id(),
                    BigInteger.valueOf(receipt.acceptedAt()),
                    BigInteger.valueOf(receipt.sequence())),
                signature.toBytes(),
                BigInteger.valueOf(cutoff))
            .encodeFunctionCall());
  }

  /**
   * Answers challenge {@code challengeId} with the order's leaf at {@code index} in the book. A
   * leaf among the unfilled ones must also show the rule did not have to fill the order: {@code
   * marginal} is the last filled leaf of the order's side (read only for such a leaf), and {@code
   * cancel} the maker's signed cancel at the broker, if it sent one, and {@code matched} the
   * broker's signed fill receipt for the whole order in an earlier auction still settling at the
   * cut-off, if the answer cites one (the court then holds the broker to it at the order's limit).
   */
  public TxResult answerOmission(
      Bytes32 challengeId,
      CommittedAuction auction,
      int index,
      int marginal,
      java.util.Optional<Signature> cancel,
      java.util.Optional<SignedFill> matched) {
    OffChainMessages.FillReceipt none =
        new OffChainMessages.FillReceipt(Bytes32.wrap(new byte[32]), 0, 0, 0, 0, 0);
    return core.send(
        "answerOmission",
        address(),
        court
            .answerOmission(
                challengeId.bytes(),
                wrapperAuction(auction),
                proven(auction, index),
                proven(auction, marginal),
                cancel.map(Signature::toBytes).orElse(new byte[0]),
                wrapperReceipt(matched.map(SignedFill::receipt).orElse(none)),
                matched.map(m -> m.signature().toBytes()).orElse(new byte[0]))
            .encodeFunctionCall());
  }

  /** A broker's fill receipt with its signature. */
  public record SignedFill(OffChainMessages.FillReceipt receipt, Signature signature) {}

  /** Upholds an unanswered omission challenge once its answer is overdue (or collects the rest). */
  public TxResult convictOmission(Bytes32 challengeId) {
    return core.send(
        "convictOmission",
        address(),
        court.convictOmission(challengeId.bytes()).encodeFunctionCall());
  }

  public Challenge challengeOf(Bytes32 challengeId) {
    var t = core.call(() -> court.challengeOf(challengeId.bytes()).send());
    return new Challenge(
        Challenge.State.values()[t.component1().intValueExact()],
        t.component2().longValueExact(),
        t.component3(),
        t.component4());
  }

  /**
   * Notes at the court that {@code orders} (one maker's, on one side, asks in one market) cannot be
   * funded together at their limits now (the exchange refused them): from then on the rule may
   * leave them out of an auction. Sorted by nonce here, as the court takes them. Reverts with
   * {@code CourtOrderFunded} when the maker does fund them.
   */
  public TxResult noteRefusal(List<Order> orders) {
    List<Order> sorted = new ArrayList<>(orders);
    sorted.sort((a, b) -> Long.compareUnsigned(a.nonce(), b.nonce()));
    return core.send(
        "noteRefusal",
        address(),
        court
            .noteRefusal(sorted.stream().map(CourtClient::wrapperOrder).toList())
            .encodeFunctionCall());
  }

  /** When a refusal of the order was noted at the court (unix seconds), or 0. */
  public long refusedAt(Bytes32 orderHash) {
    return core.call(() -> court.refusedAt(orderHash.bytes()).send()).longValueExact();
  }

  /** What a challenge costs its challenger until it is upheld. */
  public BigInteger challengeDeposit() {
    return core.call(() -> court.challengeDeposit().send());
  }

  /**
   * The id the court gives the challenge of {@code orderHash} in the auction cut off at {@code
   * cutoff} against {@code broker}: {@code keccak256(abi.encode(orderHash, cutoff, broker))}.
   */
  public static Bytes32 challengeId(Bytes32 orderHash, long cutoff, Address broker) {
    byte[] buf = new byte[96];
    System.arraycopy(orderHash.bytes(), 0, buf, 0, 32);
    for (int i = 0; i < 8; i++) {
      buf[63 - i] = (byte) (cutoff >>> (8 * i));
    }
    System.arraycopy(broker.bytes(), 0, buf, 76, 20);
    return Bytes32.wrap(OrderHasher.keccak(buf));
  }

  public boolean isBonded(Address broker) {
    return core.call(() -> court.isBonded(broker.hex()).send());
  }

  public Bond bondOf(Address broker) {
    var t = core.call(() -> court.bondOf(broker.hex()).send());
    return new Bond(t.component1(), t.component2(), t.component3().longValueExact());
  }

  /** Whether the receipt with this EIP-712 digest was claimed already. */
  public boolean isClaimed(Bytes32 receiptDigest) {
    return core.call(() -> court.isClaimed(receiptDigest.bytes()).send());
  }

  /**
   * What the receipt with this EIP-712 digest is owed and has been paid (both 0 if never upheld).
   */
  public Claim claimOf(Bytes32 receiptDigest) {
    var t = core.call(() -> court.claimOf(receiptDigest.bytes()).send());
    return new Claim(t.component1(), t.component2());
  }

  public Terms terms() {
    return new Terms(
        core.call(() -> court.bondMinimum().send()),
        core.call(() -> court.challengeWindow().send()).longValueExact(),
        core.call(() -> court.withdrawalDelay().send()).longValueExact(),
        core.call(() -> court.compensationBps().send()).intValueExact());
  }

  // ---------------------------------------------------------------- auctions

  /** Convicts {@code auction} of a price that is not the rule's for its marginal pair. */
  public TxResult convictPrice(CommittedAuction auction) {
    AuctionBook b = auction.book();
    int bid = b.marginal(true);
    int ask = b.marginal(false);
    return core.send(
        "convictPrice",
        address(),
        court
            .convictPrice(wrapperAuction(auction), proven(auction, bid), proven(auction, ask))
            .encodeFunctionCall());
  }

  /** Convicts {@code auction} of a filled leaf at {@code index} outranked by the next one. */
  public TxResult convictDisorder(CommittedAuction auction, int index) {
    return core.send(
        "convictDisorder",
        address(),
        court
            .convictDisorder(
                wrapperAuction(auction), proven(auction, index), proven(auction, index + 1))
            .encodeFunctionCall());
  }

  /** Convicts {@code auction} of a leaf out of its place in the layout. */
  public TxResult convictMisplaced(CommittedAuction auction, int index) {
    return core.send(
        "convictMisplaced",
        address(),
        court
            .convictMisplaced(wrapperAuction(auction), proven(auction, index))
            .encodeFunctionCall());
  }

  /** Convicts {@code auction} of a filled leaf that misstates {@code order}. */
  public TxResult convictMisstated(CommittedAuction auction, int index, Order order) {
    return core.send(
        "convictMisstated",
        address(),
        court
            .convictMisstated(wrapperAuction(auction), proven(auction, index), wrapperOrder(order))
            .encodeFunctionCall());
  }

  /** Pays the maker of {@code order}, filled at {@code index}, what a convicted auction owes it. */
  public TxResult claimAuction(CommittedAuction auction, int index, Order order) {
    return core.send(
        "claimAuction",
        address(),
        court
            .claimAuction(wrapperAuction(auction), proven(auction, index), wrapperOrder(order))
            .encodeFunctionCall());
  }

  public Verdict verdictOf(MarketKey market, long cutoff, Address broker) {
    var t =
        core.call(
            () -> court.verdictOf(market.id(), BigInteger.valueOf(cutoff), broker.hex()).send());
    return new Verdict(
        Verdict.Flaw.values()[t.component1().intValueExact()], t.component2().longValueExact());
  }

  /**
   * The id under which the claim of {@code orderHash}'s maker on a convicted auction is kept
   * ({@link #claimOf}): {@code keccak256(abi.encode(keccak256(abi.encode(marketId, cutoff,
   * broker)), orderHash))}.
   */
  public static Bytes32 auctionClaimId(
      MarketKey market, long cutoff, Address broker, Bytes32 orderHash) {
    byte[] key = new byte[96];
    byte[] id = market.id().toByteArray();
    int n = Math.min(id.length, 32);
    System.arraycopy(id, id.length - n, key, 32 - n, n);
    for (int i = 0; i < 8; i++) {
      key[63 - i] = (byte) (cutoff >>> (8 * i));
    }
    System.arraycopy(broker.bytes(), 0, key, 76, 20);
    byte[] buf = new byte[64];
    System.arraycopy(OrderHasher.keccak(key), 0, buf, 0, 32);
    System.arraycopy(orderHash.bytes(), 0, buf, 32, 32);
    return Bytes32.wrap(OrderHasher.keccak(buf));
  }

  private static BrokerCourt.Auction wrapperAuction(CommittedAuction a) {
    AuctionBook b = a.book();
    return new BrokerCourt.Auction(
        a.market().id(),
        BigInteger.valueOf(a.cutoff()),
        a.broker().hex(),
        BigInteger.valueOf(a.price()),
        BigInteger.valueOf(a.feeBps()),
        new BrokerCourt.BookHeader(
            b.tree().bytes(),
            BigInteger.valueOf(b.filledBids()),
            BigInteger.valueOf(b.filledAsks()),
            BigInteger.valueOf(b.size()),
            BigInteger.valueOf(b.tick())));
  }

  private static BrokerCourt.ProvenLeaf proven(CommittedAuction a, int index) {
    AuctionBook.Leaf l = a.book().leaves().get(index);
    return new BrokerCourt.ProvenLeaf(
        new BrokerCourt.BookLeaf(
            l.orderHash().bytes(),
            BigInteger.valueOf(l.limit()),
            BigInteger.valueOf(l.sequence()),
            BigInteger.valueOf(l.open()),
            BigInteger.valueOf(l.fill())),
        BigInteger.valueOf(index),
        a.book().proof(index).stream().map(Bytes32::bytes).toList());
  }

  private static BrokerCourt.FillReceipt wrapperReceipt(OffChainMessages.FillReceipt r) {
    return new BrokerCourt.FillReceipt(
        r.orderHash().bytes(),
        BigInteger.valueOf(r.fillQuantity()),
        BigInteger.valueOf(r.filledAfter()),
        BigInteger.valueOf(r.price()),
        Unsigned64.toBigInteger(r.clearingId()),
        BigInteger.valueOf(r.settleBy()));
  }

  private static BrokerCourt.Order wrapperOrder(Order o) {
    MarketKey m = o.market();
    return new BrokerCourt.Order(
        o.maker().hex(),
        BigInteger.valueOf(o.side().code()),
        BigInteger.valueOf(m.band()),
        Unsigned64.toBigInteger(m.cell()),
        BigInteger.valueOf(m.slotStart()),
        BigInteger.valueOf(m.slotEnd()),
        BigInteger.valueOf(o.quantity()),
        BigInteger.valueOf(o.limitPrice()),
        Unsigned64.toBigInteger(o.nonce()),
        Unsigned64.toBigInteger(o.validUntil()),
        o.partialFill());
  }
}
