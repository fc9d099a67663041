// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {Order} from "../../src/libraries/OrderLib.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract CancelOrdersTest is SpectrumFixture {
    function _nonces(uint64 a, uint64 b) internal pure returns (uint64[] memory n) {
        n = new uint64[](2);
        n[0] = a;
        n[1] = b;
    }

    function _state(address maker, uint64 nonce) internal view returns (OrderState state, uint64 filled) {
        return exchange.orderState(maker, nonce);
    }

    function test_CancelsTheNonces() public {
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.OrderCancelled(carol, 3);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.OrderCancelled(carol, 200);
        vm.prank(carol);
        exchange.cancelOrders(_nonces(3, 200));
        (OrderState s3,) = _state(carol, 3);
        (OrderState s200,) = _state(carol, 200);
        (OrderState s4,) = _state(carol, 4);
        (OrderState dave3,) = _state(dave, 3);
        assertEq(uint256(s3), uint256(OrderState.Cancelled), "3");
        assertEq(uint256(s200), uint256(OrderState.Cancelled), "200");
        assertEq(uint256(s4), uint256(OrderState.Open), "4 untouched");
        assertEq(uint256(dave3), uint256(OrderState.Open), "another maker untouched");
        assertEq(exchange.remainingQuantity(_bid(carol, 1000, PRICE, 3)), 0, "remaining");
    }

    function test_CancelsTheRestOfAPartlyFilledOrder() public {
        Order memory bid = _bid(carol, 3000, PRICE, 1);
        _settlePair(1, PRICE, _fill(bid, 1000), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.prank(carol);
        exchange.cancelOrders(_nonces(1, 1));
        (OrderState s, uint64 filled) = _state(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Cancelled), "state");
        assertEq(filled, 0, "filled reads 0 once cancelled");
        assertEq(exchange.remainingQuantity(bid), 0, "remaining");
        assertEq(exchange.balanceOf(carol, _id(_market())), 1000, "the filled part stays bought");
    }

    function test_LeavesAFilledOrderFilled() public {
        _settlePair(1, PRICE, _fill(_bid(carol, 1000, PRICE, 1)), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.recordLogs();
        vm.prank(carol);
        exchange.cancelOrders(_nonces(1, 1));
        assertEq(vm.getRecordedLogs().length, 0, "no OrderCancelled for a filled order");
        (OrderState s,) = _state(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Filled), "state");
    }

    function test_EmitsOnceForANonceCancelledTwice() public {
        vm.recordLogs();
        vm.prank(carol);
        exchange.cancelOrders(_nonces(7, 7));
        assertEq(vm.getRecordedLogs().length, 1, "one OrderCancelled");
    }

    function test_AcceptsMaxNonces() public {
        uint64[] memory nonces = new uint64[](256);
        for (uint256 i; i < nonces.length; ++i) {
            nonces[i] = uint64(i * 3);
        }
        vm.prank(carol);
        exchange.cancelOrders(nonces);
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
        (OrderState s,) = _state(carol, nonce);
        (OrderState o,) = _state(carol, other);
        assertEq(uint256(s), uint256(OrderState.Cancelled), "cancelled");
        assertEq(uint256(o), uint256(OrderState.Open), "neighbour open");
    }
}
