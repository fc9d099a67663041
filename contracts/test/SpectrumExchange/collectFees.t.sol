// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract CollectFeesTest is SpectrumFixture {
    uint256 internal accrued;

    function setUp() public override {
        super.setUp();
        _setFee(100);
        _settlePair(1, PRICE, _fill(_bid(carol, 4000, PRICE * 2, 1)), _fill(_ask(alice, 4000, PRICE, 1)));
        accrued = exchange.feesAccrued();
        assertEq(accrued, 100_000, "1 % of 10 tokens");
    }

    function test_PaysAccruedFees() public {
        uint256 balance = token.balanceOf(address(exchange));
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.FeesCollected(feeCollector, 60_000);
        vm.prank(admin);
        exchange.collectFees(feeCollector, 60_000);
        assertEq(token.balanceOf(feeCollector), 60_000, "collector");
        assertEq(exchange.feesAccrued(), accrued - 60_000, "left");
        assertEq(token.balanceOf(address(exchange)), balance - 60_000, "exchange balance");
        vm.prank(admin);
        exchange.collectFees(feeCollector, accrued - 60_000);
        assertEq(exchange.feesAccrued(), 0, "all collected");
    }

    function test_LeavesEscrowBacked() public {
        vm.prank(admin);
        exchange.collectFees(feeCollector, accrued);
        uint256 escrow =
            exchange.escrowOf(alice) + exchange.escrowOf(bob) + exchange.escrowOf(carol) + exchange.escrowOf(dave);
        assertEq(token.balanceOf(address(exchange)), escrow, "escrow is all that is left");
    }

    function test_RevertWhen_MoreThanAccrued() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInsufficientFees.selector, accrued + 1, accrued)
        );
        vm.prank(admin);
        exchange.collectFees(feeCollector, accrued + 1);
    }

    function test_RevertWhen_CallerIsNotAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCallerNotAdmin.selector, broker));
        vm.prank(broker);
        exchange.collectFees(broker, 1);
    }
}
