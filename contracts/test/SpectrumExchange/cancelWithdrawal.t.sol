// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract CancelWithdrawalTest is SpectrumFixture {
    function test_ReturnsTheAmountToTheFreeEscrow() public {
        vm.prank(carol);
        exchange.requestWithdrawal(400e6);
        assertEq(exchange.escrowOf(carol), FUNDS - 400e6, "set aside");
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.WithdrawalCancelled(carol);
        vm.prank(carol);
        exchange.cancelWithdrawal();
        (uint256 amount, uint64 readyAt) = exchange.pendingWithdrawal(carol);
        assertEq(amount, 0, "amount");
        assertEq(readyAt, 0, "readyAt");
        assertEq(exchange.escrowOf(carol), FUNDS, "back in the free escrow");
        vm.warp(T0 + SETTLEMENT_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeNoWithdrawal.selector, carol));
        vm.prank(carol);
        exchange.withdraw();
    }

    function test_ReturnsWhatSettlementLeft() public {
        vm.prank(carol);
        exchange.requestWithdrawal(FUNDS);
        _settlePair(1, PRICE, _fill(_bid(carol, 1000, PRICE, 1)), _fill(_ask(alice, 1000, PRICE, 1)));
        vm.prank(carol);
        exchange.cancelWithdrawal();
        assertEq(exchange.escrowOf(carol), FUNDS - _buyerCost(PRICE, 1000, 0), "what the batch left");
    }

    function test_RevertWhen_NothingIsPending() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeNoWithdrawal.selector, carol));
        vm.prank(carol);
        exchange.cancelWithdrawal();
    }

    function test_RevertWhen_AnotherOperatorsRequestIsPending() public {
        vm.prank(dave);
        exchange.requestWithdrawal(1e6);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeNoWithdrawal.selector, carol));
        vm.prank(carol);
        exchange.cancelWithdrawal();
        (uint256 amount,) = exchange.pendingWithdrawal(dave);
        assertEq(amount, 1e6, "dave's request stays");
    }
}
