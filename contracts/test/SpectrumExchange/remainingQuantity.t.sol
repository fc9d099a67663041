// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Order} from "../../src/libraries/OrderLib.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract RemainingQuantityTest is SpectrumFixture {
    function test_IsTheUnfilledPart() public {
        Order memory bid = _bid(carol, 3000, PRICE, 1);
        assertEq(exchange.remainingQuantity(bid), 3000, "fresh");
        _settlePair(1, PRICE, _fill(bid, 1200), _fill(_ask(alice, 1200, PRICE, 1)));
        assertEq(exchange.remainingQuantity(bid), 1800, "after a part");
    }

    function test_IsZeroOnceExpired() public {
        Order memory bid = _bid(carol, 3000, PRICE, 1);
        vm.warp(bid.validUntil);
        assertEq(exchange.remainingQuantity(bid), 3000, "last valid second");
        vm.warp(bid.validUntil + 1);
        assertEq(exchange.remainingQuantity(bid), 0, "expired");
    }

    function test_IsZeroOnceFilledOrCancelled() public {
        Order memory bid = _bid(carol, 1000, PRICE, 1);
        _settlePair(1, PRICE, _fill(bid), _fill(_ask(alice, 1000, PRICE, 1)));
        assertEq(exchange.remainingQuantity(bid), 0, "filled");
        vm.prank(dave);
        exchange.cancelUpTo(5);
        Order memory cancelled = _bid(dave, 1000, PRICE, 4);
        cancelled.validUntil = SLOT_END;
        assertEq(exchange.remainingQuantity(cancelled), 1000, "fillable while the window runs");
        vm.warp(T0 + SETTLEMENT_WINDOW);
        assertEq(exchange.remainingQuantity(cancelled), 0, "cancelled");
    }
}
