// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155MetadataURI} from "@openzeppelin/contracts/token/ERC1155/extensions/IERC1155MetadataURI.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Market, SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice The ERC-1155 views explorers read: lease balances, interfaces, metadata URI.
contract BalanceOfTest is SpectrumFixture {
    function test_ReportsLeasesPerMarket() public {
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        _settlePair(1, PRICE, _fill(_bid(carol, 1500, PRICE, 1)), _fill(_ask(alice, 1500, PRICE, 1)));
        assertEq(exchange.balanceOf(carol, _id(_market())), 1500, "carol");
        assertEq(exchange.balanceOf(carol, _id(later)), 0, "another market");
        assertEq(exchange.balanceOf(alice, _id(_market())), 0, "a licence is not a lease");
    }

    function test_ReportsBalancesInBatch() public {
        _settlePair(1, PRICE, _fill(_bid(carol, 1500, PRICE, 1)), _fill(_ask(alice, 2000, PRICE, 1), 1500));
        address[] memory accounts = new address[](3);
        uint256[] memory ids = new uint256[](3);
        accounts[0] = carol;
        accounts[1] = alice;
        accounts[2] = carol;
        ids[0] = _id(_market());
        ids[1] = _id(_market());
        ids[2] = _id(_market()) + 1;
        uint256[] memory balances = exchange.balanceOfBatch(accounts, ids);
        assertEq(balances.length, 3, "length");
        assertEq(balances[0], 1500, "carol");
        assertEq(balances[1], 0, "alice");
        assertEq(balances[2], 0, "other id");
    }

    /// @notice Arrays of different lengths are refused with ERC-1155's named error, never a panic
    /// nor a silently shortened answer.
    function test_RevertWhen_BatchArraysDifferInLength() public {
        address[] memory accounts = new address[](2);
        uint256[] memory ids = new uint256[](3);
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidArrayLength.selector, 3, 2));
        exchange.balanceOfBatch(accounts, ids);
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidArrayLength.selector, 1, 2));
        exchange.balanceOfBatch(accounts, new uint256[](1));
    }

    function test_SupportsErc1155AndItsMetadata() public view {
        assertTrue(exchange.supportsInterface(type(IERC1155).interfaceId), "ERC-1155");
        assertTrue(exchange.supportsInterface(type(IERC1155MetadataURI).interfaceId), "metadata");
        assertTrue(exchange.supportsInterface(type(IERC165).interfaceId), "ERC-165");
        assertFalse(exchange.supportsInterface(0xffffffff), "0xffffffff");
        assertFalse(exchange.supportsInterface(0xd9b67a27), "another id");
    }

    function test_NamesLeasesByMarketId() public view {
        assertEq(exchange.uri(_id(_market())), "spectrumledger:lease/{id}", "uri");
    }
}
