// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract BurnTest is SpectrumFixture {
    function test_TreasuryBurnsItsOwnTokens() public {
        vm.startPrank(admin);
        token.mint(admin, 10e6);
        token.burn(4e6);
        vm.stopPrank();
        assertEq(token.balanceOf(admin), 6e6, "balance");
    }

    function test_RevertWhen_BurningMoreThanHeld() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, admin, 0, 1));
        vm.prank(admin);
        token.burn(1);
    }

    function test_RevertWhen_CallerIsNotTreasury() public {
        bytes32 role = token.TREASURY_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, carol, role));
        vm.prank(carol);
        token.burn(1);
    }
}
