// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract CancelWithdrawalTest is SpectrumFixture {
    function test_DropsThePendingRequest() public {
        vm.prank(carol);
        exchange.requestWithdrawal(400e6);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.WithdrawalCancelled(carol);
        vm.prank(carol);
        exchange.cancelWithdrawal();
        (uint256 amount, uint64 readyAt) = exchange.pendingWithdrawal(carol);
        assertEq(amount, 0, "amount");
        assertEq(readyAt, 0, "readyAt");
        vm.warp(T0 + WITHDRAWAL_DELAY);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeNoWithdrawal.selector, carol));
        vm.prank(carol);
        exchange.withdraw();
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
