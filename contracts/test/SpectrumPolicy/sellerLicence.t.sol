// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice A licence counts for a market only when its validity window covers the whole slot.
contract SellerLicenceTest is SpectrumFixture {
    uint64 internal constant FROM = uint64(T0 + 10 hours);
    uint64 internal constant UNTIL = uint64(T0 + 20 hours);

    function setUp() public override {
        super.setUp();
        vm.prank(admin);
        policy.grantLicence(bob, BAND, OTHER_CELL, 7000, FROM, UNTIL);
    }

    function _licence(uint64 slotStart, uint64 slotEnd) internal view returns (uint64) {
        (uint64 licence,) = policy.sellerLicence(bob, BAND, OTHER_CELL, slotStart, slotEnd);
        return licence;
    }

    function test_CountsASlotInsideTheWindow() public view {
        assertEq(_licence(FROM + 1 hours, FROM + 2 hours), 7000, "inside");
    }

    function test_CountsASlotOnTheWindowsEdges() public view {
        assertEq(_licence(FROM, FROM + 1 hours), 7000, "starts as the licence starts");
        assertEq(_licence(UNTIL - 1 hours, UNTIL), 7000, "ends as the licence ends");
        assertEq(_licence(FROM, UNTIL), 7000, "the whole window");
    }

    function test_IgnoresASlotStartingBeforeTheWindow() public view {
        assertEq(_licence(FROM - 1, FROM + 1 hours), 0, "starts a second early");
    }

    function test_IgnoresASlotEndingAfterTheWindow() public view {
        assertEq(_licence(UNTIL - 1 hours, UNTIL + 1), 0, "ends a second late");
    }

    function test_IgnoresAnotherCellOrBand() public view {
        (uint64 inAnotherCell,) = policy.sellerLicence(bob, BAND, CELL + 7, FROM, FROM + 1);
        (uint64 inAnotherBand,) = policy.sellerLicence(bob, SENSED_BAND, OTHER_CELL, FROM, FROM + 1);
        assertEq(inAnotherCell, 0, "cell");
        assertEq(inAnotherBand, 0, "band");
    }

    function test_ReturnsTheSellersIndexInTheOrderOfRegistration() public view {
        (, uint32 index) = policy.sellerLicence(bob, BAND, OTHER_CELL, FROM, UNTIL);
        (bool registered, uint32 registryIndex) = policy.operatorIndex(bob);
        assertTrue(registered, "registered");
        assertEq(index, registryIndex, "the registry's index");
        assertEq(index, policy.operatorInfo(bob).index, "the operator's entry");
    }

    function test_RevertWhen_SellerIsNotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorNotRegistered.selector, erin));
        policy.sellerLicence(erin, BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_SellerIsSuspended() public {
        _suspend(bob);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorSuspended.selector, bob));
        policy.sellerLicence(bob, BAND, OTHER_CELL, FROM, UNTIL);
    }

    function testFuzz_CountsExactlyTheCoveredSlots(uint64 slotStart, uint64 slotEnd) public view {
        uint64 expected = FROM <= slotStart && slotEnd <= UNTIL ? 7000 : 0;
        assertEq(_licence(slotStart, slotEnd), expected, "licence");
    }
}
