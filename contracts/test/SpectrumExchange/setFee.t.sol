// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract SetFeeTest is SpectrumFixture {
    function test_SetsTheFee() public {
        assertEq(exchange.feeBps(), 0, "no fee at deployment");
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.FeeChanged(25);
        vm.prank(admin);
        exchange.setFee(25);
        assertEq(exchange.feeBps(), 25, "fee");
    }

    function test_AcceptsTheMaximum() public {
        vm.prank(admin);
        exchange.setFee(MAX_FEE_BPS);
        assertEq(exchange.feeBps(), MAX_FEE_BPS, "fee");
        assertEq(exchange.MAX_FEE_BPS(), MAX_FEE_BPS, "constant");
    }

    function test_RevertWhen_FeeIsAboveTheMaximum() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumExchange.ExchangeFeeTooHigh.selector, MAX_FEE_BPS + 1, MAX_FEE_BPS)
        );
        vm.prank(admin);
        exchange.setFee(MAX_FEE_BPS + 1);
    }

    function test_RevertWhen_CallerIsNotAdmin() public {
        address[3] memory callers = [stranger, broker, carol];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCallerNotAdmin.selector, callers[i]));
            vm.prank(callers[i]);
            exchange.setFee(1);
        }
    }

    function test_FollowsThePolicyAdmin() public {
        // The exchange has no admin of its own: whoever holds the policy's admin role administers it.
        vm.startPrank(admin);
        policy.grantRole(bytes32(0), stranger);
        policy.renounceRole(bytes32(0), admin);
        vm.stopPrank();
        vm.prank(stranger);
        exchange.setFee(7);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCallerNotAdmin.selector, admin));
        vm.prank(admin);
        exchange.setFee(8);
        assertEq(exchange.feeBps(), 7, "fee");
    }

    function testFuzz_SetsAnyFeeUpToTheMaximum(uint16 feeBps) public {
        vm.prank(admin);
        if (feeBps > MAX_FEE_BPS) {
            vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeFeeTooHigh.selector, feeBps, MAX_FEE_BPS));
        }
        exchange.setFee(feeBps);
        assertEq(exchange.feeBps(), feeBps > MAX_FEE_BPS ? 0 : feeBps, "fee");
    }
}
