// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice An auction book's Merkle tree, built here independently of the court: leaves
/// `keccak256(bytes.concat(keccak256(abi.encode(orderHash, open, fill))))`, each level pairing
/// neighbours (a lone last node goes up as it is), pairs hashed in sorted order. The broker's Java
/// `AuctionBook` builds the same tree.
library BookTree {
    function leaf(bytes32 orderHash, uint64 open, uint64 fill) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(orderHash, open, fill))));
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            level = _up(level);
        }
        return level[0];
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory out) {
        bytes32[] memory path = new bytes32[](256);
        uint256 n;
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) path[n++] = level[sibling];
            level = _up(level);
            index >>= 1;
        }
        out = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            out[i] = path[i];
        }
    }

    function _up(bytes32[] memory level) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((level.length + 1) / 2);
        for (uint256 i; i < next.length; ++i) {
            uint256 l = 2 * i;
            next[i] = l + 1 < level.length ? _pair(level[l], level[l + 1]) : level[l];
        }
    }

    function _pair(bytes32 a, bytes32 b) private pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }
}
