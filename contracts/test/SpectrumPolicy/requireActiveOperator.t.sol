// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract RequireActiveOperatorTest is SpectrumFixture {
    function test_PassesForARegisteredOperator() public view {
        policy.requireActiveOperator(alice);
        policy.requireActiveOperator(carol);
    }

    function test_RevertWhen_NotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorNotRegistered.selector, erin));
        policy.requireActiveOperator(erin);
    }

    function test_RevertWhen_Suspended() public {
        _suspend(dave);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorSuspended.selector, dave));
        policy.requireActiveOperator(dave);
    }
}
