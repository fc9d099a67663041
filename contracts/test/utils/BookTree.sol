// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {BookHeader, BookLeaf, ProvenLeaf} from "../../src/libraries/BookLib.sol";

/// @notice An auction book's positional Merkle tree, built here independently of the court: leaves
/// `keccak256(bytes.concat(keccak256(abi.encode(leaf))))`, padded with zero words to a power of two,
/// nodes `keccak256(abi.encode(left, right))`. The broker's Java `AuctionBook` builds the same tree.
library BookTree {
    function leafHash(BookLeaf memory l) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(l))));
    }

    /// @notice The header of a book of `leaves` whose first `filledBids` are the filled bids and next
    /// `filledAsks` the filled asks.
    function header(BookLeaf[] memory leaves, uint32 filledBids, uint32 filledAsks, uint128 tick)
        internal
        pure
        returns (BookHeader memory)
    {
        return BookHeader({
            tree: _levels(leaves)[0][0],
            filledBids: filledBids,
            filledAsks: filledAsks,
            leaves: uint32(leaves.length),
            tick: tick
        });
    }

    /// @notice The `bookRoot` a clearing carries for `h`.
    function root(BookHeader memory h) internal pure returns (bytes32) {
        return keccak256(abi.encode(h));
    }

    function prove(BookLeaf[] memory leaves, uint256 index) internal pure returns (ProvenLeaf memory p) {
        bytes32[][] memory levels = _levels(leaves);
        // levels run from the root (0) down to the leaves (last)
        uint256 depth = levels.length - 1;
        p.leaf = leaves[index];
        p.index = index;
        p.proof = new bytes32[](depth);
        uint256 at = index;
        for (uint256 i; i < depth; ++i) {
            p.proof[i] = levels[depth - i][at ^ 1];
            at >>= 1;
        }
    }

    function _levels(BookLeaf[] memory leaves) private pure returns (bytes32[][] memory levels) {
        uint256 width = 1;
        uint256 depth;
        while (width < leaves.length) {
            width <<= 1;
            ++depth;
        }
        levels = new bytes32[][](depth + 1);
        bytes32[] memory level = new bytes32[](width);
        for (uint256 i; i < leaves.length; ++i) {
            level[i] = leafHash(leaves[i]);
        }
        levels[depth] = level;
        for (uint256 d = depth; d > 0; --d) {
            bytes32[] memory up = new bytes32[](level.length / 2);
            for (uint256 i; i < up.length; ++i) {
                up[i] = keccak256(abi.encode(level[2 * i], level[2 * i + 1]));
            }
            levels[d - 1] = up;
            level = up;
        }
    }
}
