// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Leases move only through settlement, under policy: ERC-1155 transfers always revert,
/// even for the holder of the lease.
contract SafeTransferFromTest is SpectrumFixture {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        _settlePair(1, PRICE, _fill(_bid(carol, 2000, PRICE, 1)), _fill(_ask(alice, 2000, PRICE, 1)));
        id = _id(_market());
    }

    function test_RevertWhen_HolderTransfersALease() public {
        vm.expectRevert(ISpectrumExchange.LeaseNotTransferable.selector);
        vm.prank(carol);
        exchange.safeTransferFrom(carol, dave, id, 1000, "");
        assertEq(exchange.balanceOf(carol, id), 2000, "carol");
        assertEq(exchange.balanceOf(dave, id), 0, "dave");
    }

    function test_RevertWhen_HolderTransfersALeaseBatch() public {
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        uint256[] memory values = new uint256[](1);
        values[0] = 1000;
        vm.expectRevert(ISpectrumExchange.LeaseNotTransferable.selector);
        vm.prank(carol);
        exchange.safeBatchTransferFrom(carol, dave, ids, values, "");
        assertEq(exchange.balanceOf(carol, id), 2000, "carol");
    }

    function test_RevertWhen_TheExchangeItselfTransfers() public {
        vm.expectRevert(ISpectrumExchange.LeaseNotTransferable.selector);
        vm.prank(address(exchange));
        exchange.safeTransferFrom(carol, dave, id, 1, "");
    }
}
