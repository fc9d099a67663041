// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {FillReceipt} from "../../src/interfaces/IBrokerCourt.sol";
import {Fill, Order} from "../../src/libraries/OrderLib.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice The marketplace with its broker court, and the broker's fill receipts signed here with an
/// EIP-712 encoding written independently of the court's.
abstract contract CourtFixture is SpectrumFixture {
    bytes32 internal constant RECEIPT_TYPEHASH = keccak256(
        "FillReceipt(bytes32 orderHash,uint64 fillQuantity,uint64 filledAfter,uint128 price,uint64 clearingId,uint64 settleBy)"
    );
    /// @dev The fixture's broker is `_makeAddr("broker")`: this is its key.
    uint256 internal immutable BROKER_KEY = uint256(keccak256(bytes("broker")));
    uint64 internal constant Q = 4000;
    uint64 internal constant SETTLE_BY = uint64(T0 + 60);

    function _receipt(Order memory o, uint64 fillQuantity, uint64 filledAfter, uint64 clearingId)
        internal
        view
        returns (FillReceipt memory)
    {
        return FillReceipt({
            orderHash: _orderHash(o),
            fillQuantity: fillQuantity,
            filledAfter: filledAfter,
            price: PRICE,
            clearingId: clearingId,
            settleBy: SETTLE_BY
        });
    }

    function _receiptDigest(FillReceipt memory r) internal view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(RECEIPT_TYPEHASH, r.orderHash, r.fillQuantity, r.filledAfter, r.price, r.clearingId, r.settleBy)
        );
        return keccak256(abi.encodePacked(hex"1901", _domainSeparator(address(exchange), block.chainid), structHash));
    }

    function _sign(uint256 key, FillReceipt memory r) internal view returns (bytes memory) {
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, _receiptDigest(r));
        return abi.encodePacked(rr, s, v);
    }

    /// @dev The published formula: ceil(price × shortfall / 1000 × compensationBps / 10 000).
    function _owed(uint128 price, uint64 shortfall) internal pure returns (uint256) {
        uint256 scaled = uint256(price) * shortfall * COMPENSATION_BPS;
        return scaled / 10_000_000 + (scaled % 10_000_000 == 0 ? 0 : 1);
    }

    function _postBond(uint256 amount) internal {
        vm.prank(admin);
        token.mint(broker, amount);
        vm.startPrank(broker);
        token.approve(address(court), amount);
        court.postBond(broker, amount);
        vm.stopPrank();
    }

    function _bond() internal view returns (uint256 active) {
        (active,,) = court.bondOf(broker);
    }
}
