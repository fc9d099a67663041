// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ISpectrumPolicy, ProtectionZone} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract AddProtectionZoneTest is SpectrumFixture {
    function test_AddsZonesWithIncreasingIds() public {
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.ProtectionZoneAdded(BAND, CELL, 1, SLOT_START, SLOT_END);
        vm.prank(admin);
        uint64 first = policy.addProtectionZone(BAND, CELL, SLOT_START, SLOT_END);
        vm.prank(admin);
        uint64 second = policy.addProtectionZone(SENSED_BAND, OTHER_CELL, SLOT_END, SLOT_END + 1);
        vm.prank(admin);
        uint64 third = policy.addProtectionZone(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        assertEq(first, 1, "first id");
        assertEq(second, 2, "ids are global");
        assertEq(third, 3, "third id");
        ProtectionZone[] memory zones = policy.protectionZones(BAND, CELL);
        assertEq(zones.length, 2, "zones of the cell");
        assertEq(zones[0].id, 1, "zone 1");
        assertEq(zones[0].from, SLOT_START, "from");
        assertEq(zones[0].until, SLOT_END, "until");
        assertEq(zones[1].id, 3, "zone 3");
    }

    function test_AddsAZoneForAllCells() public {
        uint64 allCells = policy.ALL_CELLS();
        vm.prank(admin);
        uint64 id = policy.addProtectionZone(BAND, allCells, SLOT_START, SLOT_END);
        assertEq(policy.protectionZones(BAND, allCells)[0].id, id, "stored under ALL_CELLS");
        assertEq(policy.protectionZones(BAND, CELL).length, 0, "not copied to each cell");
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyMarketProtected.selector, BAND, OTHER_CELL, id, SLOT_START, SLOT_END
            )
        );
        policy.requireTradable(BAND, OTHER_CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_CellHasTheMaximumOfZones() public {
        uint256 max = policy.MAX_ZONES_PER_CELL();
        vm.startPrank(admin);
        for (uint256 i; i < max; ++i) {
            policy.addProtectionZone(BAND, CELL, uint64(T0 + i), uint64(T0 + i + 1));
        }
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyTooManyZones.selector, BAND, CELL, max));
        policy.addProtectionZone(BAND, CELL, SLOT_START, SLOT_END);
        // Another cell, and the same cell once a zone is lifted, still take zones.
        policy.addProtectionZone(BAND, OTHER_CELL, SLOT_START, SLOT_END);
        policy.removeProtectionZone(BAND, CELL, 1);
        policy.addProtectionZone(BAND, CELL, SLOT_START, SLOT_END);
        vm.stopPrank();
        assertEq(policy.protectionZones(BAND, CELL).length, max, "full again");
    }

    function test_RevertWhen_BandIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownBand.selector, 99));
        vm.prank(admin);
        policy.addProtectionZone(99, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_RangeIsEmpty() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyInvalidTimeRange.selector, SLOT_START, SLOT_START)
        );
        vm.prank(admin);
        policy.addProtectionZone(BAND, CELL, SLOT_START, SLOT_START);
    }

    function test_RevertWhen_CallerIsNotRegulator() public {
        bytes32 role = policy.REGULATOR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, sensor, role));
        vm.prank(sensor);
        policy.addProtectionZone(BAND, CELL, SLOT_START, SLOT_END);
    }
}
