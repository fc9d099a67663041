package org.spectrumledger.ledger;

import java.math.BigInteger;
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

  /** Answers challenge {@code challengeId} with the order's leaf in the committed book. */
  public TxResult answerOmission(
      Bytes32 challengeId,
      Bytes32 bookRoot,
      long price,
      AuctionBook.Leaf leaf,
      java.util.List<Bytes32> proof) {
    return core.send(
        "answerOmission",
        address(),
        court
            .answerOmission(
                challengeId.bytes(),
                bookRoot.bytes(),
                BigInteger.valueOf(price),
                BigInteger.valueOf(leaf.open()),
                BigInteger.valueOf(leaf.fill()),
                proof.stream().map(Bytes32::bytes).toList())
            .encodeFunctionCall());
  }

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
