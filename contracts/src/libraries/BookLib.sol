// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice The header of an auction's book; its hash (`BookLib.root`) is the `bookRoot` every part
/// of the auction's clearing carries.
/// @param tree root of the positional Merkle tree over the leaves (see `BookLib.verify`)
/// @param filledBids leaves [0, filledBids) are the bids the auction fills, in priority order
/// @param filledAsks leaves [filledBids, filledBids + filledAsks) are the asks it fills, in priority
/// order
/// @param leaves how many leaves there are; after the filled ones come every other order accepted
/// into the market by the cut-off, in any order
/// @param tick the market's price step, in token base units per SRU
struct BookHeader {
    bytes32 tree;
    uint32 filledBids;
    uint32 filledAsks;
    uint32 leaves;
    uint128 tick;
}

/// @notice One order's leaf in an auction's book.
/// @param orderHash the order's EIP-712 digest
/// @param limit the price the auction saw: an ask's limit; for a bid, the highest price its all-in
/// limit covers under the fee the auction settles with, rounded down to the tick
/// @param sequence the order's place in time priority (its intake receipt's)
/// @param open milli-SRU of the order not settled by the cut-off, as the broker knew it
/// @param fill milli-SRU the auction fills
struct BookLeaf {
    bytes32 orderHash;
    uint128 limit;
    uint64 sequence;
    uint64 open;
    uint64 fill;
}

/// @notice A leaf, its place in the book and the Merkle proof of it, bottom up.
struct ProvenLeaf {
    BookLeaf leaf;
    uint256 index;
    bytes32[] proof;
}

/// @notice An auction as committed on chain: the exchange holds `bytes24(keccak256(abi.encode(
/// BookLib.root(book), price, feeBps)))` under (marketId, cutoff, broker).
struct Auction {
    uint256 marketId;
    uint64 cutoff;
    address broker;
    uint128 price;
    uint16 feeBps;
    BookHeader book;
}

/// @title BookLib
/// @notice The book of an auction and the published clearing rule the court checks it against.
/// @dev The published rule. Bids rank by limit, highest first, asks by limit, lowest first; equal
/// limits rank by sequence, lowest first. The auction fills each side in rank order, and its price is
/// the midpoint of the marginal pair — the lowest-ranked bid and the lowest-ranked ask it fills —
/// rounded down to the tick: `ask + (bid - ask) / tick / 2 * tick`. The book lists the filled bids,
/// then the filled asks, each in rank order, then every other order accepted into the market.
///
/// The tree: a leaf is `keccak256(bytes.concat(keccak256(abi.encode(leaf))))`; the leaves are padded
/// with zero words to the next power of two, and a node is `keccak256(abi.encode(left, right))`. A
/// leaf's index fixes its place, so the court can tell which leaves are neighbours.
library BookLib {
    /// @notice The `bookRoot` of a book: the hash of its header.
    function root(BookHeader calldata h) internal pure returns (bytes32) {
        return keccak256(abi.encode(h));
    }

    function leafHash(BookLeaf calldata l) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(l))));
    }

    /// @notice Whether `p` is a leaf of the book `h` at the place it names: its proof is exactly as
    /// long as the tree is deep, so no inner node passes for a leaf.
    function verify(BookHeader calldata h, ProvenLeaf calldata p) internal pure returns (bool) {
        uint256 n = h.leaves;
        if (p.index >= n) return false;
        uint256 depth;
        while ((uint256(1) << depth) < n) ++depth;
        if (p.proof.length != depth) return false;
        bytes32 node = leafHash(p.leaf);
        uint256 index = p.index;
        for (uint256 i; i < depth; ++i) {
            node = index & 1 == 0 ? keccak256(abi.encode(node, p.proof[i])) : keccak256(abi.encode(p.proof[i], node));
            index >>= 1;
        }
        return node == h.tree;
    }

    /// @notice The published price of a marginal pair: the midpoint, rounded down to the tick.
    function fairPrice(uint128 bidLimit, uint128 askLimit, uint128 tick) internal pure returns (uint128) {
        return askLimit + (bidLimit - askLimit) / tick / 2 * tick;
    }

    /// @notice Whether `a` ranks strictly above `b` on the side `bids` names.
    function outranks(BookLeaf calldata a, BookLeaf calldata b, bool bids) internal pure returns (bool) {
        if (a.limit != b.limit) return bids ? a.limit > b.limit : a.limit < b.limit;
        return a.sequence < b.sequence;
    }

    /// @notice The highest price on the tick a bid limited (all-in) at `limit` takes under `feeBps`:
    /// the largest p with p + ceil(p × feeBps / 10 000) <= limit, rounded down to `tick`.
    function bookedBidLimit(uint128 limit, uint16 feeBps, uint128 tick) internal pure returns (uint128) {
        uint256 p = uint256(limit) * 10_000 / (10_000 + uint256(feeBps));
        while (p != 0 && p + (p * feeBps + 9999) / 10_000 > limit) --p;
        // NOTE: p <= limit, a uint128.
        return uint128(p / tick * tick);
    }
}
