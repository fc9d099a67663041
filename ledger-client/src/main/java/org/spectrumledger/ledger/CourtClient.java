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
