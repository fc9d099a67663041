// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract SetApprovalForAllTest is SpectrumFixture {
    function test_RevertWhen_ApprovingAnOperator() public {
        vm.expectRevert(ISpectrumExchange.LeaseNotTransferable.selector);
        vm.prank(carol);
        exchange.setApprovalForAll(dave, true);
    }

    function test_RevertWhen_RevokingAnOperator() public {
        vm.expectRevert(ISpectrumExchange.LeaseNotTransferable.selector);
        vm.prank(carol);
        exchange.setApprovalForAll(dave, false);
    }

    function testFuzz_NoOneIsEverApproved(address owner, address operator) public view {
        assertFalse(exchange.isApprovedForAll(owner, operator), "approved");
    }
}
