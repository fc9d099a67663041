// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SpectrumPolicy} from "../../src/SpectrumPolicy.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract PolicyConstructorTest is SpectrumFixture {
    function test_GivesTheAdminAdminAndRegulatorRoles() public {
        SpectrumPolicy fresh = new SpectrumPolicy(admin);
        assertTrue(fresh.hasRole(bytes32(0), admin), "admin");
        assertTrue(fresh.hasRole(fresh.REGULATOR_ROLE(), admin), "regulator");
        assertFalse(fresh.hasRole(fresh.BROKER_ROLE(), admin), "not a broker");
        assertFalse(fresh.hasRole(fresh.SENSOR_ROLE(), admin), "not a sensor");
        assertFalse(fresh.hasRole(bytes32(0), address(this)), "deployer has no role");
    }

    function test_NamesItsRolesAndLimits() public view {
        assertEq(policy.REGULATOR_ROLE(), keccak256("REGULATOR_ROLE"), "regulator");
        assertEq(policy.BROKER_ROLE(), keccak256("BROKER_ROLE"), "broker");
        assertEq(policy.SENSOR_ROLE(), keccak256("SENSOR_ROLE"), "sensor");
        assertEq(policy.MAX_ZONES_PER_CELL(), 16, "zones");
        assertEq(policy.MAX_REPORTS(), 256, "reports");
        assertEq(policy.ALL_CELLS(), type(uint64).max, "all cells");
    }

    function test_RevertWhen_NonAdminGrantsARole() public {
        bytes32 brokerRole = policy.BROKER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, broker, bytes32(0))
        );
        vm.prank(broker);
        policy.grantRole(brokerRole, stranger);
    }

    function test_AdminGrantsAndRevokesTheRegulatorRole() public {
        bytes32 regulatorRole = policy.REGULATOR_ROLE();
        vm.prank(admin);
        policy.grantRole(regulatorRole, stranger);
        vm.prank(stranger);
        policy.registerBand(66, 2_110_000, 2_200_000, false, 0, GRID);
        vm.prank(admin);
        policy.revokeRole(regulatorRole, stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, regulatorRole)
        );
        vm.prank(stranger);
        policy.registerBand(67, 1, 2, false, 0, GRID);
    }
}
