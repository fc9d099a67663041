// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC1155MetadataURI} from "@openzeppelin/contracts/token/ERC1155/extensions/IERC1155MetadataURI.sol";
import {Clearing, Order, Side} from "../libraries/OrderLib.sol";

/// @notice Fill state of one (maker, nonce).
enum OrderState {
    Open,
    Filled,
    Cancelled
}

/// @title ISpectrumExchange
/// @notice Escrow, order state, on-chain-verified batch settlement and SRU leases.
/// @dev Leases are ERC-1155 balances keyed by market id (`MarketLib.id`), so explorers show them as
/// tokens. They move only through settlement: every transfer and approval entry point reverts.
interface ISpectrumExchange is IERC1155MetadataURI {
    // ---------------------------------------------------------------- errors

    /// @notice The caller does not hold the policy's BROKER_ROLE.
    error ExchangeCallerNotBroker(address caller);
    /// @notice The caller does not hold the policy's DEFAULT_ADMIN_ROLE.
    error ExchangeCallerNotAdmin(address caller);
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
    /// @notice A bid's limit is below the clearing price.
    error ExchangeBidBelowPrice(bytes32 orderHash, uint128 limitPrice, uint128 price);
    /// @notice An ask's limit is above the clearing price.
    error ExchangeAskAbovePrice(bytes32 orderHash, uint128 limitPrice, uint128 price);
    /// @notice The bid fills and the ask fills of a market do not balance.
    error ExchangeUnbalancedFills(uint256 marketId, uint64 bidQuantity, uint64 askQuantity);
    /// @notice `operator`'s escrow cannot pay `required` (price, rounding up, plus fee).
    error ExchangeInsufficientEscrow(address operator, uint256 required, uint256 available);
    /// @notice `operator` sells `required` milli-SRU in `marketId` but holds `available`.
    error ExchangeInsufficientHoldings(address operator, uint256 marketId, uint64 required, uint64 available);
    /// @notice A withdrawal of nothing, or no pending withdrawal to execute or cancel.
    error ExchangeNoWithdrawal(address operator);
    /// @notice The pending withdrawal unlocks at `readyAt`.
    error ExchangeWithdrawalNotReady(address operator, uint64 readyAt);
    /// @notice An amount of 0, or one that does not fit the escrow's 128 bits.
    error ExchangeInvalidAmount(uint256 amount);
    /// @notice A nonce list longer than `max`.
    error ExchangeTooManyNonces(uint256 count, uint256 max);
    /// @notice The fee exceeds MAX_FEE_BPS.
    error ExchangeFeeTooHigh(uint16 feeBps, uint16 max);
    /// @notice More fees asked for than accrued.
    error ExchangeInsufficientFees(uint256 requested, uint256 accrued);
    /// @notice Leases move only through settlement.
    error LeaseNotTransferable();

    // ---------------------------------------------------------------- events

    /// @notice `operator` deposited `amount`; its escrow is now `escrow`.
    event Deposited(address indexed operator, uint256 amount, uint256 escrow);
    /// @notice `operator` asked to withdraw `amount`, possible from `readyAt`.
    event WithdrawalRequested(address indexed operator, uint256 amount, uint64 readyAt);
    /// @notice `operator` cancelled its pending withdrawal.
    event WithdrawalCancelled(address indexed operator);
    /// @notice `operator` withdrew `amount`; its escrow is now `escrow`.
    event Withdrawn(address indexed operator, uint256 amount, uint256 escrow);
    /// @notice `maker` cancelled its order `nonce`.
    event OrderCancelled(address indexed maker, uint64 indexed nonce);
    /// @notice `maker` cancelled every order with a nonce below `minValidNonce`.
    event NoncesInvalidated(address indexed maker, uint64 minValidNonce);
    /// @notice One order was filled by `quantity` milli-SRU at `price`; `amount` is what the
    /// buyer paid (before fee) or the seller received.
    event TradeSettled(
        uint256 indexed marketId,
        address indexed maker,
        bytes32 indexed orderHash,
        Side side,
        uint64 quantity,
        uint128 price,
        uint256 amount
    );
    /// @notice `operator` was granted a lease of `quantity` milli-SRU in `marketId` by batch `batchId`.
    event LeaseGranted(address indexed operator, uint256 indexed marketId, uint64 quantity, uint64 batchId);
    /// @notice Market `marketId` cleared in batch `batchId` at `price`, `volume` milli-SRU over `fills` fills.
    event MarketCleared(uint64 indexed batchId, uint256 indexed marketId, uint128 price, uint64 volume, uint256 fills);
    /// @notice `broker` settled batch `batchId`: `markets` markets, `fills` fills, `fees` accrued.
    event BatchSettled(uint64 indexed batchId, address indexed broker, uint256 markets, uint256 fills, uint256 fees);
    /// @notice The admin set the trading fee to `feeBps`.
    event FeeChanged(uint16 feeBps);
    /// @notice The admin collected `amount` of accrued fees to `to`.
    event FeesCollected(address indexed to, uint256 amount);

