// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumPolicy, SensingObservation} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Whether a market may trade: band active, slot on the grid, no overlapping protection
/// zone in the cell or in ALL_CELLS, and, for a sensed band, an idle verdict that speaks for the
/// slot and no busy verdict covering its start.
contract RequireTradableTest is SpectrumFixture {
    function _zone(uint64 cell, uint64 from, uint64 until) internal returns (uint64 id) {
        vm.prank(admin);
        id = policy.addProtectionZone(BAND, cell, from, until);
    }

    function test_PassesAPlainBandWithoutZones() public view {
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_BandIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownBand.selector, 99));
        policy.requireTradable(99, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_BandIsInactive() public {
        vm.prank(admin);
        policy.updateBand(BAND, false, 0, false);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownBand.selector, BAND));
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_ZoneOverlapsTheSlotStart() public {
        uint64 id = _zone(CELL, SLOT_START - 1, SLOT_START + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyMarketProtected.selector, BAND, CELL, id, SLOT_START - 1, SLOT_START + 1
            )
        );
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_ZoneOverlapsTheSlotEnd() public {
        uint64 id = _zone(CELL, SLOT_END - 1, SLOT_END + 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyMarketProtected.selector, BAND, CELL, id, SLOT_END - 1, SLOT_END + 1 hours
            )
        );
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_ZoneLiesInsideTheSlot() public {
        uint64 id = _zone(CELL, SLOT_START + 10, SLOT_START + 20);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyMarketProtected.selector, BAND, CELL, id, SLOT_START + 10, SLOT_START + 20
            )
        );
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_AllCellsZoneOverlaps() public {
        uint64 id = _zone(type(uint64).max, uint64(T0), uint64(T0 + 365 days));
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyMarketProtected.selector,
                BAND,
                OTHER_CELL,
                id,
                uint64(T0),
                uint64(T0 + 365 days)
            )
        );
        policy.requireTradable(BAND, OTHER_CELL, SLOT_START, SLOT_END);
    }

    function test_PassesZonesThatOnlyTouchTheSlot() public {
        _zone(CELL, uint64(T0), SLOT_START);
        _zone(CELL, SLOT_END, SLOT_END + 1 hours);
        _zone(type(uint64).max, SLOT_END, SLOT_END + 1);
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_PassesZonesOfOtherCellsAndBands() public {
        _zone(OTHER_CELL, SLOT_START, SLOT_END);
        vm.prank(admin);
        policy.addProtectionZone(SENSED_BAND, type(uint64).max, SLOT_START, SLOT_END);
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }

    function testFuzz_ProtectsExactlyOverlappingSlots(uint64 from, uint64 until, uint64 slotStart, uint64 slotEnd)
        public
    {
        from = uint64(bound(from, 0, type(uint64).max - 1));
        until = uint64(bound(until, from + 1, type(uint64).max));
        slotStart = uint64(bound(slotStart, 0, type(uint64).max / GRID - 1)) * GRID;
        slotEnd = slotStart + GRID;
        uint64 id = _zone(CELL, from, until);
        if (from < slotEnd && slotStart < until) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ISpectrumPolicyErrors.PolicyMarketProtected.selector, BAND, CELL, id, from, until
                )
            );
        }
        policy.requireTradable(BAND, CELL, slotStart, slotEnd);
    }

    // ---------------------------------------------------------------- sensing

    function test_RevertWhen_SensedBandHasNoReport() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicySensingReportMissing.selector, SENSED_BAND, CELL)
        );
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_PassesAnIdleReportWhileItSpeaksForTheSlot() public {
        _report(SENSED_BAND, CELL, true);
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);
        vm.warp(T0 + MAX_REPORT_AGE - 1);
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_ReportIsOneSecondTooOldAtSettlement() public {
        _report(SENSED_BAND, CELL, true);
        uint64 late = uint64(T0) + MAX_REPORT_AGE;
        vm.warp(late);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicySensingReportStale.selector,
                SENSED_BAND,
                CELL,
                uint64(T0),
                MAX_REPORT_AGE,
                late
            )
        );
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);
    }

    /// @notice A verdict is judged against the slot: a report made now does not speak for a slot
    /// that starts after it lapses, however fresh it is at settlement.
    function test_RevertWhen_TheSlotStartsAfterTheReportLapses() public {
        _report(SENSED_BAND, CELL, true);
        uint64 start = uint64(T0) + MAX_REPORT_AGE;
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicySensingReportStale.selector,
                SENSED_BAND,
                CELL,
                uint64(T0),
                MAX_REPORT_AGE,
                start
            )
        );
        policy.requireTradable(SENSED_BAND, CELL, start, start + GRID);
        policy.requireTradable(SENSED_BAND, CELL, start - GRID, start);
    }

    function test_RevertWhen_ReportFoundThePrimaryUser() public {
        _report(SENSED_BAND, CELL, false);
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyBandBusy.selector, SENSED_BAND, CELL, uint64(T0))
        );
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);
    }

    /// @notice Attack: a second sensor's idle report silenced another's busy verdict in the same
    /// block. The busy verdict stands until its own sensor lifts it or it lapses.
    function test_AnotherSensorsIdleReportDoesNotLiftABusyVerdict() public {
        address second = _secondSensor();
        _report(SENSED_BAND, CELL, false);
        _reportAs(second, SENSED_BAND, CELL, true);
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyBandBusy.selector, SENSED_BAND, CELL, uint64(T0))
        );
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);

        _report(SENSED_BAND, CELL, true); // the sensor that saw the primary user lifts its verdict
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);
    }

    /// @notice Two sensors reporting busy: neither lifts it alone; it lapses with its age.
    function test_ABusyVerdictOfTwoSensorsOnlyLapses() public {
        address second = _secondSensor();
        _report(SENSED_BAND, CELL, false);
        vm.warp(T0 + 60);
        _reportAs(second, SENSED_BAND, CELL, false);
        _report(SENSED_BAND, CELL, true);
        _reportAs(second, SENSED_BAND, CELL, true);
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyBandBusy.selector, SENSED_BAND, CELL, uint64(T0 + 60))
        );
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);
        // A slot that starts once the verdict has lapsed, spoken for by a later idle report.
        uint64 start = uint64(T0) + 3 hours;
        vm.warp(start - 1 hours);
        _report(SENSED_BAND, CELL, true);
        policy.requireTradable(SENSED_BAND, CELL, start, start + GRID);
    }

    function _secondSensor() internal returns (address second) {
        second = _makeAddr("second sensor");
        vm.startPrank(admin);
        policy.grantRole(policy.SENSOR_ROLE(), second);
        vm.stopPrank();
    }

    function _reportAs(address who, uint32 band, uint64 cell, bool idle) internal {
        SensingObservation[] memory o = new SensingObservation[](1);
        o[0] = SensingObservation({band: band, cell: cell, idle: idle});
        vm.prank(who);
        policy.submitSensingReports(o);
    }

    function test_RevertWhen_SensedBandIsProtected() public {
        // Protection is checked before sensing: an idle report does not lift a zone.
        _report(SENSED_BAND, CELL, true);
        vm.prank(admin);
        uint64 id = policy.addProtectionZone(SENSED_BAND, CELL, SLOT_START, SLOT_END);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyMarketProtected.selector, SENSED_BAND, CELL, id, SLOT_START, SLOT_END
            )
        );
        policy.requireTradable(SENSED_BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_IgnoresReportsOnAPlainBand() public {
        _report(BAND, CELL, false);
        policy.requireTradable(BAND, CELL, SLOT_START, SLOT_END);
    }
}
