package org.spectrumledger.ledger;

import java.math.BigInteger;

/**
 * A contract's refusal as a typed value: one record per custom error the deployed contracts declare
 * (their own and the OpenZeppelin ones they inherit), with the offending values the error carries,
 * in ABI order and under their Solidity names; plus Solidity's {@code Error(string)} and {@code
 * Panic(uint256)}, and {@link Unknown} for revert data no ABI explains.
 *
 * <p>Consumers switch on these records, or on the contract groups ({@link ExchangeError}, {@link
 * PolicyError}, {@link TokenError}) and the blame markers ({@link BlamesOrder}, {@link
 * BlamesMaker}, {@link BlamesBatch}) that {@link Refusal} is read from; nobody outside
 * ledger-client looks an argument up by its name. The records mirror the ABIs, and a unit test
 * fails when an error is added to a contract without its record here.
 */
public sealed interface ContractError {

  /** The error's Solidity name, e.g. {@code ExchangeOrderCancelled}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** An error the exchange declares (or inherits); a policy error may bubble up through it. */
  sealed interface ExchangeError extends ContractError {}

  /** An error the policy declares (or inherits). */
  sealed interface PolicyError extends ContractError {}

  /** An error the settlement token (ERC-20, ERC-2612) declares or inherits. */
  sealed interface TokenError extends ContractError {}

  /** An error the broker court declares; the exchange's ABI carries them too. */
  sealed interface CourtError extends ContractError {}

  /** The error names one order by its EIP-712 struct hash. */
  sealed interface BlamesOrder extends ContractError {
    Bytes32 orderHash();
  }

  /** The error names a maker: a suspended operator, a short escrow, a seller short of SRU. */
  sealed interface BlamesMaker extends ContractError {
    Address maker();
  }

  /** The batch itself was wrong; nothing in it is at fault. */
  sealed interface BlamesBatch extends ContractError {}

  /** Solidity's {@code Error(string)}: a {@code require} with a message. */
  record RevertString(String message) implements ContractError {
    @Override
    public String name() {
      return "Error";
    }
  }

  /** Solidity's {@code Panic(uint256)}: an assertion, overflow, division by zero, … */
  record Panic(BigInteger code) implements ContractError {}

  /** Revert data no ABI of the deployment explains (or none at all); the node's message. */
  record Unknown(String message) implements ContractError {
    @Override
    public String name() {
      return "unknown";
    }
  }

  /**
   * {@code ExchangeAskAbovePrice(bytes32 orderHash, uint128 limitPrice, uint128 price)}, declared
   * by SpectrumExchange.
   */
  record ExchangeAskAbovePrice(Bytes32 orderHash, BigInteger limitPrice, BigInteger price)
      implements ExchangeError, BlamesOrder {}

  /** {@code ExchangeBatchAlreadySettled(uint64 batchId)}, declared by SpectrumExchange. */
  record ExchangeBatchAlreadySettled(long batchId) implements ExchangeError, BlamesBatch {}

  /**
   * {@code ExchangeBidBelowPrice(bytes32 orderHash, uint128 limitPrice, uint256 allInPrice)},
   * declared by SpectrumExchange.
   */
  record ExchangeBidBelowPrice(Bytes32 orderHash, BigInteger limitPrice, BigInteger allInPrice)
      implements ExchangeError, BlamesOrder {}

  /** {@code ExchangeCallerNotAdmin(address caller)}, declared by SpectrumExchange. */
  record ExchangeCallerNotAdmin(Address caller) implements ExchangeError {}

  /** {@code ExchangeCallerNotBroker(address caller)}, declared by SpectrumExchange. */
  record ExchangeCallerNotBroker(Address caller) implements ExchangeError, BlamesBatch {}

  /** {@code ExchangeBrokerNotBonded(address broker)}, declared by SpectrumExchange. */
  record ExchangeBrokerNotBonded(Address broker) implements ExchangeError, BlamesBatch {}

  /** {@code ExchangeCourtAlreadyBound(address court)}, declared by SpectrumExchange. */
  record ExchangeCourtAlreadyBound(Address court) implements ExchangeError {}

