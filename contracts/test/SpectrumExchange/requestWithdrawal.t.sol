// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract RequestWithdrawalTest is SpectrumFixture {
    function test_RecordsTheRequestAfterTheDelay() public {
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.WithdrawalRequested(carol, 400e6, uint64(T0) + WITHDRAWAL_DELAY);
        vm.prank(carol);
        exchange.requestWithdrawal(400e6);
        (uint256 amount, uint64 readyAt) = exchange.pendingWithdrawal(carol);
        assertEq(amount, 400e6, "amount");
        assertEq(readyAt, T0 + WITHDRAWAL_DELAY, "readyAt");
        assertEq(exchange.escrowOf(carol), FUNDS, "escrow untouched until withdrawn");
        assertEq(exchange.withdrawalDelay(), WITHDRAWAL_DELAY, "delay");
    }

    function test_ReplacesThePendingRequestAndRestartsTheDelay() public {
        vm.prank(carol);
        exchange.requestWithdrawal(400e6);
        vm.warp(T0 + 50 minutes);
        vm.prank(carol);
        exchange.requestWithdrawal(100e6);
        (uint256 amount, uint64 readyAt) = exchange.pendingWithdrawal(carol);
        assertEq(amount, 100e6, "amount replaced");
        assertEq(readyAt, T0 + 50 minutes + WITHDRAWAL_DELAY, "delay restarted");
    }

    function test_AllowsMoreThanTheEscrow() public {
        // The payout is capped at the escrow when it is made, not when it is asked for.
        vm.prank(carol);
        exchange.requestWithdrawal(FUNDS * 2);
        (uint256 amount,) = exchange.pendingWithdrawal(carol);
        assertEq(amount, FUNDS * 2, "amount");
    }

    function test_RevertWhen_AmountIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeInvalidAmount.selector, 0));
        vm.prank(carol);
        exchange.requestWithdrawal(0);
    }

    function test_RevertWhen_AmountPasses128Bits() public {
        uint256 amount = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeInvalidAmount.selector, amount));
        vm.prank(carol);
        exchange.requestWithdrawal(amount);
    }
}
