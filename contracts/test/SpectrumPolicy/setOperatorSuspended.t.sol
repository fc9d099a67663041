// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract SetOperatorSuspendedTest is SpectrumFixture {
    function test_SuspendsAndReinstates() public {
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.OperatorSuspensionChanged(carol, true);
        vm.prank(admin);
        policy.setOperatorSuspended(carol, true);
        assertTrue(policy.operatorInfo(carol).suspended, "suspended");
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorSuspended.selector, carol));
        policy.requireActiveOperator(carol);

        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.OperatorSuspensionChanged(carol, false);
        vm.prank(admin);
        policy.setOperatorSuspended(carol, false);
        assertFalse(policy.operatorInfo(carol).suspended, "reinstated");
        policy.requireActiveOperator(carol);
    }

    function test_ReinstatedOperatorTradesAgain() public {
        _suspend(carol);
        vm.prank(admin);
        policy.setOperatorSuspended(carol, false);
        _settlePair(1, PRICE, _fill(_bid(carol, 1000, PRICE, 1)), _fill(_ask(alice, 1000, PRICE, 1)));
        assertEq(exchange.balanceOf(carol, _id(_market())), 1000, "lease");
    }

    function test_RevertWhen_OperatorIsNotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorNotRegistered.selector, erin));
        vm.prank(admin);
        policy.setOperatorSuspended(erin, true);
    }

    function test_RevertWhen_CallerIsNotRegulator() public {
        bytes32 role = policy.REGULATOR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, carol, role));
        vm.prank(carol);
        policy.setOperatorSuspended(alice, true);
    }
}
