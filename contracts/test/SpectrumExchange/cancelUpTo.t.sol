// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Raising the minimum nonce cancels every lower order once the settlement window passes.
contract CancelUpToTest is SpectrumFixture {
    uint64 internal constant EFFECTIVE = uint64(T0) + SETTLEMENT_WINDOW;

    function test_CancelsEveryLowerNonceOnceTheWindowPasses() public {
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.NoncesInvalidated(carol, 10, EFFECTIVE);
        vm.prank(carol);
        exchange.cancelUpTo(10);
        assertEq(exchange.minValidNonce(carol), 0, "not yet in force");
        assertEq(exchange.pendingCancellation(carol, 9), EFFECTIVE, "9 pending");
        assertEq(exchange.pendingCancellation(carol, 10), 0, "10 not covered");
        vm.warp(EFFECTIVE);
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
        vm.warp(EFFECTIVE);
        vm.recordLogs();
        vm.prank(carol);
        exchange.cancelUpTo(5);
        assertEq(vm.getRecordedLogs().length, 0, "nothing to invalidate");
        assertEq(exchange.minValidNonce(carol), 10, "min nonce");
    }

    /// @notice A higher minimum while one waits raises the waiting one and restarts its window; one
    /// already in force stays in force.
    function test_AHigherMinimumReplacesTheWaitingOne() public {
        vm.prank(carol);
        exchange.cancelUpTo(10);
        vm.warp(EFFECTIVE);
        vm.prank(carol);
        exchange.cancelUpTo(20);
        assertEq(exchange.minValidNonce(carol), 10, "the first is in force");
        vm.warp(EFFECTIVE + 10 minutes);
        vm.prank(carol);
        exchange.cancelUpTo(30);
        assertEq(exchange.pendingCancellation(carol, 15), EFFECTIVE + 10 minutes + SETTLEMENT_WINDOW, "restarted");
        vm.warp(EFFECTIVE + 10 minutes + SETTLEMENT_WINDOW);
        assertEq(exchange.minValidNonce(carol), 30, "in force");
    }

    /// @notice Attack: `cancelUpTo` just before the batch lands does not stop it.
    function test_DoesNotStopABatchMatchedBefore() public {
        vm.prank(alice);
        exchange.cancelUpTo(type(uint64).max);
        _settlePair(1, PRICE, _fill(_bid(carol, 1000, PRICE, 1)), _fill(_ask(alice, 1000, PRICE, 1)));
        assertEq(exchange.balanceOf(carol, _id(_market())), 1000, "settled");
    }

    function test_CancelsAPartlyFilledOrder() public {
        _settlePair(1, PRICE, _fill(_bid(carol, 3000, PRICE, 1), 1000), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.prank(carol);
        exchange.cancelUpTo(2);
        vm.warp(EFFECTIVE);
        (OrderState s,) = exchange.orderState(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Cancelled), "state");
    }

    function test_LeavesAFilledOrderFilled() public {
        _settlePair(1, PRICE, _fill(_bid(carol, 1000, PRICE, 1)), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.prank(carol);
        exchange.cancelUpTo(2);
        vm.warp(EFFECTIVE);
        (OrderState s,) = exchange.orderState(carol, 1);
        assertEq(uint256(s), uint256(OrderState.Filled), "a filled order reads filled, not cancelled");
    }

    function testFuzz_SplitsValidFromCancelled(uint64 minNonce, uint64 nonce) public {
        vm.prank(carol);
        exchange.cancelUpTo(minNonce);
        vm.warp(EFFECTIVE);
        (OrderState s,) = exchange.orderState(carol, nonce);
        assertEq(uint256(s), uint256(nonce < minNonce ? OrderState.Cancelled : OrderState.Open), "state");
    }
}