  /**
   * {@code ExchangeBatchProbed(uint256 skipped, uint256 gasUsed)}, declared by SpectrumExchange:
   * what {@code probeBatch} reports, never a refusal.
   */
  record ExchangeBatchProbed(BigInteger skipped, BigInteger gasUsed)
      implements ExchangeError, BlamesBatch {}

  /** {@code ExchangeCallerNotSelf(address caller)}, declared by SpectrumExchange. */
  record ExchangeCallerNotSelf(Address caller) implements ExchangeError {}

  /** {@code ExchangeEmptyBatch(uint64 batchId)}, declared by SpectrumExchange. */
  record ExchangeEmptyBatch(long batchId) implements ExchangeError, BlamesBatch {}

  /**
   * {@code ExchangeEscrowOverflow(address operator, uint256 escrow)}, declared by SpectrumExchange.
   */
  record ExchangeEscrowOverflow(Address operator, BigInteger escrow)
      implements ExchangeError, BlamesMaker {
    @Override
    public Address maker() {
      return operator;
    }
  }

  /** {@code ExchangeFeeTooHigh(uint16 feeBps, uint16 max)}, declared by SpectrumExchange. */
  record ExchangeFeeTooHigh(long feeBps, long max) implements ExchangeError {}

  /**
   * {@code ExchangeInsufficientEscrow(address operator, uint256 required, uint256 available)},
   * declared by SpectrumExchange.
   */
  record ExchangeInsufficientEscrow(Address operator, BigInteger required, BigInteger available)
      implements ExchangeError, BlamesMaker {
    @Override
    public Address maker() {
      return operator;
    }
  }

  /**
   * {@code ExchangeInsufficientFees(uint256 requested, uint256 accrued)}, declared by
   * SpectrumExchange.
   */
  record ExchangeInsufficientFees(BigInteger requested, BigInteger accrued)
      implements ExchangeError {}

  /**
   * {@code ExchangeInsufficientHoldings(address operator, uint256 marketId, uint64 required, uint64
   * available)}, declared by SpectrumExchange.
   */
  record ExchangeInsufficientHoldings(
      Address operator, BigInteger marketId, long required, long available)
      implements ExchangeError, BlamesMaker {
    @Override
    public Address maker() {
      return operator;
    }
  }

  /**
   * {@code ExchangePositionTooLarge(address operator, uint256 marketId, uint256 quantity, uint256
   * max)}, declared by SpectrumExchange: the operator's leases or licence sold in the market would
   * pass {@link Lease#MAX_POSITION}.
   */
  record ExchangePositionTooLarge(
      Address operator, BigInteger marketId, BigInteger quantity, BigInteger max)
      implements ExchangeError, BlamesMaker {
    @Override
    public Address maker() {
      return operator;
    }
  }

  /** {@code ExchangeInvalidAmount(uint256 amount)}, declared by SpectrumExchange. */
  record ExchangeInvalidAmount(BigInteger amount) implements ExchangeError {}

  /**
   * {@code ExchangeInvalidSignature(bytes32 orderHash, address maker)}, declared by
   * SpectrumExchange.
   */
  record ExchangeInvalidSignature(Bytes32 orderHash, Address maker)
      implements ExchangeError, BlamesOrder {}

  /**
   * {@code ExchangeInvalidSlot(uint256 marketId, uint64 slotStart, uint64 slotEnd)}, declared by
   * SpectrumExchange.
   */
  record ExchangeInvalidSlot(BigInteger marketId, long slotStart, long slotEnd)
      implements ExchangeError {}

  /**
   * {@code ExchangeMarketOutOfGas(uint64 batchId, uint256 marketId)}, declared by SpectrumExchange.
   */
  record ExchangeMarketOutOfGas(long batchId, BigInteger marketId)
      implements ExchangeError, BlamesBatch {}

  /**
   * {@code ExchangeMarketsNotAscending(uint256 previous, uint256 marketId)}, declared by
   * SpectrumExchange.
   */
  record ExchangeMarketsNotAscending(BigInteger previous, BigInteger marketId)
      implements ExchangeError, BlamesBatch {}

