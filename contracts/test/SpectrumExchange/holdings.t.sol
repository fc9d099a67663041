// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract HoldingsTest is SpectrumFixture {
    function _holdings(address who) internal view returns (uint64) {
        return exchange.holdings(who, BAND, CELL, SLOT_START, SLOT_END);
    }

    function test_CountsUnsoldLicenceAndLeases() public {
        assertEq(_holdings(alice), LICENCE, "licence");
        assertEq(_holdings(carol), 0, "nothing");
        _fund(alice, FUNDS);
        _settlePair(1, PRICE, _fill(_bid(alice, 1000, PRICE, 1)), _fill(_ask(bob, 1000, PRICE, 1)));
        assertEq(_holdings(alice), LICENCE + 1000, "licence and lease");
        assertEq(_holdings(bob), LICENCE - 1000, "licence sold");
    }

    function test_DropsToLeasesWhenTheLicenceIsRevoked() public {
        _fund(alice, FUNDS);
        _settlePair(1, PRICE, _fill(_bid(alice, 1000, PRICE, 1)), _fill(_ask(bob, 1000, PRICE, 1)));
        vm.prank(admin);
        policy.grantLicence(alice, BAND, CELL, 0, 0, 0);
        assertEq(_holdings(alice), 1000, "leases only");
    }

    function test_NeverGoesNegativeWhenTheLicenceShrinks() public {
        _settlePair(1, PRICE, _fill(_bid(carol, 5000, PRICE, 1)), _fill(_ask(bob, 5000, PRICE, 1)));
        vm.prank(admin);
        policy.grantLicence(bob, BAND, CELL, 3000, uint64(T0), uint64(T0 + 30 days));
        assertEq(_holdings(bob), 0, "sold more than the new licence");
    }

    function test_RevertWhen_OperatorIsNotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorNotRegistered.selector, erin));
        exchange.holdings(erin, BAND, CELL, SLOT_START, SLOT_END);
    }
}
