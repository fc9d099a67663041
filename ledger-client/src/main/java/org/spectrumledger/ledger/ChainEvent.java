package org.spectrumledger.ledger;

import java.math.BigInteger;

/**
 * The project's contract events as typed records, read from a decoded {@link LedgerEvent} by {@link
 * #of}. Consumers switch on these; only this class knows the events' Solidity field names. An event
 * a consumer has no record for arrives as {@link Other}.
 */
public sealed interface ChainEvent {

  /** Where the event happened. */
  EventPosition position();

  /** {@code operator} deposited {@code amount}; its free escrow is now {@code escrow}. */
  record Deposited(EventPosition position, Address operator, BigInteger amount, BigInteger escrow)
      implements ChainEvent {}

  /** {@code operator} set {@code amount} aside, withdrawable from {@code readyAt}. */
  record WithdrawalRequested(
      EventPosition position, Address operator, BigInteger amount, long readyAt)
      implements ChainEvent {}

  /** {@code operator}'s pending withdrawal went back to its free escrow. */
  record WithdrawalCancelled(EventPosition position, Address operator) implements ChainEvent {}

  /** {@code operator} withdrew {@code amount}. */
  record Withdrawn(EventPosition position, Address operator, BigInteger amount, BigInteger escrow)
      implements ChainEvent {}

  /** {@code maker} cancelled order {@code nonce}, in force from {@code effectiveAt}. */
  record OrderCancelled(EventPosition position, Address maker, long nonce, long effectiveAt)
      implements ChainEvent {}

  /** {@code maker} cancelled its orders below {@code minValidNonce}, from {@code effectiveAt}. */
  record NoncesInvalidated(
      EventPosition position, Address maker, long minValidNonce, long effectiveAt)
      implements ChainEvent {}

  /** One order's fill settled; {@code amount} is what the maker paid (bid) or received (ask). */
  record TradeSettled(
      EventPosition position,
      MarketKey market,
      Address maker,
      Bytes32 orderHash,
      Side side,
      long quantity,
      long price,
      BigInteger amount)
      implements ChainEvent {}

  /** A market of batch {@code batchId} cleared at {@code price}, {@code volume} milli-SRU. */
  record MarketCleared(
      EventPosition position, long batchId, MarketKey market, long price, long volume, long fills)
      implements ChainEvent {}

  /** A market of batch {@code batchId} was skipped; {@code reason} is the decoded refusal. */
  record MarketSkipped(
      EventPosition position, long batchId, MarketKey market, ContractRevertedException reason)
      implements ChainEvent {}

  /** Batch {@code batchId} settled. */
  record BatchSettled(
      EventPosition position,
      long batchId,
      Address broker,
      long markets,
      long fills,
      BigInteger fees,
      long skipped)
      implements ChainEvent {}

  /**
   * {@code broker} committed the book of the auction of {@code market} cut off at {@code cutoff}
   * (unix ms): its Merkle root {@code bookRoot}, its clearing {@code price} and the fee in force,
   * {@code feeBps}. Emitted by the first part of the auction to settle.
   */
  record BookCommitted(
      EventPosition position,
      MarketKey market,
      long cutoff,
      Address broker,
      Bytes32 bookRoot,
      long price,
      int feeBps)
      implements ChainEvent {}

  /** The trading fee changed. */
  record FeeChanged(EventPosition position, int feeBps) implements ChainEvent {}

  /** The regulator registered {@code operator}. */
  record OperatorRegistered(EventPosition position, Address operator) implements ChainEvent {}

  /** The regulator suspended or reinstated {@code operator}. */
  record OperatorSuspensionChanged(EventPosition position, Address operator, boolean suspended)
      implements ChainEvent {}

  /** The regulator set {@code operator}'s licence for {@code band} in {@code cell}. */
  record LicenceGranted(
      EventPosition position,
      Address operator,
      long band,
      long cell,
      long quantity,
      long validFrom,
      long validUntil)
      implements ChainEvent {}

  /**
   * Something that changes whether markets of {@code band} may trade: a band registered or updated,
   * its grid moved, a protection zone added or lifted, a sensing report.
   */
  record MarketRulesChanged(EventPosition position, String what, long band) implements ChainEvent {}

  /**
   * {@code challenger} says the book {@code broker} committed for the auction of {@code market} cut
   * off at {@code cutoff} (unix ms) leaves out order {@code orderHash} of {@code maker}, which the
   * broker's intake receipt promised into it; the broker answers by {@code answerBy} (chain time,
   * unix seconds) or the challenge {@code challengeId} is upheld.
   */
  record OmissionChallenged(
      EventPosition position,
      Bytes32 challengeId,
      Address broker,
      Address maker,
      Bytes32 orderHash,
      MarketKey market,
      long cutoff,
      Address challenger,
      long answerBy)
      implements ChainEvent {}

