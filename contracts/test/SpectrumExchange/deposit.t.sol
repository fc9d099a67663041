// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract DepositTest is SpectrumFixture {
    function _mintAndApprove(address who, uint256 amount) internal {
        vm.prank(admin);
        token.mint(who, amount);
        vm.prank(who);
        token.approve(address(exchange), amount);
    }

    function test_CreditsEscrowAndTakesTheTokens() public {
        _mintAndApprove(alice, 300e6);
        uint256 balance = token.balanceOf(address(exchange));
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.Deposited(alice, 100e6, 100e6);
        vm.prank(alice);
        exchange.deposit(100e6);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.Deposited(alice, 200e6, 300e6);
        vm.prank(alice);
        exchange.deposit(200e6);
        assertEq(exchange.escrowOf(alice), 300e6, "escrow");
        assertEq(token.balanceOf(alice), 0, "wallet");
        assertEq(token.balanceOf(address(exchange)), balance + 300e6, "exchange balance");
    }

    function test_AcceptsAnyAddress() public {
        // Escrow is plain money: registration is checked when an order settles, not here.
        _mintAndApprove(erin, 1e6);
        vm.prank(erin);
        exchange.deposit(1e6);
        assertEq(exchange.escrowOf(erin), 1e6, "escrow");
    }

    function test_RevertWhen_AmountIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeInvalidAmount.selector, 0));
        vm.prank(carol);
        exchange.deposit(0);
    }

    function test_RevertWhen_EscrowWouldPass96Bits() public {
        uint256 room = type(uint96).max - exchange.escrowOf(carol);
        _mintAndApprove(carol, room + 1);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeInvalidAmount.selector, room + 1));
        vm.prank(carol);
        exchange.deposit(room + 1);
        vm.prank(carol);
        exchange.deposit(room);
        assertEq(exchange.escrowOf(carol), type(uint96).max, "escrow full");
    }

    /// @notice The amount set aside for a withdrawal counts too: a cancelled withdrawal brings it
    /// back into the free escrow, which must still fit.
    function test_RevertWhen_EscrowAndTheAmountSetAsideWouldPass96Bits() public {
        vm.prank(carol);
        exchange.requestWithdrawal(FUNDS);
        uint256 room = type(uint96).max - FUNDS;
        _mintAndApprove(carol, room + 1);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeInvalidAmount.selector, room + 1));
        vm.prank(carol);
        exchange.deposit(room + 1);
    }

    function test_RevertWhen_AllowanceIsShort() public {
        _mintAndApprove(alice, 10e6);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(exchange), 10e6, 10e6 + 1)
        );
        vm.prank(alice);
        exchange.deposit(10e6 + 1);
        assertEq(exchange.escrowOf(alice), 0, "escrow");
    }

    function testFuzz_CreditsExactlyTheAmount(uint256 amount) public {
        amount = bound(amount, 1, type(uint96).max - FUNDS);
        _mintAndApprove(carol, amount);
        uint256 balance = token.balanceOf(address(exchange));
        vm.prank(carol);
        exchange.deposit(amount);
        assertEq(exchange.escrowOf(carol), FUNDS + amount, "escrow");
        assertEq(token.balanceOf(address(exchange)), balance + amount, "exchange balance");
    }
}
