// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract PermitTest is SpectrumFixture {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    function _digest(address owner, address spender, uint256 value, uint256 deadline) internal view returns (bytes32) {
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, token.nonces(owner), deadline));
        return keccak256(abi.encodePacked(hex"1901", token.DOMAIN_SEPARATOR(), structHash));
    }

    function test_ApprovesBySignature() public {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_KEY, _digest(alice, address(exchange), 7e6, T0));
        token.permit(alice, address(exchange), 7e6, T0, v, r, s);
        assertEq(token.allowance(alice, address(exchange)), 7e6, "allowance");
        assertEq(token.nonces(alice), 1, "nonce");
    }

    function test_RevertWhen_Expired() public {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_KEY, _digest(alice, address(exchange), 7e6, T0 - 1));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, T0 - 1));
        token.permit(alice, address(exchange), 7e6, T0 - 1, v, r, s);
    }

    function test_RevertWhen_SignedByAnotherKey() public {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(BOB_KEY, _digest(alice, address(exchange), 7e6, T0));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, bob, alice));
        token.permit(alice, address(exchange), 7e6, T0, v, r, s);
    }
}
