// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC1155MetadataURI} from "@openzeppelin/contracts/token/ERC1155/extensions/IERC1155MetadataURI.sol";
import {IERC1155Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IBrokerCourtErrors} from "./IBrokerCourtErrors.sol";
import {ISpectrumPolicy} from "./ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "./ISpectrumPolicyErrors.sol";
import {Clearing, Order, Side} from "../libraries/OrderLib.sol";

/// @notice Fill state of one (maker, nonce), as settlement would see it now. A cancellation waiting
/// for its window still reads Open (see `cancellationTime`).
enum OrderState {
    Open,
    Filled,
    Cancelled
}

/// @title ISpectrumExchange
/// @notice Escrow, order state, on-chain-verified batch settlement and SRU leases.
/// @dev Leases are ERC-1155 balances keyed by market id (`MarketLib.id`), so explorers show them as
/// tokens. They move only through settlement: every transfer and approval entry point reverts.
/// @dev Inherits the errors of the contracts it calls (the policy's, the settlement token's ERC-20
/// errors), the broker court's, and ERC-1155's, so that its ABI decodes every revert a call to it can return.
interface ISpectrumExchange is
    IERC1155MetadataURI,
    IERC5267,
    IERC1155Errors,
    IERC20Errors,
    ISpectrumPolicyErrors,
    IBrokerCourtErrors
{
    // ---------------------------------------------------------------- errors

    /// @notice The caller does not hold the policy's BROKER_ROLE.
    error ExchangeCallerNotBroker(address caller);
    /// @notice The caller does not hold the policy's DEFAULT_ADMIN_ROLE.
    error ExchangeCallerNotAdmin(address caller);
    /// @notice `broker` has no bond of at least the court's minimum (or no court is bound yet), so
    /// it cannot settle.
    error ExchangeBrokerNotBonded(address broker);
    /// @notice The exchange is bound to the court `court` already, or `court` is no court this
    /// exchange can bind (no code there, or it judges another exchange).
    error ExchangeCourtAlreadyBound(address court);
    /// @notice `settleMarket` is the exchange's own isolation boundary; only the exchange calls it.
    error ExchangeCallerNotSelf(address caller);
    /// @notice Market `marketId` ran out of gas: the whole batch reverts, so a gas estimate never
    /// comes out too low to settle every market.
    error ExchangeMarketOutOfGas(uint64 batchId, uint256 marketId);
    /// @notice What `probeBatch` found: `skipped` as `settleBatch` would return it, and the gas the
    /// batch used from its first instruction to its last (no intrinsic or calldata gas).
    error ExchangeBatchProbed(uint256 skipped, uint256 gasUsed);
    /// @notice Batch `batchId` was settled before; a retry never settles twice.
    error ExchangeBatchAlreadySettled(uint64 batchId);
    /// @notice The batch holds no clearing, or a clearing holds no fill.
    error ExchangeEmptyBatch(uint64 batchId);
    /// @notice The batch carries `fills` fills, more than `max`.
    error ExchangeTooManyFills(uint256 fills, uint256 max);
    /// @notice Clearings must come in strictly ascending market id; `marketId` came after `previous`.
    /// @dev This is how "one price per market per batch" is enforced: a market cannot appear twice.
    error ExchangeMarketsNotAscending(uint256 previous, uint256 marketId);
    /// @notice The slot of `marketId` is empty or reversed.
    error ExchangeInvalidSlot(uint256 marketId, uint64 slotStart, uint64 slotEnd);
    /// @notice The slot of `marketId` ended at `slotEnd`; a past slot cannot be traded.
    error ExchangeSlotEnded(uint256 marketId, uint64 slotEnd);
    /// @notice A clearing price of 0.
    error ExchangeZeroPrice(uint256 marketId);
    /// @notice A fill of 0 milli-SRU.
    error ExchangeZeroFill(bytes32 orderHash);
    /// @notice The signature does not recover to the order's maker under this deployment's domain.
    error ExchangeInvalidSignature(bytes32 orderHash, address maker);
    /// @notice The order expired at `validUntil`.
    error ExchangeOrderExpired(bytes32 orderHash, uint64 validUntil);
    /// @notice The maker cancelled the order (by nonce, or by raising its minimum valid nonce).
    error ExchangeOrderCancelled(bytes32 orderHash, uint64 nonce);
    /// @notice The fill asks for `requested` milli-SRU but only `remaining` are left.
    error ExchangeOrderOverfilled(bytes32 orderHash, uint64 requested, uint64 remaining);
    /// @notice An all-or-nothing order was given a fill of `fillQuantity` out of `quantity`.
    error ExchangePartialFillNotAllowed(bytes32 orderHash, uint64 quantity, uint64 fillQuantity);
    /// @notice A bid's limit is below the all-in price: the clearing price plus the fee per SRU.
    error ExchangeBidBelowPrice(bytes32 orderHash, uint128 limitPrice, uint256 allInPrice);
    /// @notice An ask's limit is above the clearing price.
    error ExchangeAskAbovePrice(bytes32 orderHash, uint128 limitPrice, uint128 price);
    /// @notice The bid fills and the ask fills of a market do not balance.
    error ExchangeUnbalancedFills(uint256 marketId, uint64 bidQuantity, uint64 askQuantity);
    /// @notice `operator`'s escrow cannot pay `required`: at settlement, the all-in price of a bid
    /// (its free escrow plus, while the request's window is open, its pending withdrawal); for a
    /// withdrawal request, the amount asked.
    error ExchangeInsufficientEscrow(address operator, uint256 required, uint256 available);
    /// @notice Crediting `operator` would take its escrow to `escrow`, beyond what the exchange counts.
    error ExchangeEscrowOverflow(address operator, uint256 escrow);
    /// @notice `maker` is on both sides of market `marketId` in one batch: a wash trade prints a
    /// price nobody paid.
    error ExchangeSelfTrade(uint256 marketId, address maker);
    /// @notice `operator` sells `required` milli-SRU in `marketId` but holds `available`.
    error ExchangeInsufficientHoldings(address operator, uint256 marketId, uint64 required, uint64 available);
    /// @notice The leases `operator` holds, or the licence it has sold, in market `marketId` would
    /// reach `quantity` milli-SRU, past the `max` a position holds (`MAX_POSITION`).
    error ExchangePositionTooLarge(address operator, uint256 marketId, uint256 quantity, uint256 max);
    /// @notice No pending withdrawal to execute or cancel.
    error ExchangeNoWithdrawal(address operator);
    /// @notice The pending withdrawal unlocks at `readyAt`.
    error ExchangeWithdrawalNotReady(address operator, uint64 readyAt);
    /// @notice An amount of 0, or one that would take the escrow beyond its 96 bits.
    error ExchangeInvalidAmount(uint256 amount);
    /// @notice A nonce list longer than `max`.
    error ExchangeTooManyNonces(uint256 count, uint256 max);
    /// @notice The fee exceeds MAX_FEE_BPS.
    error ExchangeFeeTooHigh(uint16 feeBps, uint16 max);
    /// @notice More fees asked for than accrued.
    error ExchangeInsufficientFees(uint256 requested, uint256 accrued);
    /// @notice Leases move only through settlement.
    error LeaseNotTransferable();
    /// @notice The clearing of `marketId` carries no book (a zero `bookRoot`).
    error ExchangeNoBook(uint256 marketId);
    /// @notice The clearing of `marketId` names a cut-off (unix milliseconds) older than the
    /// settlement window: the broker settles what it matched within the window.
    error ExchangeStaleCutoff(uint256 marketId, uint64 cutoff);
    /// @notice The auction of `marketId` cut off at `cutoff` was committed before, by this broker,
    /// with another book or price: the parts of one auction share its book and its price.
    error ExchangeBookMismatch(uint256 marketId, uint64 cutoff);

    // ---------------------------------------------------------------- events

    /// @notice `operator` deposited `amount`; its escrow is now `escrow`.
    event Deposited(address indexed operator, uint256 amount, uint256 escrow);
    /// @notice `operator` set `amount` aside to withdraw from `readyAt`; until then settlement may
    /// still spend it.
    event WithdrawalRequested(address indexed operator, uint256 amount, uint64 readyAt);
    /// @notice `operator` cancelled its pending withdrawal.
    event WithdrawalCancelled(address indexed operator);
    /// @notice `operator` withdrew `amount`; its escrow is now `escrow`.
    event Withdrawn(address indexed operator, uint256 amount, uint256 escrow);
    /// @notice `maker` cancelled its order `nonce`, from `effectiveAt` on.
    event OrderCancelled(address indexed maker, uint64 indexed nonce, uint64 effectiveAt);
    /// @notice `maker` cancelled every order with a nonce below `minValidNonce`, from `effectiveAt` on.
    event NoncesInvalidated(address indexed maker, uint64 minValidNonce, uint64 effectiveAt);
    /// @notice One order was filled by `quantity` milli-SRU at `price`; `amount` is what the buyer
    /// paid, fee included, or what the seller received.
    event TradeSettled(
        uint256 indexed marketId,
        address indexed maker,
        bytes32 indexed orderHash,
        Side side,
        uint64 quantity,
        uint128 price,
        uint256 amount
    );
    /// @notice Market `marketId` cleared in batch `batchId` at `price`, `volume` milli-SRU over `fills` fills.
    event MarketCleared(uint64 indexed batchId, uint256 indexed marketId, uint128 price, uint64 volume, uint256 fills);
    /// @notice Market `marketId` of batch `batchId` did not settle; `reason` is the custom error
    /// that stopped it (decode it with the exchange's and the policy's ABI). Nothing of it moved.
    event MarketSkipped(uint64 indexed batchId, uint256 indexed marketId, bytes reason);
    /// @notice `broker` settled batch `batchId`: `markets` markets with `fills` fills settled,
    /// `fees` accrued, `skipped` markets skipped.
    event BatchSettled(
        uint64 indexed batchId, address indexed broker, uint256 markets, uint256 fills, uint256 fees, uint256 skipped
    );
    /// @notice `broker` committed the book of the auction of `marketId` cut off at `cutoff` (unix
    /// milliseconds): its book root, its price and the fee in force. Emitted by the first part of the
    /// auction to settle.
    event BookCommitted(
        uint256 indexed marketId,
        uint64 indexed cutoff,
        address indexed broker,
        bytes32 bookRoot,
        uint128 price,
        uint16 feeBps
    );
    /// @notice The admin set the trading fee to `feeBps`.
    event FeeChanged(uint16 feeBps);
    /// @notice The exchange was bound to the broker court `court`.
    event CourtBound(address court);
    /// @notice The admin collected `amount` of accrued fees to `to`.
    event FeesCollected(address indexed to, uint256 amount);

    // ---------------------------------------------------------------- escrow

    /// @notice Moves `amount` of the settlement token from the caller into its escrow (needs an allowance).
    function deposit(uint256 amount) external;
    /// @notice Like `deposit`, with an ERC-2612 permit instead of a prior approval.
    function depositWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
    /// @notice Sets `amount` of the caller's free escrow aside, to withdraw after the settlement
    /// window. Until then settlement may still spend it (the broker may have matched orders on it);
    /// later deposits stay free and never leave through this request. A new request first returns
    /// the pending one to the free escrow, then sets aside anew and restarts the window.
    function requestWithdrawal(uint256 amount) external;
    /// @notice Returns the caller's pending withdrawal to its free escrow.
    function cancelWithdrawal() external;
    /// @notice Pays out what is left of the caller's pending withdrawal once its window has passed.
    function withdraw() external;

    // ---------------------------------------------------------------- orders

    /// @notice Cancels the caller's orders with these nonces (at most MAX_NONCES) once the
    /// settlement window has passed, so a batch the broker already matched still settles. An order
    /// already filled or being cancelled is left as it is and emits no `OrderCancelled`.
    function cancelOrders(uint64[] calldata nonces) external;
    /// @notice Cancels every order of the caller with a nonce below `minValidNonce` that is not
    /// filled, once the settlement window has passed; it never lowers the minimum. A new call while
    /// one waits raises the waiting minimum and restarts its window.
    function cancelUpTo(uint64 minValidNonce) external;

    // ---------------------------------------------------------------- settlement

    /// @notice Settles a batch of market clearings. Broker only. Reverts as a whole when `batchId`
    /// was settled before, the batch is empty or over MAX_FILLS, or its markets are not in
    /// ascending id. Each market settles on its own or not at all: it is skipped (`MarketSkipped`,
    /// with the error) unless the signatures recover to active operators under this domain, no
    /// order is expired, cancelled or over-filled, no maker is on both sides, every filled bid's
    /// limit covers the price plus the fee and every filled ask's limit is at most the price, the
    /// fills balance, sellers hold what they sell and buyers' escrow pays, and the policy lets the
    /// market trade.
    /// @return skipped bit i set when clearing i was skipped
    function settleBatch(uint64 batchId, Clearing[] calldata clearings) external returns (uint256 skipped);

    /// @notice Runs `settleBatch` as it would run now, then reverts with `ExchangeBatchProbed`, so
    /// nothing it did remains: one execution tells the broker which markets would be skipped and
    /// what gas the batch needs (`eth_estimateGas` searches for it with many). Reverts as
    /// `settleBatch` would where that would revert.
    function probeBatch(uint64 batchId, Clearing[] calldata clearings) external;
    /// @notice The commitment `broker` made to the auction of `marketId` cut off at `cutoff`: the
    /// first 24 bytes of `keccak256(abi.encode(bookRoot, price))`, and when it was made (zero: none).
    function bookCommitment(uint256 marketId, uint64 cutoff, address broker)
        external
        view
        returns (bytes24 bookHash, uint64 committedAt);
    /// @notice Settles one market of a batch; only the exchange itself calls it, so that a market
    /// that fails reverts alone. Anyone may simulate it (`eth_call` from the exchange's address) to
    /// learn why a market would be skipped.
    /// @return fees the fees the market accrues
    function settleMarket(uint64 batchId, uint16 feeBps, Clearing calldata clearing) external returns (uint256 fees);

    // ---------------------------------------------------------------- admin

    /// @notice Sets the trading fee in basis points. Buyers pay it per SRU on top of the clearing
    /// price, inside their limit: a bid fills only when price + fee fits its limit, so no fee
    /// change makes a maker pay more than it signed.
    function setFee(uint16 feeBps) external;
    /// @notice Pays `amount` of accrued fees to `to`.
    function collectFees(address to, uint256 amount) external;

    /// @notice Binds the broker court whose bonds settlement requires, once. Admin only. Nothing
    /// settles before it is bound.
    function bindCourt(address court) external;

    // ---------------------------------------------------------------- views

    /// @notice Escrow balance of `operator` in token base units.
    function escrowOf(address operator) external view returns (uint256);
    /// @notice Pending withdrawal of `operator`: the amount set aside (settlement may still spend it
    /// until `readyAt`) and when it can be withdrawn.
    function pendingWithdrawal(address operator) external view returns (uint256 amount, uint64 readyAt);
    /// @notice Lowest nonce of `maker` valid now.
    function minValidNonce(address maker) external view returns (uint64);
    /// @notice When an on-chain cancellation of order `nonce` of `maker` that is still waiting for
    /// the settlement window takes effect; 0 when none is waiting (`orderState` tells whether one
    /// is in force).
    function pendingCancellation(address maker, uint64 nonce) external view returns (uint64 effectiveAt);
    /// @notice `operator`'s position in market `marketId`: leases held and licence capacity sold.
    function position(address operator, uint256 marketId) external view returns (uint64 leased, uint64 licenceSold);
    /// @notice State and filled quantity of order `nonce` of `maker`: a filled order reads Filled
    /// even below the minimum nonce; the quantity is reported for an open order only.
    function orderState(address maker, uint64 nonce) external view returns (OrderState state, uint64 filled);
    /// @notice Quantity of `order` still fillable (0 when filled, cancelled or expired).
    function remainingQuantity(Order calldata order) external view returns (uint64);
    /// @notice EIP-712 digest of `order` under this deployment's domain: what the maker signs.
    function hashOrder(Order calldata order) external view returns (bytes32);

    /// @notice Milli-SRU of order (maker, nonce) filled so far, or `complete` once it is filled
    /// whole; unlike `orderState`, a later cancellation does not hide the fills made before it.
    function filledOf(address maker, uint64 nonce) external view returns (uint64 filled, bool complete);

    /// @notice When the maker's cancellation of order (maker, nonce) takes (or took) effect, kept
    /// after it did: by nonce, or by `cancelUpTo` (1 when that took effect at a time no longer kept);
    /// 0 when the order was never cancelled or was filled whole.
    function cancelledAt(address maker, uint64 nonce) external view returns (uint64);

    /// @notice The broker court bound to this exchange (zero before `bindCourt`).
    function court() external view returns (address);

    /// @notice The EIP-712 domain separator orders and fill receipts are signed under.
    function domainSeparator() external view returns (bytes32);
    /// @notice Milli-SRU `operator` may sell in the market: leases held plus unsold licence.
    function holdings(address operator, uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
        external
        view
        returns (uint64);
    /// @notice Whether batch `batchId` was settled.
    function isBatchSettled(uint64 batchId) external view returns (bool);
    /// @notice Market id of (band, cell, slot).
    function marketId(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) external pure returns (uint256);
    /// @notice Fees accrued and not yet collected.
    function feesAccrued() external view returns (uint256);
    /// @notice Trading fee in basis points.
    function feeBps() external view returns (uint16);
    /// @notice Seconds between an on-chain cancellation or withdrawal request and its effect: the
    /// time the broker has to settle what it matched before.
    function settlementWindow() external view returns (uint64);
    /// @notice Most fills one batch may carry.
    function MAX_FILLS() external view returns (uint256);
    /// @notice Most nonces one `cancelOrders` call may carry.
    function MAX_NONCES() external view returns (uint256);
    /// @notice Highest trading fee `setFee` accepts, in basis points.
    function MAX_FEE_BPS() external view returns (uint16);
    /// @notice Most milli-SRU an operator can hold in leases in one market, and most it can sell
    /// of its base licence there (2^32 - 1: over four million SRU).
    function MAX_POSITION() external view returns (uint64);
    /// @notice The policy contract this exchange obeys.
    function policy() external view returns (ISpectrumPolicy);
    /// @notice The settlement token.
    function token() external view returns (IERC20);
}
