// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SpectrumExchange} from "../../src/SpectrumExchange.sol";
import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy, OperatorKind} from "../../src/interfaces/ISpectrumPolicy.sol";
import {Clearing, Fill, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Market, SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Every way `settleBatch` refuses a batch, each with its exact error, and that a refused
/// batch leaves escrow, leases, holdings, order state, fees and the batch id as they were.
contract SettleBatchRevertsTest is SpectrumFixture {
    uint64 internal constant Q = 2000;
    uint64 internal constant BATCH = 1;

    Order internal bid;
    Order internal ask;

    function setUp() public override {
        super.setUp();
        bid = _bid(carol, Q, PRICE, 1);
        ask = _ask(alice, Q, PRICE, 1);
    }

    /// @dev Submits `clearings` as the broker and expects `err`. A revert leaves no state behind,
    /// and without one `expectRevert` fails the test, so there is nothing more to check.
    function _assertRejected(uint64 batchId, Clearing[] memory clearings, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(broker);
        exchange.settleBatch(batchId, clearings);
    }

    function _assertRejected(Clearing[] memory clearings, bytes memory err) internal {
        _assertRejected(BATCH, clearings, err);
    }

    function _assertRejected(Clearing memory clearing, bytes memory err) internal {
        _assertRejected(_batch(clearing), err);
    }

    function _err(bytes4 selector, bytes32 orderHash, address who) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector, orderHash, who);
    }

    // ---------------------------------------------------------------- signatures

    function test_RevertWhen_SignatureIsNotTheMakers() public {
        (bytes32 r, bytes32 vs) = _signCompact(DAVE_KEY, exchange.hashOrder(bid));
        _assertRejected(
            _clearing(PRICE, _fillWith(bid, Q, r, vs), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _structHash(bid), carol)
        );
    }

    function test_RevertWhen_SignedOrderIsAltered() public {
        Fill memory f = _fill(bid);
        f.limitPrice = PRICE * 2;
        Order memory altered = bid;
        altered.limitPrice = PRICE * 2;
        _assertRejected(
            _clearing(PRICE, f, _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _structHash(altered), carol)
        );
    }

    function test_RevertWhen_SignatureIsMalformed() public {
        _assertRejected(
            _clearing(PRICE, _fillWith(bid, Q, bytes32(0), bytes32(0)), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _structHash(bid), carol)
        );
    }

    function test_RevertWhen_SignatureIsMalleated() public {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(CAROL_KEY, exchange.hashOrder(bid));
        // The same point with the other s: valid for ecrecover, refused as a malleable signature.
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        uint256 highS = n - uint256(s);
        bytes32 vs = bytes32((uint256(v == 27 ? 1 : 0) << 255) | highS);
        _assertRejected(
            _clearing(PRICE, _fillWith(bid, Q, r, vs), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _structHash(bid), carol)
        );
    }

    function test_RevertWhen_SignedForAnotherChainId() public {
        (bytes32 r, bytes32 vs) = _signCompact(CAROL_KEY, _digest(bid, address(exchange), 2018));
        assertTrue(block.chainid != 2018, "test chain id");
        _assertRejected(
            _clearing(PRICE, _fillWith(bid, Q, r, vs), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _structHash(bid), carol)
        );
    }

    function test_RevertWhen_ChainIdChangedAfterSigning() public {
        Fill memory b = _fill(bid);
        Fill memory a = _fill(ask);
        vm.chainId(block.chainid + 1);
        _assertRejected(
            _clearing(PRICE, b, a), _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _structHash(bid), carol)
        );
    }

    function test_RevertWhen_SignedForAnotherDeployment() public {
        SpectrumExchange other =
            new SpectrumExchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), WITHDRAWAL_DELAY);
        bytes32 digest = _digest(bid, address(other), block.chainid);
        assertEq(digest, other.hashOrder(bid), "signed digest is the other deployment's");
        (bytes32 r, bytes32 vs) = _signCompact(CAROL_KEY, digest);
        _assertRejected(
            _clearing(PRICE, _fillWith(bid, Q, r, vs), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _structHash(bid), carol)
        );
    }

    function test_RevertWhen_FillIsReplayedIntoAnotherMarket() public {
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        Order memory moved = bid;
        moved.slotStart = later.slotStart;
        moved.slotEnd = later.slotEnd;
        Order memory laterAsk = _order(alice, Side.Ask, later, Q, PRICE, 2);
        _assertRejected(
            _clearing(later, PRICE, _fills(_fill(bid), _fill(laterAsk))),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _structHash(moved), carol)
        );
    }

    function test_RevertWhen_FillFlipsTheSide() public {
        Fill memory f = _fill(bid);
        f.side = Side.Ask;
        Order memory flipped = bid;
        flipped.side = Side.Ask;
        _assertRejected(
            _clearing(PRICE, _fill(ask), f),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _structHash(flipped), carol)
        );
    }

    // ---------------------------------------------------------------- operators

    function test_RevertWhen_BuyerIsNotRegistered() public {
        _fund(erin, FUNDS);
        Order memory erinBid = _bid(erin, Q, PRICE, 1);
        _assertRejected(
            _clearing(PRICE, _fill(erinBid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicy.PolicyOperatorNotRegistered.selector, erin)
        );
    }

    function test_RevertWhen_SellerIsNotRegistered() public {
        Order memory erinAsk = _ask(erin, Q, PRICE, 1);
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(erinAsk)),
            abi.encodeWithSelector(ISpectrumPolicy.PolicyOperatorNotRegistered.selector, erin)
        );
    }

    function test_RevertWhen_BuyerIsSuspended() public {
        _suspend(carol);
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicy.PolicyOperatorSuspended.selector, carol)
        );
    }

    function test_RevertWhen_SellerIsSuspended() public {
        _suspend(alice);
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicy.PolicyOperatorSuspended.selector, alice)
        );
    }

    // ---------------------------------------------------------------- order state

    function test_RevertWhen_OrderExpired() public {
        bid.validUntil = uint64(T0 + 10 minutes);
        Fill memory b = _fill(bid);
        Fill memory a = _fill(ask);
        vm.warp(T0 + 10 minutes + 1);
        _assertRejected(
            _clearing(PRICE, b, a),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderExpired.selector, _structHash(bid), bid.validUntil)
        );
    }

    function test_RevertWhen_OrderCancelledByNonce() public {
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = bid.nonce;
        vm.prank(carol);
        exchange.cancelOrders(nonces);
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderCancelled.selector, _structHash(bid), bid.nonce)
        );
    }

    function test_RevertWhen_OrderCancelledUpToNonce() public {
        vm.prank(alice);
        exchange.cancelUpTo(ask.nonce + 1);
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderCancelled.selector, _structHash(ask), ask.nonce)
        );
    }

    function test_RevertWhen_PartlyFilledOrderWasCancelled() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _settlePair(BATCH, PRICE, _fill(bid), _fill(bigAsk, Q));
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = bigAsk.nonce;
        vm.prank(alice);
        exchange.cancelOrders(nonces);
        Order memory daveBid = _bid(dave, Q, PRICE, 1);
        _assertRejected(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(daveBid), _fill(bigAsk, Q))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderCancelled.selector, _structHash(bigAsk), bigAsk.nonce)
        );
    }

    function test_RevertWhen_FillExceedsOrderQuantity() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _assertRejected(
            _batch(_clearing(PRICE, _fill(bid, Q + 1), _fill(bigAsk, Q + 1))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _structHash(bid), Q + 1, Q)
        );
    }

    function test_RevertWhen_SameOrderTwiceInOneBatchOverfills() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        Fill memory part = _fill(bid, 1500);
        _assertRejected(
            _batch(_clearing(_market(), PRICE, _fills(part, part, _fill(bigAsk, 3000)))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _structHash(bid), 1500, Q - 1500)
        );
    }

    function test_RevertWhen_AllOrNothingOrderTwiceInOneBatch() public {
        bid.partialFill = false;
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        Fill memory whole = _fill(bid);
        _assertRejected(
            _batch(_clearing(_market(), PRICE, _fills(whole, whole, _fill(bigAsk)))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _structHash(bid), Q, 0)
        );
    }

    function test_RevertWhen_OrderOverfilledAcrossBatches() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _settlePair(BATCH, PRICE, _fill(bid, 1500), _fill(bigAsk, 1500));
        _assertRejected(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(bid, 600), _fill(bigAsk, 600))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _structHash(bid), 600, 500)
        );
    }

    function test_RevertWhen_FilledOrderIsFilledAgain() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _settlePair(BATCH, PRICE, _fill(bid), _fill(bigAsk, Q));
        _assertRejected(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(bid, 1), _fill(bigAsk, 1))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _structHash(bid), 1, 0)
        );
    }

    /// @dev Fill state is kept per (maker, nonce), the order's id: an all-or-nothing version of
    /// an order whose nonce is already partly filled cannot fill its whole quantity on top.
    function test_RevertWhen_AllOrNothingOrderReusesAPartlyFilledNonce() public {
        _settlePair(BATCH, PRICE, _fill(bid, Q / 2), _fill(ask, Q / 2));
        Order memory amended = _bid(carol, Q, PRICE + 1, bid.nonce);
        amended.partialFill = false;
        Order memory bobAsk = _ask(bob, Q, PRICE, 1);
        _assertRejected(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(amended), _fill(bobAsk))),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeOrderOverfilled.selector, _structHash(amended), Q, Q - Q / 2
            )
        );
    }

    function test_RevertWhen_AllOrNothingOrderIsPartlyFilled() public {
        ask.partialFill = false;
        Order memory smallBid = _bid(carol, Q / 2, PRICE, 2);
        _assertRejected(
            _batch(_clearing(PRICE, _fill(smallBid), _fill(ask, Q / 2))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangePartialFillNotAllowed.selector, _structHash(ask), Q, Q / 2)
        );
    }

    function test_RevertWhen_FillIsZero() public {
        _assertRejected(
            _clearing(PRICE, _fill(bid, 0), _fill(ask, 0)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeZeroFill.selector, _structHash(bid))
        );
    }

    // ---------------------------------------------------------------- prices

    function test_RevertWhen_BidIsBelowThePrice() public {
        bid.limitPrice = PRICE - 1;
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeBidBelowPrice.selector, _structHash(bid), PRICE - 1, PRICE)
        );
    }

    function test_RevertWhen_AskIsAboveThePrice() public {
        ask.limitPrice = PRICE + 1;
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeAskAbovePrice.selector, _structHash(ask), PRICE + 1, PRICE)
        );
    }

    function test_RevertWhen_PriceIsZero() public {
        _assertRejected(
            _clearing(0, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeZeroPrice.selector, _id(_market()))
        );
    }

    function test_RevertWhen_MarketHasTwoPricesInOneBatch() public {
        Order memory bid2 = _bid(dave, Q, PRICE + 1, 1);
        Order memory ask2 = _ask(bob, Q, PRICE + 1, 1);
        uint256 id = _id(_market());
        _assertRejected(
            _batch(_clearing(PRICE, _fill(bid), _fill(ask)), _clearing(PRICE + 1, _fill(bid2), _fill(ask2))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeMarketsNotAscending.selector, id, id)
        );
    }

    function test_RevertWhen_MarketsAreNotAscending() public {
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        Order memory laterBid = _order(dave, Side.Bid, later, Q, PRICE, 1);
        Order memory laterAsk = _order(bob, Side.Ask, later, Q, PRICE, 1);
        Clearing memory first = _clearing(later, PRICE, _fills(_fill(laterBid), _fill(laterAsk)));
        _assertRejected(
            _batch(first, _clearing(PRICE, _fill(bid), _fill(ask))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeMarketsNotAscending.selector, _id(later), _id(_market()))
        );
    }

    // ---------------------------------------------------------------- conservation and holdings

    function test_RevertWhen_FillsAreUnbalanced() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _assertRejected(
            _batch(_clearing(PRICE, _fill(bid), _fill(bigAsk, Q - 1))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeUnbalancedFills.selector, _id(_market()), Q, Q - 1)
        );
    }

    function test_RevertWhen_MarketHasOnlyBids() public {
        _assertRejected(
            _batch(_clearing(_market(), PRICE, _fills(_fill(bid)))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeUnbalancedFills.selector, _id(_market()), Q, 0)
        );
    }

    /// @dev Bid fills that add up past 2^64 must not wrap around into a balance with the asks:
    /// that would grant leases nobody sold, paid for by the buyers into the fees.
    function test_RevertWhen_BidQuantitiesOverflow() public {
        uint64 half = uint64(1) << 63;
        Order memory hugeBid = _bid(carol, half, 1, 9);
        Order memory hugeBid2 = _bid(dave, half + Q, 1, 9);
        Order memory smallAsk = _ask(alice, Q, 1, 9);
        (, uint256 due) = _buyerCost(1, half + Q, 0);
        _fund(carol, due);
        _fund(dave, due);
        _assertRejected(
            _batch(_clearing(_market(), 1, _fills(_fill(hugeBid), _fill(hugeBid2), _fill(smallAsk)))),
            abi.encodeWithSignature("Panic(uint256)", 0x11)
        );
    }

    /// @dev The same for asks, with licences large enough to sell past 2^64 in one market.
    function test_RevertWhen_AskQuantitiesOverflow() public {
        uint64 half = uint64(1) << 63;
        vm.startPrank(admin);
        policy.grantLicence(alice, BAND, CELL, type(uint64).max, uint64(T0), SLOT_END);
        policy.grantLicence(bob, BAND, CELL, type(uint64).max, uint64(T0), SLOT_END);
        vm.stopPrank();
        Order memory hugeAsk = _ask(alice, half, 1, 9);
        Order memory hugeAsk2 = _ask(bob, half + Q, 1, 9);
        _assertRejected(
            _batch(_clearing(_market(), 1, _fills(_fill(hugeAsk), _fill(hugeAsk2), _fill(bid)))),
            abi.encodeWithSignature("Panic(uint256)", 0x11)
        );
    }

    function test_RevertWhen_SellerLacksTheSru() public {
        Order memory bigBid = _bid(carol, LICENCE + 1, PRICE, 5);
        Order memory bigAsk = _ask(alice, LICENCE + 1, PRICE, 5);
        _assertRejected(
            _batch(_clearing(PRICE, _fill(bigBid), _fill(bigAsk))),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeInsufficientHoldings.selector, alice, _id(_market()), LICENCE + 1, LICENCE
            )
        );
    }

    function test_RevertWhen_SellerHasNoLicence() public {
        Order memory daveAsk = _ask(dave, Q, PRICE, 1);
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(daveAsk)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInsufficientHoldings.selector, dave, _id(_market()), Q, 0)
        );
    }

    function test_RevertWhen_SellerAlreadySoldItsLicence() public {
        Order memory bigBid = _bid(dave, LICENCE, PRICE, 5);
        Order memory bigAsk = _ask(alice, LICENCE, PRICE, 5);
        _settlePair(BATCH, PRICE, _fill(bigBid, LICENCE - Q + 1), _fill(bigAsk, LICENCE - Q + 1));
        _assertRejected(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(bid), _fill(ask))),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeInsufficientHoldings.selector, alice, _id(_market()), Q, Q - 1
            )
        );
    }

    function test_RevertWhen_BuyerEscrowIsShortByOneUnit() public {
        _setFee(30);
        uint128 price = 2_500_001;
        uint64 q = 1333;
        (uint256 amount, uint256 due) = _buyerCost(price, q, 30);
        // 2_500_001 * 1.333 = 3_332_501.333 rounds up; the fee of 9_997.506 rounds up too.
        assertEq(amount, 3_332_502, "amount rounds up");
        assertEq(due, 3_342_500, "fee rounds up");
        vm.prank(admin);
        policy.registerOperator(erin, OperatorKind.MicroOperator, "Erin");
        _fund(erin, due - 1);
        Order memory erinBid = _bid(erin, q, price, 1);
        Order memory aliceAsk = _ask(alice, q, price, 3);
        _assertRejected(
            BATCH,
            _batch(_clearing(price, _fill(erinBid), _fill(aliceAsk))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInsufficientEscrow.selector, erin, due, due - 1)
        );
    }

    // ---------------------------------------------------------------- policy

    function test_RevertWhen_CellIsProtected() public {
        uint64 from = SLOT_START + 30 minutes;
        uint64 until = SLOT_END + 1 hours;
        vm.prank(admin);
        uint64 zoneId = policy.addProtectionZone(BAND, CELL, from, until);
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicy.PolicyMarketProtected.selector, BAND, CELL, zoneId, from, until)
        );
    }

    function test_RevertWhen_BandIsProtectedInAllCells() public {
        uint64 from = SLOT_START - 1 hours;
        uint64 until = SLOT_START + 1;
        vm.startPrank(admin);
        uint64 zoneId = policy.addProtectionZone(BAND, policy.ALL_CELLS(), from, until);
        vm.stopPrank();
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicy.PolicyMarketProtected.selector, BAND, CELL, zoneId, from, until)
        );
    }

    function test_RevertWhen_BandIsInactive() public {
        vm.prank(admin);
        policy.updateBand(BAND, false, 0, false);
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicy.PolicyUnknownBand.selector, BAND)
        );
    }

    function _sensedClearing() internal view returns (Clearing memory c) {
        Market memory m = _market(SENSED_BAND, CELL, SLOT_START, SLOT_END);
        Order memory b = _order(carol, Side.Bid, m, Q, PRICE, 3);
        Order memory a = _order(alice, Side.Ask, m, Q, PRICE, 3);
        c = _clearing(m, PRICE, _fills(_fill(b), _fill(a)));
    }

    function test_RevertWhen_SensingReportIsMissing() public {
        Clearing memory c = _sensedClearing();
        _assertRejected(
            BATCH,
            _batch(c),
            abi.encodeWithSelector(ISpectrumPolicy.PolicySensingReportMissing.selector, SENSED_BAND, CELL)
        );
    }

    function test_RevertWhen_SensingReportIsStale() public {
        _report(SENSED_BAND, CELL, true);
        vm.warp(T0 + MAX_REPORT_AGE + 1);
        Clearing memory c = _sensedClearing();
        _assertRejected(
            BATCH,
            _batch(c),
            abi.encodeWithSelector(
                ISpectrumPolicy.PolicySensingReportStale.selector, SENSED_BAND, CELL, uint64(T0), MAX_REPORT_AGE
            )
        );
    }

    function test_RevertWhen_SensingFoundThePrimaryUser() public {
        _report(SENSED_BAND, CELL, false);
        Clearing memory c = _sensedClearing();
        _assertRejected(
            BATCH,
            _batch(c),
            abi.encodeWithSelector(ISpectrumPolicy.PolicyBandBusy.selector, SENSED_BAND, CELL, uint64(T0))
        );
    }

    function test_RevertWhen_OnlyAnotherCellWasSensed() public {
        _report(SENSED_BAND, OTHER_CELL, true);
        Clearing memory c = _sensedClearing();
        _assertRejected(
            BATCH,
            _batch(c),
            abi.encodeWithSelector(ISpectrumPolicy.PolicySensingReportMissing.selector, SENSED_BAND, CELL)
        );
    }

    // ---------------------------------------------------------------- slots

    function test_RevertWhen_SlotHasEnded() public {
        bid.validUntil = SLOT_END + 1 hours;
        ask.validUntil = SLOT_END + 1 hours;
        vm.warp(SLOT_END);
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeSlotEnded.selector, _id(_market()), SLOT_END)
        );
    }

    function test_RevertWhen_SlotIsEmpty() public {
        Market memory empty = _market(BAND, CELL, SLOT_START, SLOT_START);
        Order memory b = _order(carol, Side.Bid, empty, Q, PRICE, 1);
        Order memory a = _order(alice, Side.Ask, empty, Q, PRICE, 1);
        _assertRejected(
            _clearing(empty, PRICE, _fills(_fill(b), _fill(a))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInvalidSlot.selector, _id(empty), SLOT_START, SLOT_START)
        );
    }

    // ---------------------------------------------------------------- the batch itself

    function test_RevertWhen_BatchIdWasSettled() public {
        _settlePair(7, PRICE, _fill(bid, Q / 2), _fill(ask, Q / 2));
        Clearing[] memory retry = _batch(_clearing(PRICE, _fill(bid, Q / 2), _fill(ask, Q / 2)));
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeBatchAlreadySettled.selector, uint64(7)));
        vm.prank(broker);
        exchange.settleBatch(7, retry);
        assertTrue(exchange.isBatchSettled(7), "batch 7 settled");
    }

    function test_RevertWhen_CallerIsNotBroker() public {
        Clearing[] memory cs = _batch(_clearing(PRICE, _fill(bid), _fill(ask)));
        address[2] memory callers = [stranger, admin];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCallerNotBroker.selector, callers[i]));
            vm.prank(callers[i]);
            exchange.settleBatch(BATCH, cs);
        }
        assertFalse(exchange.isBatchSettled(BATCH), "batch settled");
    }

    function test_RevertWhen_BrokerRoleWasRevoked() public {
        vm.startPrank(admin);
        policy.revokeRole(policy.BROKER_ROLE(), broker);
        vm.stopPrank();
        _assertRejected(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeCallerNotBroker.selector, broker)
        );
    }

    function test_RevertWhen_BatchHasNoClearing() public {
        _assertRejected(new Clearing[](0), abi.encodeWithSelector(ISpectrumExchange.ExchangeEmptyBatch.selector, BATCH));
    }

    function test_RevertWhen_ClearingHasNoFill() public {
        _assertRejected(
            _clearing(_market(), PRICE, new Fill[](0)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeEmptyBatch.selector, BATCH)
        );
    }

    function test_RevertWhen_BatchHasTooManyFills() public {
        Fill[] memory fills = new Fill[](MAX_FILLS + 1);
        _assertRejected(
            _clearing(_market(), PRICE, fills),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeTooManyFills.selector, MAX_FILLS + 1, MAX_FILLS)
        );
    }

    /// @dev The cap counts fills across clearings: a full first clearing, valid in every fill,
    /// and a one-fill second clearing.
    function test_RevertWhen_ClearingsTogetherHaveTooManyFills() public {
        uint256 pairs = MAX_FILLS / 2;
        Fill[] memory fills = new Fill[](MAX_FILLS);
        for (uint256 i; i < pairs; ++i) {
            fills[2 * i] = _fill(_bid(i % 2 == 0 ? carol : dave, 10, PRICE, uint64(100 + i)));
            fills[2 * i + 1] = _fill(_ask(i % 2 == 0 ? alice : bob, 10, PRICE, uint64(100 + i)));
        }
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        Fill[] memory extra = _fills(_fill(_order(carol, Side.Bid, later, Q, PRICE, 1)));
        _assertRejected(
            _batch(_clearing(_market(), PRICE, fills), _clearing(later, PRICE, extra)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeTooManyFills.selector, MAX_FILLS + 1, MAX_FILLS)
        );
    }

    /// @dev The first clearing settles in full before the second fails: all of it must roll back.
    function test_RevertWhen_SecondClearingFails() public {
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        Order memory laterBid = _order(dave, Side.Bid, later, Q, PRICE, 1);
        Order memory laterAsk = _order(bob, Side.Ask, later, Q, PRICE + 1, 1);
        _assertRejected(
            _batch(
                _clearing(PRICE, _fill(bid), _fill(ask)),
                _clearing(later, PRICE, _fills(_fill(laterBid), _fill(laterAsk)))
            ),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeAskAbovePrice.selector, _structHash(laterAsk), PRICE + 1, PRICE
            )
        );
    }
}
