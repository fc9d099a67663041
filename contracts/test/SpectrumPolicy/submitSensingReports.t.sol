// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ISpectrumPolicy, SensingObservation, SensingReport} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract SubmitSensingReportsTest is SpectrumFixture {
    function _two() internal pure returns (SensingObservation[] memory o) {
        o = new SensingObservation[](2);
        o[0] = SensingObservation({band: SENSED_BAND, cell: CELL, idle: true});
        o[1] = SensingObservation({band: SENSED_BAND, cell: OTHER_CELL, idle: false});
    }

    function test_RecordsEachVerdict() public {
        vm.warp(T0 + 7);
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.SensingReported(SENSED_BAND, CELL, sensor, true);
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.SensingReported(SENSED_BAND, OTHER_CELL, sensor, false);
        vm.prank(sensor);
        policy.submitSensingReports(_two());
        SensingReport memory idle = policy.sensingReport(SENSED_BAND, CELL);
        SensingReport memory busy = policy.sensingReport(SENSED_BAND, OTHER_CELL);
        assertEq(idle.idleAt, T0 + 7, "idleAt");
        assertEq(idle.busyAt, 0, "no busy verdict");
        assertEq(busy.busyAt, T0 + 7, "busyAt");
        assertEq(busy.idleAt, 0, "never idle");
        assertEq(busy.busySensor, sensor, "who may lift it");
    }

    function test_TheBusySensorLiftsItsOwnVerdict() public {
        _report(SENSED_BAND, CELL, false);
        vm.warp(T0 + 60);
        _report(SENSED_BAND, CELL, true);
        SensingReport memory r = policy.sensingReport(SENSED_BAND, CELL);
        assertEq(r.idleAt, T0 + 60, "idleAt");
        assertEq(r.busyAt, 0, "lifted");
        assertEq(r.busySensor, address(0), "nobody to lift it");
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_AcceptsTheMaximumOfReports() public {
        SensingObservation[] memory o = new SensingObservation[](policy.MAX_REPORTS());
        for (uint256 i; i < o.length; ++i) {
            o[i] = SensingObservation({band: SENSED_BAND, cell: uint64(i), idle: true});
        }
        vm.prank(sensor);
        policy.submitSensingReports(o);
        assertEq(policy.sensingReport(SENSED_BAND, 255).idleAt, T0, "last");
    }

    function test_RevertWhen_TooManyReports() public {
        SensingObservation[] memory o = new SensingObservation[](257);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyTooManyItems.selector, 257, 256));
        vm.prank(sensor);
        policy.submitSensingReports(o);
    }

    function test_RevertWhen_BandIsUnknown() public {
        SensingObservation[] memory o = _two();
        o[1].band = 99;
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownBand.selector, 99));
        vm.prank(sensor);
        policy.submitSensingReports(o);
        assertEq(policy.sensingReport(SENSED_BAND, CELL).idleAt, 0, "nothing recorded");
    }

    function test_RevertWhen_CallerIsNotSensor() public {
        bytes32 role = policy.SENSOR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role));
        vm.prank(admin);
        policy.submitSensingReports(_two());
    }
}
