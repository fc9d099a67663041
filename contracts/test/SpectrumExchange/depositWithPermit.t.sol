// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Deposits authorised by an ERC-2612 permit signed off-chain instead of an approval.
contract DepositWithPermitTest is SpectrumFixture {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    uint256 internal constant AMOUNT = 250e6;

    function setUp() public override {
        super.setUp();
        vm.prank(admin);
        token.mint(alice, AMOUNT);
    }

    /// @dev The token's EIP-712 digest of a permit, built from the ERC-2612 type string.
    function _permitDigest(address owner, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256("SpectrumLedger Settlement Token"),
                keccak256("1"),
                block.chainid,
                address(token)
            )
        );
        assertEq(domain, token.DOMAIN_SEPARATOR(), "token domain");
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }

    function _signPermit(uint256 key, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        address owner = vm.addr(key);
        return vm.sign(key, _permitDigest(owner, address(exchange), value, token.nonces(owner), deadline));
    }

    function test_DepositsWithoutAPriorApproval() public {
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, AMOUNT, T0 + 1 hours);
        vm.expectEmit(address(exchange));
        emit ISpectrumExchange.Deposited(alice, AMOUNT, AMOUNT);
        vm.prank(alice);
        exchange.depositWithPermit(AMOUNT, T0 + 1 hours, v, r, s);
        assertEq(exchange.escrowOf(alice), AMOUNT, "escrow");
        assertEq(token.balanceOf(alice), 0, "wallet");
        assertEq(token.nonces(alice), 1, "permit used");
        assertEq(token.allowance(alice, address(exchange)), 0, "allowance spent");
    }

    /// @dev Someone who saw the permit in the mempool submits it first; the deposit still goes through.
    function test_DepositsWhenThePermitWasFrontRun() public {
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, AMOUNT, T0 + 1 hours);
        vm.prank(stranger);
        token.permit(alice, address(exchange), AMOUNT, T0 + 1 hours, v, r, s);
        vm.prank(alice);
        exchange.depositWithPermit(AMOUNT, T0 + 1 hours, v, r, s);
        assertEq(exchange.escrowOf(alice), AMOUNT, "escrow");
    }

    function test_RevertWhen_PermitIsExpiredAndNoAllowance() public {
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, AMOUNT, T0 - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(exchange), 0, AMOUNT)
        );
        vm.prank(alice);
        exchange.depositWithPermit(AMOUNT, T0 - 1, v, r, s);
    }

    function test_RevertWhen_PermitIsSignedByAnotherKey() public {
        // Bob signs a permit over alice's tokens: the permit fails, so nothing is approved.
        address owner = alice;
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(BOB_KEY, _permitDigest(owner, address(exchange), AMOUNT, token.nonces(owner), T0 + 1 hours));
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(exchange), 0, AMOUNT)
        );
        vm.prank(alice);
        exchange.depositWithPermit(AMOUNT, T0 + 1 hours, v, r, s);
        assertEq(token.nonces(alice), 0, "no permit used");
    }

    function test_RevertWhen_AmountIsZero() public {
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ALICE_KEY, 0, T0 + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeInvalidAmount.selector, 0));
        vm.prank(alice);
        exchange.depositWithPermit(0, T0 + 1 hours, v, r, s);
    }
}