  /** {@code ExchangeNoWithdrawal(address operator)}, declared by SpectrumExchange. */
  record ExchangeNoWithdrawal(Address operator) implements ExchangeError, BlamesMaker {
    @Override
    public Address maker() {
      return operator;
    }
  }

  /**
   * {@code ExchangeOrderCancelled(bytes32 orderHash, uint64 nonce)}, declared by SpectrumExchange.
   */
  record ExchangeOrderCancelled(Bytes32 orderHash, long nonce)
      implements ExchangeError, BlamesOrder {}

  /**
   * {@code ExchangeOrderExpired(bytes32 orderHash, uint64 validUntil)}, declared by
   * SpectrumExchange.
   */
  record ExchangeOrderExpired(Bytes32 orderHash, long validUntil)
      implements ExchangeError, BlamesOrder {}

  /**
   * {@code ExchangeOrderOverfilled(bytes32 orderHash, uint64 requested, uint64 remaining)},
   * declared by SpectrumExchange.
   */
  record ExchangeOrderOverfilled(Bytes32 orderHash, long requested, long remaining)
      implements ExchangeError, BlamesOrder {}

  /**
   * {@code ExchangePartialFillNotAllowed(bytes32 orderHash, uint64 quantity, uint64 fillQuantity)},
   * declared by SpectrumExchange.
   */
  record ExchangePartialFillNotAllowed(Bytes32 orderHash, long quantity, long fillQuantity)
      implements ExchangeError, BlamesOrder {}

  /** {@code ExchangeSelfTrade(uint256 marketId, address maker)}, declared by SpectrumExchange. */
  record ExchangeSelfTrade(BigInteger marketId, Address maker)
      implements ExchangeError, BlamesMaker {}

  /** {@code ExchangeSlotEnded(uint256 marketId, uint64 slotEnd)}, declared by SpectrumExchange. */
  record ExchangeSlotEnded(BigInteger marketId, long slotEnd) implements ExchangeError {}

  /** {@code ExchangeTooManyFills(uint256 fills, uint256 max)}, declared by SpectrumExchange. */
  record ExchangeTooManyFills(BigInteger fills, BigInteger max)
      implements ExchangeError, BlamesBatch {}

  /** {@code ExchangeTooManyNonces(uint256 count, uint256 max)}, declared by SpectrumExchange. */
  record ExchangeTooManyNonces(BigInteger count, BigInteger max) implements ExchangeError {}

  /**
   * {@code ExchangeUnbalancedFills(uint256 marketId, uint64 bidQuantity, uint64 askQuantity)},
   * declared by SpectrumExchange.
   */
  record ExchangeUnbalancedFills(BigInteger marketId, long bidQuantity, long askQuantity)
      implements ExchangeError {}

  /**
   * {@code ExchangeWithdrawalNotReady(address operator, uint64 readyAt)}, declared by
   * SpectrumExchange.
   */
  record ExchangeWithdrawalNotReady(Address operator, long readyAt)
      implements ExchangeError, BlamesMaker {
    @Override
    public Address maker() {
      return operator;
    }
  }

  /** {@code ExchangeZeroFill(bytes32 orderHash)}, declared by SpectrumExchange. */
  record ExchangeZeroFill(Bytes32 orderHash) implements ExchangeError, BlamesOrder {}

  /** {@code ExchangeZeroPrice(uint256 marketId)}, declared by SpectrumExchange. */
  record ExchangeZeroPrice(BigInteger marketId) implements ExchangeError {}

  /** {@code InvalidShortString()}, declared by SettlementToken and SpectrumExchange. */
  record InvalidShortString() implements ExchangeError, TokenError {}

  /** {@code LeaseNotTransferable()}, declared by SpectrumExchange. */
  record LeaseNotTransferable() implements ExchangeError {}

  /** {@code ReentrancyGuardReentrantCall()}, declared by SpectrumExchange. */
  record ReentrancyGuardReentrantCall() implements ExchangeError {}

