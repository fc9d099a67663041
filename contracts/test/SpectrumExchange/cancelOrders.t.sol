// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {Clearing, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Market, SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice An on-chain cancellation takes effect after the settlement window: the broker settles
/// what it matched before, and a maker cannot revert a batch by cancelling just before it lands.
contract CancelOrdersTest is SpectrumFixture {
    uint64 internal constant EFFECTIVE = uint64(T0) + SETTLEMENT_WINDOW;

    function _nonces(uint64 a, uint64 b) internal pure returns (uint64[] memory n) {
        n = new uint64[](2);
        n[0] = a;
        n[1] = b;
    }

    function _state(address maker, uint64 nonce) internal view returns (OrderState state, uint64 filled) {
        return exchange.orderState(maker, nonce);
    }

    function test_CancelsTheNoncesOnceTheWindowPasses() public {
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.OrderCancelled(carol, 3, EFFECTIVE);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.OrderCancelled(carol, 200, EFFECTIVE);
        vm.prank(carol);
        exchange.cancelOrders(_nonces(3, 200));
        (OrderState waiting,) = _state(carol, 3);
        assertEq(uint256(waiting), uint256(OrderState.Open), "open while the window runs");
        assertEq(exchange.pendingCancellation(carol, 3), EFFECTIVE, "pending");

        vm.warp(EFFECTIVE);
        (OrderState s3,) = _state(carol, 3);
        (OrderState s200,) = _state(carol, 200);
        (OrderState s4,) = _state(carol, 4);
        (OrderState dave3,) = _state(dave, 3);
        assertEq(uint256(s3), uint256(OrderState.Cancelled), "3");
        assertEq(uint256(s200), uint256(OrderState.Cancelled), "200");
        assertEq(uint256(s4), uint256(OrderState.Open), "4 untouched");
        assertEq(uint256(dave3), uint256(OrderState.Open), "another maker untouched");
        assertEq(exchange.pendingCancellation(carol, 3), 0, "no longer pending: in force");
        Order memory o = _bid(carol, 1000, PRICE, 3);
        o.validUntil = uint64(T0 + 3 hours);
        assertEq(exchange.remainingQuantity(o), 0, "remaining");
    }

    /// @notice Attack: the maker cancels its matched order just before the batch lands. The batch
    /// settles: the cancellation cost the maker a transaction and the broker nothing.
    function test_ACancellationInsideTheWindowDoesNotStopAMatchedBatch() public {
        Order memory bid = _bid(carol, 1000, PRICE, 1);
        Order memory ask = _ask(alice, 1000, PRICE, 1);
        vm.prank(carol);
        exchange.cancelOrders(_nonces(1, 1));
        vm.prank(alice);
        exchange.cancelUpTo(2);
        vm.warp(EFFECTIVE - 1);
        _settlePair(1, PRICE, _fill(bid), _fill(ask));
        assertEq(exchange.balanceOf(carol, _id(_market())), 1000, "settled");
        (OrderState s,) = _state(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Filled), "filled, the cancellation overtaken");
        assertEq(exchange.pendingCancellation(carol, 1), 0, "nothing left to cancel");
    }

    /// @notice Once in force, the cancellation stops that market only; the others of the batch settle.
    function test_ACancellationInForceSkipsItsMarketOnly() public {
        Market memory later = _market(BAND, CELL, SLOT_START + 1 hours, SLOT_END + 1 hours);
        Order memory bid = _bid(carol, 1000, PRICE, 1);
        bid.validUntil = later.slotStart;
        Order memory otherBid = _order(dave, Side.Bid, later, 1000, PRICE, 1);
        vm.prank(carol);
        exchange.cancelOrders(_nonces(1, 1));
        vm.warp(EFFECTIVE);
        Clearing[] memory batch = _batch(
            _clearing(_market(), PRICE, _fills(_fill(bid), _fill(_ask(alice, 1000, PRICE, 1)))),
            _clearing(later, PRICE, _fills(_fill(otherBid), _fill(_order(bob, Side.Ask, later, 1000, PRICE, 1))))
        );
        _settleExpectingSkip(
            1, batch, 0, abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderCancelled.selector, _orderHash(bid), 1)
        );
        assertEq(exchange.balanceOf(dave, _id(later)), 1000, "the other market settled");
        assertEq(exchange.balanceOf(carol, _id(_market())), 0, "the cancelled order did not");
        assertEq(exchange.escrowOf(carol), FUNDS, "and paid nothing");
    }

    function test_CancelsTheRestOfAPartlyFilledOrder() public {
        Order memory bid = _bid(carol, 3000, PRICE, 1);
        _settlePair(1, PRICE, _fill(bid, 1000), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.prank(carol);
        exchange.cancelOrders(_nonces(1, 1));
        vm.warp(EFFECTIVE);
        (OrderState s, uint64 filled) = _state(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Cancelled), "state");
        assertEq(filled, 0, "filled reads 0 once cancelled");
        assertEq(exchange.balanceOf(carol, _id(_market())), 1000, "the filled part stays bought");
    }

    /// @notice A partly filled order whose cancellation is still in its window counts what it
    /// filled: it cannot be over-filled, and its rest fills it.
    function test_APartlyFilledOrderBeingCancelledKeepsItsFilledPart() public {
        Order memory bid = _bid(carol, 3000, PRICE, 1);
        _settlePair(1, PRICE, _fill(bid, 1000), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.prank(carol);
        exchange.cancelOrders(_nonces(1, 1));
        (OrderState s, uint64 filled) = _state(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Open), "open while the window runs");
        assertEq(filled, 1000, "its filled part read");
        assertEq(exchange.pendingCancellation(carol, 1), EFFECTIVE, "pending");

        Clearing[] memory over =
            _batch(_clearing(_market(), PRICE, _fills(_fill(bid, 2500), _fill(_ask(alice, 2500, PRICE, 2)))));
        _settleExpectingSkip(
            2,
            over,
            0,
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(bid), 2500, 2000)
        );
        _settlePair(3, PRICE, _fill(bid, 2000), _fill(_ask(alice, 2000, PRICE, 3)));
        (s, filled) = _state(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Filled), "filled, the cancellation overtaken");
        assertEq(exchange.balanceOf(carol, _id(_market())), 3000, "all of it bought");
        assertEq(exchange.pendingCancellation(carol, 1), 0, "nothing left to cancel");
    }

    function test_LeavesAFilledOrderFilled() public {
        _settlePair(1, PRICE, _fill(_bid(carol, 1000, PRICE, 1)), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.recordLogs();
        vm.prank(carol);
        exchange.cancelOrders(_nonces(1, 1));
        assertEq(vm.getRecordedLogs().length, 0, "no OrderCancelled for a filled order");
        vm.warp(EFFECTIVE);
        (OrderState s,) = _state(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Filled), "state");
    }

    /// @notice A second request for the same nonce never moves the first one's time.
    function test_EmitsOnceAndKeepsTheFirstTime() public {
        vm.recordLogs();
        vm.prank(carol);
        exchange.cancelOrders(_nonces(7, 7));
        assertEq(vm.getRecordedLogs().length, 1, "one OrderCancelled");
        vm.warp(T0 + 10 minutes);
        vm.prank(carol);
        exchange.cancelOrders(_nonces(7, 7));
        assertEq(exchange.pendingCancellation(carol, 7), EFFECTIVE, "first time kept");
    }

    function test_AcceptsMaxNonces() public {
        uint64[] memory nonces = new uint64[](256);
        for (uint256 i; i < nonces.length; ++i) {
            nonces[i] = uint64(i * 3);
        }
        vm.prank(carol);
        exchange.cancelOrders(nonces);
        vm.warp(EFFECTIVE);
        (OrderState s,) = _state(carol, 255 * 3);
        assertEq(uint256(s), uint256(OrderState.Cancelled), "last");
    }

    function test_RevertWhen_TooManyNonces() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeTooManyNonces.selector, 257, 256));
        vm.prank(carol);
        exchange.cancelOrders(new uint64[](257));
    }

    function testFuzz_CancelsOnlyThatNonce(uint64 nonce, uint64 other) public {
        vm.assume(nonce != other);
        uint64[] memory one = new uint64[](1);
        one[0] = nonce;
        vm.prank(carol);
        exchange.cancelOrders(one);
        vm.warp(EFFECTIVE);
        (OrderState s,) = _state(carol, nonce);
        (OrderState o,) = _state(carol, other);
        assertEq(uint256(s), uint256(OrderState.Cancelled), "cancelled");
        assertEq(uint256(o), uint256(OrderState.Open), "neighbour open");
    }
}
