// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract RequestWithdrawalTest is SpectrumFixture {
    function test_SetsTheAmountAsideUntilTheWindowPasses() public {
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.WithdrawalRequested(carol, 400e6, uint64(T0) + SETTLEMENT_WINDOW);
        vm.prank(carol);
        exchange.requestWithdrawal(400e6);
        (uint256 amount, uint64 readyAt) = exchange.pendingWithdrawal(carol);
        assertEq(amount, 400e6, "amount");
        assertEq(readyAt, T0 + SETTLEMENT_WINDOW, "readyAt");
        assertEq(exchange.escrowOf(carol), FUNDS - 400e6, "free escrow");
        assertEq(exchange.settlementWindow(), SETTLEMENT_WINDOW, "window");
    }

    function test_ReplacesThePendingRequestAndRestartsTheWindow() public {
        vm.prank(carol);
        exchange.requestWithdrawal(400e6);
        vm.warp(T0 + 50 minutes);
        vm.prank(carol);
        exchange.requestWithdrawal(100e6);
        (uint256 amount, uint64 readyAt) = exchange.pendingWithdrawal(carol);
        assertEq(amount, 100e6, "amount replaced");
        assertEq(readyAt, T0 + 50 minutes + SETTLEMENT_WINDOW, "window restarted");
        assertEq(exchange.escrowOf(carol), FUNDS - 100e6, "the first amount came back");
    }

    function test_AReplacementMayUseTheFirstRequestsAmount() public {
        vm.prank(carol);
        exchange.requestWithdrawal(FUNDS);
        vm.prank(carol);
        exchange.requestWithdrawal(FUNDS);
        (uint256 amount,) = exchange.pendingWithdrawal(carol);
        assertEq(amount, FUNDS, "amount");
        assertEq(exchange.escrowOf(carol), 0, "free escrow");
    }

    /// @notice A hurried user asking for more than it has gets a refusal that says how much it has,
    /// not a request that then blocks its bids.
    function test_RevertWhen_AmountExceedsTheFreeEscrow() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInsufficientEscrow.selector, carol, FUNDS + 1, FUNDS)
        );
        vm.prank(carol);
        exchange.requestWithdrawal(FUNDS + 1);
    }

    function test_RevertWhen_AmountIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeInvalidAmount.selector, 0));
        vm.prank(carol);
        exchange.requestWithdrawal(0);
    }

    function test_RevertWhen_AmountPasses96Bits() public {
        uint256 amount = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInsufficientEscrow.selector, carol, amount, FUNDS)
        );
        vm.prank(carol);
        exchange.requestWithdrawal(amount);
    }
}
