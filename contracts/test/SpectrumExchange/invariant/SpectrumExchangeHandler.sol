// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IBrokerCourt} from "../../../src/interfaces/IBrokerCourt.sol";
import {Deployments} from "../../utils/Deployments.sol";
import {SettlementToken} from "../../../src/SettlementToken.sol";
import {ISpectrumExchange} from "../../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumPolicy} from "../../../src/SpectrumPolicy.sol";
import {ISpectrumPolicy, SlotGrid} from "../../../src/interfaces/ISpectrumPolicy.sol";
import {MarketLib} from "../../../src/libraries/MarketLib.sol";
import {Clearing, Fill, Order, Side} from "../../../src/libraries/OrderLib.sol";
import {TestBase} from "../../utils/Test.sol";
import {Market} from "../../utils/SpectrumFixture.sol";

/// @title SpectrumExchangeHandler
/// @notice Drives the marketplace the way its parties do, from random inputs: operators deposit,
/// ask for withdrawals, sign orders and cancel them; the broker settles matched batches; the admin
/// changes the fee; and the regulator registers bands, moves their slot grids, grants and changes
/// licences, adds protection zones, and a second exchange is deployed on the same policy. Time passes.
/// @dev Markets are drawn from the bands' grids as the regulator leaves them, and one time in five
/// from slots that overlap a market already drawn (a half slot, a slot straddling two, a double
/// one): the attacks a careless regulator's order of operations opens. Most batches are valid, so
/// settlement really happens; some are not (a random price or quantity, a cancelled or expired
/// order, a seller short of SRU, a wash trade). Every settled market is replayed on a model of the
/// exchange written here (ghost state); the invariants compare the two and count every settled fill
/// that broke a rule the ledger promises to enforce.
contract SpectrumExchangeHandler is TestBase {
    uint256 internal constant ACTORS = 4;
    /// @dev Small enough that sellers run out and holdings, not only order sizes, bound the fills.
    uint64 public constant LICENCE = 6000;
    uint256 internal constant MAX_ORDERS = 48;
    uint256 internal constant MAX_MARKETS = 24;
    uint256 internal constant MAX_BANDS = 4;
    uint256 internal constant REFERENCE_PRICE = 2_500_000;
    uint256 internal constant MAX_LIMIT = REFERENCE_PRICE * 13 / 10;
    uint256 internal constant T0 = 1_749_996_000;

    ISpectrumExchange internal immutable exchange;
    SpectrumPolicy internal immutable policy;
    SettlementToken internal immutable token;
    /// @notice A second exchange on the same policy, once `deploySecondExchange` ran.
    ISpectrumExchange public second;

    address[ACTORS] public actors;
    uint256[ACTORS] internal keys;
    uint64[2] public cells;
    uint32[] public bands;
    Market[] internal _markets;

    /// @dev A signed order and what the model says of it; `cancelAt` is when an on-chain
    /// cancellation takes effect (0: none).
    struct Record {
        Order order;
        bytes32 r;
        bytes32 vs;
        uint64 filled;
        uint64 cancelAt;
    }

    Record[] internal _orders;
    Record[] internal _retired;
    mapping(address => uint64) internal _nextNonce;
    uint256 internal _entropy;
    uint256 internal _epoch;
    mapping(uint256 slot => uint256 epoch) internal _inUse;
    uint64 internal _nextBatchId = 1;
    uint64 internal _lastSettledBatch;

    // ---------------------------------------------------------------- ghost state (the model)

    mapping(address => uint256) public ghostEscrow;
    mapping(address => uint256) public ghostSetAside;
    mapping(address => uint256) internal _readyAt;
    mapping(address => uint64) internal _minNonce;
    mapping(address => uint64) internal _pendingMinNonce;
    mapping(address => uint256) internal _pendingAt;
    mapping(address => mapping(uint256 => uint64)) public ghostLeased;
    mapping(address => mapping(uint256 => uint64)) public ghostLicenceSold;
    /// @dev The largest licence in force at any sale from it in a market: what was sold there
    /// may never exceed it.
    mapping(address => mapping(uint256 => uint64)) public ghostLicenceCap;
    uint256 public ghostFees;
    uint16 public ghostFeeBps;
    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 public ghostFeesCollected;
    uint256 public ghostLeasesMinted;
    uint256 public ghostLeasesBurnt;
    uint256 public ghostSecondDeposits;

    /// @dev One licensee's sale from its licence in one market.
    struct Sale {
        uint64 start;
        uint64 end;
        uint256 marketId;
    }

    mapping(bytes32 licensee => Sale[]) internal _sales;

    // ---------------------------------------------------------------- rule breaks seen in settled markets

    uint256 public ghostFillsOutsideLimit;
    uint256 public ghostPaidBeyondLimit;
    uint256 public ghostOverfills;
    uint256 public ghostAllOrNothingSplit;
    uint256 public ghostSoldBeyondHoldings;
    uint256 public ghostPaidBeyondEscrow;
    uint256 public ghostUnbalancedMarkets;
    uint256 public ghostExpiredOrCancelledFills;
    uint256 public ghostUnbackedCredits;
    uint256 public ghostEarlyWithdrawals;
    uint256 public ghostWrongPayouts;
    uint256 public ghostWashTrades;
    /// @dev Two sales from one licence in markets whose slots overlap but differ.
    uint256 public ghostOverlappingSales;
    /// @dev A market where more was sold from a licence than the licence ever was at a sale.
    uint256 public ghostLicenceOversold;
    /// @dev Markets that settled on the second exchange.
    uint256 public ghostSecondExchangeSales;

    // ---------------------------------------------------------------- call summary

    uint256 public settledMarkets;
    uint256 public settledFills;
    uint256 public skippedMarkets;
    uint256 public skippedValidMarkets;
    uint256 public refusedBatches;
    uint256 public withdrawals;
    uint256 public gridChanges;
    uint256 public licenceChanges;
    uint256 public overlapAttempts;
    uint256 public secondExchangeAttempts;

    constructor(
        ISpectrumExchange exchange_,
        SpectrumPolicy policy_,
        SettlementToken token_,
        uint256[ACTORS] memory keys_,
        uint64[2] memory cells_,
        uint32 firstBand
    ) {
        exchange = exchange_;
        policy = policy_;
        token = token_;
        cells = cells_;
        bands.push(firstBand);
        for (uint256 i; i < ACTORS; ++i) {
            keys[i] = keys_[i];
            actors[i] = vm.addr(keys_[i]);
            // Half the makers start near the end of the first 40 nonces, whose state the account
            // slot holds, so their runs cross into the words of 128.
            _nextNonce[actors[i]] = i % 2 == 0 ? 1 : 30;
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

    function orderAt(uint256 i) external view returns (Order memory order, uint64 filled, uint64 cancelAt) {
        Record storage rec = _orders[i];
        return (rec.order, rec.filled, rec.cancelAt);
    }

    function retiredCount() external view returns (uint256) {
        return _retired.length;
    }

    function retiredAt(uint256 i) external view returns (Order memory order, uint64 filled, uint64 cancelAt) {
        Record storage rec = _retired[i];
        return (rec.order, rec.filled, rec.cancelAt);
    }

    /// @notice The lowest nonce of `maker` the model holds valid now.
    function ghostMinNonce(address maker) public view returns (uint64) {
        return _pendingMinNonce[maker] > _minNonce[maker] && block.timestamp >= _pendingAt[maker]
            ? _pendingMinNonce[maker]
            : _minNonce[maker];
    }

    function bandCount() external view returns (uint256) {
        return bands.length;
    }

    // ---------------------------------------------------------------- escrow

    function deposit(uint256 actorSeed, uint256 amount) external {
        _deposit(actors[actorSeed % ACTORS], bound(amount, 1, 1_000_000e6));
    }

    function requestWithdrawal(uint256 actorSeed, uint256 amount) external {
        address who = actors[actorSeed % ACTORS];
        uint256 free = ghostEscrow[who] + ghostSetAside[who];
        amount = bound(amount, 1, free + 1_000e6);
        vm.prank(who);
        try exchange.requestWithdrawal(amount) {
            if (amount > free) {
                ++ghostWrongPayouts;
                return;
            }
            ghostEscrow[who] = free - amount;
            ghostSetAside[who] = amount;
            _readyAt[who] = block.timestamp + exchange.settlementWindow();
        } catch {
            if (amount <= free) ++ghostWrongPayouts;
        }
    }

    function cancelWithdrawal(uint256 actorSeed) external {
        address who = actors[actorSeed % ACTORS];
        vm.prank(who);
        try exchange.cancelWithdrawal() {
            if (_readyAt[who] == 0) ++ghostWrongPayouts;
            ghostEscrow[who] += ghostSetAside[who];
            ghostSetAside[who] = 0;
            _readyAt[who] = 0;
        } catch {
            if (_readyAt[who] != 0) ++ghostWrongPayouts;
        }
    }

    function withdraw(uint256 actorSeed) external {
        address who = actors[actorSeed % ACTORS];
        bool allowed = _readyAt[who] != 0 && block.timestamp >= _readyAt[who];
        uint256 expected = ghostSetAside[who];
        uint256 walletBefore = token.balanceOf(who);
        vm.prank(who);
        try exchange.withdraw() {
            if (!allowed) {
                ++ghostEarlyWithdrawals;
                return;
            }
            if (token.balanceOf(who) - walletBefore != expected) ++ghostWrongPayouts;
            ghostWithdrawn += expected;
            ghostSetAside[who] = 0;
            _readyAt[who] = 0;
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
        if (rec.filled < rec.order.quantity && rec.cancelAt == 0) {
            rec.cancelAt = uint64(block.timestamp + exchange.settlementWindow());
        }
    }

    function cancelUpTo(uint256 actorSeed, uint256 step) external {
        address who = actors[actorSeed % ACTORS];
        uint64 minNonce = ghostMinNonce(who) + uint64(bound(step, 1, 8));
        if (minNonce > _nextNonce[who]) minNonce = _nextNonce[who];
        vm.prank(who);
        exchange.cancelUpTo(minNonce);
        if (_pendingMinNonce[who] > _minNonce[who] && block.timestamp >= _pendingAt[who]) {
            _minNonce[who] = _pendingMinNonce[who];
        }
        if (minNonce <= _minNonce[who]) return;
        if (minNonce > _pendingMinNonce[who] || _pendingAt[who] <= block.timestamp) {
            _pendingMinNonce[who] = minNonce;
            _pendingAt[who] = block.timestamp + exchange.settlementWindow();
        }
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
        vm.warp(block.timestamp + bound(seconds_, 1, 40 minutes));
    }

    // ---------------------------------------------------------------- the regulator

    /// @notice Registers a new band on a random grid, with licences for every actor in both cells.
    function registerBand(uint256 seed) external {
        _begin(seed);
        if (bands.length >= MAX_BANDS) return;
        uint32 band = bands[bands.length - 1] + 1;
        policy.registerBand(band, 1_000_000 + band, 1_100_000 + band, false, 0, _randomGrid());
        bands.push(band);
        for (uint256 i; i < ACTORS; ++i) {
            for (uint256 c; c < 2; ++c) {
                policy.grantLicence(actors[i], band, cells[c], LICENCE, uint64(T0), uint64(T0 + 60 days));
            }
        }
    }

    /// @notice Moves a band to a new grid: mostly from a time the policy accepts, sometimes from
    /// one it must refuse (inside a traded slot, or off the current grid).
    function setGrid(uint256 seed) external {
        _begin(seed);
        uint32 band = bands[_rand(bands.length)];
        SlotGrid memory g = policy.slotGrid(band);
        uint256 earliest = g.tradedUntil > block.timestamp ? g.tradedUntil : block.timestamp;
        if (earliest < g.from) earliest = g.from;
        uint256 k = (earliest - g.from + g.slotSeconds - 1) / g.slotSeconds + _rand(3);
        uint256 from = g.from + k * g.slotSeconds;
        if (_rand(3) == 0) {
            // Attacks: a start on the grid but inside a traded slot, or one off the grid.
            from = k != 0 && _rand(2) == 0 ? g.from + _rand(k) * g.slotSeconds : from - 1 - _rand(g.slotSeconds);
        }
        try policy.setSlotGrid(band, _randomGrid(), uint64(from)) {
            ++gridChanges;
        } catch {}
    }

    /// @notice Sets a licence to a random quantity (0 revokes it), over a random validity window.
    function grantLicence(uint256 seed) external {
        _begin(seed);
        address who = actors[_rand(ACTORS)];
        uint32 band = bands[_rand(bands.length)];
        uint64 cell = cells[_rand(2)];
        uint64[4] memory quantities = [uint64(0), LICENCE / 2, LICENCE, 2 * LICENCE];
        uint64 from = uint64(T0 + _rand(2) * (block.timestamp - T0 + _rand(3 hours)));
        policy.grantLicence(who, band, cell, quantities[_rand(4)], from, from + uint64(1 hours + _rand(60 days)));
        ++licenceChanges;
    }

    function addZone(uint256 seed) external {
        _begin(seed);
        uint32 band = bands[_rand(bands.length)];
        uint64 cell = _rand(4) == 0 ? policy.ALL_CELLS() : cells[_rand(2)];
        uint64 from = uint64(block.timestamp + _rand(6 hours));
        try policy.addProtectionZone(band, cell, from, from + uint64(1 + _rand(2 hours))) {} catch {}
    }

    /// @notice Bonds the handler (the broker) in `court` with its minimum.
    function postBond(IBrokerCourt court) public {
        uint256 amount = court.bondMinimum();
        token.mint(address(this), amount);
        token.approve(address(court), amount);
        court.postBond(address(this), amount);
    }

    function deploySecondExchange() external {
        if (address(second) != address(0)) return;
        second = Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), 1 hours);
        // A bonded broker on it, so that the policy, not the bond, is what refuses its sales.
        IBrokerCourt court = Deployments.court(address(policy), address(token), 1_000e6, 1 days, 3 days, 10_000);
        second.bindCourt(address(court));
        court.bindExchange(address(second));
        postBond(court);
    }

    /// @notice Sells licences on the second exchange: a whole licence in a market where it may be
    /// sold already on the first. The policy must refuse every one.
    function settleOnSecondExchange(uint256 seed) external {
        _begin(seed);
        if (address(second) == address(0)) return;
        uint256 mi = _pickMarket();
        Market memory m = _markets[mi];
        uint256 sellerIndex = _rand(ACTORS);
        address seller = actors[sellerIndex];
        address buyer = actors[(sellerIndex + 1) % ACTORS];
        uint64 q = 1 + uint64(_rand(LICENCE));
        uint128 price = uint128(REFERENCE_PRICE);
        token.mint(buyer, 1_000e6);
        vm.startPrank(buyer);
        token.approve(address(second), 1_000e6);
        second.deposit(1_000e6);
        vm.stopPrank();
        ghostSecondDeposits += 1_000e6;
        Fill[] memory fills = new Fill[](2);
        fills[0] = _signedFor(second, _order(buyer, Side.Bid, m, q, price * 2, true));
        fills[1] = _signedFor(second, _order(seller, Side.Ask, m, q, price, true));
        Clearing[] memory cs = new Clearing[](1);
        cs[0] = _clearingOf(m.band, m.cell, m.slotStart, m.slotEnd, price, fills);
        ++secondExchangeAttempts;
        try second.settleBatch(_nextBatchId++, cs) returns (uint256 skipped) {
            if (skipped == 0) ++ghostSecondExchangeSales;
        } catch {}
    }

    /// @dev A clearing whose book root is made of its fills (a far-future cut-off of its own per book).
    function _clearingOf(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd, uint128 price, Fill[] memory fills)
        internal
        pure
        returns (Clearing memory)
    {
        bytes32 root = keccak256(abi.encode(price, fills));
        return Clearing({
            band: band,
            cell: cell,
            slotStart: slotStart,
            slotEnd: slotEnd,
            price: price,
            cutoff: uint64(1 << 63 | uint256(root) >> 193),
            bookRoot: root,
            fills: fills
        });
    }

    function _randomGrid() internal returns (uint32) {
        uint32[4] memory grids = [uint32(15 minutes), 30 minutes, 1 hours, 2 hours];
        return grids[_rand(4)];
    }

    // ---------------------------------------------------------------- markets

    /// @dev A market of the pool, or a new one: on a band's current or previous grid, or one time
    /// in five a slot overlapping a market already drawn, with another length.
    function _pickMarket() internal returns (uint256) {
        uint256 n = _markets.length;
        if (n != 0 && _rand(3) == 0) {
            uint256 i = _rand(n);
            if (_markets[i].slotEnd > block.timestamp) return i;
        }
        Market memory m = _rand(5) == 0 && n != 0 ? _overlapping(_markets[_rand(n)]) : _onAGrid();
        uint256 id = MarketLib.id(m.band, m.cell, m.slotStart, m.slotEnd);
        for (uint256 i; i < n; ++i) {
            if (marketIdAt(i) == id) return i;
        }
        if (n < MAX_MARKETS) {
            _markets.push(m);
            return n;
        }
        // A full pool replaces a market whose slot has ended; the invariants have checked it.
        for (uint256 i; i < n; ++i) {
            if (_markets[i].slotEnd <= block.timestamp) {
                _markets[i] = m;
                return i;
            }
        }
        return _rand(n);
    }

    function _onAGrid() internal returns (Market memory m) {
        m.band = bands[_rand(bands.length)];
        m.cell = cells[_rand(2)];
        SlotGrid memory g = policy.slotGrid(m.band);
        uint256 len = g.slotSeconds;
        uint256 start;
        uint256 prevLen = g.prevSlotSeconds;
        uint256 first = prevLen != 0 && block.timestamp > g.prevFrom ? (block.timestamp - g.prevFrom) / prevLen : 0;
        uint256 steps = prevLen != 0 ? (g.from - g.prevFrom) / prevLen : 0;
        if (steps > first && _rand(3) == 0) {
            // A step of the previous grid that ends by the current grid's start.
            len = prevLen;
            start = g.prevFrom + (first + _rand(steps - first)) * len;
        } else {
            uint256 base = block.timestamp > g.from ? block.timestamp : g.from;
            start = g.from + ((base - g.from) / len + _rand(3)) * len;
        }
        m.slotStart = uint64(start);
        m.slotEnd = uint64(start + len);
    }

    function _overlapping(Market memory base) internal returns (Market memory m) {
        ++overlapAttempts;
        m = base;
        uint64 len = base.slotEnd - base.slotStart;
        uint256 mode = _rand(3);
        if (mode == 0) {
            m.slotEnd = base.slotStart + len / 2;
        } else if (mode == 1) {
            m.slotStart = base.slotStart + len / 2;
            m.slotEnd = m.slotStart + len;
        } else {
            m.slotEnd = base.slotStart + 2 * len;
        }
    }

    // ---------------------------------------------------------------- settlement

    /// @dev One clearing as built, with the pool records behind its fills and the licence each
    /// seller held when it was built.
    struct Built {
        Clearing clearing;
        uint256[] records;
        uint64[] licences;
        uint256 marketIndex;
        bool valid;
    }

    function settle(uint256 seed) external {
        _begin(seed);
        uint256 first = _pickMarket();
        uint256 n = _rand(3) == 0 ? 2 : 1;
        Built[] memory built = new Built[](n);
        built[0] = _build(first);
        if (n == 2) {
            uint256 other = _pickMarket();
            if (other == first) {
                n = 1;
                assembly ("memory-safe") {
                    mstore(built, 1)
                }
            } else {
                built[1] = _build(other);
                if (marketIdAt(other) < marketIdAt(first)) (built[0], built[1]) = (built[1], built[0]);
            }
        }
        _submit(built);
    }

    /// @dev A seller offers one more milli-SRU (or a few more) than it holds: the market must be skipped.
    function oversell(uint256 seed) external {
        _begin(seed);
        uint256 mi = _pickMarket();
        uint256 buyerIndex = _rand(ACTORS);
        address seller = actors[(buyerIndex + 1 + _rand(ACTORS - 1)) % ACTORS];
        uint64 q = _holdings(seller, mi) + 1 + uint64(_rand(100));
        uint256 bidRec = _create(actors[buyerIndex], Side.Bid, mi, q, _randomLimit(Side.Bid), true);
        uint256 askRec = _create(seller, Side.Ask, mi, q, _randomLimit(Side.Ask), true);
        Built[] memory built = new Built[](1);
        built[0] = _pair(mi, bidRec, askRec, q);
        built[0].valid = false;
        _submit(built);
    }

    /// @dev A maker on both sides of one market: the market must be skipped.
    function washTrade(uint256 seed) external {
        _begin(seed);
        uint256 mi = _pickMarket();
        address maker = actors[_rand(ACTORS)];
        uint64 q = 1 + uint64(_rand(1000));
        uint256 bidRec = _create(maker, Side.Bid, mi, q, uint128(MAX_LIMIT * 2), true);
        uint256 askRec = _create(maker, Side.Ask, mi, q, 1, true);
        Built[] memory built = new Built[](1);
        built[0] = _pair(mi, bidRec, askRec, q);
        built[0].valid = false;
        _submit(built);
    }

    /// @dev A maker's order whose cancellation is in force (by nonce or by minimum nonce), still
    /// unexpired, is matched with a fresh counter-order: the market must be skipped.
    function settleCancelled(uint256 seed) external {
        _begin(seed);
        uint256 n = _orders.length;
        if (n == 0) return;
        uint256 start = _rand(n);
        for (uint256 k; k < n; ++k) {
            uint256 idx = (start + k) % n;
            Record storage rec = _orders[idx];
            Order storage o = rec.order;
            bool cancelled = (rec.cancelAt != 0 && block.timestamp >= rec.cancelAt) || o.nonce < ghostMinNonce(o.maker);
            if (!cancelled || rec.filled >= o.quantity || block.timestamp > o.validUntil) continue;
            if (block.timestamp >= o.slotEnd) continue;
            uint256 mi = _marketIndexOf(o);
            if (mi == type(uint256).max) continue;
            _inUse[idx] = _epoch;
            uint64 q = o.partialFill ? 1 + uint64(_rand(o.quantity - rec.filled)) : o.quantity;
            address other = actors[(_actorIndex(o.maker) + 1 + _rand(ACTORS - 1)) % ACTORS];
            Side side = o.side == Side.Bid ? Side.Ask : Side.Bid;
            uint256 counter = _create(other, side, mi, q, side == Side.Bid ? uint128(MAX_LIMIT * 2) : 1, true);
            Built[] memory built = new Built[](1);
            built[0] = o.side == Side.Bid ? _pair(mi, idx, counter, q) : _pair(mi, counter, idx, q);
            built[0].valid = false;
            _submit(built);
            return;
        }
    }

    /// @dev Submits the batch; replays every market that settled on the model.
    function _submit(Built[] memory built) internal {
        uint256 n = built.length;
        Clearing[] memory clearings = new Clearing[](n);
        for (uint256 i; i < n; ++i) {
            clearings[i] = built[i].clearing;
        }
        // Now and then, retry the batch id that last settled: it must be refused.
        uint64 batchId = _lastSettledBatch != 0 && _rand(25) == 0 ? _lastSettledBatch : _nextBatchId++;
        try exchange.settleBatch(batchId, clearings) returns (uint256 skipped) {
            if (batchId == _lastSettledBatch) ++ghostWrongPayouts;
            _lastSettledBatch = batchId;
            uint256 debits;
            uint256 credits;
            for (uint256 i; i < n; ++i) {
                if (skipped & (1 << i) != 0) {
                    ++skippedMarkets;
                    if (built[i].valid) ++skippedValidMarkets;
                    continue;
                }
                ++settledMarkets;
                (uint256 d, uint256 c) = _replay(built[i]);
                debits += d;
                credits += c;
            }
            // Buyers pay rounded up, sellers are paid rounded down: the rest is fees.
            if (credits > debits) ++ghostUnbackedCredits;
            else ghostFees += debits - credits;
        } catch {
            ++refusedBatches;
        }
    }

    function _begin(uint256 seed) internal {
        _entropy = seed;
        ++_epoch;
    }

    /// @dev A clearing of one bid and one ask in market `mi`; valid unless a random mode says otherwise.
    function _build(uint256 mi) internal returns (Built memory b) {
        uint256 buyerIndex = _rand(ACTORS);
        uint256 bidRec = _pickOrCreate(actors[buyerIndex], Side.Bid, mi, type(uint128).max, 1);
        Record storage bid = _orders[bidRec];
        uint64 needed = bid.order.partialFill ? 1 : bid.order.quantity - bid.filled;
        uint128 askCap = _effectiveLimit(bid.order.limitPrice);
        uint256 askRec =
            _pickOrCreate(actors[(buyerIndex + 1 + _rand(ACTORS - 1)) % ACTORS], Side.Ask, mi, askCap, needed);
        (uint64 q, bool quantityOk) = _pickQuantity(bidRec, askRec, mi);
        b = _pair(mi, bidRec, askRec, q);
        b.valid = b.valid && quantityOk && _fillable(_orders[bidRec]) && _fillable(_orders[askRec]) && _tradable(mi);
    }

    /// @dev The clearing of `q` from record `bidRec` against record `askRec` in market `mi`, at a
    /// price between their limits (one time in sixteen, any price), in a random fill order.
    function _pair(uint256 mi, uint256 bidRec, uint256 askRec, uint64 q) internal returns (Built memory b) {
        b.marketIndex = mi;
        (uint128 price, bool priceOk) = _pickPrice(bidRec, askRec);
        bool escrowOk = _topUp(_orders[bidRec].order.maker, _due(price, q));
        b.valid = priceOk && escrowOk;
        Fill[] memory fills = new Fill[](2);
        b.records = new uint256[](2);
        b.licences = new uint64[](2);
        uint256 askAt = _rand(2);
        fills[1 - askAt] = _fillOf(bidRec, q);
        fills[askAt] = _fillOf(askRec, q);
        b.records[1 - askAt] = bidRec;
        b.records[askAt] = askRec;
        Market storage m = _markets[mi];
        (b.licences[askAt],) = policy.sellerLicence(_orders[askRec].order.maker, m.band, m.cell, m.slotStart, m.slotEnd);
        b.clearing = _clearingOf(m.band, m.cell, m.slotStart, m.slotEnd, price, fills);
    }

    /// @dev A price whose all-in price fits the bid and that the ask accepts, or (one time in
    /// sixteen) any price.
    function _pickPrice(uint256 bidRec, uint256 askRec) internal returns (uint128 price, bool ok) {
        uint128 bidLimit = _effectiveLimit(_orders[bidRec].order.limitPrice);
        uint128 askLimit = _orders[askRec].order.limitPrice;
        if (_rand(16) == 0 || askLimit > bidLimit) {
            price = uint128(1 + _rand(MAX_LIMIT + MAX_LIMIT / 3));
            ok = price <= bidLimit && price >= askLimit;
        } else {
            price = askLimit + uint128(_rand(bidLimit - askLimit + 1));
            ok = true;
        }
    }

    function _pickQuantity(uint256 bidRec, uint256 askRec, uint256 mi) internal returns (uint64 q, bool ok) {
        Record storage bid = _orders[bidRec];
        Record storage ask = _orders[askRec];
        uint64 remainingBid = bid.order.quantity - bid.filled;
        uint64 remainingAsk = ask.order.quantity - ask.filled;
        uint64 most = _min(_min(remainingBid, remainingAsk), _holdings(ask.order.maker, mi));
        if (_rand(16) == 0 || most == 0) {
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

    /// @dev Tops the buyer up most of the time, so that escrow is rarely what refuses a market.
    function _topUp(address buyer, uint256 due) internal returns (bool enough) {
        if (_spendable(buyer) < due + 2_000e6 && _rand(10) != 0) _deposit(buyer, due + 2_000e6);
        return _spendable(buyer) >= due;
    }

    function _spendable(address buyer) internal view returns (uint256) {
        return ghostEscrow[buyer] + (block.timestamp < _readyAt[buyer] ? ghostSetAside[buyer] : 0);
    }

    function _tradable(uint256 mi) internal view returns (bool) {
        Market storage m = _markets[mi];
        if (block.timestamp >= m.slotEnd) return false;
        try policy.requireTradable(m.band, m.cell, m.slotStart, m.slotEnd) {
            return true;
        } catch {
            return false;
        }
    }

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
                    o.maker == maker && o.side == side && o.band == m.band && o.slotStart == m.slotStart
                        && o.slotEnd == m.slotEnd && o.cell == m.cell && o.limitPrice <= maxLimit && o.partialFill
                        && o.quantity - existing.filled >= minLeft
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

    function _randomLimit(Side side) internal returns (uint128) {
        return side == Side.Bid
            ? uint128(REFERENCE_PRICE * 9 / 10 + _rand(REFERENCE_PRICE * 4 / 10))
            : uint128(REFERENCE_PRICE * 7 / 10 + _rand(REFERENCE_PRICE * 4 / 10));
    }

    function _order(address maker, Side side, Market memory m, uint64 quantity, uint128 limit, bool partialFill)
        internal
        returns (Order memory)
    {
        return Order({
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
    }

    function _signedFor(ISpectrumExchange on, Order memory o) internal view returns (Fill memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keyOf(o.maker), on.hashOrder(o));
        return Fill({
            maker: o.maker,
            side: o.side,
            quantity: o.quantity,
            limitPrice: o.limitPrice,
            nonce: o.nonce,
            validUntil: o.validUntil,
            partialFill: o.partialFill,
            fillQuantity: o.quantity,
            r: r,
            vs: bytes32((uint256(v - 27) << 255) | uint256(s))
        });
    }

    /// @dev Signs a new order and puts it in the pool, in a slot no order of this call uses.
    function _create(address maker, Side side, uint256 mi, uint64 quantity, uint128 limit, bool partialFill)
        internal
        returns (uint256 slot)
    {
        Order memory order = _order(maker, side, _markets[mi], quantity, limit, partialFill);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keyOf(maker), exchange.hashOrder(order));
        bytes32 vs = bytes32((uint256(v - 27) << 255) | uint256(s));
        Record memory rec = Record({order: order, r: r, vs: vs, filled: 0, cancelAt: 0});
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

    function _fillable(Record storage rec) internal view returns (bool) {
        Order storage o = rec.order;
        return rec.filled < o.quantity && (rec.cancelAt == 0 || block.timestamp < rec.cancelAt)
            && o.nonce >= ghostMinNonce(o.maker) && block.timestamp <= o.validUntil;
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
        uint256 id = marketIdAt(b.marketIndex);
        uint256 bids;
        uint256 asks;
        address buyer;
        address seller;
        for (uint256 k; k < b.clearing.fills.length; ++k) {
            Fill memory f = b.clearing.fills[k];
            _replayOrderState(b.records[k], f);
            if (f.side == Side.Bid) {
                buyer = f.maker;
                bids += f.fillQuantity;
                debits += _buy(b.clearing.price, f, id);
            } else {
                seller = f.maker;
                asks += f.fillQuantity;
                if (f.limitPrice > b.clearing.price) ++ghostFillsOutsideLimit;
                credits += _sell(b.clearing, f.maker, id, f.fillQuantity, b.licences[k]);
            }
        }
        if (bids != asks) ++ghostUnbalancedMarkets;
        if (buyer == seller) ++ghostWashTrades;
    }

    function _replayOrderState(uint256 recIndex, Fill memory f) internal {
        Record storage rec = _orders[recIndex];
        uint64 q = f.fillQuantity;
        bool cancelled = rec.cancelAt != 0 && block.timestamp >= rec.cancelAt;
        if (cancelled || f.nonce < ghostMinNonce(f.maker) || block.timestamp > f.validUntil) {
            ++ghostExpiredOrCancelledFills;
        }
        if (uint256(rec.filled) + q > f.quantity) ++ghostOverfills;
        if (!f.partialFill && q != f.quantity) ++ghostAllOrNothingSplit;
        rec.filled = uint64(_min256(uint256(rec.filled) + q, f.quantity));
        ++settledFills;
    }

    function _buy(uint128 price, Fill memory f, uint256 id) internal returns (uint256 due) {
        uint64 q = f.fillQuantity;
        due = _due(price, q);
        if (_allInPrice(price) > f.limitPrice) ++ghostFillsOutsideLimit;
        if (due * 1000 >= uint256(f.limitPrice) * q + 1000) ++ghostPaidBeyondLimit;
        _debit(f.maker, due);
        ghostLeased[f.maker][id] += q;
        ghostLeasesMinted += q;
    }

    /// @dev The buyer pays from its free escrow, then from the amount set aside while its window is open.
    function _debit(address buyer, uint256 due) internal {
        uint256 free = ghostEscrow[buyer];
        if (due <= free) {
            ghostEscrow[buyer] = free - due;
            return;
        }
        uint256 rest = due - free;
        ghostEscrow[buyer] = 0;
        if (block.timestamp < _readyAt[buyer] && rest <= ghostSetAside[buyer]) {
            ghostSetAside[buyer] -= rest;
        } else {
            ++ghostPaidBeyondEscrow;
            ghostSetAside[buyer] = 0;
        }
    }

    /// @dev Takes `q` from the seller, leases first, then licence; records the licence sale.
    function _sell(Clearing memory c, address seller, uint256 id, uint64 q, uint64 licence)
        internal
        returns (uint256 proceeds)
    {
        uint64 leased = ghostLeased[seller][id];
        uint64 fromLeases = _min(leased, q);
        uint64 fromLicence = q - fromLeases;
        uint64 sold = ghostLicenceSold[seller][id];
        // Only a sale from the licence can pass it: a seller whose licence was cut below what it
        // sold earlier may still sell the leases it bought.
        if (fromLicence != 0 && uint256(sold) + fromLicence > licence) ++ghostSoldBeyondHoldings;
        ghostLeased[seller][id] = leased - fromLeases;
        ghostLicenceSold[seller][id] = sold + fromLicence;
        ghostLeasesBurnt += fromLeases;
        proceeds = uint256(c.price) * q / 1000;
        ghostEscrow[seller] += proceeds;
        if (fromLicence != 0) _recordSale(seller, c, id, licence);
    }

    /// @dev Every instant of a licence may be sold once: sales in markets whose slots overlap but
    /// differ are a double sale; within one market, what was sold may not pass the largest licence
    /// in force at any of its sales.
    function _recordSale(address seller, Clearing memory c, uint256 id, uint64 licence) internal {
        if (licence > ghostLicenceCap[seller][id]) ghostLicenceCap[seller][id] = licence;
        if (ghostLicenceSold[seller][id] > ghostLicenceCap[seller][id]) ++ghostLicenceOversold;
        Sale[] storage sales = _sales[keccak256(abi.encode(seller, c.band, c.cell))];
        for (uint256 i; i < sales.length; ++i) {
            Sale storage s = sales[i];
            if (s.marketId == id) return;
            if (s.start < c.slotEnd && c.slotStart < s.end) ++ghostOverlappingSales;
        }
        sales.push(Sale({start: c.slotStart, end: c.slotEnd, marketId: id}));
    }

    // ---------------------------------------------------------------- arithmetic of the model

    function _allInPrice(uint128 price) internal view returns (uint256) {
        return uint256(price) + (uint256(price) * ghostFeeBps + 9999) / 10_000;
    }

    function _due(uint128 price, uint64 q) internal view returns (uint256) {
        return (_allInPrice(price) * q + 999) / 1000;
    }

    /// @dev The highest price whose all-in price a bid limited at `limit` covers.
    function _effectiveLimit(uint128 limit) internal view returns (uint128 p) {
        p = uint128(uint256(limit) * 10_000 / (10_000 + ghostFeeBps));
        while (p > 0 && _allInPrice(p) > limit) --p;
    }

    function _holdings(address who, uint256 mi) internal view returns (uint64) {
        Market storage m = _markets[mi];
        uint256 id = marketIdAt(mi);
        (uint64 licence,) = policy.sellerLicence(who, m.band, m.cell, m.slotStart, m.slotEnd);
        uint64 sold = ghostLicenceSold[who][id];
        return ghostLeased[who][id] + (licence > sold ? licence - sold : 0);
    }

    function _actorIndex(address who) internal view returns (uint256 i) {
        while (actors[i] != who) ++i;
    }

    function _marketIndexOf(Order storage o) internal view returns (uint256) {
        uint256 id = MarketLib.id(o.band, o.cell, o.slotStart, o.slotEnd);
        for (uint256 i; i < _markets.length; ++i) {
            if (marketIdAt(i) == id) return i;
        }
        return type(uint256).max;
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