  /** {@code SafeERC20FailedOperation(address token)}, declared by SpectrumExchange. */
  record SafeERC20FailedOperation(Address token) implements ExchangeError {}

  /** {@code StringTooLong(string str)}, declared by SettlementToken and SpectrumExchange. */
  record StringTooLong(String str) implements ExchangeError, TokenError {}

  /** {@code AccessControlBadConfirmation()}, declared by SettlementToken and SpectrumPolicy. */
  record AccessControlBadConfirmation() implements PolicyError, TokenError {}

  /**
   * {@code AccessControlUnauthorizedAccount(address account, bytes32 neededRole)}, declared by
   * SettlementToken and SpectrumPolicy.
   */
  record AccessControlUnauthorizedAccount(Address account, Bytes32 neededRole)
      implements PolicyError, TokenError {}

  /** {@code PolicyBandAlreadyRegistered(uint32 band)}, declared by SpectrumPolicy. */
  record PolicyBandAlreadyRegistered(long band) implements PolicyError {}

  /**
   * {@code PolicyBandBusy(uint32 band, uint64 cell, uint64 busyAt)}, declared by SpectrumPolicy.
   */
  record PolicyBandBusy(long band, long cell, long busyAt) implements PolicyError {}

  /**
   * {@code PolicyCallerNotExchange(address caller, address exchange)}, declared by SpectrumPolicy.
   */
  record PolicyCallerNotExchange(Address caller, Address exchange) implements PolicyError {}

  /** {@code PolicyExchangeAlreadyBound(address exchange)}, declared by SpectrumPolicy. */
  record PolicyExchangeAlreadyBound(Address exchange) implements PolicyError {}

  /**
   * {@code PolicyGridChangeRefused(uint32 band, uint64 from, uint64 gridFrom, uint32 slotSeconds,
   * uint64 tradedUntil)}, declared by SpectrumPolicy.
   */
  record PolicyGridChangeRefused(
      long band, long from, long gridFrom, long slotSeconds, long tradedUntil)
      implements PolicyError {}

  /** {@code PolicyInvalidBandRange(uint64 lowKHz, uint64 highKHz)}, declared by SpectrumPolicy. */
  record PolicyInvalidBandRange(long lowKHz, long highKHz) implements PolicyError {}

  /** {@code PolicyInvalidExchange()}, declared by SpectrumPolicy. */
  record PolicyInvalidExchange() implements PolicyError {}

  /** {@code PolicyZeroOperator()}, declared by SpectrumPolicy. */
  record PolicyZeroOperator() implements PolicyError {}

  /** {@code PolicyInvalidSlotGrid(uint32 band, uint32 slotSeconds)}, declared by SpectrumPolicy. */
  record PolicyInvalidSlotGrid(long band, long slotSeconds) implements PolicyError {}

  /** {@code PolicyInvalidTimeRange(uint64 from, uint64 until)}, declared by SpectrumPolicy. */
  record PolicyInvalidTimeRange(long from, long until) implements PolicyError {}

  /**
   * {@code PolicyMarketProtected(uint32 band, uint64 cell, uint64 zoneId, uint64 from, uint64
   * until)}, declared by SpectrumPolicy.
   */
  record PolicyMarketProtected(long band, long cell, long zoneId, long from, long until)
      implements PolicyError {}

  /** {@code PolicyOperatorAlreadyRegistered(address operator)}, declared by SpectrumPolicy. */
  record PolicyOperatorAlreadyRegistered(Address operator) implements PolicyError, BlamesMaker {
    @Override
    public Address maker() {
      return operator;
    }
  }

  /** {@code PolicyOperatorNotRegistered(address operator)}, declared by SpectrumPolicy. */
  record PolicyOperatorNotRegistered(Address operator) implements PolicyError, BlamesMaker {
    @Override
    public Address maker() {
      return operator;
    }
  }

  /** {@code PolicyOperatorSuspended(address operator)}, declared by SpectrumPolicy. */
  record PolicyOperatorSuspended(Address operator) implements PolicyError, BlamesMaker {
    @Override
    public Address maker() {
      return operator;
    }
  }