    // ---------------------------------------------------------------- escrow

    /// @notice Moves `amount` of the settlement token from the caller into its escrow (needs an allowance).
    function deposit(uint256 amount) external;
    /// @notice Like `deposit`, with an ERC-2612 permit instead of a prior approval.
    function depositWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
    /// @notice Asks to withdraw `amount`, possible after the withdrawal delay. The escrow stays
    /// spendable by settlement until then, so a withdrawal cannot pull funds from under a batch.
    /// A new request replaces the pending one and restarts the delay.
    function requestWithdrawal(uint256 amount) external;
    /// @notice Cancels the caller's pending withdrawal.
    function cancelWithdrawal() external;
    /// @notice Pays out the caller's pending withdrawal, capped at its escrow.
    function withdraw() external;

    // ---------------------------------------------------------------- orders

    /// @notice Cancels the caller's orders with these nonces; at most MAX_NONCES. An order already
    /// filled or cancelled is left as it is and emits no `OrderCancelled`.
    function cancelOrders(uint64[] calldata nonces) external;
    /// @notice Cancels every order of the caller with a nonce below `minValidNonce` that is not
    /// filled; it never lowers the minimum.
    function cancelUpTo(uint64 minValidNonce) external;

    // ---------------------------------------------------------------- settlement

    /// @notice Settles a batch of market clearings. Broker only. Reverts as a whole unless, for
    /// every market: the signatures recover to active operators under this domain, no order is
    /// expired, cancelled or over-filled, every filled bid's limit is at least the price and every
    /// filled ask's at most it, the fills balance, sellers hold what they sell and buyers' escrow
    /// pays, the policy lets the market trade, and `batchId` was never settled.
    function settleBatch(uint64 batchId, Clearing[] calldata clearings) external;

    // ---------------------------------------------------------------- admin

    /// @notice Sets the trading fee, paid by buyers on top of the price, in basis points.
    function setFee(uint16 feeBps) external;
    /// @notice Pays `amount` of accrued fees to `to`.
    function collectFees(address to, uint256 amount) external;

    // ---------------------------------------------------------------- views

    /// @notice Escrow balance of `operator` in token base units.
    function escrowOf(address operator) external view returns (uint256);
    /// @notice Pending withdrawal of `operator`.
    function pendingWithdrawal(address operator) external view returns (uint256 amount, uint64 readyAt);
    /// @notice Lowest nonce of `maker` still valid.
    function minValidNonce(address maker) external view returns (uint64);
    /// @notice State and filled quantity of order `nonce` of `maker`: a filled order reads Filled
    /// even below the minimum nonce; the quantity is reported for an open order only.
    function orderState(address maker, uint64 nonce) external view returns (OrderState state, uint64 filled);
    /// @notice Quantity of `order` still fillable (0 when filled, cancelled or expired).
    function remainingQuantity(Order calldata order) external view returns (uint64);
    /// @notice EIP-712 digest of `order` under this deployment's domain: what the maker signs.
    function hashOrder(Order calldata order) external view returns (bytes32);
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
    /// @notice Seconds between a withdrawal request and its execution.
    function withdrawalDelay() external view returns (uint64);
    /// @notice Most fills one batch may carry.
    function MAX_FILLS() external view returns (uint256);
}
