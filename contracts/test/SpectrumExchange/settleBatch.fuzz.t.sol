// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {OperatorKind} from "../../src/interfaces/ISpectrumPolicy.sol";
import {Clearing, Fill, Order} from "../../src/libraries/OrderLib.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Clearing with random prices, quantities and partial fills: the exact escrow each side
/// moves (buyer: the all-in price, fee included, rounded up, never beyond its limit; seller: the
/// price rounded down), fill state and leases.
contract SettleBatchFuzzTest is SpectrumFixture {
    /// @dev Up to 1,000,000 tokens per SRU.
    uint256 internal constant MAX_PRICE = 1e12;

    struct Trade {
        uint128 price;
        uint64 q;
        uint64 bidExtra;
        uint64 askExtra;
        uint128 bidHeadroom;
        uint128 askDiscount;
        uint16 fee;
        bool allOrNothing;
    }

    function _assertOrder(Order memory o, uint64 filled, string memory what) internal view {
        (OrderState s, uint64 f) = exchange.orderState(o.maker, o.nonce);
        if (filled == o.quantity) {
            assertEq(uint256(s), uint256(OrderState.Filled), string.concat(what, ": filled state"));
        } else {
            assertEq(uint256(s), uint256(OrderState.Open), string.concat(what, ": open state"));
            assertEq(f, filled, string.concat(what, ": filled quantity"));
        }
        assertEq(exchange.remainingQuantity(o), o.quantity - filled, string.concat(what, ": remaining"));
    }

    function testFuzz_MovesExactEscrowForOneTrade(Trade memory t) public {
        t.price = uint128(bound(t.price, 1, MAX_PRICE));
        t.q = uint64(bound(t.q, 1, LICENCE));
        t.fee = uint16(bound(t.fee, 0, MAX_FEE_BPS));
        Order memory bid = _bid(carol, t.q + uint64(bound(t.bidExtra, 0, 10 * LICENCE)), 0, 1);
        bid.limitPrice = uint128(_allInPrice(t.price, t.fee)) + uint128(bound(t.bidHeadroom, 0, MAX_PRICE));
        Order memory ask = _ask(alice, t.q + uint64(bound(t.askExtra, 0, LICENCE - t.q)), 0, 1);
        ask.limitPrice = t.price - uint128(bound(t.askDiscount, 0, t.price));
        if (t.allOrNothing) {
            bid.partialFill = false;
            bid.quantity = t.q;
        }
        _setFee(t.fee);
        uint256 due = _buyerCost(t.price, t.q, t.fee);
        uint256 proceeds = _sellerProceeds(t.price, t.q);
        _fund(carol, due);
        uint256 carolBefore = exchange.escrowOf(carol);
        uint256 balance = token.balanceOf(address(exchange));

        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.TradeSettled(_id(_market()), carol, _orderHash(bid), bid.side, t.q, t.price, due);
        _settlePair(1, t.price, _fill(bid, t.q), _fill(ask, t.q));

        assertEq(exchange.escrowOf(carol), carolBefore - due, "buyer pays ceil((price + ceil(fee)) * q)");
        assertEq(exchange.escrowOf(alice), proceeds, "seller receives floor(price)");
        assertEq(exchange.feesAccrued(), due - proceeds, "fees are the difference");
        assertEq(token.balanceOf(address(exchange)), balance, "no token leaves the exchange");
        assertEq(exchange.balanceOf(carol, _id(_market())), t.q, "lease granted");
        assertEq(exchange.holdings(alice, BAND, CELL, SLOT_START, SLOT_END), LICENCE - t.q, "licence sold");
        _assertOrder(bid, t.q, "bid");
        _assertOrder(ask, t.q, "ask");
        // The rounding never favours the buyer, the fee is within its rate (rounded up per SRU),
        // and the buyer never pays more than its limit times the quantity, rounded up to a unit.
        assertGe(due * 1000, uint256(t.price) * t.q, "the price part rounds up");
        assertLe(due * 1000, uint256(t.price) * t.q * (10_000 + t.fee) / 10_000 + t.q + 1000, "fee within its rate");
        assertLt(due * 1000, uint256(bid.limitPrice) * t.q + 1000, "all-in within the limit");
    }

    function testFuzz_FillsAPartialOrderAcrossBatches(
        uint64 quantity,
        uint64 first,
        uint64 second,
        uint128 p1,
        uint128 p2
    ) public {
        quantity = uint64(bound(quantity, 2, LICENCE));
        first = uint64(bound(first, 1, quantity - 1));
        second = uint64(bound(second, 1, quantity - first));
        p1 = uint128(bound(p1, 1, 1e9));
        p2 = uint128(bound(p2, 1, 1e9));
        Order memory bid = _bid(carol, quantity, p1 > p2 ? p1 : p2, 1);
        _fund(carol, 1e12);

        _settlePair(1, p1, _fill(bid, first), _fill(_ask(alice, first, p1, 1)));
        _assertOrder(bid, first, "after batch 1");
        _settlePair(2, p2, _fill(bid, second), _fill(_ask(bob, second, p2, 1)));
        _assertOrder(bid, first + second, "after batch 2");

        uint256 due1 = _buyerCost(p1, first, 0);
        uint256 due2 = _buyerCost(p2, second, 0);
        assertEq(exchange.escrowOf(carol), FUNDS + 1e12 - due1 - due2, "buyer paid each batch at its price");
        assertEq(exchange.escrowOf(alice), _sellerProceeds(p1, first), "alice");
        assertEq(exchange.escrowOf(bob), _sellerProceeds(p2, second), "bob");
        assertEq(exchange.balanceOf(carol, _id(_market())), first + second, "leases add up");

        uint64 remaining = quantity - first - second;
        uint64 over = remaining + 1;
        Clearing[] memory third = _batch(_clearing(p1, _fill(bid, over), _fill(_ask(alice, over, p1, 2))));
        _settleExpectingSkip(
            3,
            third,
            0,
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(bid), over, remaining)
        );
        _assertOrder(bid, first + second, "an over-fill moves nothing");
    }

    function testFuzz_SplitsOneAskBetweenTwoBuyers(uint64 q1, uint64 q2, uint128 price, uint16 fee) public {
        q1 = uint64(bound(q1, 1, LICENCE - 1));
        q2 = uint64(bound(q2, 1, LICENCE - q1));
        price = uint128(bound(price, 1, 1e9));
        fee = uint16(bound(fee, 0, MAX_FEE_BPS));
        _setFee(fee);
        _fund(carol, 1e12);
        _fund(dave, 1e12);
        uint128 limit = uint128(_allInPrice(price, fee));
        Fill[] memory fills = _fills(
            _fill(_bid(carol, q1, limit, 1)), _fill(_ask(alice, q1 + q2, price, 1)), _fill(_bid(dave, q2, limit, 1))
        );
        _settle(1, _batch(_clearing(_market(), price, fills)));
        uint256 due1 = _buyerCost(price, q1, fee);
        uint256 due2 = _buyerCost(price, q2, fee);
        uint256 proceeds = _sellerProceeds(price, q1 + q2);
        assertEq(exchange.escrowOf(carol), FUNDS + 1e12 - due1, "carol");
        assertEq(exchange.escrowOf(dave), FUNDS + 1e12 - due2, "dave");
        assertEq(exchange.escrowOf(alice), proceeds, "alice is paid on her whole fill");
        assertEq(exchange.feesAccrued(), due1 + due2 - proceeds, "fees");
        assertEq(exchange.balanceOf(carol, _id(_market())), q1, "carol lease");
        assertEq(exchange.balanceOf(dave, _id(_market())), q2, "dave lease");
    }

    /// @dev alice, bob, carol and dave share one position word in a market (registered one after
    /// the other): whatever each settles, up to the most a position holds, each reads back its own.
    function testFuzz_FourOperatorsSharingAPositionWordKeepTheirOwn(uint64 x, uint64 y, uint64 resold) public {
        uint64 max = exchange.MAX_POSITION();
        x = uint64(bound(x, 1, max));
        y = uint64(bound(y, 1, max));
        resold = uint64(bound(resold, 1, x));
        vm.startPrank(admin);
        policy.grantLicence(alice, BAND, CELL, type(uint64).max, uint64(T0), SLOT_END);
        policy.grantLicence(bob, BAND, CELL, type(uint64).max, uint64(T0), SLOT_END);
        vm.stopPrank();
        _fund(carol, _buyerCost(1, x, 0));
        _fund(dave, _buyerCost(1, y, 0) + _buyerCost(1, resold, 0));
        _settlePair(1, 1, _fill(_bid(carol, x, 1, 1)), _fill(_ask(alice, x, 1, 1)));
        _settlePair(2, 1, _fill(_bid(dave, y, 1, 1)), _fill(_ask(bob, y, 1, 1)));
        // carol sells part of her leases on to dave, who may then hold more than fits: refused whole
        bool fits = uint256(y) + resold <= max;
        Clearing[] memory resale =
            _batch(_clearing(_market(), 1, _fills(_fill(_bid(dave, resold, 1, 2)), _fill(_ask(carol, resold, 1, 2)))));
        _settle(3, resale);

        uint256 id = _id(_market());
        (uint64 leased, uint64 sold) = exchange.position(alice, id);
        assertEq(leased, 0, "alice leases");
        assertEq(sold, x, "alice sold");
        (leased, sold) = exchange.position(bob, id);
        assertEq(leased, 0, "bob leases");
        assertEq(sold, y, "bob sold");
        (leased, sold) = exchange.position(carol, id);
        assertEq(leased, fits ? x - resold : x, "carol leases");
        assertEq(sold, 0, "carol sold of a licence");
        (leased, sold) = exchange.position(dave, id);
        assertEq(leased, fits ? y + resold : y, "dave leases");
        assertEq(sold, 0, "dave sold");
    }

    function testFuzz_SellsLeasesBeforeLicence(uint64 bought, uint64 sold, uint128 price) public {
        bought = uint64(bound(bought, 1, LICENCE));
        sold = uint64(bound(sold, 1, bought + LICENCE));
        price = uint128(bound(price, 1, 1e8));
        _fund(alice, FUNDS);
        _settlePair(1, price, _fill(_bid(alice, bought, price, 1)), _fill(_ask(bob, bought, price, 1)));
        _settlePair(2, price, _fill(_bid(carol, sold, price, 1)), _fill(_ask(alice, sold, price, 2)));

        uint64 fromLeases = sold < bought ? sold : bought;
        uint256 id = _id(_market());
        assertEq(exchange.balanceOf(alice, id), bought - fromLeases, "leases go first");
        assertEq(
            exchange.holdings(alice, BAND, CELL, SLOT_START, SLOT_END),
            bought - fromLeases + LICENCE - (sold - fromLeases),
            "then the licence"
        );
        assertEq(exchange.balanceOf(carol, id), sold, "buyer");
    }

    function testFuzz_RevertWhen_PriceIsOutsideALimit(uint128 price, uint128 bidLimit, uint128 askLimit) public {
        price = uint128(bound(price, 1, MAX_PRICE));
        bidLimit = uint128(bound(bidLimit, 0, 2 * MAX_PRICE));
        askLimit = uint128(bound(askLimit, 0, 2 * MAX_PRICE));
        vm.assume(bidLimit < price || askLimit > price);
        Order memory bid = _bid(carol, 1, bidLimit, 1);
        Order memory ask = _ask(alice, 1, askLimit, 1);
        Clearing[] memory batch = _batch(_clearing(price, _fill(bid), _fill(ask)));
        bytes memory err = bidLimit < price
            ? abi.encodeWithSelector(ISpectrumExchange.ExchangeBidBelowPrice.selector, _orderHash(bid), bidLimit, price)
            : abi.encodeWithSelector(ISpectrumExchange.ExchangeAskAbovePrice.selector, _orderHash(ask), askLimit, price);
        _settleExpectingSkip(1, batch, 0, err);
    }

    /// @notice Attack: the admin raises the fee between matching and settlement. The bid either
    /// still fits its limit all-in, or its market is skipped: the buyer never pays more than
    /// limit × quantity (rounded up to a unit), whatever the fee.
    function testFuzz_AFeeRaisedAfterMatchingNeverMakesABuyerPayMoreThanItsLimit(
        uint128 limit,
        uint64 q,
        uint16 feeAtMatching,
        uint16 feeAtSettlement,
        uint128 priceSeed
    ) public {
        limit = uint128(bound(limit, 2, MAX_PRICE));
        q = uint64(bound(q, 1, LICENCE));
        feeAtMatching = uint16(bound(feeAtMatching, 0, MAX_FEE_BPS));
        feeAtSettlement = uint16(bound(feeAtSettlement, 0, MAX_FEE_BPS));
        // The broker picks a price whose all-in price fits the limit at the fee it saw.
        uint128 price = uint128(bound(priceSeed, 1, _highestPrice(limit, feeAtMatching)));
        _setFee(feeAtMatching);
        _fund(carol, 1e20);
        Order memory bid = _bid(carol, q, limit, 1);
        Clearing[] memory batch = _batch(_clearing(price, _fill(bid), _fill(_ask(alice, q, price, 1))));
        _setFee(feeAtSettlement);
        uint256 before = exchange.escrowOf(carol);
        uint256 allIn = _allInPrice(price, feeAtSettlement);
        if (allIn > limit) {
            _settleExpectingSkip(
                1,
                batch,
                0,
                abi.encodeWithSelector(ISpectrumExchange.ExchangeBidBelowPrice.selector, _orderHash(bid), limit, allIn)
            );
        } else {
            _settle(1, batch);
        }
        uint256 paid = before - exchange.escrowOf(carol);
        assertLt(paid * 1000, uint256(limit) * q + 1000, "paid more than limit x quantity");
    }

    /// @dev The highest price whose all-in price fits `limit` under `fee`.
    function _highestPrice(uint128 limit, uint16 fee) internal pure returns (uint256 p) {
        p = uint256(limit) * 10_000 / (10_000 + fee);
        while (p > 1 && _allInPrice(uint128(p), fee) > limit) {
            --p; // a step or two at most: the fee rounds up by less than one unit
        }
    }

    function testFuzz_RevertWhen_EscrowIsShortByOneUnit(uint128 price, uint64 q, uint16 fee) public {
        price = uint128(bound(price, 1, MAX_PRICE));
        q = uint64(bound(q, 1, LICENCE));
        fee = uint16(bound(fee, 0, MAX_FEE_BPS));
        _setFee(fee);
        vm.prank(admin);
        policy.registerOperator(erin, OperatorKind.LocalOperator, "Erin");
        uint256 due = _buyerCost(price, q, fee);
        if (due > 1) _fund(erin, due - 1);
        uint128 limit = uint128(_allInPrice(price, fee));
        Clearing[] memory batch =
            _batch(_clearing(price, _fill(_bid(erin, q, limit, 1)), _fill(_ask(alice, q, price, 1))));
        _settleExpectingSkip(
            1,
            batch,
            0,
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInsufficientEscrow.selector, erin, due, due - 1)
        );

        _fund(erin, 1);
        vm.prank(broker);
        exchange.settleBatch(2, batch);
        assertEq(exchange.escrowOf(erin), 0, "the exact amount settles");
    }

    function testFuzz_RevertWhen_FillsDoNotBalance(uint64 bidQ, uint64 askQ) public {
        bidQ = uint64(bound(bidQ, 1, LICENCE));
        askQ = uint64(bound(askQ, 1, LICENCE));
        vm.assume(bidQ != askQ);
        Clearing[] memory batch =
            _batch(_clearing(PRICE, _fill(_bid(carol, bidQ, PRICE, 1)), _fill(_ask(alice, askQ, PRICE, 1))));
        _settleExpectingSkip(
            1,
            batch,
            0,
            abi.encodeWithSelector(ISpectrumExchange.ExchangeUnbalancedFills.selector, _id(_market()), bidQ, askQ)
        );
        assertEq(exchange.escrowOf(carol), FUNDS, "nothing moved");
        assertEq(exchange.holdings(alice, BAND, CELL, SLOT_START, SLOT_END), LICENCE, "nothing sold");
    }

    function testFuzz_SettlesEachBatchIdOnce(uint64 batchId) public {
        _settlePair(batchId, PRICE, _fill(_bid(carol, 10, PRICE, 1)), _fill(_ask(alice, 10, PRICE, 1)));
        assertTrue(exchange.isBatchSettled(batchId), "settled");
        Clearing[] memory again =
            _batch(_clearing(PRICE, _fill(_bid(carol, 10, PRICE, 2)), _fill(_ask(alice, 10, PRICE, 2))));
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeBatchAlreadySettled.selector, batchId));
        vm.prank(broker);
        exchange.settleBatch(batchId, again);
        vm.prank(broker);
        exchange.settleBatch(batchId ^ 1, again);
    }
}