  /** {@code PolicySensingReportMissing(uint32 band, uint64 cell)}, declared by SpectrumPolicy. */
  record PolicySensingReportMissing(long band, long cell) implements PolicyError {}

  /**
   * {@code PolicySensingReportStale(uint32 band, uint64 cell, uint64 idleAt, uint32 maxReportAge,
   * uint64 neededAt)}, declared by SpectrumPolicy.
   */
  record PolicySensingReportStale(
      long band, long cell, long idleAt, long maxReportAge, long neededAt) implements PolicyError {}

  /**
   * {@code PolicySlotOffGrid(uint32 band, uint64 slotStart, uint64 slotEnd, uint32 slotSeconds,
   * uint64 from)}, declared by SpectrumPolicy.
   */
  record PolicySlotOffGrid(long band, long slotStart, long slotEnd, long slotSeconds, long from)
      implements PolicyError {}

  /** {@code PolicyTooManyItems(uint256 count, uint256 max)}, declared by SpectrumPolicy. */
  record PolicyTooManyItems(BigInteger count, BigInteger max) implements PolicyError {}

  /**
   * {@code PolicyTooManyZones(uint32 band, uint64 cell, uint256 max)}, declared by SpectrumPolicy.
   */
  record PolicyTooManyZones(long band, long cell, BigInteger max) implements PolicyError {}

  /** {@code PolicyUnknownBand(uint32 band)}, declared by SpectrumPolicy. */
  record PolicyUnknownBand(long band) implements PolicyError {}

  /**
   * {@code PolicyUnknownZone(uint32 band, uint64 cell, uint64 zoneId)}, declared by SpectrumPolicy.
   */
  record PolicyUnknownZone(long band, long cell, long zoneId) implements PolicyError {}

  /** {@code ECDSAInvalidSignature()}, declared by SettlementToken. */
  record ECDSAInvalidSignature() implements TokenError {}

  /** {@code ECDSAInvalidSignatureLength(uint256 length)}, declared by SettlementToken. */
  record ECDSAInvalidSignatureLength(BigInteger length) implements TokenError {}

  /** {@code ECDSAInvalidSignatureS(bytes32 s)}, declared by SettlementToken. */
  record ECDSAInvalidSignatureS(Bytes32 s) implements TokenError {}

  /**
   * {@code ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)},
   * declared by SettlementToken.
   */
  record ERC20InsufficientAllowance(Address spender, BigInteger allowance, BigInteger needed)
      implements TokenError {}

  /**
   * {@code ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)}, declared by
   * SettlementToken.
   */
  record ERC20InsufficientBalance(Address sender, BigInteger balance, BigInteger needed)
      implements TokenError {}

  // ERC-1155's errors (OpenZeppelin's IERC1155Errors), declared by the exchange's interface for its
  // lease views; the exchange raises ERC1155InvalidArrayLength from balanceOfBatch.

  /**
   * {@code ERC1155InsufficientBalance(address sender, uint256 balance, uint256 needed, uint256
   * tokenId)}, declared by SpectrumExchange.
   */
  record ERC1155InsufficientBalance(
      Address sender, BigInteger balance, BigInteger needed, BigInteger tokenId)
      implements ExchangeError {}

  /** {@code ERC1155InvalidApprover(address approver)}, declared by SpectrumExchange. */
  record ERC1155InvalidApprover(Address approver) implements ExchangeError {}

  /**
   * {@code ERC1155InvalidArrayLength(uint256 idsLength, uint256 valuesLength)}, declared by
   * SpectrumExchange.
   */
  record ERC1155InvalidArrayLength(BigInteger idsLength, BigInteger valuesLength)
      implements ExchangeError {}

  /** {@code ERC1155InvalidOperator(address operator)}, declared by SpectrumExchange. */
  record ERC1155InvalidOperator(Address operator) implements ExchangeError {}

  /** {@code ERC1155InvalidReceiver(address receiver)}, declared by SpectrumExchange. */
  record ERC1155InvalidReceiver(Address receiver) implements ExchangeError {}

  /** {@code ERC1155InvalidSender(address sender)}, declared by SpectrumExchange. */
  record ERC1155InvalidSender(Address sender) implements ExchangeError {}

