// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract CancelUpToTest is SpectrumFixture {
    function test_CancelsEveryLowerNonce() public {
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.NoncesInvalidated(carol, 10);
        vm.prank(carol);
        exchange.cancelUpTo(10);
        assertEq(exchange.minValidNonce(carol), 10, "min nonce");
        (OrderState s9,) = exchange.orderState(carol, 9);
        (OrderState s10,) = exchange.orderState(carol, 10);
        assertEq(uint256(s9), uint256(OrderState.Cancelled), "9");
        assertEq(uint256(s10), uint256(OrderState.Open), "10");
        assertEq(exchange.minValidNonce(dave), 0, "another maker untouched");
    }

    function test_NeverLowersTheMinimum() public {
        vm.prank(carol);
        exchange.cancelUpTo(10);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.NoncesInvalidated(carol, 10);
        vm.prank(carol);
        exchange.cancelUpTo(5);
        assertEq(exchange.minValidNonce(carol), 10, "min nonce");
    }

    function test_CancelsAPartlyFilledOrder() public {
        _settlePair(1, PRICE, _fill(_bid(carol, 3000, PRICE, 1), 1000), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.prank(carol);
        exchange.cancelUpTo(2);
        (OrderState s,) = exchange.orderState(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Cancelled), "state");
        assertEq(exchange.remainingQuantity(_bid(carol, 3000, PRICE, 1)), 0, "remaining");
    }

    function test_LeavesAFilledOrderFilled() public {
        _settlePair(1, PRICE, _fill(_bid(carol, 1000, PRICE, 1)), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.prank(carol);
        exchange.cancelUpTo(2);
        (OrderState s,) = exchange.orderState(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Filled), "a filled order reads filled, not cancelled");
    }

    function testFuzz_SplitsValidFromCancelled(uint64 minNonce, uint64 nonce) public {
        vm.prank(carol);
        exchange.cancelUpTo(minNonce);
        (OrderState s,) = exchange.orderState(carol, nonce);
        assertEq(uint256(s), uint256(nonce < minNonce ? OrderState.Cancelled : OrderState.Open), "state");
    }
}
