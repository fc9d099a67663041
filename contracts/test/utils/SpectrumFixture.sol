// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SettlementToken} from "../../src/SettlementToken.sol";
import {SpectrumPolicy} from "../../src/SpectrumPolicy.sol";
import {IBrokerCourt} from "../../src/interfaces/IBrokerCourt.sol";
import {Deployments} from "./Deployments.sol";
import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy, OperatorKind, SensingObservation} from "../../src/interfaces/ISpectrumPolicy.sol";
import {MarketLib} from "../../src/libraries/MarketLib.sol";
import {Clearing, Fill, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Test} from "./Test.sol";

/// @notice A market key, as tests pass it around.
struct Market {
    uint32 band;
    uint64 cell;
    uint64 slotStart;
    uint64 slotEnd;
}

/// @title SpectrumFixture
/// @notice A deployed marketplace: policy, token and exchange; a broker and a sensor; two sellers
/// licensed in one cell of a plain band and of a sensed band; two funded buyers; an unregistered
/// key. Builds and signs orders with the exchange's EIP-712 domain, computed here independently of
/// the contract, and turns them into fills with EIP-2098 compact signatures.
abstract contract SpectrumFixture is Test {
    // ---------------------------------------------------------------- parameters

    /// @dev On the hour, so that the hourly grid of the bands starts its slots at T0 + k hours.
    uint256 internal constant T0 = 1_749_996_000;
    uint64 internal constant SETTLEMENT_WINDOW = 1 hours;
    /// @dev Both bands trade hourly slots.
    uint32 internal constant GRID = 1 hours;
    /// @dev LTE band 4 downlink, the band of the NIST measurements; traded without sensing.
    uint32 internal constant BAND = 4;
    /// @dev CBRS (band 48), shared with incumbents: trading needs a fresh idle sensing report.
    uint32 internal constant SENSED_BAND = 48;
    /// @dev A report made at T0 speaks for the first slot, which starts an hour later.
    uint32 internal constant MAX_REPORT_AGE = 2 hours;
    /// @dev Ground layer (top byte 1) of area cell 42, and its neighbour.
    uint64 internal constant CELL = (uint64(1) << 56) | 42;
    uint64 internal constant OTHER_CELL = (uint64(1) << 56) | 43;
    uint64 internal constant SLOT_START = uint64(T0 + 1 hours);
    uint64 internal constant SLOT_END = uint64(T0 + 2 hours);
    /// @dev 24 SRU, what the LTE operator of the O-RAN paper's experiment needs.
    uint64 internal constant LICENCE = 24_000;
    /// @dev 2.5 tokens (6 decimals) per SRU.
    uint128 internal constant PRICE = 2_500_000;
    uint256 internal constant FUNDS = 10_000e6;
    uint16 internal constant MAX_FEE_BPS = 500;
    /// @dev The broker court's deployment parameters: a 1,000-token bond, claims for a day after a
    /// receipt's deadline, bonds withdrawn two days after the request, compensation at the value.
    uint256 internal constant BOND_MINIMUM = 1_000e6;
    uint64 internal constant CHALLENGE_WINDOW = 1 days;
    uint64 internal constant BOND_DELAY = 3 days;
    uint16 internal constant COMPENSATION_BPS = 10_000;
    uint256 internal constant MAX_FILLS = 256;

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant ORDER_TYPEHASH = keccak256(
        "Order(address maker,uint8 side,uint32 band,uint64 cell,uint64 slotStart,uint64 slotEnd,"
        "uint64 quantity,uint128 limitPrice,uint64 nonce,uint64 validUntil,bool partialFill)"
    );

    // ---------------------------------------------------------------- actors

    address internal admin;
    address internal broker;
    address internal sensor;
    address internal stranger;
    address internal feeCollector;

    uint256 internal constant ALICE_KEY = 0xA11CE;
    uint256 internal constant BOB_KEY = 0xB0B;
    uint256 internal constant CAROL_KEY = 0xCA201;
    uint256 internal constant DAVE_KEY = 0xDA7E;
    uint256 internal constant ERIN_KEY = 0xE21;
    /// @dev Sellers: licensed in CELL for BAND and SENSED_BAND.
    address internal alice;
    address internal bob;
    /// @dev Buyers: FUNDS in escrow each.
    address internal carol;
    address internal dave;
    /// @dev A key the regulator never registered.
    address internal erin;

    mapping(address => uint256) internal keyOf;

    SpectrumPolicy internal policy;
    SettlementToken internal token;
    ISpectrumExchange internal exchange;
    IBrokerCourt internal court;

    function setUp() public virtual {
        vm.warp(T0);
        admin = _makeAddr("admin");
        broker = _makeAddr("broker");
        sensor = _makeAddr("sensor");
        stranger = _makeAddr("stranger");
        feeCollector = _makeAddr("feeCollector");
        alice = _operatorKey(ALICE_KEY, "alice");
        bob = _operatorKey(BOB_KEY, "bob");
        carol = _operatorKey(CAROL_KEY, "carol");
        dave = _operatorKey(DAVE_KEY, "dave");
        erin = _operatorKey(ERIN_KEY, "erin");

        policy = new SpectrumPolicy(admin);
        token = new SettlementToken("SpectrumLedger Settlement Token", "SLT", admin);
        exchange = Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), SETTLEMENT_WINDOW);
        vm.label(address(policy), "policy");
        vm.label(address(token), "token");
        vm.label(address(exchange), "exchange");

        vm.startPrank(admin);
        policy.bindExchange(address(exchange));
        policy.grantRole(policy.BROKER_ROLE(), broker);
        vm.stopPrank();
        court = _courtFor(exchange);
        vm.label(address(court), "court");
        vm.startPrank(admin);
        policy.grantRole(policy.SENSOR_ROLE(), sensor);
        policy.registerOperator(alice, OperatorKind.MobileNetwork, "Alice Mobile");
        policy.registerOperator(bob, OperatorKind.MicroOperator, "Bob Campus Net");
        policy.registerOperator(carol, OperatorKind.VirtualNetwork, "Carol MVNO");
        policy.registerOperator(dave, OperatorKind.LocalOperator, "Dave Port Authority");
        policy.registerBand(BAND, 2_110_000, 2_155_000, false, 0, GRID);
        policy.registerBand(SENSED_BAND, 3_550_000, 3_700_000, true, MAX_REPORT_AGE, GRID);
        uint64 licenceUntil = uint64(T0 + 30 days);
        policy.grantLicence(alice, BAND, CELL, LICENCE, uint64(T0), licenceUntil);
        policy.grantLicence(bob, BAND, CELL, LICENCE, uint64(T0), licenceUntil);
        policy.grantLicence(alice, SENSED_BAND, CELL, LICENCE, uint64(T0), licenceUntil);
        policy.grantLicence(bob, SENSED_BAND, CELL, LICENCE, uint64(T0), licenceUntil);
        vm.stopPrank();

        _fund(carol, FUNDS);
        _fund(dave, FUNDS);
    }

    // ---------------------------------------------------------------- actors and money

    function _makeAddr(string memory name) internal returns (address a) {
        a = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(a, name);
    }

    function _operatorKey(uint256 key, string memory name) internal returns (address a) {
        a = vm.addr(key);
        keyOf[a] = key;
        vm.label(a, name);
    }

    /// @dev Deploys a broker court for `ex`, binds the two, and bonds the broker with the minimum.
    function _courtFor(ISpectrumExchange ex) internal returns (IBrokerCourt c) {
        c = _newCourt(BOND_MINIMUM, CHALLENGE_WINDOW, BOND_DELAY, COMPENSATION_BPS);
        vm.startPrank(admin);
        ex.bindCourt(address(c));
        c.bindExchange(address(ex));
        token.mint(broker, BOND_MINIMUM);
        vm.stopPrank();
        vm.startPrank(broker);
        token.approve(address(c), BOND_MINIMUM);
        c.postBond(broker, BOND_MINIMUM);
        vm.stopPrank();
    }

    /// @dev A new broker court over this fixture's policy and token (see `Deployments`).
    function _newCourt(uint256 bondMinimum, uint64 window, uint64 delay, uint16 bps) internal returns (IBrokerCourt) {
        return Deployments.court(address(policy), address(token), bondMinimum, window, delay, bps);
    }

    /// @dev Mints `amount` to `who` and deposits it all into its escrow.
    function _fund(address who, uint256 amount) internal {
        vm.prank(admin);
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(exchange), amount);
        exchange.deposit(amount);
        vm.stopPrank();
    }

    function _suspend(address operator) internal {
        vm.prank(admin);
        policy.setOperatorSuspended(operator, true);
    }

    function _setFee(uint16 feeBps) internal {
        vm.prank(admin);
        exchange.setFee(feeBps);
    }

    function _report(uint32 band, uint64 cell, bool idle) internal {
        SensingObservation[] memory observations = new SensingObservation[](1);
        observations[0] = SensingObservation({band: band, cell: cell, idle: idle});
        vm.prank(sensor);
        policy.submitSensingReports(observations);
    }

    // ---------------------------------------------------------------- markets

    function _market() internal pure returns (Market memory) {
        return Market({band: BAND, cell: CELL, slotStart: SLOT_START, slotEnd: SLOT_END});
    }

    function _market(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) internal pure returns (Market memory) {
        return Market({band: band, cell: cell, slotStart: slotStart, slotEnd: slotEnd});
    }

    function _id(Market memory m) internal pure returns (uint256) {
        return MarketLib.id(m.band, m.cell, m.slotStart, m.slotEnd);
    }

    // ---------------------------------------------------------------- orders

    /// @dev A partial-fill order in `m`, valid until the slot starts.
    function _order(address maker, Side side, Market memory m, uint64 quantity, uint128 limitPrice, uint64 nonce)
        internal
        pure
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
            limitPrice: limitPrice,
            nonce: nonce,
            validUntil: m.slotStart,
            partialFill: true
        });
    }

    function _bid(address maker, uint64 quantity, uint128 limitPrice, uint64 nonce)
        internal
        pure
        returns (Order memory)
    {
        return _order(maker, Side.Bid, _market(), quantity, limitPrice, nonce);
    }

    function _ask(address maker, uint64 quantity, uint128 limitPrice, uint64 nonce)
        internal
        pure
        returns (Order memory)
    {
        return _order(maker, Side.Ask, _market(), quantity, limitPrice, nonce);
    }

    /// @dev The order hash events and errors name: the EIP-712 digest of `o` under this fixture's
    /// exchange, built from the type string (not through OrderLib).
    function _orderHash(Order memory o) internal view returns (bytes32) {
        return _digest(o, address(exchange), block.chainid);
    }

    /// @dev EIP-712 struct hash of `o`, from the type string (not through OrderLib).
    function _structHash(Order memory o) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                ORDER_TYPEHASH,
                o.maker,
                uint8(o.side),
                o.band,
                o.cell,
                o.slotStart,
                o.slotEnd,
                o.quantity,
                o.limitPrice,
                o.nonce,
                o.validUntil,
                o.partialFill
            )
        );
    }

    function _domainSeparator(address verifyingContract, uint256 chainId) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("SpectrumLedger Exchange"), keccak256("1"), chainId, verifyingContract
            )
        );
    }

    /// @dev What a maker signs for `o` on `verifyingContract` at `chainId`.
    function _digest(Order memory o, address verifyingContract, uint256 chainId) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", _domainSeparator(verifyingContract, chainId), _structHash(o)));
    }

    /// @dev EIP-2098 compact signature: the parity of y goes into the top bit of s.
    function _signCompact(uint256 key, bytes32 digest) internal pure returns (bytes32 r, bytes32 vs) {
        (uint8 v, bytes32 r_, bytes32 s) = vm.sign(key, digest);
        r = r_;
        vs = bytes32((uint256(v - 27) << 255) | uint256(s));
    }

    /// @dev A fill of `o` by `fillQuantity`, signed by its maker under the exchange's domain.
    function _fill(Order memory o, uint64 fillQuantity) internal view returns (Fill memory) {
        bytes32 digest = _digest(o, address(exchange), block.chainid);
        assertEq(digest, exchange.hashOrder(o), "fixture digest differs from exchange.hashOrder");
        (bytes32 r, bytes32 vs) = _signCompact(keyOf[o.maker], digest);
        return _fillWith(o, fillQuantity, r, vs);
    }

    /// @dev A fill of the whole of `o`.
    function _fill(Order memory o) internal view returns (Fill memory) {
        return _fill(o, o.quantity);
    }

    function _fillWith(Order memory o, uint64 fillQuantity, bytes32 r, bytes32 vs) internal pure returns (Fill memory) {
        return Fill({
            maker: o.maker,
            side: o.side,
            quantity: o.quantity,
            limitPrice: o.limitPrice,
            nonce: o.nonce,
            validUntil: o.validUntil,
            partialFill: o.partialFill,
            fillQuantity: fillQuantity,
            r: r,
            vs: vs
        });
    }

    // ---------------------------------------------------------------- batches

    /// @dev A clearing whose book stands for its own fills: a root made of them, and a cut-off made of
    /// the root and far in the future (never stale), so that two different clearings of one market
    /// are two auctions. Tests of the book itself build real Merkle books (`BookTree`).
    function _clearing(Market memory m, uint128 price, Fill[] memory fills) internal pure returns (Clearing memory) {
        bytes32 root = keccak256(abi.encode(price, fills));
        return Clearing({
            band: m.band,
            cell: m.cell,
            slotStart: m.slotStart,
            slotEnd: m.slotEnd,
            price: price,
            cutoff: uint64(1 << 63 | uint256(root) >> 193),
            bookRoot: root,
            fills: fills
        });
    }

    function _clearing(uint128 price, Fill memory a, Fill memory b) internal pure returns (Clearing memory) {
        return _clearing(_market(), price, _fills(a, b));
    }

    function _fills(Fill memory a) internal pure returns (Fill[] memory fills) {
        fills = new Fill[](1);
        fills[0] = a;
    }

    function _fills(Fill memory a, Fill memory b) internal pure returns (Fill[] memory fills) {
        fills = new Fill[](2);
        fills[0] = a;
        fills[1] = b;
    }

    function _fills(Fill memory a, Fill memory b, Fill memory c) internal pure returns (Fill[] memory fills) {
        fills = new Fill[](3);
        fills[0] = a;
        fills[1] = b;
        fills[2] = c;
    }

    function _fills(Fill memory a, Fill memory b, Fill memory c, Fill memory d)
        internal
        pure
        returns (Fill[] memory fills)
    {
        fills = new Fill[](4);
        fills[0] = a;
        fills[1] = b;
        fills[2] = c;
        fills[3] = d;
    }

    function _batch(Clearing memory a) internal pure returns (Clearing[] memory cs) {
        cs = new Clearing[](1);
        cs[0] = a;
    }

    function _batch(Clearing memory a, Clearing memory b) internal pure returns (Clearing[] memory cs) {
        cs = new Clearing[](2);
        cs[0] = a;
        cs[1] = b;
    }

    function _settle(uint64 batchId, Clearing[] memory clearings) internal {
        vm.prank(broker);
        exchange.settleBatch(batchId, clearings);
    }

    /// @dev Settles `clearings` as batch `batchId` and expects market `marketIndex` of it skipped
    /// with `err` (the batch itself settles).
    function _settleExpectingSkip(uint64 batchId, Clearing[] memory clearings, uint256 marketIndex, bytes memory err)
        internal
    {
        Clearing memory c = clearings[marketIndex];
        vm.expectEmit(true, true, false, true, address(exchange));
        emit ISpectrumExchange.MarketSkipped(batchId, MarketLib.id(c.band, c.cell, c.slotStart, c.slotEnd), err);
        vm.prank(broker);
        uint256 skipped = exchange.settleBatch(batchId, clearings);
        assertEq(skipped & (1 << marketIndex), 1 << marketIndex, "market not reported skipped");
    }

    /// @dev One bid fill and one ask fill at `price` in the default market, as batch `batchId`.
    function _settlePair(uint64 batchId, uint128 price, Fill memory bid, Fill memory ask) internal {
        _settle(batchId, _batch(_clearing(price, bid, ask)));
    }

    // ---------------------------------------------------------------- money arithmetic, independent of the contract

    /// @dev The all-in price per SRU a bid's limit must cover: the price plus the fee on it, rounded up.
    function _allInPrice(uint128 price, uint16 feeBps) internal pure returns (uint256) {
        uint256 feeProduct = uint256(price) * feeBps;
        return uint256(price) + feeProduct / 10_000 + (feeProduct % 10_000 == 0 ? 0 : 1);
    }

    /// @dev What a buyer pays for `q` milli-SRU at `price`, fee included: the all-in price times the
    /// quantity, rounded up.
    function _buyerCost(uint128 price, uint64 q, uint16 feeBps) internal pure returns (uint256 due) {
        uint256 product = _allInPrice(price, feeBps) * q;
        due = product / 1000 + (product % 1000 == 0 ? 0 : 1);
    }

    /// @dev What a seller receives for `q` milli-SRU at `price`: the price rounded down, no fee.
    function _sellerProceeds(uint128 price, uint64 q) internal pure returns (uint256) {
        return uint256(price) * q / 1000;
    }
}
