// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice Side of an order: a bid buys SRU, an ask sells them.
enum Side {
    Bid,
    Ask
}

/// @notice An operator's signed order for one market, as it is hashed under EIP-712.
/// @param maker the operator whose key signs the order and whose escrow or holdings it moves
/// @param side 0 = bid (buy), 1 = ask (sell)
/// @param band registered band id
/// @param cell 3D cell id (altitude layer in the top byte, 2D area below it)
/// @param slotStart first second of the slot, inclusive (unix time)
/// @param slotEnd last second of the slot, exclusive (unix time)
/// @param quantity order size in milli-SRU
/// @param limitPrice highest price a bid pays, or lowest an ask takes, in token base units per SRU
/// @param nonce the maker's order id; fill state and cancellation are kept per (maker, nonce)
/// @param validUntil last second (unix time) at which the order may be settled
/// @param partialFill whether the order may be filled in parts; if false it fills whole or not at all
struct Order {
    address maker;
    Side side;
    uint32 band;
    uint64 cell;
    uint64 slotStart;
    uint64 slotEnd;
    uint64 quantity;
    uint128 limitPrice;
    uint64 nonce;
    uint64 validUntil;
    bool partialFill;
}

/// @notice One order's fill in a clearing. The order's market comes from the clearing, so a fill
/// cannot be replayed into another market and calldata carries the market once.
/// @param r,vs the maker's EIP-712 signature in EIP-2098 compact form
struct Fill {
    address maker;
    Side side;
    uint64 quantity;
    uint128 limitPrice;
    uint64 nonce;
    uint64 validUntil;
    bool partialFill;
    uint64 fillQuantity;
    bytes32 r;
    bytes32 vs;
}

/// @notice The result of clearing one market: one uniform price and the fills at that price, and
/// the book of the auction it comes from.
/// @param price the uniform clearing price in token base units per SRU
/// @param cutoff the auction's cut-off, unix milliseconds: every order the broker accepted into the
/// market by then is in the book (the broker's intake receipts promise it); no older than the
/// exchange's settlement window when the clearing settles
/// @param bookRoot Merkle root over the auction's book, one leaf per order the broker accepted into
/// the market by the cut-off: `keccak256(bytes.concat(keccak256(abi.encode(orderHash, open, fill))))`
/// (open: milli-SRU of the order not settled by the cut-off, as the broker knew it; fill: milli-SRU
/// the auction fills), pairs hashed in
/// sorted order (OpenZeppelin's `MerkleProof`). The parts of one auction carry the same book.
struct Clearing {
    uint32 band;
    uint64 cell;
    uint64 slotStart;
    uint64 slotEnd;
    uint128 price;
    uint64 cutoff;
    bytes32 bookRoot;
    Fill[] fills;
}

/// @title OrderLib
/// @notice EIP-712 struct hashing of orders.
/// @dev The type string is the one the Java client signs; `OrderLibTest` and the ledger-client
/// test vectors check both sides against the same digests.
library OrderLib {
    bytes32 internal constant ORDER_TYPEHASH = keccak256(
        "Order(address maker,uint8 side,uint32 band,uint64 cell,uint64 slotStart,uint64 slotEnd,"
        "uint64 quantity,uint128 limitPrice,uint64 nonce,uint64 validUntil,bool partialFill)"
    );

    /// @notice EIP-712 struct hash of `order`.
    function hash(Order memory order) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                ORDER_TYPEHASH,
                order.maker,
                order.side,
                order.band,
                order.cell,
                order.slotStart,
                order.slotEnd,
                order.quantity,
                order.limitPrice,
                order.nonce,
                order.validUntil,
                order.partialFill
            )
        );
    }

    /// @notice EIP-712 struct hash of the order behind `fill` in the market of `clearing`.
    /// @dev Hashes in scratch memory without building an `Order`: settlement hashes every fill.
    function hash(Fill calldata fill, Clearing calldata clearing) internal pure returns (bytes32 digest) {
        bytes32 typehash = ORDER_TYPEHASH;
        address maker = fill.maker;
        Side side = fill.side;
        uint32 band = clearing.band;
        uint64 cell = clearing.cell;
        uint64 slotStart = clearing.slotStart;
        uint64 slotEnd = clearing.slotEnd;
        uint64 quantity = fill.quantity;
        uint128 limitPrice = fill.limitPrice;
        uint64 nonce = fill.nonce;
        uint64 validUntil = fill.validUntil;
        bool partialFill = fill.partialFill;
        // NOTE: every value above was read through a typed calldata accessor, so it is already
        // masked to its width; storing the words and hashing 12 of them equals abi.encode.
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, typehash)
            mstore(add(p, 0x20), maker)
            mstore(add(p, 0x40), side)
            mstore(add(p, 0x60), band)
            mstore(add(p, 0x80), cell)
            mstore(add(p, 0xa0), slotStart)
            mstore(add(p, 0xc0), slotEnd)
            mstore(add(p, 0xe0), quantity)
            mstore(add(p, 0x100), limitPrice)
            mstore(add(p, 0x120), nonce)
            mstore(add(p, 0x140), validUntil)
            mstore(add(p, 0x160), partialFill)
            digest := keccak256(p, 0x180)
        }
    }
}