  /**
   * {@code ERC1155MissingApprovalForAll(address operator, address owner)}, declared by
   * SpectrumExchange.
   */
  record ERC1155MissingApprovalForAll(Address operator, Address owner) implements ExchangeError {}

  /** {@code ERC20InvalidApprover(address approver)}, declared by SettlementToken. */
  record ERC20InvalidApprover(Address approver) implements TokenError {}

  /** {@code ERC20InvalidReceiver(address receiver)}, declared by SettlementToken. */
  record ERC20InvalidReceiver(Address receiver) implements TokenError {}

  /** {@code ERC20InvalidSender(address sender)}, declared by SettlementToken. */
  record ERC20InvalidSender(Address sender) implements TokenError {}

  /** {@code ERC20InvalidSpender(address spender)}, declared by SettlementToken. */
  record ERC20InvalidSpender(Address spender) implements TokenError {}

  /** {@code ERC2612ExpiredSignature(uint256 deadline)}, declared by SettlementToken. */
  record ERC2612ExpiredSignature(BigInteger deadline) implements TokenError {}

  /** {@code ERC2612InvalidSigner(address signer, address owner)}, declared by SettlementToken. */
  record ERC2612InvalidSigner(Address signer, Address owner) implements TokenError {}

  /**
   * {@code InvalidAccountNonce(address account, uint256 currentNonce)}, declared by
   * SettlementToken.
   */
  record InvalidAccountNonce(Address account, BigInteger currentNonce) implements TokenError {}

  /** {@code CourtCallerNotAdmin(address caller)}, declared by BrokerCourt. */
  record CourtCallerNotAdmin(Address caller) implements ExchangeError, CourtError {}

  /** {@code CourtAlreadyBound(address exchange)}, declared by BrokerCourt. */
  record CourtAlreadyBound(Address exchange) implements ExchangeError, CourtError {}

  /** {@code CourtExchangeMismatch(address exchange, address court)}, declared by BrokerCourt. */
  record CourtExchangeMismatch(Address exchange, Address court)
      implements ExchangeError, CourtError {}

  /** {@code CourtNotBound()}, declared by BrokerCourt. */
  record CourtNotBound() implements ExchangeError, CourtError {}

  /** {@code CourtInvalidAmount(uint256 amount)}, declared by BrokerCourt. */
  record CourtInvalidAmount(BigInteger amount) implements ExchangeError, CourtError {}

  /**
   * {@code CourtInsufficientBond(address broker, uint256 amount, uint256 available)}, declared by
   * BrokerCourt.
   */
  record CourtInsufficientBond(Address broker, BigInteger amount, BigInteger available)
      implements ExchangeError, CourtError {}

  /** {@code CourtNoBondWithdrawal(address broker)}, declared by BrokerCourt. */
  record CourtNoBondWithdrawal(Address broker) implements ExchangeError, CourtError {}

  /**
   * {@code CourtBondWithdrawalNotReady(address broker, uint64 readyAt)}, declared by BrokerCourt.
   */
  record CourtBondWithdrawalNotReady(Address broker, long readyAt)
      implements ExchangeError, CourtError {}

  /**
   * {@code CourtReceiptNotForOrder(bytes32 receiptOrder, bytes32 orderHash)}, declared by
   * BrokerCourt.
   */
  record CourtReceiptNotForOrder(Bytes32 receiptOrder, Bytes32 orderHash)
      implements ExchangeError, CourtError {}

  /** {@code CourtInvalidReceiptSignature(address signer)}, declared by BrokerCourt. */
  record CourtInvalidReceiptSignature(Address signer) implements ExchangeError, CourtError {}

  /** {@code CourtReceiptAlreadyClaimed(bytes32 receiptDigest)}, declared by BrokerCourt. */
  record CourtReceiptAlreadyClaimed(Bytes32 receiptDigest) implements ExchangeError, CourtError {}

  /** {@code CourtDeadlineNotPassed(uint64 settleBy)}, declared by BrokerCourt. */
  record CourtDeadlineNotPassed(long settleBy) implements ExchangeError, CourtError {}

