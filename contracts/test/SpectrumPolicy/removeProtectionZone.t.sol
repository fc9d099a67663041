// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ISpectrumPolicy, ProtectionZone} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract RemoveProtectionZoneTest is SpectrumFixture {
    uint64[3] internal ids;

    function setUp() public override {
        super.setUp();
        vm.startPrank(admin);
        ids[0] = policy.addProtectionZone(BAND, CELL, uint64(T0), uint64(T0 + 10));
        ids[1] = policy.addProtectionZone(BAND, CELL, SLOT_START, SLOT_END);
        ids[2] = policy.addProtectionZone(BAND, CELL, uint64(T0 + 20), uint64(T0 + 30));
        vm.stopPrank();
    }

    function test_LiftsTheZoneAndKeepsTheOthers() public {
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.ProtectionZoneRemoved(BAND, CELL, ids[1]);
        vm.prank(admin);
        policy.removeProtectionZone(BAND, CELL, ids[1]);
        ProtectionZone[] memory zones = policy.protectionZones(BAND, CELL);
        assertEq(zones.length, 2, "two left");
        assertEq(zones[0].id, ids[0], "first kept");
        assertEq(zones[1].id, ids[2], "last moved into the gap");
        assertEq(zones[1].from, T0 + 20, "its from");
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_LiftsTheLastZone() public {
        vm.startPrank(admin);
        policy.removeProtectionZone(BAND, CELL, ids[2]);
        policy.removeProtectionZone(BAND, CELL, ids[0]);
        policy.removeProtectionZone(BAND, CELL, ids[1]);
        vm.stopPrank();
        assertEq(policy.protectionZones(BAND, CELL).length, 0, "none left");
    }

    function test_RevertWhen_ZoneIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownZone.selector, BAND, CELL, 99));
        vm.prank(admin);
        policy.removeProtectionZone(BAND, CELL, 99);
    }

    function test_RevertWhen_ZoneIsInAnotherCell() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownZone.selector, BAND, OTHER_CELL, ids[1])
        );
        vm.prank(admin);
        policy.removeProtectionZone(BAND, OTHER_CELL, ids[1]);
    }

    function test_RevertWhen_ZoneWasLifted() public {
        vm.prank(admin);
        policy.removeProtectionZone(BAND, CELL, ids[1]);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownZone.selector, BAND, CELL, ids[1]));
        vm.prank(admin);
        policy.removeProtectionZone(BAND, CELL, ids[1]);
    }

    function test_RevertWhen_CallerIsNotRegulator() public {
        bytes32 role = policy.REGULATOR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, broker, role));
        vm.prank(broker);
        policy.removeProtectionZone(BAND, CELL, ids[1]);
    }
}
