// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title MarketLib
/// @notice Packs a market key (band, cell, slot) into the uint256 that identifies the market, its
/// lease token id and its order books.
/// @dev The id is reversible on purpose: an explorer reading an ERC-1155 id or an indexed event
/// topic can print the market without any lookup. Layout, most significant first:
/// `band (32) | cell (64) | slotStart (64) | slotEnd (64)`, 224 bits in all.
library MarketLib {
    /// @notice The market id of `band` in `cell` during `[slotStart, slotEnd)`.
    function id(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) internal pure returns (uint256) {
        return (uint256(band) << 192) | (uint256(cell) << 128) | (uint256(slotStart) << 64) | uint256(slotEnd);
    }

    /// @notice The market key packed in `marketId`.
    function decode(uint256 marketId)
        internal
        pure
        returns (uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
    {
        band = uint32(marketId >> 192);
        cell = uint64(marketId >> 128);
        slotStart = uint64(marketId >> 64);
        slotEnd = uint64(marketId);
    }
}
