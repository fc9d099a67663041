// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC1155MetadataURI} from "@openzeppelin/contracts/token/ERC1155/extensions/IERC1155MetadataURI.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ISpectrumExchange, OrderState} from "./interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy} from "./interfaces/ISpectrumPolicy.sol";
import {MarketLib} from "./libraries/MarketLib.sol";
import {Clearing, Fill, Order, OrderLib, Side} from "./libraries/OrderLib.sol";

/// @title SpectrumExchange
/// @notice Holds the operators' escrow, the state of their signed orders and their SRU leases, and
/// settles the broker's batches only after verifying the matching itself.
/// @dev Storage is laid out for settlement gas: one slot per operator for escrow and its minimum
/// nonce, one slot per (operator, market) for leases held and licence sold, and order state as
/// two bits per nonce, so a maker's consecutive orders share a slot.
contract SpectrumExchange is ISpectrumExchange, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc ISpectrumExchange
    uint256 public constant MAX_FILLS = 256;
    /// @notice Most nonces one `cancelOrders` call may carry.
    uint256 public constant MAX_NONCES = 256;
    /// @notice Highest trading fee, 5 %.
    uint16 public constant MAX_FEE_BPS = 500;
    /// @notice Quantities are milli-SRU; prices are per SRU.
    uint256 private constant MILLI = 1000;
    uint256 private constant BPS = 10_000;
    uint256 private constant FILLED = 1;
    uint256 private constant CANCELLED = 2;

    /// @notice The policy contract this exchange obeys.
    ISpectrumPolicy public immutable policy;
    /// @notice The settlement token.
    IERC20 public immutable token;
    /// @inheritdoc ISpectrumExchange
    uint64 public immutable withdrawalDelay;
    bytes32 private immutable _brokerRole;

    /// @dev `escrow` and `minValidNonce` share a slot: settlement reads both for every fill.
    struct Account {
        uint128 escrow;
        uint64 minValidNonce;
    }

    /// @dev What an operator holds in one market: leases bought (its ERC-1155 balance) and
    /// base-licence capacity already sold.
    struct Position {
        uint64 leased;
        uint64 licenceSold;
    }

    struct Withdrawal {
        uint128 amount;
        uint64 readyAt;
    }

    mapping(address operator => Account) private _accounts;
    mapping(address operator => mapping(uint256 marketId => Position)) private _positions;
    mapping(address maker => mapping(uint256 word => uint256)) private _orderBits;
    mapping(address maker => mapping(uint64 nonce => uint64)) private _partialFills;
    mapping(uint256 word => uint256) private _settledBatches;
    mapping(address operator => Withdrawal) private _withdrawals;
    uint128 private _feesAccrued;
    uint16 private _feeBps;

    /// @param policy_ the policy contract; its admin administers this exchange too
    /// @param token_ the settlement token
    /// @param withdrawalDelay_ seconds between a withdrawal request and its execution; set it to at
    /// least one settlement period
    constructor(ISpectrumPolicy policy_, IERC20 token_, uint64 withdrawalDelay_)
        EIP712("SpectrumLedger Exchange", "1")
    {
        policy = policy_;
        token = token_;
        withdrawalDelay = withdrawalDelay_;
        _brokerRole = policy_.BROKER_ROLE();
    }

    // ---------------------------------------------------------------- escrow

    /// @inheritdoc ISpectrumExchange
    function deposit(uint256 amount) external nonReentrant {
        _deposit(amount);
    }

    /// @inheritdoc ISpectrumExchange
    function depositWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external nonReentrant {
        // NOTE: a permit seen in the mempool can be used by anyone first; then the allowance is
        // already there, so a failed permit is not an error (OpenZeppelin's advice on ERC-2612).
        try IERC20Permit(address(token)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _deposit(amount);
    }

    function _deposit(uint256 amount) private {
        Account storage account = _accounts[msg.sender];
        uint256 escrow = uint256(account.escrow) + amount;
        if (amount == 0 || escrow > type(uint128).max) revert ExchangeInvalidAmount(amount);
        account.escrow = uint128(escrow);
        emit Deposited(msg.sender, amount, escrow);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ISpectrumExchange
    function requestWithdrawal(uint256 amount) external {
        if (amount == 0 || amount > type(uint128).max) revert ExchangeInvalidAmount(amount);
        uint64 readyAt = uint64(block.timestamp) + withdrawalDelay;
        _withdrawals[msg.sender] = Withdrawal({amount: uint128(amount), readyAt: readyAt});
        emit WithdrawalRequested(msg.sender, amount, readyAt);
    }

    /// @inheritdoc ISpectrumExchange
    function cancelWithdrawal() external {
        if (_withdrawals[msg.sender].amount == 0) revert ExchangeNoWithdrawal(msg.sender);
        delete _withdrawals[msg.sender];
        emit WithdrawalCancelled(msg.sender);
    }

    /// @inheritdoc ISpectrumExchange
    function withdraw() external nonReentrant {
        Withdrawal memory w = _withdrawals[msg.sender];
        if (w.amount == 0) revert ExchangeNoWithdrawal(msg.sender);
        if (block.timestamp < w.readyAt) revert ExchangeWithdrawalNotReady(msg.sender, w.readyAt);
        Account storage account = _accounts[msg.sender];
        uint128 escrow = account.escrow;
        uint128 amount = w.amount < escrow ? w.amount : escrow;
        if (amount == 0) revert ExchangeNoWithdrawal(msg.sender);
        delete _withdrawals[msg.sender];
        account.escrow = escrow - amount;
        emit Withdrawn(msg.sender, amount, escrow - amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- orders

    /// @inheritdoc ISpectrumExchange
    function cancelOrders(uint64[] calldata nonces) external {
        uint256 n = nonces.length;
        if (n > MAX_NONCES) revert ExchangeTooManyNonces(n, MAX_NONCES);
        mapping(uint256 => uint256) storage bits = _orderBits[msg.sender];
        for (uint256 i; i < n; ++i) {
            uint64 nonce = nonces[i];
            uint256 shift = (uint256(nonce) & 127) << 1;
            uint256 word = bits[nonce >> 7];
            // A filled or already cancelled order is left as it is, and no event claims otherwise.
            if ((word >> shift) & 3 == 0) {
                bits[nonce >> 7] = word | (CANCELLED << shift);
                emit OrderCancelled(msg.sender, nonce);
            }
        }
    }

    /// @inheritdoc ISpectrumExchange
    function cancelUpTo(uint64 minValidNonce_) external {
        Account storage account = _accounts[msg.sender];
        if (minValidNonce_ > account.minValidNonce) account.minValidNonce = minValidNonce_;
        emit NoncesInvalidated(msg.sender, account.minValidNonce);
    }

    // ---------------------------------------------------------------- settlement

    /// @dev Running totals of one clearing, kept in memory to stay clear of stack limits.
    struct Tally {
        uint64 batchId;
        uint16 fee;
        uint256 marketId;
        uint64 bidQuantity;
        uint64 askQuantity;
        uint256 debits;
        uint256 credits;
    }

    /// @inheritdoc ISpectrumExchange
    function settleBatch(uint64 batchId, Clearing[] calldata clearings) external {
        if (!policy.hasRole(_brokerRole, msg.sender)) revert ExchangeCallerNotBroker(msg.sender);
        uint256 word = _settledBatches[batchId >> 8];
        uint256 bit = 1 << (batchId & 255);
        if (word & bit != 0) revert ExchangeBatchAlreadySettled(batchId);
        _settledBatches[batchId >> 8] = word | bit;

        uint256 nClearings = clearings.length;
        if (nClearings == 0) revert ExchangeEmptyBatch(batchId);
        uint256 totalFills;
        uint256 debits;
        uint256 credits;
        uint256 previous;
        Tally memory tally;
        tally.batchId = batchId;
        tally.fee = _feeBps;
        for (uint256 i; i < nClearings; ++i) {
            Clearing calldata c = clearings[i];
            uint256 nFills = c.fills.length;
            totalFills += nFills;
            if (totalFills > MAX_FILLS) revert ExchangeTooManyFills(totalFills, MAX_FILLS);
            if (nFills == 0) revert ExchangeEmptyBatch(batchId);
            tally.marketId = MarketLib.id(c.band, c.cell, c.slotStart, c.slotEnd);
            if (i != 0 && tally.marketId <= previous) revert ExchangeMarketsNotAscending(previous, tally.marketId);
            previous = tally.marketId;
            _checkMarket(c, tally.marketId);
            tally.bidQuantity = 0;
            tally.askQuantity = 0;
            tally.debits = 0;
            tally.credits = 0;
            for (uint256 j; j < nFills; ++j) {
                _settleFill(c, c.fills[j], tally);
            }
            if (tally.bidQuantity != tally.askQuantity) {
                revert ExchangeUnbalancedFills(tally.marketId, tally.bidQuantity, tally.askQuantity);
            }
            debits += tally.debits;
            credits += tally.credits;
            emit MarketCleared(batchId, tally.marketId, c.price, tally.bidQuantity, nFills);
        }
        // NOTE: buyers pay the price rounded up plus the fee and sellers receive it rounded down,
        // and the fills of every market balance, so debits >= credits; the difference stays in
        // the exchange as fees and escrow remains fully backed by the token balance.
        uint256 fees = debits - credits;
        _feesAccrued += uint128(fees);
        emit BatchSettled(batchId, msg.sender, nClearings, totalFills, fees);
    }

    function _checkMarket(Clearing calldata c, uint256 id) private view {
        if (c.slotStart >= c.slotEnd) revert ExchangeInvalidSlot(id, c.slotStart, c.slotEnd);
        if (block.timestamp >= c.slotEnd) revert ExchangeSlotEnded(id, c.slotEnd);
        if (c.price == 0) revert ExchangeZeroPrice(id);
        policy.requireTradable(c.band, c.cell, c.slotStart, c.slotEnd);
    }

    function _settleFill(Clearing calldata c, Fill calldata f, Tally memory tally) private {
        bytes32 orderHash = OrderLib.hash(f, c);
        if (f.fillQuantity == 0) revert ExchangeZeroFill(orderHash);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(_hashTypedDataV4(orderHash), f.r, f.vs);
        if (err != ECDSA.RecoverError.NoError || signer != f.maker) {
            revert ExchangeInvalidSignature(orderHash, f.maker);
        }
        if (block.timestamp > f.validUntil) revert ExchangeOrderExpired(orderHash, f.validUntil);
        Account storage account = _accounts[f.maker];
        _consumeOrder(f, orderHash, account.minValidNonce);
        uint256 amount = f.side == Side.Bid
            ? _settleBid(c.price, f, tally, orderHash, account)
            : _settleAsk(c, f, tally, orderHash, account);
        emit TradeSettled(tally.marketId, f.maker, orderHash, f.side, f.fillQuantity, c.price, amount);
    }

    /// @dev Debits the buyer's escrow (price rounded up, plus fee) and grants the lease.
    function _settleBid(uint128 price, Fill calldata f, Tally memory tally, bytes32 orderHash, Account storage account)
        private
        returns (uint256 amount)
    {
        if (f.limitPrice < price) revert ExchangeBidBelowPrice(orderHash, f.limitPrice, price);
        address maker = f.maker;
        policy.requireActiveOperator(maker);
        uint64 q = f.fillQuantity;
        amount = (uint256(price) * q + MILLI - 1) / MILLI;
        uint256 due = amount + (amount * tally.fee + BPS - 1) / BPS;
        uint128 escrow = account.escrow;
        if (due > escrow) revert ExchangeInsufficientEscrow(maker, due, escrow);
        // NOTE: unchecked is safe: due <= escrow was just checked.
        unchecked {
            account.escrow = escrow - uint128(due);
        }
        // NOTE: checked on purpose: several fills of uint64 quantities can pass 2^64, and a
        // wrapped sum would balance bids against asks that never sold them.
        _positions[maker][tally.marketId].leased += q;
        tally.bidQuantity += q;
        tally.debits += due;
        emit TransferSingle(address(this), address(0), maker, tally.marketId, q);
        emit LeaseGranted(maker, tally.marketId, q, tally.batchId);
    }

    /// @dev Takes the SRU from the seller, leases bought first, then base-licence capacity, and
    /// credits its escrow with the price rounded down.
    function _settleAsk(
        Clearing calldata c,
        Fill calldata f,
        Tally memory tally,
        bytes32 orderHash,
        Account storage account
    ) private returns (uint256 amount) {
        if (f.limitPrice > c.price) revert ExchangeAskAbovePrice(orderHash, f.limitPrice, c.price);
        address maker = f.maker;
        uint64 q = f.fillQuantity;
        uint64 licence = policy.sellerLicence(maker, c.band, c.cell, c.slotStart, c.slotEnd);
        Position storage position = _positions[maker][tally.marketId];
        Position memory p = position;
        uint64 licenceLeft = licence > p.licenceSold ? licence - p.licenceSold : 0;
        if (uint256(p.leased) + licenceLeft < q) {
            revert ExchangeInsufficientHoldings(maker, tally.marketId, q, p.leased + licenceLeft);
        }
        uint64 fromLeases = p.leased < q ? p.leased : q;
        // NOTE: unchecked is safe: fromLeases <= leased, and q - fromLeases <= licenceLeft.
        unchecked {
            position.leased = p.leased - fromLeases;
            position.licenceSold = p.licenceSold + (q - fromLeases);
        }
        tally.askQuantity += q; // checked: the sum of a market's fills can pass 2^64
        if (fromLeases != 0) emit TransferSingle(address(this), maker, address(0), tally.marketId, fromLeases);
        amount = uint256(c.price) * q / MILLI;
        account.escrow += uint128(amount);
        tally.credits += amount;
    }

    /// @dev Checks and records the fill of order (maker, nonce): not cancelled, not over-filled,
    /// all-or-nothing respected.
    function _consumeOrder(Fill calldata f, bytes32 orderHash, uint64 minNonce) private {
        uint64 nonce = f.nonce;
        if (nonce < minNonce) revert ExchangeOrderCancelled(orderHash, nonce);
        address maker = f.maker;
        uint64 q = f.fillQuantity;
        uint256 shift = (uint256(nonce) & 127) << 1;
        uint256 word = _orderBits[maker][nonce >> 7];
        uint256 state = (word >> shift) & 3;
        if (state == CANCELLED) revert ExchangeOrderCancelled(orderHash, nonce);
        if (state == FILLED) revert ExchangeOrderOverfilled(orderHash, q, 0);
        uint64 quantity = f.quantity;
        uint64 filled = _partialFills[maker][nonce];
        if (!f.partialFill) {
            // NOTE: fill state is per (maker, nonce): another version of this order signed under
            // the same nonce may have filled part of it already.
            if (filled != 0) revert ExchangeOrderOverfilled(orderHash, q, quantity > filled ? quantity - filled : 0);
            if (q != quantity) revert ExchangePartialFillNotAllowed(orderHash, quantity, q);
            _orderBits[maker][nonce >> 7] = word | (FILLED << shift);
            return;
        }
        uint64 remaining = quantity > filled ? quantity - filled : 0;
        if (q > remaining) revert ExchangeOrderOverfilled(orderHash, q, remaining);
        if (q == remaining) {
            _orderBits[maker][nonce >> 7] = word | (FILLED << shift);
            if (filled != 0) delete _partialFills[maker][nonce];
        } else {
            _partialFills[maker][nonce] = filled + q;
        }
    }

    // ---------------------------------------------------------------- admin

    modifier onlyAdmin() {
        if (!policy.hasRole(bytes32(0), msg.sender)) revert ExchangeCallerNotAdmin(msg.sender);
        _;
    }

    /// @inheritdoc ISpectrumExchange
    function setFee(uint16 feeBps_) external onlyAdmin {
        if (feeBps_ > MAX_FEE_BPS) revert ExchangeFeeTooHigh(feeBps_, MAX_FEE_BPS);
        _feeBps = feeBps_;
        emit FeeChanged(feeBps_);
    }

    /// @inheritdoc ISpectrumExchange
    function collectFees(address to, uint256 amount) external onlyAdmin nonReentrant {
        uint128 accrued = _feesAccrued;
        if (amount > accrued) revert ExchangeInsufficientFees(amount, accrued);
        _feesAccrued = accrued - uint128(amount);
        emit FeesCollected(to, amount);
        token.safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ISpectrumExchange
    function escrowOf(address operator) external view returns (uint256) {
        return _accounts[operator].escrow;
    }

    /// @inheritdoc ISpectrumExchange
    function pendingWithdrawal(address operator) external view returns (uint256 amount, uint64 readyAt) {
        Withdrawal memory w = _withdrawals[operator];
        return (w.amount, w.readyAt);
    }

    /// @inheritdoc ISpectrumExchange
    function minValidNonce(address maker) external view returns (uint64) {
        return _accounts[maker].minValidNonce;
    }

    /// @inheritdoc ISpectrumExchange
    function orderState(address maker, uint64 nonce) public view returns (OrderState state, uint64 filled) {
        uint256 bits = (_orderBits[maker][nonce >> 7] >> ((uint256(nonce) & 127) << 1)) & 3;
        if (bits == FILLED) return (OrderState.Filled, 0);
        if (bits == CANCELLED || nonce < _accounts[maker].minValidNonce) return (OrderState.Cancelled, 0);
        return (OrderState.Open, _partialFills[maker][nonce]);
    }

    /// @inheritdoc ISpectrumExchange
    function remainingQuantity(Order calldata order) external view returns (uint64) {
        if (block.timestamp > order.validUntil) return 0;
        (OrderState state, uint64 filled) = orderState(order.maker, order.nonce);
        if (state != OrderState.Open) return 0;
        return order.quantity > filled ? order.quantity - filled : 0;
    }

    /// @inheritdoc ISpectrumExchange
    function hashOrder(Order calldata order) external view returns (bytes32) {
        return _hashTypedDataV4(OrderLib.hash(order));
    }

    /// @inheritdoc ISpectrumExchange
    function holdings(address operator, uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
        external
        view
        returns (uint64)
    {
        Position memory p = _positions[operator][MarketLib.id(band, cell, slotStart, slotEnd)];
        uint64 licence = policy.sellerLicence(operator, band, cell, slotStart, slotEnd);
        return p.leased + (licence > p.licenceSold ? licence - p.licenceSold : 0);
    }

    /// @inheritdoc ISpectrumExchange
    function isBatchSettled(uint64 batchId) external view returns (bool) {
        return _settledBatches[batchId >> 8] & (1 << (batchId & 255)) != 0;
    }

    /// @inheritdoc ISpectrumExchange
    function marketId(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) external pure returns (uint256) {
        return MarketLib.id(band, cell, slotStart, slotEnd);
    }

    /// @inheritdoc ISpectrumExchange
    function feesAccrued() external view returns (uint256) {
        return _feesAccrued;
    }

    /// @inheritdoc ISpectrumExchange
    function feeBps() external view returns (uint16) {
        return _feeBps;
    }

    /// @notice The EIP-712 domain separator orders are signed under.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------- ERC-1155 leases

    /// @notice Leases of `account` in market `id`, in milli-SRU.
    function balanceOf(address account, uint256 id) external view returns (uint256) {
        return _positions[account][id].leased;
    }

    /// @notice Leases of each account in each market.
    function balanceOfBatch(address[] calldata accounts, uint256[] calldata ids)
        external
        view
        returns (uint256[] memory balances)
    {
        balances = new uint256[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) {
            balances[i] = _positions[accounts[i]][ids[i]].leased;
        }
    }

    /// @notice Leases cannot be approved for transfer.
    function setApprovalForAll(address, bool) external pure {
        revert LeaseNotTransferable();
    }

    /// @notice No one is approved to move leases.
    function isApprovedForAll(address, address) external pure returns (bool) {
        return false;
    }

    /// @notice Leases move only through settlement.
    function safeTransferFrom(address, address, uint256, uint256, bytes calldata) external pure {
        revert LeaseNotTransferable();
    }

    /// @notice Leases move only through settlement.
    function safeBatchTransferFrom(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        pure
    {
        revert LeaseNotTransferable();
    }

    /// @notice Metadata URI template; `{id}` is the market id in hex (band | cell | slot).
    function uri(uint256) external pure returns (string memory) {
        return "spectrumledger:lease/{id}";
    }

    /// @notice ERC-165: ERC-1155 and its metadata extension.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155).interfaceId || interfaceId == type(IERC1155MetadataURI).interfaceId
            || interfaceId == type(IERC165).interfaceId;
    }
}
