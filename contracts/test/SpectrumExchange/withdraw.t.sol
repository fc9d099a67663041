// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice The withdrawal delay: a request, a wait of at least one settlement period, a payout of
/// what is left in escrow. Settlement keeps spending escrow meanwhile, so an operator cannot pull
/// funds from under a batch the broker already matched.
contract WithdrawTest is SpectrumFixture {
    uint256 internal constant AMOUNT = 400e6;

    function setUp() public override {
        super.setUp();
        vm.prank(carol);
        exchange.requestWithdrawal(AMOUNT);
    }

    function test_RevertWhen_CalledBeforeTheDelay() public {
        uint64 readyAt = uint64(T0) + WITHDRAWAL_DELAY;
        vm.warp(readyAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeWithdrawalNotReady.selector, carol, readyAt));
        vm.prank(carol);
        exchange.withdraw();
        assertEq(exchange.escrowOf(carol), FUNDS, "escrow");
    }

    function test_PaysTheRequestOnceReady() public {
        vm.warp(T0 + WITHDRAWAL_DELAY);
        uint256 balance = token.balanceOf(address(exchange));
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.Withdrawn(carol, AMOUNT, FUNDS - AMOUNT);
        vm.prank(carol);
        exchange.withdraw();
        assertEq(exchange.escrowOf(carol), FUNDS - AMOUNT, "escrow");
        assertEq(token.balanceOf(carol), AMOUNT, "wallet");
        assertEq(token.balanceOf(address(exchange)), balance - AMOUNT, "exchange balance");
        (uint256 pending,) = exchange.pendingWithdrawal(carol);
        assertEq(pending, 0, "request consumed");
    }

    function test_PaysAtMostTheEscrow() public {
        vm.prank(dave);
        exchange.requestWithdrawal(FUNDS + 1);
        vm.warp(T0 + WITHDRAWAL_DELAY);
        vm.prank(dave);
        exchange.withdraw();
        assertEq(token.balanceOf(dave), FUNDS, "paid the whole escrow");
        assertEq(exchange.escrowOf(dave), 0, "escrow emptied");
    }

    function test_SettlementSpendsEscrowDuringAPendingWithdrawal() public {
        // Dave asks for all of his escrow back; a batch the broker matched meanwhile still settles
        // and spends it, and the payout is what the batch left.
        vm.prank(dave);
        exchange.requestWithdrawal(FUNDS);
        uint128 price = 4_000e6;
        _settlePair(1, price, _fill(_bid(dave, 1000, price, 1)), _fill(_ask(alice, 1000, price, 1)));
        assertEq(exchange.escrowOf(dave), FUNDS - 4_000e6, "escrow spent while the request was pending");
        (uint256 pending,) = exchange.pendingWithdrawal(dave);
        assertEq(pending, FUNDS, "request unchanged by settlement");

        vm.warp(T0 + WITHDRAWAL_DELAY);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.Withdrawn(dave, FUNDS - 4_000e6, 0);
        vm.prank(dave);
        exchange.withdraw();
        assertEq(token.balanceOf(dave), FUNDS - 4_000e6, "paid min(request, escrow)");
        assertEq(exchange.escrowOf(dave), 0, "escrow");
    }

    function test_RevertWhen_NothingIsPending() public {
        vm.warp(T0 + WITHDRAWAL_DELAY);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeNoWithdrawal.selector, dave));
        vm.prank(dave);
        exchange.withdraw();
    }

    function test_RevertWhen_EscrowIsEmpty() public {
        vm.prank(alice);
        exchange.requestWithdrawal(1);
        vm.warp(T0 + WITHDRAWAL_DELAY);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeNoWithdrawal.selector, alice));
        vm.prank(alice);
        exchange.withdraw();
    }

    function test_RevertWhen_WithdrawnTwice() public {
        vm.warp(T0 + WITHDRAWAL_DELAY);
        vm.prank(carol);
        exchange.withdraw();
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeNoWithdrawal.selector, carol));
        vm.prank(carol);
        exchange.withdraw();
    }

    function testFuzz_PaysMinOfRequestAndEscrow(uint256 requested, uint256 escrow, uint256 wait) public {
        escrow = bound(escrow, 1, 1e30);
        requested = bound(requested, 1, 1e30);
        wait = bound(wait, WITHDRAWAL_DELAY, 365 days);
        _fund(bob, escrow);
        vm.prank(bob);
        exchange.requestWithdrawal(requested);
        vm.warp(T0 + wait);
        vm.prank(bob);
        exchange.withdraw();
        uint256 paid = requested < escrow ? requested : escrow;
        assertEq(token.balanceOf(bob), paid, "paid");
        assertEq(exchange.escrowOf(bob), escrow - paid, "escrow");
    }
}
