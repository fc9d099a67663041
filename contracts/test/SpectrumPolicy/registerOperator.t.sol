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

    /// @dev The exchange keeps the positions of operators registered one after the other in one
    /// storage word, by this index: each gets its own, in the order of registration, kept through
    /// a suspension, and a refused registration takes none.
    function test_GivesEachOperatorTheNextIndex() public {
        uint32 next = policy.operatorCount();
        (bool registered, uint32 aliceIndex) = policy.operatorIndex(alice);
        assertTrue(registered, "alice registered");
        assertEq(aliceIndex, 0, "the fixture registers alice first");
        (registered,) = policy.operatorIndex(erin);
        assertFalse(registered, "erin not yet");
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorAlreadyRegistered.selector, alice));
        policy.registerOperator(alice, OperatorKind.LocalOperator, "again");
        policy.registerOperator(erin, OperatorKind.MicroOperator, "Erin Stadium");
        policy.registerOperator(stranger, OperatorKind.LocalOperator, "Stranger Harbour");
        policy.setOperatorSuspended(erin, true);
        vm.stopPrank();
        assertEq(policy.operatorInfo(erin).index, next, "erin: the next index");
        assertEq(policy.operatorInfo(stranger).index, next + 1, "the one after");
        (registered, aliceIndex) = policy.operatorIndex(erin);
        assertTrue(registered, "a suspended operator stays registered");
        assertEq(aliceIndex, next, "and keeps its index");
        assertEq(policy.requireActiveOperator(stranger), next + 1, "requireActiveOperator returns it");
        assertEq(policy.operatorCount(), next + 2, "two more");
    }

    function test_RevertWhen_AlreadyRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorAlreadyRegistered.selector, alice));
        vm.prank(admin);
        policy.registerOperator(alice, OperatorKind.LocalOperator, "again");
        assertEq(policy.operatorInfo(alice).name, "Alice Mobile", "name kept");
    }

    /// @dev A careless regulator's zero address: a signature that recovers no one would be its.
    function test_RevertWhen_OperatorIsTheZeroAddress() public {
        uint32 count = policy.operatorCount();
        vm.expectRevert(ISpectrumPolicyErrors.PolicyZeroOperator.selector);
        vm.prank(admin);
        policy.registerOperator(address(0), OperatorKind.LocalOperator, "zero");
        assertEq(policy.operatorCount(), count, "no index taken");
    }

    function test_RevertWhen_CallerIsNotRegulator() public {
        bytes32 role = policy.REGULATOR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, broker, role));
        vm.prank(broker);
        policy.registerOperator(erin, OperatorKind.MicroOperator, "Erin");
    }
}