  /** {@code CourtChallengeWindowClosed(uint64 closedAt)}, declared by BrokerCourt. */
  record CourtChallengeWindowClosed(long closedAt) implements ExchangeError, CourtError {}

  /**
   * {@code CourtFillSettled(bytes32 orderHash, uint64 settled, uint64 filledAfter)}, declared by
   * BrokerCourt.
   */
  record CourtFillSettled(Bytes32 orderHash, long settled, long filledAfter)
      implements ExchangeError, CourtError {}

  /**
   * {@code CourtInvalidWindows(uint64 challengeWindow, uint64 withdrawalDelay)}, declared by
   * BrokerCourt.
   */
  record CourtInvalidWindows(long challengeWindow, long withdrawalDelay)
      implements ExchangeError, CourtError {}

  /** {@code CourtInvalidCompensation(uint16 compensationBps)}, declared by BrokerCourt. */
  record CourtInvalidCompensation(long compensationBps) implements ExchangeError, CourtError {}

  /**
   * {@code CourtOrderVoidedByMaker(bytes32 orderHash, uint64 effectiveAt)}, declared by
   * BrokerCourt.
   */
  record CourtOrderVoidedByMaker(Bytes32 orderHash, long effectiveAt)
      implements ExchangeError, CourtError {}

  /** {@code CourtBondEmpty(address broker)}, declared by BrokerCourt. */
  record CourtBondEmpty(Address broker) implements ExchangeError, CourtError {}

  /** {@code ExchangeNoBook(uint256 marketId)}, declared by SpectrumExchange. */
  record ExchangeNoBook(BigInteger marketId) implements ExchangeError, BlamesBatch {}

  /** {@code ExchangeStaleCutoff(uint256 marketId, uint64 cutoff)}, declared by SpectrumExchange. */
  record ExchangeStaleCutoff(BigInteger marketId, long cutoff)
      implements ExchangeError, BlamesBatch {}

  /**
   * {@code ExchangeBookMismatch(uint256 marketId, uint64 cutoff)}, declared by SpectrumExchange.
   */
  record ExchangeBookMismatch(BigInteger marketId, long cutoff)
      implements ExchangeError, BlamesBatch {}

  /**
   * {@code CourtReceiptNotForMarket(uint256 receiptMarket, uint256 marketId)}, declared by
   * BrokerCourt.
   */
  record CourtReceiptNotForMarket(BigInteger receiptMarket, BigInteger marketId)
      implements ExchangeError, CourtError {}

  /**
   * {@code CourtNoBook(uint256 marketId, uint64 cutoff, address broker)}, declared by BrokerCourt.
   */
  record CourtNoBook(BigInteger marketId, long cutoff, Address broker)
      implements ExchangeError, CourtError {}

  /**
   * {@code CourtAcceptedAfterCutoff(uint64 acceptedAt, uint64 cutoff)}, declared by BrokerCourt.
   */
  record CourtAcceptedAfterCutoff(long acceptedAt, long cutoff)
      implements ExchangeError, CourtError {}

  /** {@code CourtOrderFilled(bytes32 orderHash)}, declared by BrokerCourt. */
  record CourtOrderFilled(Bytes32 orderHash) implements ExchangeError, CourtError {}

  /** {@code CourtAlreadyChallenged(bytes32 challengeId)}, declared by BrokerCourt. */
  record CourtAlreadyChallenged(Bytes32 challengeId) implements ExchangeError, CourtError {}

  /** {@code CourtChallengeNotOpen(bytes32 challengeId)}, declared by BrokerCourt. */
  record CourtChallengeNotOpen(Bytes32 challengeId) implements ExchangeError, CourtError {}

  /** {@code CourtAnswerTooLate(bytes32 challengeId, uint64 answerBy)}, declared by BrokerCourt. */
  record CourtAnswerTooLate(Bytes32 challengeId, long answerBy)
      implements ExchangeError, CourtError {}

