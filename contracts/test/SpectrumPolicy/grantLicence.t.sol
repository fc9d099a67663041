// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ISpectrumPolicy, Licence} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract GrantLicenceTest is SpectrumFixture {
    function test_SetsTheLicence() public {
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.LicenceGranted(carol, BAND, OTHER_CELL, 5000, SLOT_START, SLOT_END);
        vm.prank(admin);
        policy.grantLicence(carol, BAND, OTHER_CELL, 5000, SLOT_START, SLOT_END);
        Licence memory l = policy.licenceOf(carol, BAND, OTHER_CELL);
        assertEq(l.quantity, 5000, "quantity");
        assertEq(l.validFrom, SLOT_START, "from");
        assertEq(l.validUntil, SLOT_END, "until");
    }

    function test_ReplacesTheLicence() public {
        vm.prank(admin);
        policy.grantLicence(alice, BAND, CELL, 1000, SLOT_START, SLOT_END);
        assertEq(policy.licenceOf(alice, BAND, CELL).quantity, 1000, "replaced");
        (uint64 licence,) = policy.sellerLicence(alice, BAND, CELL, SLOT_START, SLOT_END);
        assertEq(licence, 1000, "seller licence");
    }

    function test_RevokesWithQuantityZeroWhateverTheRange() public {
        vm.prank(admin);
        policy.grantLicence(alice, BAND, CELL, 0, 9, 3);
        assertEq(policy.licenceOf(alice, BAND, CELL).quantity, 0, "revoked");
        (uint64 licence,) = policy.sellerLicence(alice, BAND, CELL, SLOT_START, SLOT_END);
        assertEq(licence, 0, "nothing to sell");
    }

    function test_RevertWhen_OperatorIsNotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorNotRegistered.selector, erin));
        vm.prank(admin);
        policy.grantLicence(erin, BAND, CELL, 1000, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_BandIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownBand.selector, 99));
        vm.prank(admin);
        policy.grantLicence(alice, 99, CELL, 1000, SLOT_START, SLOT_END);
    }

    function test_RevertWhen_RangeIsEmpty() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyInvalidTimeRange.selector, SLOT_START, SLOT_START)
        );
        vm.prank(admin);
        policy.grantLicence(alice, BAND, CELL, 1000, SLOT_START, SLOT_START);
    }

    function test_RevertWhen_RangeIsReversed() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyInvalidTimeRange.selector, SLOT_END, SLOT_START)
        );
        vm.prank(admin);
        policy.grantLicence(alice, BAND, CELL, 1000, SLOT_END, SLOT_START);
    }

    function test_RevertWhen_CallerIsNotRegulator() public {
        bytes32 role = policy.REGULATOR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        vm.prank(alice);
        policy.grantLicence(alice, BAND, CELL, type(uint64).max, SLOT_START, SLOT_END);
    }
}
