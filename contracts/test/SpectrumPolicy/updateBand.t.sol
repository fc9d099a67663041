// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {BandInfo, ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract UpdateBandTest is SpectrumFixture {
    function test_ChangesSensingAndActivity() public {
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.BandUpdated(BAND, true, 60, false);
        vm.prank(admin);
        policy.updateBand(BAND, true, 60, false);
        BandInfo memory info = policy.bandInfo(BAND);
        assertTrue(info.sensingRequired, "sensing");
        assertEq(info.maxReportAge, 60, "max age");
        assertFalse(info.active, "inactive");
        assertEq(info.lowKHz, 2_110_000, "edges kept");
    }

    function test_RequiresSensingFromNowOn() public {
        vm.prank(admin);
        policy.updateBand(BAND, true, 60, true);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicySensingReportMissing.selector, BAND, CELL));
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_ReactivatesABand() public {
        vm.startPrank(admin);
        policy.updateBand(BAND, false, 0, false);
        policy.updateBand(BAND, false, 0, true);
        vm.stopPrank();
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_BandIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownBand.selector, 99));
        vm.prank(admin);
        policy.updateBand(99, false, 0, true);
    }

    function test_RevertWhen_CallerIsNotRegulator() public {
        bytes32 role = policy.REGULATOR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        vm.prank(alice);
        policy.updateBand(BAND, false, 0, false);
    }
}