  /**
   * The answer to challenge {@code challengeId} excused leaving order {@code orderHash} unfilled
   * with the broker's fill receipt for the whole order in an earlier auction (its fields, and its
   * {@code signature} as 0x hex); the receipt's claim stays open until {@code claimableUntil} (unix
   * seconds).
   */
  record FillCited(
      EventPosition position,
      Bytes32 challengeId,
      Bytes32 orderHash,
      long fillQuantity,
      long filledAfter,
      long price,
      long clearingId,
      long settleBy,
      String signature,
      long claimableUntil)
      implements ChainEvent {}

  /** Any other event of the deployment. */
  record Other(EventPosition position, LedgerEvent event) implements ChainEvent {}

  /**
   * The typed form of {@code e}, which the caller asked the chain for by name: an event of another
   * type is a bug in that query, and is thrown as one.
   */
  static <T extends ChainEvent> T of(LedgerEvent e, Class<T> type) {
    ChainEvent typed = of(e);
    if (!type.isInstance(typed)) {
      throw new IllegalStateException(
          "expected a " + type.getSimpleName() + " event, got " + e.name());
    }
    return type.cast(typed);
  }

  /** The typed form of {@code e}. */
  static ChainEvent of(LedgerEvent e) {
    EventPosition p = e.position();
    return switch (e.name()) {
      case "Deposited" ->
          new Deposited(p, e.address("operator"), e.bigInteger("amount"), e.bigInteger("escrow"));
      case "WithdrawalRequested" ->
          new WithdrawalRequested(
              p, e.address("operator"), e.bigInteger("amount"), e.longValue("readyAt"));
      case "WithdrawalCancelled" -> new WithdrawalCancelled(p, e.address("operator"));
      case "Withdrawn" ->
          new Withdrawn(p, e.address("operator"), e.bigInteger("amount"), e.bigInteger("escrow"));
      case "OrderCancelled" ->
          new OrderCancelled(
              p, e.address("maker"), e.longValue("nonce"), e.longValue("effectiveAt"));
      case "NoncesInvalidated" ->
          new NoncesInvalidated(
              p, e.address("maker"), e.longValue("minValidNonce"), e.longValue("effectiveAt"));
      case "TradeSettled" ->
          new TradeSettled(
              p,
              e.market(),
              e.address("maker"),
              e.bytes32("orderHash"),
              Side.ofCode((int) e.longValue("side")),
              e.longValue("quantity"),
              e.bigInteger("price").longValueExact(),
              e.bigInteger("amount"));
      case "MarketCleared" ->
          new MarketCleared(
              p,
              e.longValue("batchId"),
              e.market(),
              e.bigInteger("price").longValueExact(),
              e.longValue("volume"),
              e.longValue("fills"));
      case "MarketSkipped" ->
          new MarketSkipped(
              p,
              e.longValue("batchId"),
              e.market(),
              org.spectrumledger.ledger.internal.RevertDecoder.shared()
                  .exception(
                      "settleBatch market " + e.market(), e.text("reason"), null, p.txHash()));
      case "BatchSettled" ->
          new BatchSettled(
              p,
              e.longValue("batchId"),
              e.address("broker"),
              e.longValue("markets"),
              e.longValue("fills"),
              e.bigInteger("fees"),
              e.longValue("skipped"));
      case "BookCommitted" ->
          new BookCommitted(
              p,
              e.market(),
              e.longValue("cutoff"),
              e.address("broker"),
              e.bytes32("bookRoot"),
              e.bigInteger("price").longValueExact(),
              e.bigInteger("feeBps").intValueExact());
      case "FeeChanged" -> new FeeChanged(p, (int) e.longValue("feeBps"));
      case "OperatorRegistered" -> new OperatorRegistered(p, e.address("operator"));
      case "OperatorSuspensionChanged" ->
          new OperatorSuspensionChanged(
              p, e.address("operator"), Boolean.parseBoolean(e.text("suspended")));
      case "LicenceGranted" ->
          new LicenceGranted(
              p,
              e.address("operator"),
              e.longValue("band"),
              e.bigInteger("cell").longValue(),
              e.longValue("quantity"),
              e.longValue("validFrom"),
              e.longValue("validUntil"));
      case "BandRegistered",
          "BandUpdated",
          "BandSlotGridSet",
          "ProtectionZoneAdded",
          "ProtectionZoneRemoved",
          "SensingReported" ->
          new MarketRulesChanged(p, e.name(), e.longValue("band"));
      case "OmissionChallenged" ->
          new OmissionChallenged(
              p,
              e.bytes32("challengeId"),
              e.address("broker"),
              e.address("maker"),
              e.bytes32("orderHash"),
              e.market(),
              e.longValue("cutoff"),
              e.address("challenger"),
              e.longValue("answerBy"));
      case "FillCited" ->
          new FillCited(
              p,
              e.bytes32("challengeId"),
              e.bytes32("orderHash"),
              e.longValue("fillQuantity"),
              e.longValue("filledAfter"),
              e.bigInteger("price").longValueExact(),
              e.longValue("clearingId"),
              e.longValue("settleBy"),
              e.text("signature"),
              e.longValue("claimableUntil"));
      default -> new Other(p, e);
    };
  }
}
