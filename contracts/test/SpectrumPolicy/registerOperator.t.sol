// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ISpectrumPolicy, OperatorInfo, OperatorKind} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract RegisterOperatorTest is SpectrumFixture {
    function test_RegistersTheOperator() public {
        vm.warp(T0 + 5);
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.OperatorRegistered(erin, OperatorKind.MicroOperator, "Erin Stadium");
        vm.prank(admin);
        policy.registerOperator(erin, OperatorKind.MicroOperator, "Erin Stadium");
        OperatorInfo memory info = policy.operatorInfo(erin);
        assertTrue(info.registered, "registered");
        assertFalse(info.suspended, "suspended");
        assertEq(uint256(info.kind), uint256(OperatorKind.MicroOperator), "kind");
        assertEq(info.registeredAt, T0 + 5, "registeredAt");
        assertEq(info.name, "Erin Stadium", "name");
        policy.requireActiveOperator(erin);
    }

    function test_RevertWhen_AlreadyRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorAlreadyRegistered.selector, alice));
        vm.prank(admin);
        policy.registerOperator(alice, OperatorKind.LocalOperator, "again");
        assertEq(policy.operatorInfo(alice).name, "Alice Mobile", "name kept");
    }

    function test_RevertWhen_CallerIsNotRegulator() public {
        bytes32 role = policy.REGULATOR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, broker, role));
        vm.prank(broker);
        policy.registerOperator(erin, OperatorKind.MicroOperator, "Erin");
    }
}
