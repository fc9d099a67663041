// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {Clearing, Fill, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Market, SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Batches that settle: what moves, what is recorded, what is emitted.
contract SettleBatchTest is SpectrumFixture {
    uint64 internal constant Q = 2000;

    function _assertOrder(Order memory o, OrderState state, uint64 filled, string memory what) internal view {
        (OrderState s, uint64 f) = exchange.orderState(o.maker, o.nonce);
        assertEq(uint256(s), uint256(state), string.concat(what, ": state"));
        assertEq(f, filled, string.concat(what, ": filled"));
    }

    function _holdings(address who, Market memory m) internal view returns (uint256) {
        return exchange.holdings(who, m.band, m.cell, m.slotStart, m.slotEnd);
    }

    // ---------------------------------------------------------------- one market

    function test_SettlesOneBidAgainstOneAsk() public {
        Order memory bid = _bid(carol, Q, PRICE + 100_000, 1);
        Order memory ask = _ask(alice, Q, PRICE - 100_000, 1);
        uint256 balance = token.balanceOf(address(exchange));

        _settlePair(1, PRICE, _fill(bid), _fill(ask));

        uint256 paid = uint256(PRICE) * Q / 1000; // 5 tokens: 2 SRU at 2.5
        assertEq(paid, 5e6, "price of 2 SRU");
        assertEq(exchange.escrowOf(carol), FUNDS - paid, "buyer escrow");
        assertEq(exchange.escrowOf(alice), paid, "seller escrow");
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "buyer lease");
        assertEq(exchange.balanceOf(alice, _id(_market())), 0, "seller lease");
        assertEq(_holdings(alice, _market()), LICENCE - Q, "seller holdings");
        assertEq(_holdings(carol, _market()), Q, "buyer holdings");
        assertEq(token.balanceOf(address(exchange)), balance, "no token moves in settlement");
        assertEq(exchange.feesAccrued(), 0, "no fee");
        _assertOrder(bid, OrderState.Filled, 0, "bid");
        _assertOrder(ask, OrderState.Filled, 0, "ask");
        assertEq(exchange.remainingQuantity(bid), 0, "bid remaining");
        assertTrue(exchange.isBatchSettled(1), "batch settled");
    }

    function test_SettlesAtTheLimitPrices() public {
        // A bid whose limit is the price and an ask whose limit is the price both trade.
        _settlePair(1, PRICE, _fill(_bid(carol, Q, PRICE, 1)), _fill(_ask(alice, Q, PRICE, 1)));
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "lease");
    }

    function test_SettlesAnOrderAtItsLastValidSecond() public {
        Order memory bid = _bid(carol, Q, PRICE, 1);
        bid.validUntil = uint64(T0 + 10 minutes);
        Fill memory b = _fill(bid);
        Fill memory a = _fill(_ask(alice, Q, PRICE, 1));
        vm.warp(T0 + 10 minutes);
        _settlePair(1, PRICE, b, a);
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "lease");
    }

    function test_SettlesWhileTheSlotRuns() public {
        Order memory bid = _bid(carol, Q, PRICE, 1);
        Order memory ask = _ask(alice, Q, PRICE, 1);
        bid.validUntil = SLOT_END;
        ask.validUntil = SLOT_END;
        Fill memory b = _fill(bid);
        Fill memory a = _fill(ask);
        vm.warp(SLOT_END - 1);
        _settlePair(1, PRICE, b, a);
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "lease");
    }

    function test_SettlesAllOrNothingOrdersWhole() public {
        Order memory bid = _bid(carol, Q, PRICE, 1);
        Order memory ask = _ask(alice, Q, PRICE, 1);
        bid.partialFill = false;
        ask.partialFill = false;
        _settlePair(1, PRICE, _fill(bid), _fill(ask));
        _assertOrder(bid, OrderState.Filled, 0, "bid");
        _assertOrder(ask, OrderState.Filled, 0, "ask");
    }

    function test_AcceptsSignaturesFromSignCompact() public {
        Order memory bid = _bid(carol, Q, PRICE, 1);
        (bytes32 r, bytes32 vs) = vm.signCompact(CAROL_KEY, exchange.hashOrder(bid));
        (bytes32 myR, bytes32 myVs) = _signCompact(CAROL_KEY, exchange.hashOrder(bid));
        assertEq(r, myR, "r");
        assertEq(vs, myVs, "vs");
        _settlePair(1, PRICE, _fillWith(bid, Q, r, vs), _fill(_ask(alice, Q, PRICE, 1)));
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "lease");
    }

    function test_SettlesASensedBandWithAFreshIdleReport() public {
        Market memory m = _market(SENSED_BAND, CELL, SLOT_START, SLOT_END);
        _report(SENSED_BAND, CELL, true);
        vm.warp(SLOT_START); // settled as the slot starts, an hour after the report
        Order memory bid = _order(carol, Side.Bid, m, Q, PRICE, 1);
        Order memory ask = _order(alice, Side.Ask, m, Q, PRICE, 1);
        _settle(1, _batch(_clearing(m, PRICE, _fills(_fill(bid), _fill(ask)))));
        assertEq(exchange.balanceOf(carol, _id(m)), Q, "lease");
    }

    function test_SettlesNextToAProtectionZone() public {
        vm.startPrank(admin);
        policy.addProtectionZone(BAND, CELL, uint64(T0), SLOT_START); // ends as the slot starts
        policy.addProtectionZone(BAND, policy.ALL_CELLS(), SLOT_END, SLOT_END + 1 hours); // starts as it ends
        policy.addProtectionZone(BAND, OTHER_CELL, SLOT_START, SLOT_END); // another cell
        vm.stopPrank();
        _settlePair(1, PRICE, _fill(_bid(carol, Q, PRICE, 1)), _fill(_ask(alice, Q, PRICE, 1)));
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "lease");
    }

    function test_SettlesAfterAProtectionZoneIsLifted() public {
        vm.prank(admin);
        uint64 zoneId = policy.addProtectionZone(BAND, CELL, SLOT_START, SLOT_END);
        vm.prank(admin);
        policy.removeProtectionZone(BAND, CELL, zoneId);
        _settlePair(1, PRICE, _fill(_bid(carol, Q, PRICE, 1)), _fill(_ask(alice, Q, PRICE, 1)));
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "lease");
    }

    // ---------------------------------------------------------------- several markets and makers

    uint128 internal constant P2 = 3_100_000;
    uint128 internal constant P3 = 750_000;
    uint16 internal constant FEE = 10;

    /// @dev A bid limit that covers `price` plus the fee, and `extra` more.
    function _limit(uint128 price, uint128 extra) internal pure returns (uint128) {
        return uint128(_allInPrice(price, FEE)) + extra;
    }

    /// @dev Three markets in ascending id: m1 at 2.5 (carol 1.5 SRU, dave 0.5, from alice), m2 at
    /// 3.1 (dave 3 SRU from alice 1 and bob 2), m3 at 0.75 on the sensed band (carol 0.75 from bob).
    function _threeMarkets() internal view returns (Market[3] memory m, Clearing[] memory cs) {
        m[0] = _market();
        m[1] = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        m[2] = _market(SENSED_BAND, CELL, SLOT_START, SLOT_END);
        cs = new Clearing[](3);
        cs[0] = _clearing(
            m[0],
            PRICE,
            _fills(
                _fill(_order(carol, Side.Bid, m[0], 1500, _limit(PRICE, 0), 1)),
                _fill(_order(dave, Side.Bid, m[0], 500, _limit(PRICE, 1), 1)),
                _fill(_order(alice, Side.Ask, m[0], Q, PRICE, 1))
            )
        );
        cs[1] = _clearing(
            m[1],
            P2,
            _fills(
                _fill(_order(alice, Side.Ask, m[1], 1000, P2, 2)),
                _fill(_order(dave, Side.Bid, m[1], 3000, _limit(P2, 0), 2)),
                _fill(_order(bob, Side.Ask, m[1], 2000, 1, 1))
            )
        );
        cs[2] = _clearing(
            m[2],
            P3,
            _fills(
                _fill(_order(bob, Side.Ask, m[2], 750, P3, 2)),
                _fill(_order(carol, Side.Bid, m[2], 750, _limit(P3, 0), 2))
            )
        );
    }

    function test_SettlesSeveralMarketsAndMakers() public {
        _report(SENSED_BAND, CELL, true);
        _setFee(FEE);
        (Market[3] memory m, Clearing[] memory cs) = _threeMarkets();
        assertLt(_id(m[0]), _id(m[1]), "m1 < m2");
        assertLt(_id(m[1]), _id(m[2]), "m2 < m3");

        uint256 carolDue1 = _buyerCost(PRICE, 1500, FEE);
        uint256 carolDue3 = _buyerCost(P3, 750, FEE);
        uint256 daveDue1 = _buyerCost(PRICE, 500, FEE);
        uint256 daveDue2 = _buyerCost(P2, 3000, FEE);
        uint256 carolPays = carolDue1 + carolDue3;
        uint256 davePays = daveDue1 + daveDue2;
        uint256 aliceGets = _sellerProceeds(PRICE, Q) + _sellerProceeds(P2, 1000);
        uint256 bobGets = _sellerProceeds(P2, 2000) + _sellerProceeds(P3, 750);
        uint256 fees = carolPays + davePays - aliceGets - bobGets;

        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.BatchSettled(42, broker, 3, 8, fees, 0);
        _settle(42, cs);

        assertEq(exchange.escrowOf(carol), FUNDS - carolPays, "carol escrow");
        assertEq(exchange.escrowOf(dave), FUNDS - davePays, "dave escrow");
        assertEq(exchange.escrowOf(alice), aliceGets, "alice escrow");
        assertEq(exchange.escrowOf(bob), bobGets, "bob escrow");
        assertEq(exchange.feesAccrued(), fees, "fees");
        assertEq(exchange.balanceOf(carol, _id(m[0])), 1500, "carol m1");
        assertEq(exchange.balanceOf(dave, _id(m[0])), 500, "dave m1");
        assertEq(exchange.balanceOf(dave, _id(m[1])), 3000, "dave m2");
        assertEq(exchange.balanceOf(carol, _id(m[2])), 750, "carol m3");
        assertEq(_holdings(alice, m[0]), LICENCE - Q, "alice m1");
        assertEq(_holdings(alice, m[1]), LICENCE - 1000, "alice m2");
        assertEq(_holdings(bob, m[1]), LICENCE - 2000, "bob m2");
        assertEq(_holdings(bob, m[2]), LICENCE - 750, "bob m3");
        assertEq(_holdings(bob, m[0]), LICENCE, "bob m1 untouched");
    }

    // ---------------------------------------------------------------- partial fills

    function test_FillsAnOrderAcrossBatches() public {
        Order memory bid = _bid(carol, 5000, PRICE, 1);
        _settlePair(1, PRICE, _fill(bid, 2000), _fill(_ask(alice, 2000, PRICE, 1)));
        _assertOrder(bid, OrderState.Open, 2000, "after batch 1");
        assertEq(exchange.remainingQuantity(bid), 3000, "remaining after batch 1");

        uint128 lower = PRICE - 500_000;
        _settlePair(2, lower, _fill(bid, 1000), _fill(_ask(bob, 1000, lower, 1)));
        _assertOrder(bid, OrderState.Open, 3000, "after batch 2");

        _settlePair(3, PRICE, _fill(bid, 2000), _fill(_ask(alice, 2000, PRICE, 2)));
        _assertOrder(bid, OrderState.Filled, 0, "after batch 3");
        assertEq(exchange.remainingQuantity(bid), 0, "remaining after batch 3");

        uint256 paid = _sellerProceeds(PRICE, 4000) + _sellerProceeds(lower, 1000);
        assertEq(exchange.escrowOf(carol), FUNDS - paid, "buyer paid each batch's price");
        assertEq(exchange.balanceOf(carol, _id(_market())), 5000, "lease");
    }

    function test_FillsAnOrderInPartsWithinOneBatch() public {
        Order memory ask = _ask(alice, 3000, PRICE, 1);
        Fill memory part = _fill(ask, 1500);
        _settle(1, _batch(_clearing(_market(), PRICE, _fills(part, _fill(_bid(carol, 3000, PRICE, 1)), part))));
        _assertOrder(ask, OrderState.Filled, 0, "ask");
        assertEq(_holdings(alice, _market()), LICENCE - 3000, "holdings");
    }

    // ---------------------------------------------------------------- reselling leases

    function test_SellerSellsLeasesBeforeItsLicence() public {
        Market memory m = _market();
        uint256 id = _id(m);
        // Alice buys 3 SRU from bob, then sells 4: her 3 leased SRU go first, then 1 of licence.
        _fund(alice, FUNDS);
        _settlePair(1, PRICE, _fill(_bid(alice, 3000, PRICE, 1)), _fill(_ask(bob, 3000, PRICE, 1)));
        assertEq(exchange.balanceOf(alice, id), 3000, "bought");
        assertEq(_holdings(alice, m), LICENCE + 3000, "holdings with leases");

        Fill memory daveBid = _fill(_bid(dave, 4000, PRICE, 1));
        Fill memory aliceAsk = _fill(_ask(alice, 4000, PRICE, 2));
        vm.expectEmit(address(exchange));
        emit IERC1155.TransferSingle(broker, alice, address(0), id, 3000);
        _settlePair(2, PRICE, daveBid, aliceAsk);

        assertEq(exchange.balanceOf(alice, id), 0, "leases burnt");
        assertEq(_holdings(alice, m), LICENCE - 1000, "licence used for the rest");
        assertEq(exchange.balanceOf(dave, id), 4000, "dave lease");
    }

    function test_BuyerResellsItsLeaseWithoutALicence() public {
        uint256 id = _id(_market());
        _settlePair(1, PRICE, _fill(_bid(carol, 3000, PRICE, 1)), _fill(_ask(alice, 3000, PRICE, 1)));
        uint128 higher = PRICE + 1_000_000;
        _settlePair(2, higher, _fill(_bid(dave, 1000, higher, 1)), _fill(_ask(carol, 1000, higher, 2)));
        assertEq(exchange.balanceOf(carol, id), 2000, "carol keeps the rest");
        assertEq(exchange.balanceOf(dave, id), 1000, "dave lease");
        assertEq(
            exchange.escrowOf(carol),
            FUNDS - _sellerProceeds(PRICE, 3000) + _sellerProceeds(higher, 1000),
            "carol escrow"
        );
    }

    function test_SellsLicenceOnlyWithinItsValidityWindow() public {
        // Bob's licence ends in the middle of the slot: it gives him nothing to sell there.
        vm.prank(admin);
        policy.grantLicence(bob, BAND, CELL, LICENCE, uint64(T0), SLOT_END - 1);
        assertEq(_holdings(bob, _market()), 0, "holdings");
        Order memory bid = _bid(carol, Q, PRICE, 1);
        Order memory ask = _ask(bob, Q, PRICE, 1);
        Clearing[] memory cs = _batch(_clearing(PRICE, _fill(bid), _fill(ask)));
        _settleExpectingSkip(
            1,
            cs,
            0,
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInsufficientHoldings.selector, bob, _id(_market()), Q, 0)
        );
    }

    // ---------------------------------------------------------------- fees

    function test_ChargesTheFeeToTheBuyerInsideItsLimit() public {
        _setFee(30);
        uint128 price = 2_500_001;
        uint64 q = 1333;
        // The fee per SRU, 7_500.003, rounds up to 7_501; the buyer pays the all-in price
        // 2_507_502 for 1.333 SRU, 3_342_500.166, rounded up; the seller the price, rounded down.
        uint128 limit = 2_507_502;
        assertEq(_allInPrice(price, 30), limit, "all-in price");
        uint256 due = _buyerCost(price, q, 30);
        uint256 proceeds = _sellerProceeds(price, q);
        assertEq(due, 3_342_501, "buyer pays the all-in price rounded up");
        assertEq(proceeds, 3_332_501, "seller amount rounds down");

        Fill memory bid = _fill(_bid(carol, q, limit, 1));
        Fill memory ask = _fill(_ask(alice, q, price, 1));
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.BatchSettled(1, broker, 1, 2, due - proceeds, 0);
        _settlePair(1, price, bid, ask);

        assertEq(exchange.escrowOf(carol), FUNDS - due, "buyer pays price and fee");
        assertLt((FUNDS - exchange.escrowOf(carol)) * 1000, uint256(limit) * q + 1000, "within limit x quantity");
        assertEq(exchange.escrowOf(alice), proceeds, "seller receives the price, no fee");
        assertEq(exchange.feesAccrued(), due - proceeds, "fees keep the rounding");
    }

    function test_KeepsRoundingAsFeesWithoutAFee() public {
        // 1 base unit per SRU: 1 milli-SRU costs the buyer 1 unit and earns the seller 0.
        _settlePair(1, 1, _fill(_bid(carol, 1, 1, 1)), _fill(_ask(alice, 1, 1, 1)));
        assertEq(exchange.escrowOf(carol), FUNDS - 1, "buyer rounds up");
        assertEq(exchange.escrowOf(alice), 0, "seller rounds down");
        assertEq(exchange.feesAccrued(), 1, "dust");
    }

    /// @notice Attack: the admin raises the fee after the broker matched a bid at its limit. The
    /// bid no longer covers the price plus the new fee, so its market is skipped: the buyer pays
    /// nothing rather than more than it signed.
    function test_AFeeRaisedAfterMatchingCannotMakeTheBuyerPayMore() public {
        Order memory bidAtLimit = _bid(carol, Q, PRICE, 1);
        Fill memory bid = _fill(bidAtLimit);
        Fill memory ask = _fill(_ask(alice, Q, PRICE, 1));
        _setFee(MAX_FEE_BPS);
        _settleExpectingSkip(
            1,
            _batch(_clearing(PRICE, bid, ask)),
            0,
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeBidBelowPrice.selector,
                _orderHash(bidAtLimit),
                PRICE,
                _allInPrice(PRICE, MAX_FEE_BPS)
            )
        );
        assertEq(exchange.escrowOf(carol), FUNDS, "buyer paid nothing");
    }

    function test_AppliesTheFeeInForceAtSettlementWithinTheLimit() public {
        Fill memory bid = _fill(_bid(carol, Q, PRICE * 2, 1));
        Fill memory ask = _fill(_ask(alice, Q, PRICE, 1));
        _setFee(MAX_FEE_BPS);
        _settlePair(1, PRICE, bid, ask);
        uint256 due = _buyerCost(PRICE, Q, MAX_FEE_BPS);
        assertEq(due, 5_250_000, "5 tokens plus 5 %");
        assertEq(exchange.escrowOf(carol), FUNDS - due, "buyer");
    }

    // ---------------------------------------------------------------- events

    function test_EmitsTheSettlementEvents() public {
        _setFee(20);
        uint256 id = _id(_market());
        Order memory bid = _bid(carol, Q, uint128(_allInPrice(PRICE, 20)), 1);
        Order memory ask = _ask(alice, Q, PRICE, 1);
        Fill memory b = _fill(bid);
        Fill memory a = _fill(ask);
        uint256 due = _buyerCost(PRICE, Q, 20);
        uint256 proceeds = _sellerProceeds(PRICE, Q);

        vm.expectEmit(address(exchange));
        emit IERC1155.TransferSingle(broker, address(0), carol, id, Q);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.TradeSettled(id, carol, _orderHash(bid), Side.Bid, Q, PRICE, due);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.TradeSettled(id, alice, _orderHash(ask), Side.Ask, Q, PRICE, proceeds);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.MarketCleared(9, id, PRICE, Q, 2);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.BatchSettled(9, broker, 1, 2, due - proceeds, 0);
        _settlePair(9, PRICE, b, a);
    }

    // ---------------------------------------------------------------- limits

    function test_SettlesMaxFillsInOneBatch() public {
        Fill[] memory fills = new Fill[](MAX_FILLS);
        for (uint256 i; i < MAX_FILLS / 2; ++i) {
            fills[2 * i] = _fill(_bid(i % 2 == 0 ? carol : dave, 10, PRICE, uint64(100 + i)));
            fills[2 * i + 1] = _fill(_ask(i % 2 == 0 ? alice : bob, 10, PRICE, uint64(100 + i)));
        }
        _settle(1, _batch(_clearing(_market(), PRICE, fills)));
        assertEq(exchange.balanceOf(carol, _id(_market())), 640, "carol");
        assertEq(exchange.balanceOf(dave, _id(_market())), 640, "dave");
    }

    function test_SettlesBatchIdsIndependently() public {
        uint64[4] memory ids = [uint64(0), 255, 256, type(uint64).max];
        for (uint256 i; i < ids.length; ++i) {
            uint64 nonce = uint64(i + 1);
            _settlePair(ids[i], PRICE, _fill(_bid(carol, 10, PRICE, nonce)), _fill(_ask(alice, 10, PRICE, nonce)));
            assertTrue(exchange.isBatchSettled(ids[i]), "settled");
        }
        assertFalse(exchange.isBatchSettled(1), "1");
        assertFalse(exchange.isBatchSettled(257), "257");
        assertFalse(exchange.isBatchSettled(type(uint64).max - 1), "max - 1");
    }
}
