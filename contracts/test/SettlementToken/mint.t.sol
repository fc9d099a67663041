// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract MintTest is SpectrumFixture {
    function test_TreasuryMints() public {
        uint256 supply = token.totalSupply();
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(0), erin, 5e6);
        vm.prank(admin);
        token.mint(erin, 5e6);
        assertEq(token.balanceOf(erin), 5e6, "balance");
        assertEq(token.totalSupply(), supply + 5e6, "supply");
    }

    function test_HasSixDecimals() public view {
        assertEq(token.decimals(), 6, "decimals");
        assertEq(token.name(), "SpectrumLedger Settlement Token", "name");
        assertEq(token.symbol(), "SLT", "symbol");
    }

    function test_RevertWhen_CallerIsNotTreasury() public {
        bytes32 role = token.TREASURY_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, carol, role));
        vm.prank(carol);
        token.mint(carol, 1);
    }
}
