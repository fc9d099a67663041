// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MarketLib} from "../../src/libraries/MarketLib.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract MarketIdTest is SpectrumFixture {
    function test_PacksBandCellAndSlot() public view {
        uint256 id = exchange.marketId(BAND, CELL, SLOT_START, SLOT_END);
        assertEq(id, (uint256(BAND) << 192) | (uint256(CELL) << 128) | (uint256(SLOT_START) << 64) | SLOT_END, "layout");
    }

    function testFuzz_IsReversible(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) public view {
        uint256 id = exchange.marketId(band, cell, slotStart, slotEnd);
        (uint32 b, uint64 c, uint64 s, uint64 e) = MarketLib.decode(id);
        assertEq(b, band, "band");
        assertEq(c, cell, "cell");
        assertEq(s, slotStart, "slotStart");
        assertEq(e, slotEnd, "slotEnd");
        assertLt(id, uint256(1) << 224, "224 bits");
    }

    function testFuzz_OrdersByBandThenCellThenSlot(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
        public
        view
    {
        vm.assume(band < type(uint32).max && cell < type(uint64).max);
        uint256 id = exchange.marketId(band, cell, slotStart, slotEnd);
        assertLt(id, exchange.marketId(band, cell + 1, 0, 0), "next cell sorts after");
        assertLt(id, exchange.marketId(band + 1, 0, 0, 0), "next band sorts after");
    }
}
