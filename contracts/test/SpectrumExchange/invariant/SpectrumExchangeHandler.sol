// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {SettlementToken} from "../../../src/SettlementToken.sol";
import {SpectrumExchange} from "../../../src/SpectrumExchange.sol";
import {MarketLib} from "../../../src/libraries/MarketLib.sol";
import {Clearing, Fill, Order, Side} from "../../../src/libraries/OrderLib.sol";
import {TestBase} from "../../utils/Test.sol";
import {Market} from "../../utils/SpectrumFixture.sol";

/// @title SpectrumExchangeHandler
/// @notice Drives the exchange the way the marketplace does, from random inputs: deposits,
/// withdrawal requests and payouts, signed orders, matched batches, cancellations, fee changes,
/// fee collection and the passing of time. It is the broker, the treasury and the admin.
/// @dev Most batches are valid (crossing limits, quantities within what is left, sellers holding
/// the SRU, buyers topped up), so settlement really happens. About one clearing in eight carries a
/// random price or fill instead, or reuses an expired or cancelled order; `oversell` and
/// `settleCancelled` submit batches that must be refused. Every settled batch is replayed on a
/// model of the exchange written here (ghost state); the invariants compare the two, and count
/// any settled fill that broke a rule the exchange promises to enforce.
contract SpectrumExchangeHandler is TestBase {
    uint256 internal constant ACTORS = 4;
    /// @dev Small enough that sellers run out and holdings, not only order sizes, bound the fills.
    uint64 internal constant LICENCE = 6000;
    uint256 internal constant MAX_ORDERS = 48;
    /// @dev Limits scatter around 2.5 tokens per SRU: bids from 0.9x to 1.3x, asks from 0.7x to
    /// 1.1x (capped at the bid they are paired with).
    uint256 internal constant REFERENCE_PRICE = 2_500_000;
    uint256 internal constant MAX_LIMIT = REFERENCE_PRICE * 13 / 10;

    SpectrumExchange internal immutable exchange;
    SettlementToken internal immutable token;

    address[ACTORS] public actors;
    uint256[ACTORS] internal keys;
    Market[] internal _markets;

    /// @dev A signed order and what the model says of it.
    struct Record {
        Order order;
        bytes32 r;
        bytes32 vs;
        uint64 filled;
        bool cancelled;
    }

    Record[] internal _orders;
    mapping(address => uint64) internal _nextNonce;
    uint256 internal _entropy;
    /// @dev The call (`_epoch`) that last used each pool slot; a slot in use is never recycled.
    uint256 internal _epoch;
    mapping(uint256 slot => uint256 epoch) internal _inUse;
    uint64 internal _nextBatchId = 1;
    uint64 internal _lastSettledBatch;

    // ---------------------------------------------------------------- ghost state (the model)

    mapping(address => uint256) public ghostEscrow;
    mapping(address => mapping(uint256 => uint64)) public ghostLeased;
    mapping(address => mapping(uint256 => uint64)) public ghostLicenceSold;
    mapping(address => uint64) public ghostMinNonce;
    mapping(address => uint256) internal _pendingAmount;
    mapping(address => uint256) internal _pendingReadyAt;
    uint256 public ghostFees;
    uint16 public ghostFeeBps;
    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 public ghostFeesCollected;
    uint256 public ghostLeasesMinted;
    uint256 public ghostLeasesBurnt;

    // ---------------------------------------------------------------- rule breaks seen in settled batches

    uint256 public ghostFillsOutsideLimit;
    uint256 public ghostOverfills;
    uint256 public ghostAllOrNothingSplit;
    uint256 public ghostSoldBeyondHoldings;
    uint256 public ghostPaidBeyondEscrow;
    uint256 public ghostUnbalancedMarkets;
    uint256 public ghostExpiredOrCancelledFills;
    uint256 public ghostUnbackedCredits;
    uint256 public ghostEarlyWithdrawals;
    uint256 public ghostWrongPayouts;

    // ---------------------------------------------------------------- call summary

    uint256 public settledBatches;
    uint256 public settledFills;
    uint256 public refusedBatches;
    uint256 public refusedValidBatches;
    uint256 public withdrawals;

    constructor(SpectrumExchange exchange_, SettlementToken token_, uint256[ACTORS] memory keys_, Market[] memory m) {
        exchange = exchange_;
        token = token_;
        for (uint256 i; i < ACTORS; ++i) {
            keys[i] = keys_[i];
            actors[i] = vm.addr(keys_[i]);
            _nextNonce[actors[i]] = 1;
        }
        for (uint256 i; i < m.length; ++i) {
            _markets.push(m[i]);
        }
    }

    // ---------------------------------------------------------------- views for the invariants

    function marketCount() external view returns (uint256) {
        return _markets.length;
    }

    function market(uint256 i) external view returns (Market memory) {
        return _markets[i];
    }

    function marketIdAt(uint256 i) public view returns (uint256) {
        Market storage m = _markets[i];
        return MarketLib.id(m.band, m.cell, m.slotStart, m.slotEnd);
    }

    function orderCount() external view returns (uint256) {
        return _orders.length;
    }

    function orderAt(uint256 i) external view returns (Order memory order, uint64 filled, bool cancelled) {
        Record storage rec = _orders[i];
        return (rec.order, rec.filled, rec.cancelled);
    }

    function licence() external pure returns (uint64) {
        return LICENCE;
    }

    // ---------------------------------------------------------------- escrow

    function deposit(uint256 actorSeed, uint256 amount) external {
        address who = actors[actorSeed % ACTORS];
        amount = bound(amount, 1, 1_000_000e6);
        _deposit(who, amount);
    }

    function requestWithdrawal(uint256 actorSeed, uint256 amount) external {
        address who = actors[actorSeed % ACTORS];
        amount = bound(amount, 1, ghostEscrow[who] + 1_000e6);
        vm.prank(who);
        exchange.requestWithdrawal(amount);
        _pendingAmount[who] = amount;
        _pendingReadyAt[who] = block.timestamp + exchange.withdrawalDelay();
    }

    function withdraw(uint256 actorSeed) external {
        address who = actors[actorSeed % ACTORS];
        uint256 pending = _pendingAmount[who];
        uint256 escrow = ghostEscrow[who];
        uint256 expected = pending < escrow ? pending : escrow;
        bool allowed = pending != 0 && block.timestamp >= _pendingReadyAt[who] && expected != 0;
        uint256 walletBefore = token.balanceOf(who);
        vm.prank(who);
        try exchange.withdraw() {
            if (!allowed) {
                ++ghostEarlyWithdrawals;
                return;
            }
            if (token.balanceOf(who) - walletBefore != expected) ++ghostWrongPayouts;
            ghostEscrow[who] = escrow - expected;
            ghostWithdrawn += expected;
            _pendingAmount[who] = 0;
            ++withdrawals;
        } catch {
            if (allowed) ++ghostWrongPayouts;
        }
    }

    function _deposit(address who, uint256 amount) internal {
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(exchange), amount);
        exchange.deposit(amount);
        vm.stopPrank();
        ghostEscrow[who] += amount;
        ghostDeposited += amount;
    }

    // ---------------------------------------------------------------- orders

    function cancelOrder(uint256 orderSeed) external {
        if (_orders.length == 0) return;
        Record storage rec = _orders[orderSeed % _orders.length];
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = rec.order.nonce;
        vm.prank(rec.order.maker);
        exchange.cancelOrders(nonces);
        if (rec.filled < rec.order.quantity) rec.cancelled = true;
    }

    function cancelUpTo(uint256 actorSeed, uint256 step) external {
        address who = actors[actorSeed % ACTORS];
        uint64 minNonce = ghostMinNonce[who] + uint64(bound(step, 1, 8));
        if (minNonce > _nextNonce[who]) minNonce = _nextNonce[who];
        vm.prank(who);
        exchange.cancelUpTo(minNonce);
        if (minNonce > ghostMinNonce[who]) ghostMinNonce[who] = minNonce;
    }

    // ---------------------------------------------------------------- admin and time

    function setFee(uint256 feeBps) external {
        uint16 fee = uint16(bound(feeBps, 0, 500));
        exchange.setFee(fee);
        ghostFeeBps = fee;
    }

    function collectFees(uint256 amount) external {
        if (ghostFees == 0) return;
        amount = bound(amount, 1, ghostFees);
        exchange.collectFees(address(0xFEE), amount);
        ghostFees -= amount;
        ghostFeesCollected += amount;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 20 minutes));
    }

    // ---------------------------------------------------------------- settlement

    /// @dev One clearing as built, with the pool records behind its fills.
    struct Built {
        Clearing clearing;
        uint256[] records;
        uint256 marketIndex;
        bool valid;
    }

    function settle(uint256 seed) external {
        _begin(seed);
        uint256[] memory open = _openMarkets();
        if (open.length == 0) return;
        uint256 first = open[_rand(open.length)];
        uint256 n = open.length > 1 && _rand(3) == 0 ? 2 : 1;
        Built[] memory built = new Built[](n);
        built[0] = _build(first);
        if (n == 2) {
            uint256 second = open[(_indexOf(open, first) + 1 + _rand(open.length - 1)) % open.length];
            built[1] = _build(second);
            if (marketIdAt(second) < marketIdAt(first)) (built[0], built[1]) = (built[1], built[0]);
        }
        _submit(built);
    }

    /// @dev A seller offers one more milli-SRU (or a few more) than it holds, to buyers who can
    /// pay at crossing prices: settlement must refuse.
    function oversell(uint256 seed) external {
        _begin(seed);
        uint256[] memory open = _openMarkets();
        if (open.length == 0) return;
        uint256 mi = open[_rand(open.length)];
        uint256 buyerIndex = _rand(ACTORS);
        address seller = actors[(buyerIndex + 1 + _rand(ACTORS - 1)) % ACTORS];
        uint64 q = _holdings(seller, marketIdAt(mi)) + 1 + uint64(_rand(100));
        uint256 bidRec = _create(actors[buyerIndex], Side.Bid, mi, q, _randomLimit(Side.Bid), true);
        uint256 askRec = _create(seller, Side.Ask, mi, q, _randomLimit(Side.Ask), true);
        Built[] memory built = new Built[](1);
        built[0] = _pair(mi, bidRec, askRec, q);
        built[0].valid = false;
        _submit(built);
    }

    /// @dev A maker's cancelled (by nonce or by minimum nonce), still unexpired order is matched
    /// with a fresh counter-order: settlement must refuse.
    function settleCancelled(uint256 seed) external {
        _begin(seed);
        uint256 n = _orders.length;
        if (n == 0) return;
        uint256 start = _rand(n);
        for (uint256 k; k < n; ++k) {
            uint256 idx = (start + k) % n;
            Record storage rec = _orders[idx];
            Order storage o = rec.order;
            bool cancelled = rec.cancelled || o.nonce < ghostMinNonce[o.maker];
            if (!cancelled || rec.filled >= o.quantity || block.timestamp > o.validUntil) continue;
            if (block.timestamp >= o.slotEnd) continue;
            _inUse[idx] = _epoch;
            uint256 mi = _marketIndexOf(o.cell, o.slotStart);
            uint64 q = o.partialFill ? 1 + uint64(_rand(o.quantity - rec.filled)) : o.quantity;
            address other = actors[(_actorIndex(o.maker) + 1 + _rand(ACTORS - 1)) % ACTORS];
            Side side = o.side == Side.Bid ? Side.Ask : Side.Bid;
            uint256 counter = _create(other, side, mi, q, side == Side.Bid ? o.limitPrice : 1, true);
            Built[] memory built = new Built[](1);
            built[0] = o.side == Side.Bid ? _pair(mi, idx, counter, q) : _pair(mi, counter, idx, q);
            built[0].valid = false;
            _submit(built);
            return;
        }
    }

    /// @dev Submits the batch; on success replays it on the model.
    function _submit(Built[] memory built) internal {
        uint256 n = built.length;
        Clearing[] memory clearings = new Clearing[](n);
        bool valid = true;
        for (uint256 i; i < n; ++i) {
            clearings[i] = built[i].clearing;
            valid = valid && built[i].valid;
        }
        // Now and then, retry the batch id that last settled: it must be refused.
        uint64 batchId = _lastSettledBatch != 0 && _rand(25) == 0 ? _lastSettledBatch : _nextBatchId++;
        try exchange.settleBatch(batchId, clearings) {
            ++settledBatches;
            _lastSettledBatch = batchId;
            uint256 debits;
            uint256 credits;
            for (uint256 i; i < n; ++i) {
                (uint256 d, uint256 c) = _replay(built[i]);
                debits += d;
                credits += c;
            }
            // Buyers pay rounded up, sellers are paid rounded down: the rest is fees.
            if (credits > debits) ++ghostUnbackedCredits;
            else ghostFees += debits - credits;
        } catch {
            ++refusedBatches;
            if (valid && batchId != _lastSettledBatch) ++refusedValidBatches;
        }
    }

    /// @dev Starts a call: seeds the randomness and frees the pool slots the last call used.
    function _begin(uint256 seed) internal {
        _entropy = seed;
        ++_epoch;
    }

    function _openMarkets() internal view returns (uint256[] memory open) {
        uint256 count;
        open = new uint256[](_markets.length);
        for (uint256 i; i < _markets.length; ++i) {
            if (block.timestamp < _markets[i].slotEnd) open[count++] = i;
        }
        assembly ("memory-safe") {
            mstore(open, count)
        }
    }

    function _indexOf(uint256[] memory list, uint256 value) internal pure returns (uint256 i) {
        while (list[i] != value) ++i;
    }

    /// @dev A clearing of one bid and one ask in market `mi`; valid unless a random mode says otherwise.
    function _build(uint256 mi) internal returns (Built memory b) {
        uint256 buyerIndex = _rand(ACTORS);
        uint256 bidRec = _pickOrCreate(actors[buyerIndex], Side.Bid, mi, type(uint128).max, 1);
        Record storage bid = _orders[bidRec];
        // An all-or-nothing bid needs an ask with at least as much left.
        uint64 needed = bid.order.partialFill ? 1 : bid.order.quantity - bid.filled;
        uint256 askRec = _pickOrCreate(
            actors[(buyerIndex + 1 + _rand(ACTORS - 1)) % ACTORS], Side.Ask, mi, bid.order.limitPrice, needed
        );
        (uint64 q, bool quantityOk) = _pickQuantity(bidRec, askRec, mi);
        b = _pair(mi, bidRec, askRec, q);
        b.valid = b.valid && quantityOk && _fillable(_orders[bidRec]) && _fillable(_orders[askRec]);
    }

    /// @dev The clearing of `q` from record `bidRec` against record `askRec` in market `mi`, at a
    /// price between their limits (one time in sixteen, any price), in a random fill order; the
    /// buyer is topped up most of the time. `valid` covers price and escrow.
    function _pair(uint256 mi, uint256 bidRec, uint256 askRec, uint64 q) internal returns (Built memory b) {
        b.marketIndex = mi;
        (uint128 price, bool priceOk) = _pickPrice(bidRec, askRec);
        bool escrowOk = _topUp(_orders[bidRec].order.maker, _due(price, q));
        b.valid = priceOk && escrowOk;
        Fill[] memory fills = new Fill[](2);
        b.records = new uint256[](2);
        uint256 askAt = _rand(2);
        fills[1 - askAt] = _fillOf(bidRec, q);
        fills[askAt] = _fillOf(askRec, q);
        b.records[1 - askAt] = bidRec;
        b.records[askAt] = askRec;
        Market storage m = _markets[mi];
        b.clearing = Clearing({
            band: m.band, cell: m.cell, slotStart: m.slotStart, slotEnd: m.slotEnd, price: price, fills: fills
        });
    }

    /// @dev A price between the limits, or (one time in sixteen) any price.
    function _pickPrice(uint256 bidRec, uint256 askRec) internal returns (uint128 price, bool ok) {
        uint128 bidLimit = _orders[bidRec].order.limitPrice;
        uint128 askLimit = _orders[askRec].order.limitPrice;
        if (_rand(16) == 0 || askLimit > bidLimit) {
            price = uint128(1 + _rand(MAX_LIMIT + MAX_LIMIT / 3));
            ok = price <= bidLimit && price >= askLimit;
        } else {
            price = askLimit + uint128(_rand(bidLimit - askLimit + 1));
            ok = true;
        }
    }

    /// @dev A fill within what both orders have left and the seller holds, whole for an
    /// all-or-nothing order; or (one time in sixteen, or when nothing fits) one that does not fit.
    function _pickQuantity(uint256 bidRec, uint256 askRec, uint256 mi) internal returns (uint64 q, bool ok) {
        Record storage bid = _orders[bidRec];
        Record storage ask = _orders[askRec];
        uint64 remainingBid = bid.order.quantity - bid.filled;
        uint64 remainingAsk = ask.order.quantity - ask.filled;
        uint64 most = _min(_min(remainingBid, remainingAsk), _holdings(ask.order.maker, marketIdAt(mi)));
        if (_rand(16) == 0 || most == 0) {
            // Just past what fits, or anything.
            q = _rand(2) == 0 ? most + 1 + uint64(_rand(50)) : uint64(1 + _rand(6000));
        } else if (!bid.order.partialFill) {
            q = remainingBid;
        } else if (!ask.order.partialFill) {
            q = remainingAsk;
        } else {
            q = uint64(1 + _rand(most));
        }
        ok = q <= most && (bid.order.partialFill || q == remainingBid) && (ask.order.partialFill || q == remainingAsk);
    }

    /// @dev Tops the buyer up most of the time, so that escrow is rarely what refuses a batch.
    function _topUp(address buyer, uint256 due) internal returns (bool enough) {
        if (ghostEscrow[buyer] < due + 2_000e6 && _rand(10) != 0) _deposit(buyer, due + 2_000e6);
        return ghostEscrow[buyer] >= due;
    }

    /// @dev A partial-fill order of `maker` on `side` in market `mi` with at least `minLeft` left
    /// to fill, or a new order; an ask's limit is at most `maxLimit`, so that it crosses the bid
    /// it is paired with.
    function _pickOrCreate(address maker, Side side, uint256 mi, uint128 maxLimit, uint64 minLeft)
        internal
        returns (uint256)
    {
        Market storage m = _markets[mi];
        if (_rand(2) == 0) {
            // Now and then an expired or cancelled order too, which settlement must refuse.
            bool anyState = _rand(16) == 0;
            for (uint256 i; i < _orders.length; ++i) {
                Record storage existing = _orders[i];
                Order storage o = existing.order;
                if (
                    o.maker == maker && o.side == side && o.slotStart == m.slotStart && o.cell == m.cell
                        && o.limitPrice <= maxLimit && o.partialFill && o.quantity - existing.filled >= minLeft
                        && (_fillable(existing) || (anyState && existing.filled < o.quantity))
                ) {
                    _inUse[i] = _epoch;
                    return i;
                }
            }
        }
        uint128 limit = _randomLimit(side);
        if (limit > maxLimit) limit = maxLimit;
        return _create(maker, side, mi, minLeft + uint64(_rand(4000)), limit, _rand(12) != 0);
    }

    /// @dev Limits scatter around the reference price: bids from 0.9x to 1.3x, asks from 0.7x to 1.1x.
    function _randomLimit(Side side) internal returns (uint128) {
        return side == Side.Bid
            ? uint128(REFERENCE_PRICE * 9 / 10 + _rand(REFERENCE_PRICE * 4 / 10))
            : uint128(REFERENCE_PRICE * 7 / 10 + _rand(REFERENCE_PRICE * 4 / 10));
    }

    /// @dev Signs a new order and puts it in the pool, in a slot no order of this call uses.
    function _create(address maker, Side side, uint256 mi, uint64 quantity, uint128 limit, bool partialFill)
        internal
        returns (uint256 slot)
    {
        Market storage m = _markets[mi];
        Order memory order = Order({
            maker: maker,
            side: side,
            band: m.band,
            cell: m.cell,
            slotStart: m.slotStart,
            slotEnd: m.slotEnd,
            quantity: quantity,
            limitPrice: limit,
            nonce: _nextNonce[maker]++,
            validUntil: uint64(block.timestamp + _rand(3 hours)),
            partialFill: partialFill
        });
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keyOf(maker), exchange.hashOrder(order));
        bytes32 vs = bytes32((uint256(v - 27) << 255) | uint256(s));
        Record memory rec = Record({order: order, r: r, vs: vs, filled: 0, cancelled: false});
        // A full pool gives up a record that can no longer fill and that this call does not use;
        // the record moves to `_retired`, where the invariants keep checking it.
        slot = _orders.length;
        if (slot >= MAX_ORDERS) {
            for (uint256 i; i < slot; ++i) {
                if (_inUse[i] != _epoch && !_fillable(_orders[i])) {
                    _retired.push(_orders[i]);
                    _orders[i] = rec;
                    _inUse[i] = _epoch;
                    return i;
                }
            }
        }
        _orders.push(rec);
        _inUse[slot] = _epoch;
    }

    /// @dev Records pushed out of the pool; the invariants still check them.
    Record[] internal _retired;

    function retiredCount() external view returns (uint256) {
        return _retired.length;
    }

    function retiredAt(uint256 i) external view returns (Order memory order, uint64 filled, bool cancelled) {
        Record storage rec = _retired[i];
        return (rec.order, rec.filled, rec.cancelled);
    }

    function _fillable(Record storage rec) internal view returns (bool) {
        Order storage o = rec.order;
        return rec.filled < o.quantity && !rec.cancelled && o.nonce >= ghostMinNonce[o.maker]
            && block.timestamp <= o.validUntil;
    }

    function _fillOf(uint256 recIndex, uint64 q) internal view returns (Fill memory) {
        Record storage rec = _orders[recIndex];
        Order storage o = rec.order;
        return Fill({
            maker: o.maker,
            side: o.side,
            quantity: o.quantity,
            limitPrice: o.limitPrice,
            nonce: o.nonce,
            validUntil: o.validUntil,
            partialFill: o.partialFill,
            fillQuantity: q,
            r: rec.r,
            vs: rec.vs
        });
    }

    /// @dev Applies a settled clearing to the model, fill by fill in calldata order, and counts
    /// every rule the settled fill broke.
    function _replay(Built memory b) internal returns (uint256 debits, uint256 credits) {
        Clearing memory c = b.clearing;
        uint256 id = marketIdAt(b.marketIndex);
        uint256 bids;
        uint256 asks;
        for (uint256 k; k < c.fills.length; ++k) {
            Fill memory f = c.fills[k];
            Record storage rec = _orders[b.records[k]];
            uint64 q = f.fillQuantity;
            if (rec.cancelled || f.nonce < ghostMinNonce[f.maker] || block.timestamp > f.validUntil) {
                ++ghostExpiredOrCancelledFills;
            }
            if (uint256(rec.filled) + q > f.quantity) ++ghostOverfills;
            if (!f.partialFill && q != f.quantity) ++ghostAllOrNothingSplit;
            rec.filled = uint64(_min256(uint256(rec.filled) + q, f.quantity));
            ++settledFills;
            if (f.side == Side.Bid) {
                bids += q;
                if (f.limitPrice < c.price) ++ghostFillsOutsideLimit;
                uint256 due = _due(c.price, q);
                if (due > ghostEscrow[f.maker]) {
                    ++ghostPaidBeyondEscrow;
                    due = ghostEscrow[f.maker];
                }
                ghostEscrow[f.maker] -= due;
                debits += due;
                ghostLeased[f.maker][id] += q;
                ghostLeasesMinted += q;
            } else {
                asks += q;
                if (f.limitPrice > c.price) ++ghostFillsOutsideLimit;
                uint64 leased = ghostLeased[f.maker][id];
                uint64 fromLeases = _min(leased, q);
                uint64 fromLicence = q - fromLeases;
                uint64 sold = ghostLicenceSold[f.maker][id];
                if (uint256(sold) + fromLicence > LICENCE) {
                    ++ghostSoldBeyondHoldings;
                    fromLicence = LICENCE - sold;
                }
                ghostLeased[f.maker][id] = leased - fromLeases;
                ghostLicenceSold[f.maker][id] = sold + fromLicence;
                ghostLeasesBurnt += fromLeases;
                uint256 proceeds = uint256(c.price) * q / 1000;
                ghostEscrow[f.maker] += proceeds;
                credits += proceeds;
            }
        }
        if (bids != asks) ++ghostUnbalancedMarkets;
    }

    // ---------------------------------------------------------------- arithmetic of the model

    function _due(uint128 price, uint64 q) internal view returns (uint256) {
        uint256 amount = (uint256(price) * q + 999) / 1000;
        return amount + (amount * ghostFeeBps + 9999) / 10_000;
    }

    function _holdings(address who, uint256 id) internal view returns (uint64) {
        return ghostLeased[who][id] + (LICENCE - ghostLicenceSold[who][id]);
    }

    function _actorIndex(address who) internal view returns (uint256 i) {
        while (actors[i] != who) ++i;
    }

    function _marketIndexOf(uint64 cell, uint64 slotStart) internal view returns (uint256 i) {
        while (_markets[i].cell != cell || _markets[i].slotStart != slotStart) ++i;
    }

    function _keyOf(address who) internal view returns (uint256) {
        for (uint256 i; i < ACTORS; ++i) {
            if (actors[i] == who) return keys[i];
        }
        revert("unknown actor");
    }

    function _rand(uint256 n) internal returns (uint256) {
        _entropy = uint256(keccak256(abi.encode(_entropy)));
        return _entropy % n;
    }

    function _min(uint64 a, uint64 b) internal pure returns (uint64) {
        return a < b ? a : b;
    }

    function _min256(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