  /**
   * {@code CourtAnswerWindowOpen(bytes32 challengeId, uint64 answerBy)}, declared by BrokerCourt.
   */
  record CourtAnswerWindowOpen(Bytes32 challengeId, long answerBy)
      implements ExchangeError, CourtError {}

  /** {@code CourtBookMismatch(bytes32 challengeId)}, declared by BrokerCourt. */
  record CourtBookMismatch(Bytes32 challengeId) implements ExchangeError, CourtError {}

  /** {@code CourtLeafNotInBook(bytes32 challengeId)}, declared by BrokerCourt. */
  record CourtLeafNotInBook(Bytes32 challengeId) implements ExchangeError, CourtError {}

  /**
   * {@code CourtLeafUnderstatesOrder(bytes32 challengeId, uint64 open, uint64 unfilled)}, declared
   * by BrokerCourt.
   */
  record CourtLeafUnderstatesOrder(Bytes32 challengeId, long open, long unfilled)
      implements ExchangeError, CourtError {}

  /**
   * {@code CourtOrderPassedOver(bytes32 challengeId, uint256 marginalIndex)}, declared by
   * BrokerCourt.
   */
  record CourtOrderPassedOver(Bytes32 challengeId, BigInteger marginalIndex)
      implements ExchangeError, CourtError {}

  /**
   * {@code CourtFillNotSettled(bytes32 challengeId, uint64 fill, uint64 unfilled)}, declared by
   * BrokerCourt.
   */
  record CourtFillNotSettled(Bytes32 challengeId, long fill, long unfilled)
      implements ExchangeError, CourtError {}

  /** {@code CourtFillNoExcuse(bytes32 challengeId)}, declared by BrokerCourt. */
  record CourtFillNoExcuse(Bytes32 challengeId) implements ExchangeError, CourtError {}

  /**
   * {@code CourtOrderFunded(bytes32 orderHash, uint256 need, uint256 has)}, declared by
   * BrokerCourt.
   */
  record CourtOrderFunded(Bytes32 orderHash, BigInteger need, BigInteger has)
      implements ExchangeError, CourtError {}

  /** {@code CourtOrdersNotOneMakers(uint256 index)}, declared by BrokerCourt. */
  record CourtOrdersNotOneMakers(BigInteger index) implements ExchangeError, CourtError {}

  /** {@code CourtAuctionMismatch(bytes32 auction)}, declared by BrokerCourt. */
  record CourtAuctionMismatch(Bytes32 auction) implements ExchangeError, CourtError {}

  /** {@code CourtLeafNotProven(uint256 index)}, declared by BrokerCourt. */
  record CourtLeafNotProven(BigInteger index) implements ExchangeError, CourtError {}

  /** {@code CourtNotMarginal(uint256 index)}, declared by BrokerCourt. */
  record CourtNotMarginal(BigInteger index) implements ExchangeError, CourtError {}

  /** {@code CourtPriceFollowsRule(uint128 price)}, declared by BrokerCourt. */
  record CourtPriceFollowsRule(BigInteger price) implements ExchangeError, CourtError {}

  /** {@code CourtBookFollowsRule(uint256 index)}, declared by BrokerCourt. */
  record CourtBookFollowsRule(BigInteger index) implements ExchangeError, CourtError {}

  /** {@code CourtAuctionConvicted(bytes32 auction)}, declared by BrokerCourt. */
  record CourtAuctionConvicted(Bytes32 auction) implements ExchangeError, CourtError {}

  /** {@code CourtAuctionNotConvicted(bytes32 auction)}, declared by BrokerCourt. */
  record CourtAuctionNotConvicted(Bytes32 auction) implements ExchangeError, CourtError {}

  /**
   * {@code CourtLeafNotForOrder(bytes32 leafOrder, bytes32 orderHash)}, declared by BrokerCourt.
   */
  record CourtLeafNotForOrder(Bytes32 leafOrder, Bytes32 orderHash)
      implements ExchangeError, CourtError {}

  /** {@code CourtNothingOwed(bytes32 orderHash)}, declared by BrokerCourt. */
  record CourtNothingOwed(Bytes32 orderHash) implements ExchangeError, CourtError {}
}
