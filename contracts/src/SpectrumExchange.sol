// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC1155MetadataURI} from "@openzeppelin/contracts/token/ERC1155/extensions/IERC1155MetadataURI.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IBrokerCourt} from "./interfaces/IBrokerCourt.sol";
import {ISpectrumExchange, OrderState} from "./interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy} from "./interfaces/ISpectrumPolicy.sol";
import {MarketLib} from "./libraries/MarketLib.sol";
import {Clearing, Fill, Order, OrderLib, Side} from "./libraries/OrderLib.sol";

/// @title SpectrumExchange
/// @notice Holds the operators' escrow, the state of their signed orders and their SRU leases, and
/// settles the broker's batches only after verifying the matching itself.
/// @dev Storage is laid out for settlement gas: one slot per operator for escrow, its nonce floor
/// and the state of its first orders; in each market, one slot per four operators for leases held
/// and licence sold (by the policy's registration index, so that operators registered one after
/// the other share a slot and most makers' first trade in a market opens none); and order state as
/// two bits per nonce, so a maker's consecutive orders share a slot. A maker's first
/// `FIRST_ORDERS` nonces keep their state in the account slot, which settlement writes for every
/// fill anyway: a new operator's first trades open no order-state word. Each market of a batch
/// settles in its own call frame (`settleMarket`), so one market that fails cannot stop the others.
contract SpectrumExchange is ISpectrumExchange, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc ISpectrumExchange
    uint256 public constant MAX_FILLS = 256;
    /// @inheritdoc ISpectrumExchange
    uint256 public constant MAX_NONCES = 256;
    /// @inheritdoc ISpectrumExchange
    /// @dev 5 %.
    uint16 public constant MAX_FEE_BPS = 500;
    /// @notice Quantities are milli-SRU; prices are per SRU.
    uint256 private constant MILLI = 1000;
    uint256 private constant BPS = 10_000;
    /// @dev Transient slot holding the broker settling the current batch: the ERC-1155 `operator`
    /// of the lease transfers made in `settleMarket`'s own call frame.
    bytes32 private constant SETTLING_BROKER = keccak256("spectrumledger.exchange.settlingBroker");
    uint256 private constant FILLED = 1;
    /// @dev A cancellation was asked for; it takes effect at `_cancelAt[maker][nonce]`.
    uint256 private constant CANCELLING = 2;
    /// @dev Part of the order is filled, `_partialFills[maker][nonce]`. An order still OPEN has
    /// filled nothing, so its fill reads no second slot; a CANCELLING one may have (it is read).
    uint256 private constant PARTIAL = 3;
    /// @dev Nonces below this keep their two bits of state in the maker's account slot
    /// (`Account.firstOrders`); the others in `_orderBits`, 128 a word.
    uint256 private constant FIRST_ORDERS = 40;
    /// @dev A market's positions: `POSITION_LANES` operators a word, by the policy's operator
    /// index, each lane the operator's leases held (the low `LEASED_BITS`) and licence sold (above).
    uint256 private constant POSITION_LANES = 4;
    uint256 private constant LANE_BITS = 64;
    uint256 private constant LEASED_BITS = 32;
    uint256 private constant LANE_MASK = (1 << LANE_BITS) - 1;
    /// @inheritdoc ISpectrumExchange
    uint64 public constant MAX_POSITION = uint64((1 << LEASED_BITS) - 1);
    /// @dev The transient word of a maker in a market of the batch (`_requireOneSide`): the side
    /// in the low byte, this bit once the policy has been asked about the maker, the maker's
    /// operator index in bits 16-47 and, for a seller, its base licence in bits 64-127.
    uint256 private constant ASKED = 0x100;
    /// @dev Half the order of secp256k1: a signature's s above it is the malleable twin of one below
    /// (EIP-2), refused as OpenZeppelin's ECDSA refuses it.
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// @inheritdoc ISpectrumExchange
    ISpectrumPolicy public immutable policy;
    /// @inheritdoc ISpectrumExchange
    IERC20 public immutable token;
    /// @inheritdoc ISpectrumExchange
    uint64 public immutable settlementWindow;
    bytes32 private immutable _brokerRole;

    /// @dev Free escrow, the nonce floor and the state of the first orders share a slot:
    /// settlement reads and writes it for every fill. `minValidNonce` is in force; while
    /// `floorPending`, a higher floor waits in `_pendingFloors` for its time (a `cancelUpTo` waiting
    /// for the settlement window), and joins it once that has come. `setAside` is true while a
    /// withdrawal request is kept in `_withdrawals`, so a fill reads that slot only then.
    struct Account {
        uint96 escrow;
        uint64 minValidNonce;
        bool floorPending;
        bool setAside;
        /// two bits of state for each nonce below FIRST_ORDERS
        uint80 firstOrders;
    }

    /// @dev A nonce floor asked for by `cancelUpTo`, in force from `at`.
    struct PendingFloor {
        uint64 minNonce;
        uint32 at;
    }

    /// @dev Escrow set aside by `requestWithdrawal`: out of the free escrow, still spendable by
    /// settlement until `readyAt`.
    struct Withdrawal {
        uint96 amount;
        uint64 readyAt;
    }

    mapping(address operator => Account) private _accounts;
    mapping(address operator => PendingFloor) private _pendingFloors;
    /// @dev What operators hold in a market: leases bought (their ERC-1155 balances) and
    /// base-licence capacity already sold, `POSITION_LANES` operators a word.
    mapping(uint256 marketId => mapping(uint256 group => uint256 lanes)) private _positions;
    mapping(address maker => mapping(uint256 word => uint256)) private _orderBits;
    mapping(address maker => mapping(uint64 nonce => uint64)) private _partialFills;
    mapping(address maker => mapping(uint64 nonce => uint64 effectiveAt)) private _cancelAt;
    mapping(uint256 word => uint256) private _settledBatches;
    mapping(address operator => Withdrawal) private _withdrawals;
    /// @dev Per auction (market, cut-off, broker): the first 24 bytes of keccak(bookRoot, price) and,
    /// in the low 8 bytes, when it was committed.
    mapping(bytes32 auction => uint256) private _books;
    uint256 private _feesAccrued;
    uint16 private _feeBps;
    /// @dev The broker court holding the brokers' bonds; settlement waits until it is bound.
    IBrokerCourt private _court;

    /// @param policy_ the policy contract; its admin administers this exchange too, and binds the
    /// policy to this exchange (`bindExchange`) before anything settles
    /// @param token_ the settlement token
    /// @param settlementWindow_ seconds between an on-chain cancellation or withdrawal request and
    /// its effect; set it above the broker's longest time from matching to settlement
    constructor(ISpectrumPolicy policy_, IERC20 token_, uint64 settlementWindow_)
        EIP712("SpectrumLedger Exchange", "1")
    {
        policy = policy_;
        token = token_;
        settlementWindow = settlementWindow_;
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
        // The free escrow and the amount set aside must both fit, and so must their sum, which a
        // cancelled withdrawal brings back.
        if (amount == 0 || escrow + _withdrawals[msg.sender].amount > type(uint96).max) {
            revert ExchangeInvalidAmount(amount);
        }
        account.escrow = uint96(escrow);
        emit Deposited(msg.sender, amount, escrow);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ISpectrumExchange
    function requestWithdrawal(uint256 amount) external {
        Account storage account = _accounts[msg.sender];
        Withdrawal storage w = _withdrawals[msg.sender];
        // A pending request's amount comes back first: the new request replaces it.
        uint256 free = uint256(account.escrow) + w.amount;
        if (amount == 0) revert ExchangeInvalidAmount(amount);
        if (amount > free) revert ExchangeInsufficientEscrow(msg.sender, amount, free);
        uint64 readyAt = uint64(block.timestamp) + settlementWindow;
        // NOTE: both casts are bounded: amount <= free, and free fits 96 bits (`_deposit`).
        account.escrow = uint96(free - amount);
        account.setAside = true;
        w.amount = uint96(amount);
        w.readyAt = readyAt;
        emit WithdrawalRequested(msg.sender, amount, readyAt);
    }

    /// @inheritdoc ISpectrumExchange
    function cancelWithdrawal() external {
        Withdrawal memory w = _withdrawals[msg.sender];
        if (w.readyAt == 0) revert ExchangeNoWithdrawal(msg.sender);
        delete _withdrawals[msg.sender];
        Account storage account = _accounts[msg.sender];
        // NOTE: cannot pass 96 bits: `_deposit` keeps free escrow plus the amount set aside within them.
        account.escrow += w.amount;
        account.setAside = false;
        emit WithdrawalCancelled(msg.sender);
    }

    /// @inheritdoc ISpectrumExchange
    function withdraw() external nonReentrant {
        Withdrawal memory w = _withdrawals[msg.sender];
        if (w.readyAt == 0) revert ExchangeNoWithdrawal(msg.sender);
        if (block.timestamp < w.readyAt) revert ExchangeWithdrawalNotReady(msg.sender, w.readyAt);
        delete _withdrawals[msg.sender];
        Account storage account = _accounts[msg.sender];
        account.setAside = false;
        emit Withdrawn(msg.sender, w.amount, account.escrow);
        // Settlement may have spent all of it while the window was open.
        if (w.amount != 0) token.safeTransfer(msg.sender, w.amount);
    }

    // ---------------------------------------------------------------- orders

    /// @inheritdoc ISpectrumExchange
    function cancelOrders(uint64[] calldata nonces) external {
        uint256 n = nonces.length;
        if (n > MAX_NONCES) revert ExchangeTooManyNonces(n, MAX_NONCES);
        mapping(uint64 => uint64) storage cancelAt = _cancelAt[msg.sender];
        uint64 effectiveAt = uint64(block.timestamp) + settlementWindow;
        for (uint256 i; i < n; ++i) {
            uint64 nonce = nonces[i];
            (uint256 word, uint256 shift) = _orderWord(msg.sender, nonce);
            uint256 state = (word >> shift) & 3;
            // A filled order, or one already being cancelled, is left as it is: a second request
            // never moves the first one's time.
            if (state == 0 || state == PARTIAL) {
                _setOrderWord(msg.sender, nonce, word ^ ((state ^ CANCELLING) << shift));
                cancelAt[nonce] = effectiveAt;
                emit OrderCancelled(msg.sender, nonce, effectiveAt);
            }
        }
    }

    /// @inheritdoc ISpectrumExchange
    function cancelUpTo(uint64 minValidNonce_) external {
        Account storage account = _accounts[msg.sender];
        Account memory a = account;
        PendingFloor memory pending;
        if (a.floorPending) {
            pending = _pendingFloors[msg.sender];
            // A waiting floor whose window has passed is in force: fold it in first.
            if (block.timestamp >= pending.at) {
                a.minValidNonce = pending.minNonce;
                a.floorPending = false;
                account.minValidNonce = pending.minNonce;
                account.floorPending = false;
            }
        }
        if (minValidNonce_ <= a.minValidNonce) return;
        uint256 effectiveAt = block.timestamp + settlementWindow;
        if (effectiveAt > type(uint32).max) revert ExchangeInvalidAmount(effectiveAt);
        // A floor still waiting is replaced only by a higher one.
        if (!a.floorPending || minValidNonce_ > pending.minNonce) {
            // NOTE: bounded on the line above.
            _pendingFloors[msg.sender] = PendingFloor(minValidNonce_, uint32(effectiveAt));
            if (!a.floorPending) account.floorPending = true;
            emit NoncesInvalidated(msg.sender, minValidNonce_, uint64(effectiveAt));
        }
    }

    /// @dev The nonce floor in force for `maker`: `a.minValidNonce`, or the waiting floor once its
    /// time has come.
    function _minNonce(address maker, Account memory a) private view returns (uint64) {
        if (!a.floorPending) return a.minValidNonce;
        PendingFloor memory pending = _pendingFloors[maker];
        return block.timestamp >= pending.at ? pending.minNonce : a.minValidNonce;
    }

    /// @dev The word holding the two bits of order (maker, nonce), and where in it they sit.
    function _orderWord(address maker, uint64 nonce) private view returns (uint256 word, uint256 shift) {
        if (nonce < FIRST_ORDERS) return (_accounts[maker].firstOrders, uint256(nonce) << 1);
        return (_orderBits[maker][nonce >> 7], (uint256(nonce) & 127) << 1);
    }

    /// @dev Writes back the word `_orderWord` read, changed.
    function _setOrderWord(address maker, uint64 nonce, uint256 word) private {
        if (nonce < FIRST_ORDERS) {
            // NOTE: the word came from the 80 bits and only the bits of a nonce below 40 changed.
            _accounts[maker].firstOrders = uint80(word);
        } else {
            _orderBits[maker][nonce >> 7] = word;
        }
    }

    /// @dev The state bits of order (maker, nonce).
    function _orderBitsOf(address maker, uint64 nonce) private view returns (uint256) {
        (uint256 word, uint256 shift) = _orderWord(maker, nonce);
        return (word >> shift) & 3;
    }

    // ---------------------------------------------------------------- settlement

    /// @dev Running totals of one clearing, kept in memory to stay clear of stack limits.
    struct Tally {
        bytes32 domainSeparator;
        uint64 batchId;
        address broker;
        uint256 marketId;
        uint256 allInPrice;
        uint64 bidQuantity;
        uint64 askQuantity;
        uint256 debits;
        uint256 credits;
    }

    /// @inheritdoc ISpectrumExchange
    function settleBatch(uint64 batchId, Clearing[] calldata clearings) external returns (uint256 skipped) {
        return _settleBatch(batchId, clearings);
    }

    /// @inheritdoc ISpectrumExchange
    function probeBatch(uint64 batchId, Clearing[] calldata clearings) external {
        uint256 start = gasleft();
        uint256 skipped = _settleBatch(batchId, clearings);
        revert ExchangeBatchProbed(skipped, start - gasleft());
    }

    function _settleBatch(uint64 batchId, Clearing[] calldata clearings) private returns (uint256 skipped) {
        if (!policy.hasRole(_brokerRole, msg.sender)) revert ExchangeCallerNotBroker(msg.sender);
        IBrokerCourt court_ = _court;
        if (address(court_) == address(0) || !court_.isBonded(msg.sender)) revert ExchangeBrokerNotBonded(msg.sender);
        _markBatchSettled(batchId);
        bytes32 slot = SETTLING_BROKER;
        assembly ("memory-safe") {
            tstore(slot, caller())
        }
        uint256 nClearings = clearings.length;
        _checkBatchSize(batchId, clearings);
        uint16 fee = _feeBps;
        uint256 fees;
        uint256 settledFills;
        uint256 previous;
        for (uint256 i; i < nClearings; ++i) {
            Clearing calldata c = clearings[i];
            uint256 id = MarketLib.id(c.band, c.cell, c.slotStart, c.slotEnd);
            if (i != 0 && id <= previous) revert ExchangeMarketsNotAscending(previous, id);
            previous = id;
            uint256 marketFees = _trySettleMarket(batchId, fee, c, id);
            if (marketFees == type(uint256).max) {
                skipped |= 1 << i;
            } else {
                fees += marketFees;
                settledFills += c.fills.length;
            }
        }
        _feesAccrued += fees;
        uint256 nSkipped = _popCount(skipped);
        emit BatchSettled(batchId, msg.sender, nClearings - nSkipped, settledFills, fees, nSkipped);
        assembly ("memory-safe") {
            tstore(slot, 0)
        }
    }

    function _markBatchSettled(uint64 batchId) private {
        uint256 word = _settledBatches[batchId >> 8];
        uint256 bit = 1 << (batchId & 255);
        if (word & bit != 0) revert ExchangeBatchAlreadySettled(batchId);
        _settledBatches[batchId >> 8] = word | bit;
    }

    function _checkBatchSize(uint64 batchId, Clearing[] calldata clearings) private pure {
        uint256 nClearings = clearings.length;
        if (nClearings == 0) revert ExchangeEmptyBatch(batchId);
        uint256 totalFills;
        for (uint256 i; i < nClearings; ++i) {
            uint256 nFills = clearings[i].fills.length;
            if (nFills == 0) revert ExchangeEmptyBatch(batchId);
            totalFills += nFills;
        }
        if (totalFills > MAX_FILLS) revert ExchangeTooManyFills(totalFills, MAX_FILLS);
    }

    /// @dev Settles one market in its own call frame: if it fails, only its own effects revert.
    /// Returns the market's fees, or type(uint256).max when it was skipped (no market's fees come
    /// near it: they are bounded by the escrow's 96 bits per fill).
    function _trySettleMarket(uint64 batchId, uint16 fee, Clearing calldata c, uint256 id)
        private
        returns (uint256 fees)
    {
        bytes4 selector = this.settleMarket.selector;
        bool ok;
        // NOTE: the call's data is built by copying the clearing's calldata as it is, not by
        // ABI-encoding it anew (which costs a loop over every field of every fill): the head of the
        // clearing (eight words, its fills offset set to follow it) and then its fills array, length
        // and elements. The copy is made past the free memory pointer, which it then claims.
        assembly ("memory-safe") {
            let fillsAt := add(c, calldataload(add(c, 0xe0)))
            let n := calldataload(fillsAt)
            let fillsBytes := add(0x20, mul(n, 0x140))
            let p := mload(0x40)
            mstore(p, selector)
            mstore(add(p, 0x04), batchId)
            mstore(add(p, 0x24), fee)
            mstore(add(p, 0x44), 0x60)
            calldatacopy(add(p, 0x64), c, 0xe0)
            mstore(add(p, 0x144), 0x100)
            calldatacopy(add(p, 0x164), fillsAt, fillsBytes)
            let size := add(0x164, fillsBytes)
            mstore(0x40, add(p, size))
            ok := call(gas(), address(), 0, p, size, 0, 0x20)
            if ok { fees := mload(0) }
        }
        if (ok) return fees;
        uint256 size;
        assembly ("memory-safe") {
            size := returndatasize()
        }
        bytes memory reason = new bytes(size);
        assembly ("memory-safe") {
            returndatacopy(add(reason, 0x20), 0, size)
        }
        // NOTE: every refusal carries a custom error; an empty reason is running out of gas, which
        // must fail the batch, or a low gas limit would skip markets silently.
        if (reason.length == 0) revert ExchangeMarketOutOfGas(batchId, id);
        emit MarketSkipped(batchId, id, reason);
        return type(uint256).max;
    }

    function _popCount(uint256 x) private pure returns (uint256 n) {
        while (x != 0) {
            x &= x - 1;
            ++n;
        }
    }

    /// @inheritdoc ISpectrumExchange
    function settleMarket(uint64 batchId, uint16 feeBps_, Clearing calldata c) external returns (uint256 fees) {
        if (msg.sender != address(this)) revert ExchangeCallerNotSelf(msg.sender);
        Tally memory tally;
        tally.domainSeparator = _domainSeparatorV4();
        tally.batchId = batchId;
        bytes32 slot = SETTLING_BROKER;
        address broker;
        assembly ("memory-safe") {
            broker := tload(slot)
        }
        tally.broker = broker;
        tally.marketId = MarketLib.id(c.band, c.cell, c.slotStart, c.slotEnd);
        _openMarket(c, tally.marketId);
        _commitBook(c, tally.marketId, broker, feeBps_);
        // NOTE: the fee is charged per SRU, rounded up, on top of the price: the all-in price is
        // what a bid's limit must cover, so what a buyer pays never exceeds its limit × quantity.
        tally.allInPrice = uint256(c.price) + (uint256(c.price) * feeBps_ + BPS - 1) / BPS;
        uint256 nFills = c.fills.length;
        for (uint256 j; j < nFills; ++j) {
            _settleFill(c, c.fills[j], tally);
        }
        if (tally.bidQuantity != tally.askQuantity) {
            revert ExchangeUnbalancedFills(tally.marketId, tally.bidQuantity, tally.askQuantity);
        }
        // NOTE: buyers pay the all-in price rounded up and sellers receive the price rounded down,
        // and the fills balance, so debits >= credits: the difference is the market's fees and
        // escrow stays fully backed by the token balance.
        fees = tally.debits - tally.credits;
        emit MarketCleared(batchId, tally.marketId, c.price, tally.bidQuantity, nFills);
    }

    function _openMarket(Clearing calldata c, uint256 id) private {
        if (c.slotStart >= c.slotEnd) revert ExchangeInvalidSlot(id, c.slotStart, c.slotEnd);
        if (block.timestamp >= c.slotEnd) revert ExchangeSlotEnded(id, c.slotEnd);
        if (c.price == 0) revert ExchangeZeroPrice(id);
        policy.openMarket(c.band, c.cell, c.slotStart, c.slotEnd);
    }

    /// @dev Commits the auction's book, with its price and the fee it settles under (the court checks
    /// a bid's place in the book against its all-in limit), in the market's own frame: a market
    /// skipped commits nothing.
    /// The first part of an auction to settle writes it; every later part must carry the same.
    function _commitBook(Clearing calldata c, uint256 id, address broker, uint16 fee) private {
        if (c.bookRoot == bytes32(0)) revert ExchangeNoBook(id);
        // A cut-off older than the settlement window is refused: the broker settles what it
        // matched within the window, and a back-dated cut-off would let it keep out of an auction
        // the orders it accepted after that date.
        if ((uint256(c.cutoff) + uint256(settlementWindow) * 1000) / 1000 < block.timestamp) {
            revert ExchangeStaleCutoff(id, c.cutoff);
        }
        bytes32 auction = keccak256(abi.encode(id, c.cutoff, broker));
        uint256 bookHash = uint256(keccak256(abi.encode(c.bookRoot, c.price, fee))) >> 64 << 64;
        uint256 committed = _books[auction];
        if (committed == 0) {
            _books[auction] = bookHash | block.timestamp;
            emit BookCommitted(id, c.cutoff, broker, c.bookRoot, c.price, fee);
        } else if (committed >> 64 << 64 != bookHash) {
            revert ExchangeBookMismatch(id, c.cutoff);
        }
    }

    function _settleFill(Clearing calldata c, Fill calldata f, Tally memory tally) private {
        // The order hash is the EIP-712 digest the maker signed (what `hashOrder` and every wallet
        // library give); events and errors name the order by it.
        // The domain separator is read once per market (`_hashTypedDataV4` checks its cache at every
        // call).
        bytes32 orderHash = MessageHashUtils.toTypedDataHash(tally.domainSeparator, OrderLib.hash(f, c));
        // The fill's maker, side and quantity are read from calldata once (each read checks the
        // value's bits again).
        address maker = f.maker;
        Side side = f.side;
        uint64 q = f.fillQuantity;
        if (q == 0) revert ExchangeZeroFill(orderHash);
        address signer = _signer(orderHash, f.r, f.vs);
        // NOTE: the zero check stays although the policy registers no zero operator: a signature
        // that recovers no one is refused here, whatever the policy holds.
        if (signer == address(0) || signer != maker) revert ExchangeInvalidSignature(orderHash, maker);
        if (block.timestamp > f.validUntil) revert ExchangeOrderExpired(orderHash, f.validUntil);
        (bytes32 seenKey, uint256 seen) = _requireOneSide(tally, maker, side);
        Account storage account = _accounts[maker];
        _consumeOrder(f, orderHash, account, maker, q);
        uint256 amount = side == Side.Bid
            ? _settleBid(f, tally, orderHash, account, seenKey, seen, maker, q)
            : _settleAsk(c, f, tally, orderHash, account, seenKey, seen, maker, q);
        emit TradeSettled(tally.marketId, maker, orderHash, side, q, c.price, amount);
    }

    /// @dev Who signed `digest` with the compact signature (r, vs) of EIP-2098; zero when ecrecover
    /// finds no one, and for an s in the upper half of the curve's order. What OpenZeppelin's
    /// `ECDSA.tryRecover(digest, r, vs)` accepts, without its error values.
    function _signer(bytes32 digest, bytes32 r, bytes32 vs) private pure returns (address) {
        uint256 s = uint256(vs) & ((1 << 255) - 1);
        if (s > HALF_ORDER) return address(0);
        return ecrecover(digest, uint8((uint256(vs) >> 255) + 27), r, bytes32(s));
    }

    /// @dev Refuses a maker on both sides of one market in one batch. Transient storage (cancun)
    /// holds, keyed by batch, market and maker, for the transaction only, the side each maker took
    /// (the low byte: 1 bid, 2 ask) and above it what the maker's first fill learnt from the policy
    /// (`_checkedOperator`, `_licence`), so its later fills in the market do not ask again. Within
    /// one transaction nothing changes the policy's answers: settlement calls only its views and
    /// `openMarket`, before the fills. Returns the key and the word as it was before this fill.
    function _requireOneSide(Tally memory tally, address maker, Side side) private returns (bytes32 key, uint256 seen) {
        uint64 batchId = tally.batchId;
        uint256 marketId_ = tally.marketId;
        uint256 mark = uint256(side) + 1;
        // NOTE: the key is hashed past the free memory pointer without allocating, so the loop
        // over fills does not grow memory.
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, batchId)
            mstore(add(p, 0x20), marketId_)
            mstore(add(p, 0x40), maker)
            key := keccak256(p, 0x60)
            seen := tload(key)
            if iszero(seen) { tstore(key, mark) }
        }
        if (seen != 0 && seen & 0xff != mark) revert ExchangeSelfTrade(marketId_, maker);
    }

    /// @dev Checks the buyer is an active operator and returns its index, asking the policy once
    /// per maker and market in a batch (see `_requireOneSide`).
    function _checkedOperator(address maker, bytes32 key, uint256 seen) private returns (uint32 index) {
        if (seen & ASKED != 0) return uint32(seen >> 16);
        index = policy.requireActiveOperator(maker);
        uint256 word = (uint256(index) << 16) | ASKED | (uint256(Side.Bid) + 1);
        assembly ("memory-safe") {
            tstore(key, word)
        }
    }

    /// @dev The seller's base licence in the clearing's market and its index, asked of the policy
    /// once per maker and market in a batch (see `_requireOneSide`).
    function _licence(Clearing calldata c, address maker, bytes32 key, uint256 seen)
        private
        returns (uint64 licence, uint32 index)
    {
        if (seen & ASKED != 0) return (uint64(seen >> 64), uint32(seen >> 16));
        (licence, index) = policy.sellerLicence(maker, c.band, c.cell, c.slotStart, c.slotEnd);
        uint256 word = (uint256(licence) << 64) | (uint256(index) << 16) | ASKED | (uint256(Side.Ask) + 1);
        assembly ("memory-safe") {
            tstore(key, word)
        }
    }

    /// @dev The word holding the position of operator `index` in market `marketId_`, and its lane's
    /// shift in the word.
    function _positionWord(uint256 marketId_, uint32 index)
        private
        view
        returns (mapping(uint256 => uint256) storage words, uint256 group, uint256 shift)
    {
        words = _positions[marketId_];
        group = index / POSITION_LANES;
        shift = (index % POSITION_LANES) * LANE_BITS;
    }

    /// @dev Leases held and licence sold by `operator` in market `marketId_` (0 for an address the
    /// policy never registered: only registered operators ever trade).
    function _position(address operator, uint256 marketId_) private view returns (uint64 leased, uint64 sold) {
        (bool registered, uint32 index) = policy.operatorIndex(operator);
        if (!registered) return (0, 0);
        return _positionAt(marketId_, index);
    }

    /// @dev Leases held and licence sold by operator `index` in market `marketId_`.
    function _positionAt(uint256 marketId_, uint32 index) private view returns (uint64 leased, uint64 sold) {
        (mapping(uint256 => uint256) storage words, uint256 group, uint256 shift) = _positionWord(marketId_, index);
        uint256 lane = (words[group] >> shift) & LANE_MASK;
        return (uint64(lane & MAX_POSITION), uint64(lane >> LEASED_BITS));
    }

    /// @dev Debits the buyer's escrow (the all-in price, rounded up) and grants the lease.
    function _settleBid(
        Fill calldata f,
        Tally memory tally,
        bytes32 orderHash,
        Account storage account,
        bytes32 seenKey,
        uint256 seen,
        address maker,
        uint64 q
    ) private returns (uint256 due) {
        if (f.limitPrice < tally.allInPrice) {
            revert ExchangeBidBelowPrice(orderHash, f.limitPrice, tally.allInPrice);
        }
        uint32 index = _checkedOperator(maker, seenKey, seen);
        due = (tally.allInPrice * q + MILLI - 1) / MILLI;
        uint96 escrow = account.escrow;
        if (due <= escrow) {
            // NOTE: unchecked is safe: due <= escrow was just checked.
            unchecked {
                account.escrow = escrow - uint96(due);
            }
        } else {
            _spendSetAside(maker, due, escrow);
            account.escrow = 0;
        }
        {
            (mapping(uint256 => uint256) storage words, uint256 group, uint256 shift) =
                _positionWord(tally.marketId, index);
            uint256 word = words[group];
            uint256 leased = ((word >> shift) & MAX_POSITION) + q;
            if (leased > MAX_POSITION) revert ExchangePositionTooLarge(maker, tally.marketId, leased, MAX_POSITION);
            // NOTE: the lane's leases stay within their bits (just checked), so the addition
            // touches no other lane.
            words[group] = word + (uint256(q) << shift);
        }
        // NOTE: checked on purpose: several fills of uint64 quantities can pass 2^64, and a
        // wrapped sum would balance bids against asks that never sold them.
        tally.bidQuantity += q;
        tally.debits += due;
        // The lease granted is ERC-1155's mint: the market is the token id, the broker the operator;
        // the batch is in the same frame's MarketCleared.
        emit TransferSingle(tally.broker, address(0), maker, tally.marketId, q);
    }

    /// @dev Pays the part of `due` the free escrow cannot from the amount set aside for a
    /// withdrawal, while its window is still open: the broker may have matched this bid before the
    /// request. Reverts when even that is short.
    function _spendSetAside(address maker, uint256 due, uint96 free) private {
        Withdrawal storage w = _withdrawals[maker];
        Withdrawal memory pending = w;
        uint256 available = block.timestamp < pending.readyAt ? uint256(free) + pending.amount : free;
        if (due > available) revert ExchangeInsufficientEscrow(maker, due, available);
        // NOTE: unchecked is safe: free < due <= free + amount.
        unchecked {
            w.amount = pending.amount - uint96(due - free);
        }
    }

    /// @dev Takes the SRU from the seller, leases bought first, then base-licence capacity, and
    /// credits its escrow with the price rounded down.
    function _settleAsk(
        Clearing calldata c,
        Fill calldata f,
        Tally memory tally,
        bytes32 orderHash,
        Account storage account,
        bytes32 seenKey,
        uint256 seen,
        address maker,
        uint64 q
    ) private returns (uint256 amount) {
        if (f.limitPrice > c.price) revert ExchangeAskAbovePrice(orderHash, f.limitPrice, c.price);
        (uint64 licence, uint32 index) = _licence(c, maker, seenKey, seen);
        uint256 fromLeases;
        {
            (mapping(uint256 => uint256) storage words, uint256 group, uint256 shift) =
                _positionWord(tally.marketId, index);
            uint256 word = words[group];
            uint256 lane = (word >> shift) & LANE_MASK;
            uint256 leased = lane & MAX_POSITION;
            uint256 sold = lane >> LEASED_BITS;
            uint256 licenceLeft = licence > sold ? licence - sold : 0;
            if (leased + licenceLeft < q) {
                revert ExchangeInsufficientHoldings(maker, tally.marketId, q, uint64(leased + licenceLeft));
            }
            fromLeases = leased < q ? leased : q;
            // NOTE: q - fromLeases <= licenceLeft, so sold stays within the licence; a licence
            // above what a position holds can still pass it.
            sold += q - fromLeases;
            if (sold > MAX_POSITION) revert ExchangePositionTooLarge(maker, tally.marketId, sold, MAX_POSITION);
            lane = (leased - fromLeases) | (sold << LEASED_BITS);
            words[group] = (word & ~(LANE_MASK << shift)) | (lane << shift);
        }
        tally.askQuantity += q; // checked: the sum of a market's fills can pass 2^64
        if (fromLeases != 0) emit TransferSingle(tally.broker, maker, address(0), tally.marketId, fromLeases);
        amount = uint256(c.price) * q / MILLI;
        Account memory a = account;
        uint256 escrow = uint256(a.escrow) + amount;
        // A credit past 96 bits would be truncated, and so would a cancelled withdrawal's amount
        // added back later: refuse the market instead.
        uint256 aside = a.setAside ? _withdrawals[maker].amount : 0;
        if (escrow + aside > type(uint96).max) revert ExchangeEscrowOverflow(maker, escrow);
        account.escrow = uint96(escrow);
        tally.credits += amount;
    }

    /// @dev Checks and records the fill of order (maker, nonce): not cancelled (a cancellation
    /// still inside its window does not count yet), not over-filled, all-or-nothing respected.
    function _consumeOrder(Fill calldata f, bytes32 orderHash, Account storage account, address maker, uint64 q)
        private
    {
        uint64 nonce = f.nonce;
        uint256 word;
        uint256 shift;
        {
            Account memory a = account;
            if (nonce < _minNonce(maker, a)) revert ExchangeOrderCancelled(orderHash, nonce);
            if (nonce < FIRST_ORDERS) {
                (word, shift) = (a.firstOrders, uint256(nonce) << 1);
            } else {
                (word, shift) = (_orderBits[maker][nonce >> 7], (uint256(nonce) & 127) << 1);
            }
        }
        uint256 state = (word >> shift) & 3;
        if (state == FILLED) revert ExchangeOrderOverfilled(orderHash, q, 0);
        if (state == CANCELLING && block.timestamp >= _cancelAt[maker][nonce]) {
            revert ExchangeOrderCancelled(orderHash, nonce);
        }
        // Filled supersedes a cancellation still waiting for its window.
        uint256 filledWord = (word & ~(uint256(3) << shift)) | (FILLED << shift);
        uint64 quantity = f.quantity;
        uint64 filled = state == 0 ? 0 : _partialFills[maker][nonce];
        if (!f.partialFill) {
            // NOTE: fill state is per (maker, nonce): another version of this order signed under
            // the same nonce may have filled part of it already.
            if (filled != 0) revert ExchangeOrderOverfilled(orderHash, q, quantity > filled ? quantity - filled : 0);
            if (q != quantity) revert ExchangePartialFillNotAllowed(orderHash, quantity, q);
            _setOrderWord(maker, nonce, filledWord);
            return;
        }
        uint64 remaining = quantity > filled ? quantity - filled : 0;
        if (q > remaining) revert ExchangeOrderOverfilled(orderHash, q, remaining);
        if (q == remaining) {
            _setOrderWord(maker, nonce, filledWord);
            if (filled != 0) delete _partialFills[maker][nonce];
        } else {
            _partialFills[maker][nonce] = filled + q;
            if (state == 0) _setOrderWord(maker, nonce, word | (PARTIAL << shift));
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
    function bindCourt(address court_) external onlyAdmin {
        if (address(_court) != address(0)) revert ExchangeCourtAlreadyBound(address(_court));
        // A careless bind would be for life: the address must be a court, free or bound to us.
        if (court_.code.length == 0) revert ExchangeCourtAlreadyBound(court_);
        address judges = IBrokerCourt(court_).exchange();
        if (judges != address(0) && judges != address(this)) revert ExchangeCourtAlreadyBound(court_);
        _court = IBrokerCourt(court_);
        emit CourtBound(court_);
    }

    /// @inheritdoc ISpectrumExchange
    function collectFees(address to, uint256 amount) external onlyAdmin nonReentrant {
        uint256 accrued = _feesAccrued;
        if (amount > accrued) revert ExchangeInsufficientFees(amount, accrued);
        _feesAccrued = accrued - amount;
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
    function minValidNonce(address maker) public view returns (uint64) {
        return _minNonce(maker, _accounts[maker]);
    }

    /// @inheritdoc ISpectrumExchange
    function pendingCancellation(address maker, uint64 nonce) external view returns (uint64 effectiveAt) {
        uint256 bits = _orderBitsOf(maker, nonce);
        if (bits == FILLED) return 0;
        if (bits == CANCELLING) effectiveAt = _cancelAt[maker][nonce];
        Account memory a = _accounts[maker];
        if (a.floorPending) {
            PendingFloor memory pending = _pendingFloors[maker];
            if (nonce >= a.minValidNonce && nonce < pending.minNonce && (effectiveAt == 0 || pending.at < effectiveAt))
            {
                effectiveAt = pending.at;
            }
        }
        if (effectiveAt <= block.timestamp) return 0;
    }

    /// @inheritdoc ISpectrumExchange
    function orderState(address maker, uint64 nonce) public view returns (OrderState state, uint64 filled) {
        uint256 bits = _orderBitsOf(maker, nonce);
        if (bits == FILLED) return (OrderState.Filled, 0);
        if (nonce < minValidNonce(maker) || (bits == CANCELLING && block.timestamp >= _cancelAt[maker][nonce])) {
            return (OrderState.Cancelled, 0);
        }
        return (OrderState.Open, _partialFills[maker][nonce]);
    }

    /// @inheritdoc ISpectrumExchange
    function filledOf(address maker, uint64 nonce) external view returns (uint64 filled, bool complete) {
        uint256 bits = _orderBitsOf(maker, nonce);
        return bits == FILLED ? (0, true) : (_partialFills[maker][nonce], false);
    }

    /// @inheritdoc ISpectrumExchange
    function cancelledAt(address maker, uint64 nonce) external view returns (uint64) {
        uint256 bits = _orderBitsOf(maker, nonce);
        if (bits == FILLED) return 0;
        if (bits == CANCELLING) return _cancelAt[maker][nonce];
        Account memory a = _accounts[maker];
        if (nonce < a.minValidNonce) return 1; // cancelled by cancelUpTo at a time no longer kept
        if (!a.floorPending) return 0;
        PendingFloor memory pending = _pendingFloors[maker];
        return nonce < pending.minNonce ? pending.at : 0;
    }

    /// @inheritdoc ISpectrumExchange
    function court() external view returns (address) {
        return address(_court);
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
    function position(address operator, uint256 marketId_) external view returns (uint64 leased, uint64 licenceSold) {
        return _position(operator, marketId_);
    }

    /// @inheritdoc ISpectrumExchange
    function holdings(address operator, uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
        external
        view
        returns (uint64)
    {
        (uint64 licence, uint32 index) = policy.sellerLicence(operator, band, cell, slotStart, slotEnd);
        (uint64 leased, uint64 sold) = _positionAt(MarketLib.id(band, cell, slotStart, slotEnd), index);
        uint256 held = uint256(leased) + (licence > sold ? licence - sold : 0);
        return held > type(uint64).max ? type(uint64).max : uint64(held);
    }

    /// @inheritdoc ISpectrumExchange
    function bookCommitment(uint256 marketId_, uint64 cutoff, address broker)
        external
        view
        returns (bytes24 bookHash, uint64 committedAt)
    {
        uint256 committed = _books[keccak256(abi.encode(marketId_, cutoff, broker))];
        return (bytes24(bytes32(committed)), uint64(committed));
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

    /// @inheritdoc ISpectrumExchange
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------- ERC-1155 leases

    /// @notice Leases of `account` in market `id`, in milli-SRU.
    function balanceOf(address account, uint256 id) external view returns (uint256) {
        (uint64 leased,) = _position(account, id);
        return leased;
    }

    /// @notice Leases of each account in each market.
    function balanceOfBatch(address[] calldata accounts, uint256[] calldata ids)
        external
        view
        returns (uint256[] memory balances)
    {
        if (accounts.length != ids.length) revert ERC1155InvalidArrayLength(ids.length, accounts.length);
        balances = new uint256[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) {
            (uint64 leased,) = _position(accounts[i], ids[i]);
            balances[i] = leased;
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
