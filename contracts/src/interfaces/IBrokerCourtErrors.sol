// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title IBrokerCourtErrors
/// @notice The errors of the broker court, apart so that the exchange's ABI decodes them too.
interface IBrokerCourtErrors {
    /// @notice The caller does not hold the policy's DEFAULT_ADMIN_ROLE.
    error CourtCallerNotAdmin(address caller);
    /// @notice The court is bound to an exchange once, and only to one that names this court.
    error CourtAlreadyBound(address exchange);
    /// @notice `exchange` does not name this court as its own.
    error CourtExchangeMismatch(address exchange, address court);
    /// @notice The court is not bound to an exchange yet.
    error CourtNotBound();
    /// @notice A bond operation of 0 tokens, or one past 96 bits.
    error CourtInvalidAmount(uint256 amount);
    /// @notice The bond of `broker` holds `available`, less than `amount`.
    error CourtInsufficientBond(address broker, uint256 amount, uint256 available);
    /// @notice `broker` has no bond withdrawal waiting.
    error CourtNoBondWithdrawal(address broker);
    /// @notice The bond withdrawal of `broker` is ready at `readyAt`, not before.
    error CourtBondWithdrawalNotReady(address broker, uint64 readyAt);
    /// @notice The receipt names `receiptOrder`, not the order given (`orderHash`).
    error CourtReceiptNotForOrder(bytes32 receiptOrder, bytes32 orderHash);
    /// @notice The receipt's signature does not recover, or recovers to a key that neither holds
    /// the broker role nor has a bond.
    error CourtInvalidReceiptSignature(address signer);
    /// @notice This receipt was claimed before.
    error CourtReceiptAlreadyClaimed(bytes32 receiptDigest);
    /// @notice The receipt's deadline, `settleBy`, has not passed yet.
    error CourtDeadlineNotPassed(uint64 settleBy);
    /// @notice Claims against the receipt closed at `closedAt`.
    error CourtChallengeWindowClosed(uint64 closedAt);
    /// @notice The chain shows `settled` milli-SRU of the order filled: what the receipt promised
    /// (`filledAfter`) was settled, so the claim fails and costs the claimant its gas.
    error CourtFillSettled(bytes32 orderHash, uint64 settled, uint64 filledAfter);
    /// @notice The maker made its order unsettleable by the receipt's deadline (it expires or its
    /// slot ends by then, or it was cancelled at `effectiveAt`): the broker is not held to the receipt.
    error CourtOrderVoidedByMaker(bytes32 orderHash, uint64 effectiveAt);
    /// @notice `broker` owes the rest of a conviction but its bond is empty; claim again once it is
    /// posted.
    error CourtBondEmpty(address broker);
    /// @notice The intake receipt names market `receiptMarket`, not the order's (`marketId`).
    error CourtReceiptNotForMarket(uint256 receiptMarket, uint256 marketId);
    /// @notice `broker` committed no book for the auction of `marketId` cut off at `cutoff`.
    error CourtNoBook(uint256 marketId, uint64 cutoff, address broker);
    /// @notice The order was accepted at `acceptedAt`, after the auction's cut-off `cutoff`.
    error CourtAcceptedAfterCutoff(uint64 acceptedAt, uint64 cutoff);
    /// @notice The order is filled whole on chain: it owes no auction its place.
    error CourtOrderFilled(bytes32 orderHash);
    /// @notice This order was challenged before for this auction and broker.
    error CourtAlreadyChallenged(bytes32 challengeId);
    /// @notice No challenge `challengeId` waits for an answer.
    error CourtChallengeNotOpen(bytes32 challengeId);
    /// @notice The answer to `challengeId` was due by `answerBy`.
    error CourtAnswerTooLate(bytes32 challengeId, uint64 answerBy);
    /// @notice The challenge may still be answered until `answerBy`.
    error CourtAnswerWindowOpen(bytes32 challengeId, uint64 answerBy);
    /// @notice The book root and price given are not the ones committed for the challenged auction.
    error CourtBookMismatch(bytes32 challengeId);
    /// @notice The leaf given for the challenged order is not in the committed book.
    error CourtLeafNotInBook(bytes32 challengeId);
    /// @notice The leaf shows `open` milli-SRU of the order open, less than the `unfilled` the chain
    /// shows: an order hidden in the book as surely as left out of it.
    error CourtLeafUnderstatesOrder(bytes32 challengeId, uint64 open, uint64 unfilled);
    /// An answer that shows the order among the unfilled while it outranks the last filled leaf of
    /// its side (at `marginalIndex`), with no reason the rule accepts for sitting it out.
    error CourtOrderPassedOver(bytes32 challengeId, uint256 marginalIndex);
    /// An answer with a filled leaf whose fill (`fill` milli-SRU) the chain does not show: `unfilled`
    /// of the order is still unfilled, more than the leaf leaves open after its fill.
    error CourtFillNotSettled(bytes32 challengeId, uint64 fill, uint64 unfilled);
    /// The fill receipt an answer cites does not excuse the order: not signed by the challenged
    /// broker, for another order, not for all of it, or not still to settle at the cut-off.
    error CourtFillNoExcuse(bytes32 challengeId);
    /// A refusal noted of orders their maker funds now: `has` covers `need`.
    error CourtOrderFunded(bytes32 orderHash, uint256 need, uint256 has);
    /// A refusal noted of orders that are not one maker's, on one side (asks in one market), each
    /// once in ascending nonce order: the order at `index` breaks it.
    error CourtOrdersNotOneMakers(uint256 index);
    /// @notice The auction given is not the one committed under its market, cut-off and broker.
    error CourtAuctionMismatch(bytes32 auction);
    /// @notice The leaf at `index` is not in the committed book at that place.
    error CourtLeafNotProven(uint256 index);
    /// @notice The leaves given are not the auction's marginal pair (or not neighbours).
    error CourtNotMarginal(uint256 index);
    /// @notice The auction's price `price` is the one the published rule gives.
    error CourtPriceFollowsRule(uint128 price);
    /// @notice The book shows no flaw at the leaves given.
    error CourtBookFollowsRule(uint256 index);
    /// @notice The auction was convicted before.
    error CourtAuctionConvicted(bytes32 auction);
    /// @notice The auction has not been convicted.
    error CourtAuctionNotConvicted(bytes32 auction);
    /// @notice The order given hashes to `orderHash`, not the leaf's order `leafOrder`.
    error CourtLeafNotForOrder(bytes32 leafOrder, bytes32 orderHash);
    /// @notice The verdict owes the maker of `orderHash` nothing (or all it owed is paid).
    error CourtNothingOwed(bytes32 orderHash);
    /// @notice Constructor: the bond withdrawal delay must exceed twice the challenge window.
    error CourtInvalidWindows(uint64 challengeWindow, uint64 withdrawalDelay);
    /// @notice Constructor: compensation of 0, or above five times the withheld fill's value.
    error CourtInvalidCompensation(uint16 compensationBps);
}
