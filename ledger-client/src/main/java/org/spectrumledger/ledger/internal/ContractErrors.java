package org.spectrumledger.ledger.internal;

import java.math.BigInteger;
import java.util.List;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.DecodedValue;

/**
 * Builds the typed {@link ContractError} of a decoded revert from its arguments by position, in ABI
 * order; the only place that knows which Solidity error maps to which record.
 */
public final class ContractErrors {

  private ContractErrors() {}

  /**
   * The record of error {@code name} with arguments {@code v} (as {@link RevertDecoder} renders
   * them), or {@link ContractError.Unknown} for a name no record covers.
   */
  public static ContractError of(String name, List<DecodedValue> v) {
    return switch (name) {
      case "Error" -> new ContractError.RevertString(v.get(0).value());
      case "Panic" -> new ContractError.Panic(new BigInteger(v.get(0).value()));
      case "ExchangeAskAbovePrice" ->
          new ContractError.ExchangeAskAbovePrice(
              Bytes32.of(v.get(0).value()),
              new BigInteger(v.get(1).value()),
              new BigInteger(v.get(2).value()));
      case "ExchangeBatchAlreadySettled" ->
          new ContractError.ExchangeBatchAlreadySettled(
              new BigInteger(v.get(0).value()).longValue());
      case "ExchangeBidBelowPrice" ->
          new ContractError.ExchangeBidBelowPrice(
              Bytes32.of(v.get(0).value()),
              new BigInteger(v.get(1).value()),
              new BigInteger(v.get(2).value()));
      case "ExchangeCallerNotAdmin" ->
          new ContractError.ExchangeCallerNotAdmin(Address.of(v.get(0).value()));
      case "ExchangeCallerNotBroker" ->
          new ContractError.ExchangeCallerNotBroker(Address.of(v.get(0).value()));
      case "ExchangeCallerNotSelf" ->
          new ContractError.ExchangeCallerNotSelf(Address.of(v.get(0).value()));
      case "ExchangeEmptyBatch" ->
          new ContractError.ExchangeEmptyBatch(new BigInteger(v.get(0).value()).longValue());
      case "ExchangeEscrowOverflow" ->
          new ContractError.ExchangeEscrowOverflow(
              Address.of(v.get(0).value()), new BigInteger(v.get(1).value()));
      case "ExchangeFeeTooHigh" ->
          new ContractError.ExchangeFeeTooHigh(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue());
      case "ExchangeInsufficientEscrow" ->
          new ContractError.ExchangeInsufficientEscrow(
              Address.of(v.get(0).value()),
              new BigInteger(v.get(1).value()),
              new BigInteger(v.get(2).value()));
      case "ExchangeInsufficientFees" ->
          new ContractError.ExchangeInsufficientFees(
              new BigInteger(v.get(0).value()), new BigInteger(v.get(1).value()));
      case "ExchangeInsufficientHoldings" ->
          new ContractError.ExchangeInsufficientHoldings(
              Address.of(v.get(0).value()),
              new BigInteger(v.get(1).value()),
              new BigInteger(v.get(2).value()).longValue(),
              new BigInteger(v.get(3).value()).longValue());
      case "ExchangeInvalidAmount" ->
          new ContractError.ExchangeInvalidAmount(new BigInteger(v.get(0).value()));
      case "ExchangeInvalidSignature" ->
          new ContractError.ExchangeInvalidSignature(
              Bytes32.of(v.get(0).value()), Address.of(v.get(1).value()));
      case "ExchangeInvalidSlot" ->
          new ContractError.ExchangeInvalidSlot(
              new BigInteger(v.get(0).value()),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue());
      case "ExchangeMarketOutOfGas" ->
          new ContractError.ExchangeMarketOutOfGas(
              new BigInteger(v.get(0).value()).longValue(), new BigInteger(v.get(1).value()));
      case "ExchangeMarketsNotAscending" ->
          new ContractError.ExchangeMarketsNotAscending(
              new BigInteger(v.get(0).value()), new BigInteger(v.get(1).value()));
      case "ExchangeNoWithdrawal" ->
          new ContractError.ExchangeNoWithdrawal(Address.of(v.get(0).value()));
      case "ExchangeOrderCancelled" ->
          new ContractError.ExchangeOrderCancelled(
              Bytes32.of(v.get(0).value()), new BigInteger(v.get(1).value()).longValue());
      case "ExchangeOrderExpired" ->
          new ContractError.ExchangeOrderExpired(
              Bytes32.of(v.get(0).value()), new BigInteger(v.get(1).value()).longValue());
      case "ExchangeOrderOverfilled" ->
          new ContractError.ExchangeOrderOverfilled(
              Bytes32.of(v.get(0).value()),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue());
      case "ExchangePartialFillNotAllowed" ->
          new ContractError.ExchangePartialFillNotAllowed(
              Bytes32.of(v.get(0).value()),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue());
      case "ExchangeSelfTrade" ->
          new ContractError.ExchangeSelfTrade(
              new BigInteger(v.get(0).value()), Address.of(v.get(1).value()));
      case "ExchangeSlotEnded" ->
          new ContractError.ExchangeSlotEnded(
              new BigInteger(v.get(0).value()), new BigInteger(v.get(1).value()).longValue());
      case "ExchangeTooManyFills" ->
          new ContractError.ExchangeTooManyFills(
              new BigInteger(v.get(0).value()), new BigInteger(v.get(1).value()));
      case "ExchangeTooManyNonces" ->
          new ContractError.ExchangeTooManyNonces(
              new BigInteger(v.get(0).value()), new BigInteger(v.get(1).value()));
      case "ExchangeUnbalancedFills" ->
          new ContractError.ExchangeUnbalancedFills(
              new BigInteger(v.get(0).value()),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue());
      case "ExchangeWithdrawalNotReady" ->
          new ContractError.ExchangeWithdrawalNotReady(
              Address.of(v.get(0).value()), new BigInteger(v.get(1).value()).longValue());
      case "ExchangeZeroFill" -> new ContractError.ExchangeZeroFill(Bytes32.of(v.get(0).value()));
      case "ExchangeZeroPrice" ->
          new ContractError.ExchangeZeroPrice(new BigInteger(v.get(0).value()));
      case "InvalidShortString" -> new ContractError.InvalidShortString();
      case "LeaseNotTransferable" -> new ContractError.LeaseNotTransferable();
      case "ReentrancyGuardReentrantCall" -> new ContractError.ReentrancyGuardReentrantCall();
      case "SafeERC20FailedOperation" ->
          new ContractError.SafeERC20FailedOperation(Address.of(v.get(0).value()));
      case "StringTooLong" -> new ContractError.StringTooLong(v.get(0).value());
      case "AccessControlBadConfirmation" -> new ContractError.AccessControlBadConfirmation();
      case "AccessControlUnauthorizedAccount" ->
          new ContractError.AccessControlUnauthorizedAccount(
              Address.of(v.get(0).value()), Bytes32.of(v.get(1).value()));
      case "PolicyBandAlreadyRegistered" ->
          new ContractError.PolicyBandAlreadyRegistered(
              new BigInteger(v.get(0).value()).longValue());
      case "PolicyBandBusy" ->
          new ContractError.PolicyBandBusy(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue());
      case "PolicyCallerNotExchange" ->
          new ContractError.PolicyCallerNotExchange(
              Address.of(v.get(0).value()), Address.of(v.get(1).value()));
      case "PolicyExchangeAlreadyBound" ->
          new ContractError.PolicyExchangeAlreadyBound(Address.of(v.get(0).value()));
      case "PolicyGridChangeRefused" ->
          new ContractError.PolicyGridChangeRefused(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue(),
              new BigInteger(v.get(3).value()).longValue(),
              new BigInteger(v.get(4).value()).longValue());
      case "PolicyInvalidBandRange" ->
          new ContractError.PolicyInvalidBandRange(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue());
      case "PolicyInvalidExchange" -> new ContractError.PolicyInvalidExchange();
      case "PolicyInvalidSlotGrid" ->
          new ContractError.PolicyInvalidSlotGrid(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue());
      case "PolicyInvalidTimeRange" ->
          new ContractError.PolicyInvalidTimeRange(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue());
      case "PolicyMarketProtected" ->
          new ContractError.PolicyMarketProtected(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue(),
              new BigInteger(v.get(3).value()).longValue(),
              new BigInteger(v.get(4).value()).longValue());
      case "PolicyOperatorAlreadyRegistered" ->
          new ContractError.PolicyOperatorAlreadyRegistered(Address.of(v.get(0).value()));
      case "PolicyOperatorNotRegistered" ->
          new ContractError.PolicyOperatorNotRegistered(Address.of(v.get(0).value()));
      case "PolicyOperatorSuspended" ->
          new ContractError.PolicyOperatorSuspended(Address.of(v.get(0).value()));
      case "PolicySensingReportMissing" ->
          new ContractError.PolicySensingReportMissing(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue());
      case "PolicySensingReportStale" ->
          new ContractError.PolicySensingReportStale(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue(),
              new BigInteger(v.get(3).value()).longValue(),
              new BigInteger(v.get(4).value()).longValue());
      case "PolicySlotOffGrid" ->
          new ContractError.PolicySlotOffGrid(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue(),
              new BigInteger(v.get(3).value()).longValue(),
              new BigInteger(v.get(4).value()).longValue());
      case "PolicyTooManyItems" ->
          new ContractError.PolicyTooManyItems(
              new BigInteger(v.get(0).value()), new BigInteger(v.get(1).value()));
      case "PolicyTooManyZones" ->
          new ContractError.PolicyTooManyZones(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()));
      case "PolicyUnknownBand" ->
          new ContractError.PolicyUnknownBand(new BigInteger(v.get(0).value()).longValue());
      case "PolicyUnknownZone" ->
          new ContractError.PolicyUnknownZone(
              new BigInteger(v.get(0).value()).longValue(),
              new BigInteger(v.get(1).value()).longValue(),
              new BigInteger(v.get(2).value()).longValue());
      case "ECDSAInvalidSignature" -> new ContractError.ECDSAInvalidSignature();
      case "ECDSAInvalidSignatureLength" ->
          new ContractError.ECDSAInvalidSignatureLength(new BigInteger(v.get(0).value()));
      case "ECDSAInvalidSignatureS" ->
          new ContractError.ECDSAInvalidSignatureS(Bytes32.of(v.get(0).value()));
      case "ERC20InsufficientAllowance" ->
          new ContractError.ERC20InsufficientAllowance(
              Address.of(v.get(0).value()),
              new BigInteger(v.get(1).value()),
              new BigInteger(v.get(2).value()));
      case "ERC20InsufficientBalance" ->
          new ContractError.ERC20InsufficientBalance(
              Address.of(v.get(0).value()),
              new BigInteger(v.get(1).value()),
              new BigInteger(v.get(2).value()));
      case "ERC1155InsufficientBalance" ->
          new ContractError.ERC1155InsufficientBalance(
              Address.of(v.get(0).value()),
              new BigInteger(v.get(1).value()),
              new BigInteger(v.get(2).value()),
              new BigInteger(v.get(3).value()));
      case "ERC1155InvalidApprover" ->
          new ContractError.ERC1155InvalidApprover(Address.of(v.get(0).value()));
      case "ERC1155InvalidArrayLength" ->
          new ContractError.ERC1155InvalidArrayLength(
              new BigInteger(v.get(0).value()), new BigInteger(v.get(1).value()));
      case "ERC1155InvalidOperator" ->
          new ContractError.ERC1155InvalidOperator(Address.of(v.get(0).value()));
      case "ERC1155InvalidReceiver" ->
          new ContractError.ERC1155InvalidReceiver(Address.of(v.get(0).value()));
      case "ERC1155InvalidSender" ->
          new ContractError.ERC1155InvalidSender(Address.of(v.get(0).value()));
      case "ERC1155MissingApprovalForAll" ->
          new ContractError.ERC1155MissingApprovalForAll(
              Address.of(v.get(0).value()), Address.of(v.get(1).value()));
      case "ERC20InvalidApprover" ->
          new ContractError.ERC20InvalidApprover(Address.of(v.get(0).value()));
      case "ERC20InvalidReceiver" ->
          new ContractError.ERC20InvalidReceiver(Address.of(v.get(0).value()));
      case "ERC20InvalidSender" ->
          new ContractError.ERC20InvalidSender(Address.of(v.get(0).value()));
      case "ERC20InvalidSpender" ->
          new ContractError.ERC20InvalidSpender(Address.of(v.get(0).value()));
      case "ERC2612ExpiredSignature" ->
          new ContractError.ERC2612ExpiredSignature(new BigInteger(v.get(0).value()));
      case "ERC2612InvalidSigner" ->
          new ContractError.ERC2612InvalidSigner(
              Address.of(v.get(0).value()), Address.of(v.get(1).value()));
      case "InvalidAccountNonce" ->
          new ContractError.InvalidAccountNonce(
              Address.of(v.get(0).value()), new BigInteger(v.get(1).value()));
      default -> new ContractError.Unknown(name + v);
    };
  }
}
