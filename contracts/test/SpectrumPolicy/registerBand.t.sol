// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {BandInfo, ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract RegisterBandTest is SpectrumFixture {
    uint32 internal constant N78 = 78;

    function test_RegistersAnActiveBand() public {
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.BandRegistered(N78, 3_300_000, 3_800_000, true, 300, 60);
        vm.prank(admin);
        policy.registerBand(N78, 3_300_000, 3_800_000, true, 300, 60);
        BandInfo memory info = policy.bandInfo(N78);
        assertEq(info.lowKHz, 3_300_000, "low");
        assertEq(info.highKHz, 3_800_000, "high");
        assertTrue(info.sensingRequired, "sensing");
        assertEq(info.maxReportAge, 300, "max age");
        assertTrue(info.active, "active");
        assertEq(policy.slotGrid(N78).slotSeconds, 60, "grid");
    }

    /// @notice Attack: a band without a grid let overlapping markets each sell the full licence.
    function test_RevertWhen_TheBandHasNoGrid() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyInvalidSlotGrid.selector, N78, 0));
        vm.prank(admin);
        policy.registerBand(N78, 3_300_000, 3_800_000, false, 0, 0);
    }

    function test_RegistersBandZero() public {
        vm.prank(admin);
        policy.registerBand(0, 1, 2, false, 0, GRID);
        assertTrue(policy.bandInfo(0).active, "band 0");
        policy.requireTradable(0, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_BandIsRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyBandAlreadyRegistered.selector, BAND));
        vm.prank(admin);
        policy.registerBand(BAND, 1, 2, true, 1, GRID);
        assertFalse(policy.bandInfo(BAND).sensingRequired, "unchanged");
    }

    function test_RevertWhen_RangeIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyInvalidBandRange.selector, 5, 5));
        vm.prank(admin);
        policy.registerBand(N78, 5, 5, false, 0, GRID);
    }

    function test_RevertWhen_RangeIsReversed() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyInvalidBandRange.selector, 6, 5));
        vm.prank(admin);
        policy.registerBand(N78, 6, 5, false, 0, GRID);
    }

    function test_RevertWhen_CallerIsNotRegulator() public {
        bytes32 role = policy.REGULATOR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, sensor, role));
        vm.prank(sensor);
        policy.registerBand(N78, 1, 2, false, 0, GRID);
    }
}
