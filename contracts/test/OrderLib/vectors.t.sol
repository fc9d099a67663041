// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {Order, OrderLib, Side} from "../../src/libraries/OrderLib.sol";
import {SettlementToken} from "../../src/SettlementToken.sol";
import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {Deployments} from "../utils/Deployments.sol";
import {SpectrumPolicy} from "../../src/SpectrumPolicy.sol";
import {Test} from "../utils/Test.sol";

/// @dev Exposes OrderLib's struct hash.
contract VectorsHarness {
    function hashOrder(Order memory order) external pure returns (bytes32) {
        return OrderLib.hash(order);
    }
}

/// @notice The EIP-712 vectors in test/vectors/eip712-orders.json, written by the Java client, hash
/// and recover the same here: OrderLib's struct hash, the exchange's digest at the vectors' address
/// and chain id, and ecrecover of the Java signature.
contract OrderLibVectorsTest is Test {
    string internal constant FILE = "test/vectors/eip712-orders.json";
    uint256 internal constant VECTORS = 6;

    function test_JavaVectorsMatchTheContract() public {
        string memory json = vm.readFile(FILE);
        address verifyingContract = vm.parseJsonAddress(json, ".verifyingContract");
        uint256 chainId = vm.parseJsonUint(json, ".chainId");
        bytes32 separator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("SpectrumLedger Exchange"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        assertEq(separator, vm.parseJsonBytes32(json, ".domainSeparator"), "domain separator");

        // The real exchange's code at the vectors' address, on their chain.
        SpectrumPolicy policy = new SpectrumPolicy(address(this));
        SettlementToken token = new SettlementToken("T", "T", address(this));
        ISpectrumExchange exchange = Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), 60);
        vm.etch(verifyingContract, address(exchange).code);
        vm.chainId(chainId);
        VectorsHarness harness = new VectorsHarness();

        for (uint256 i; i < VECTORS; ++i) {
            _check(
                json,
                string.concat(".vectors[", vm.toString(i), "]"),
                separator,
                ISpectrumExchange(verifyingContract),
                harness
            );
        }
    }

    function _check(
        string memory json,
        string memory p,
        bytes32 separator,
        ISpectrumExchange exchange,
        VectorsHarness harness
    ) internal view {
        Order memory o = _order(json, p);
        bytes32 structHash = harness.hashOrder(o);
        assertEq(structHash, vm.parseJsonBytes32(json, string.concat(p, ".structHash")), "struct hash");
        bytes32 digest = exchange.hashOrder(o);
        assertEq(digest, vm.parseJsonBytes32(json, string.concat(p, ".digest")), "digest");
        assertEq(digest, keccak256(abi.encodePacked(hex"1901", separator, structHash)), "digest by hand");
        bytes memory sig = vm.parseJsonBytes(json, string.concat(p, ".signature"));
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
            v := byte(0, mload(add(sig, 0x60)))
        }
        assertEq(ecrecover(digest, v, r, s), o.maker, "signer");
    }

    function _order(string memory json, string memory p) internal pure returns (Order memory o) {
        o.maker = vm.parseJsonAddress(json, string.concat(p, ".maker"));
        o.side = Side(uint8(vm.parseJsonUint(json, string.concat(p, ".side"))));
        o.band = uint32(vm.parseJsonUint(json, string.concat(p, ".band")));
        o.cell = uint64(vm.parseJsonUint(json, string.concat(p, ".cell")));
        o.slotStart = uint64(vm.parseJsonUint(json, string.concat(p, ".slotStart")));
        o.slotEnd = uint64(vm.parseJsonUint(json, string.concat(p, ".slotEnd")));
        o.quantity = uint64(vm.parseJsonUint(json, string.concat(p, ".quantity")));
        o.limitPrice = uint128(vm.parseJsonUint(json, string.concat(p, ".limitPrice")));
        o.nonce = uint64(vm.parseJsonUint(json, string.concat(p, ".nonce")));
        o.validUntil = uint64(vm.parseJsonUint(json, string.concat(p, ".validUntil")));
        o.partialFill = vm.parseJsonBool(json, string.concat(p, ".partialFill"));
    }
}
