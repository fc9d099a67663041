// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {Clearing} from "../../src/libraries/OrderLib.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Withdrawals wait for the settlement window: the amount is set aside at the request and
/// paid out after it. Settlement may spend it while the window is open (the broker may have matched
/// bids on it), never after, and nothing deposited later leaves through an old request.
contract WithdrawTest is SpectrumFixture {
    uint256 internal constant AMOUNT = 400e6;

    function setUp() public override {
        super.setUp();
        vm.prank(carol);
        exchange.requestWithdrawal(AMOUNT);
    }

    function test_RevertWhen_CalledBeforeTheWindowPasses() public {
        uint64 readyAt = uint64(T0) + SETTLEMENT_WINDOW;
        vm.warp(readyAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeWithdrawalNotReady.selector, carol, readyAt));
        vm.prank(carol);
        exchange.withdraw();
    }

    function test_PaysTheRequestOnceReady() public {
        vm.warp(T0 + SETTLEMENT_WINDOW);
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

    function test_SettlementSpendsTheAmountSetAsideWhileTheWindowIsOpen() public {
        // Dave asks for all of his escrow back; a bid the broker matched before still settles and
        // spends it, and the payout is what the batch left.
        vm.prank(dave);
        exchange.requestWithdrawal(FUNDS);
        assertEq(exchange.escrowOf(dave), 0, "all set aside");
        uint128 price = 4_000e6;
        _settlePair(1, price, _fill(_bid(dave, 1000, price, 1)), _fill(_ask(alice, 1000, price, 1)));
        (uint256 pending,) = exchange.pendingWithdrawal(dave);
        assertEq(pending, FUNDS - 4_000e6, "spent from the amount set aside");

        vm.warp(T0 + SETTLEMENT_WINDOW);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.Withdrawn(dave, FUNDS - 4_000e6, 0);
        vm.prank(dave);
        exchange.withdraw();
        assertEq(token.balanceOf(dave), FUNDS - 4_000e6, "paid what the batch left");
    }

    /// @notice The free escrow pays first; the amount set aside only covers the rest.
    function test_SettlementSpendsTheFreeEscrowFirst() public {
        uint128 price = 4_000e6;
        _settlePair(1, price, _fill(_bid(carol, 1000, price, 1)), _fill(_ask(alice, 1000, price, 1)));
        (uint256 pending,) = exchange.pendingWithdrawal(carol);
        assertEq(pending, AMOUNT, "untouched");
        assertEq(exchange.escrowOf(carol), FUNDS - AMOUNT - 4_000e6, "free escrow paid");
    }

    /// @notice Attack: a maker whose withdrawal is past its window cannot pull escrow the broker
    /// counted on: the amount was out of the free escrow since the request, and a batch that needs
    /// it is refused for that market alone.
    function test_AWithdrawalPastItsWindowCannotBeSpentBySettlement() public {
        vm.prank(dave);
        exchange.requestWithdrawal(FUNDS);
        vm.warp(T0 + SETTLEMENT_WINDOW);
        Clearing memory c = _clearing(PRICE, _fill(_bid(dave, 1000, PRICE, 1)), _fill(_ask(alice, 1000, PRICE, 1)));
        _settleExpectingSkip(
            1,
            _batch(c),
            0,
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeInsufficientEscrow.selector, dave, _buyerCost(PRICE, 1000, 0), 0
            )
        );
        vm.prank(dave);
        exchange.withdraw();
        assertEq(token.balanceOf(dave), FUNDS, "the request was paid in full");
    }

    /// @notice Attack: a large request made long ago does not let a later deposit leave at once.
    function test_ALaterDepositDoesNotLeaveThroughAnOldRequest() public {
        vm.prank(dave);
        exchange.requestWithdrawal(1e6);
        vm.warp(T0 + 30 days);
        _fund(dave, 5_000e6);
        vm.prank(dave);
        exchange.withdraw();
        assertEq(token.balanceOf(dave), 1e6, "only what was set aside a window ago");
        assertEq(exchange.escrowOf(dave), FUNDS - 1e6 + 5_000e6, "the deposit stays in escrow");
    }

    function test_PaysNothingWhenSettlementSpentItAll() public {
        vm.prank(dave);
        exchange.requestWithdrawal(FUNDS);
        uint128 price = uint128(FUNDS);
        _settlePair(1, price, _fill(_bid(dave, 1000, price, 1)), _fill(_ask(alice, 1000, price, 1)));
        vm.warp(T0 + SETTLEMENT_WINDOW);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.Withdrawn(dave, 0, 0);
        vm.prank(dave);
        exchange.withdraw();
        assertEq(token.balanceOf(dave), 0, "nothing left to pay");
    }

    function test_RevertWhen_NothingIsPending() public {
        vm.warp(T0 + SETTLEMENT_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeNoWithdrawal.selector, dave));
        vm.prank(dave);
        exchange.withdraw();
    }

    function test_RevertWhen_WithdrawnTwice() public {
        vm.warp(T0 + SETTLEMENT_WINDOW);
        vm.prank(carol);
        exchange.withdraw();
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeNoWithdrawal.selector, carol));
        vm.prank(carol);
        exchange.withdraw();
    }

    function testFuzz_PaysTheRequestAndLeavesTheRest(uint256 requested, uint256 escrow, uint256 wait) public {
        escrow = bound(escrow, 1, 1e27);
        requested = bound(requested, 1, escrow);
        wait = bound(wait, SETTLEMENT_WINDOW, 365 days);
        _fund(bob, escrow);
        vm.prank(bob);
        exchange.requestWithdrawal(requested);
        vm.warp(T0 + wait);
        vm.prank(bob);
        exchange.withdraw();
        assertEq(token.balanceOf(bob), requested, "paid");
        assertEq(exchange.escrowOf(bob), escrow - requested, "escrow");
    }
}
