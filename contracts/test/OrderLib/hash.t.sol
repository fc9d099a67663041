// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Clearing, Fill, Order, OrderLib, Side} from "../../src/libraries/OrderLib.sol";
import {Test} from "../utils/Test.sol";

/// @dev Exposes both OrderLib hashes; the calldata one only works on real calldata.
contract OrderLibHarness {
    function hashOrder(Order memory order) external pure returns (bytes32) {
        return OrderLib.hash(order);
    }

    function hashFill(Fill calldata fill, Clearing calldata clearing) external pure returns (bytes32) {
        return OrderLib.hash(fill, clearing);
    }
}

/// @notice The scratch-memory hash settlement uses equals the plain EIP-712 struct hash.
contract OrderLibHashTest is Test {
    OrderLibHarness internal harness = new OrderLibHarness();

    struct RawFill {
        address maker;
        uint8 side;
        uint64 quantity;
        uint128 limitPrice;
        uint64 nonce;
        uint64 validUntil;
        bool partialFill;
        uint32 band;
        uint64 cell;
        uint64 slotStart;
        uint64 slotEnd;
    }

    function test_TypehashIsTheOrderTypeString() public pure {
        assertEq(
            OrderLib.ORDER_TYPEHASH,
            keccak256(
                "Order(address maker,uint8 side,uint32 band,uint64 cell,uint64 slotStart,uint64 slotEnd,uint64 quantity,uint128 limitPrice,uint64 nonce,uint64 validUntil,bool partialFill)"
            ),
            "typehash"
        );
    }

    function testFuzz_FillHashEqualsOrderHash(RawFill memory raw, uint64 fillQuantity, uint128 price) public view {
        Side side = Side(raw.side % 2);
        Fill[] memory fills = new Fill[](1);
        fills[0] = Fill({
            maker: raw.maker,
            side: side,
            quantity: raw.quantity,
            limitPrice: raw.limitPrice,
            nonce: raw.nonce,
            validUntil: raw.validUntil,
            partialFill: raw.partialFill,
            fillQuantity: fillQuantity,
            r: bytes32(0),
            vs: bytes32(0)
        });
        Clearing memory clearing = Clearing({
            band: raw.band,
            cell: raw.cell,
            slotStart: raw.slotStart,
            slotEnd: raw.slotEnd,
            price: price,
            cutoff: 0,
            bookRoot: bytes32(0),
            fills: fills
        });
        Order memory order = Order({
            maker: raw.maker,
            side: side,
            band: raw.band,
            cell: raw.cell,
            slotStart: raw.slotStart,
            slotEnd: raw.slotEnd,
            quantity: raw.quantity,
            limitPrice: raw.limitPrice,
            nonce: raw.nonce,
            validUntil: raw.validUntil,
            partialFill: raw.partialFill
        });
        // Static values encode to one word each, so two halves concatenate to the full encoding.
        bytes32 expected = keccak256(
            bytes.concat(
                abi.encode(
                    OrderLib.ORDER_TYPEHASH, raw.maker, uint8(side), raw.band, raw.cell, raw.slotStart, raw.slotEnd
                ),
                abi.encode(raw.quantity, raw.limitPrice, raw.nonce, raw.validUntil, raw.partialFill)
            )
        );
        assertEq(harness.hashOrder(order), expected, "memory hash");
        assertEq(harness.hashFill(fills[0], clearing), expected, "calldata hash");
    }
}
