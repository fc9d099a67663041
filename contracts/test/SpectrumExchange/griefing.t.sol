// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy, SensingObservation} from "../../src/interfaces/ISpectrumPolicy.sol";
import {Clearing, Fill, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Market, SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice T4: what it costs to make someone else's market fail, against what the broker loses.
/// A maker's on-chain cancellation or withdrawal inside the settlement window costs the broker
/// nothing: the batch settles. What remains are the regulator's and the sensors' actions, roles the
/// admin appoints; for each, the gas its transaction costs and the gas the broker loses on a market
/// of `FILLS` fills that it then has to skip (execution, measured here, plus the market's calldata,
/// counted from its bytes at 4 gas a zero byte and 16 a non-zero one).
/// @dev Run with `-vv` to print the figures contracts/README.md quotes.
contract GriefingTest is SpectrumFixture {
    uint256 internal constant FILLS = 50;
    uint64 internal constant Q = 1000;

    /// @dev A market of FILLS fills in `m` (half bids by carol and dave, half asks by alice and bob).
    function _bigClearing(Market memory m, uint64 firstNonce) internal view returns (Clearing memory) {
        Fill[] memory fills = new Fill[](FILLS);
        for (uint256 i; i < FILLS / 2; ++i) {
            uint64 nonce = firstNonce + uint64(i);
            fills[2 * i] = _fill(_order(i % 2 == 0 ? carol : dave, Side.Bid, m, Q, PRICE, nonce));
            fills[2 * i + 1] = _fill(_order(i % 2 == 0 ? alice : bob, Side.Ask, m, Q, PRICE, nonce));
        }
        return _clearing(m, PRICE, fills);
    }

    /// @dev Gas the broker's call spends, and the calldata gas of `clearings` as a transaction.
    function _settleGas(uint64 batchId, Clearing[] memory clearings) internal returns (uint256 execution) {
        vm.prank(broker);
        uint256 before = gasleft();
        exchange.settleBatch(batchId, clearings);
        execution = before - gasleft();
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 gas) {
        for (uint256 i; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }

    /// @dev What the broker loses on market `failing` of a two-market batch: the batch's gas minus
    /// the same batch without it, execution and calldata.
    function _brokerLoss(Clearing memory failing, Clearing memory other, uint64 batchId)
        internal
        returns (uint256 loss)
    {
        uint256 snapshot = vm.snapshotState();
        Clearing[] memory alone = _batch(other);
        uint256 without =
            _settleGas(batchId, alone) + _calldataGas(abi.encodeCall(ISpectrumExchange.settleBatch, (batchId, alone)));
        vm.revertToState(snapshot);
        Clearing[] memory both = _id(failing) < _id(other) ? _batch(failing, other) : _batch(other, failing);
        uint256 with =
            _settleGas(batchId, both) + _calldataGas(abi.encodeCall(ISpectrumExchange.settleBatch, (batchId, both)));
        loss = with - without;
    }

    function _id(Clearing memory c) internal pure returns (uint256) {
        return _id(_market(c.band, c.cell, c.slotStart, c.slotEnd));
    }

    function _otherMarket() internal pure returns (Market memory) {
        return _market(BAND, OTHER_CELL, SLOT_START, SLOT_END);
    }

    function _licenceOtherCell() internal {
        vm.startPrank(admin);
        policy.grantLicence(alice, BAND, OTHER_CELL, LICENCE, uint64(T0), SLOT_END);
        policy.grantLicence(bob, BAND, OTHER_CELL, LICENCE, uint64(T0), SLOT_END);
        vm.stopPrank();
    }

    /// @notice A maker cancels its matched order on chain, and asks to withdraw all its escrow,
    /// just before the batch lands: the batch settles in full; the maker paid for nothing.
    function test_AMakersCancelOrWithdrawalInsideTheWindowCostsTheBrokerNothing() public {
        Clearing memory c = _bigClearing(_market(), 1);
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = 1;
        vm.prank(carol);
        uint256 before = gasleft();
        exchange.cancelOrders(nonces);
        uint256 cancelGas = before - gasleft();
        vm.prank(dave);
        exchange.requestWithdrawal(FUNDS);
        vm.prank(alice);
        exchange.cancelUpTo(type(uint64).max);
        vm.prank(broker);
        uint256 skipped = exchange.settleBatch(1, _batch(c));
        assertEq(skipped, 0, "nothing skipped");
        assertEq(exchange.balanceOf(carol, _id(_market())), FILLS / 4 * Q + Q, "carol bought");
        emit log_named_uint("maker cancel, griefer gas", cancelGas + 21_000);
        emit log_named_uint("maker cancel, broker loss", 0);
    }

    /// @notice The sensor reports the band busy after the broker simulated: the sensed market of
    /// the batch is skipped, the other settles.
    function test_MeasuresABusyReportAgainstTheBrokersLoss() public {
        _licenceOtherCell();
        Market memory sensed = _market(SENSED_BAND, CELL, SLOT_START, SLOT_END);
        _report(SENSED_BAND, CELL, true);
        Clearing memory failing = _bigClearing(sensed, 1);
        Clearing memory other = _bigClearing(_otherMarket(), 100);
        SensingObservation[] memory o = new SensingObservation[](1);
        o[0] = SensingObservation({band: SENSED_BAND, cell: CELL, idle: false});
        vm.prank(sensor);
        uint256 before = gasleft();
        policy.submitSensingReports(o);
        uint256 griefer =
            before - gasleft() + 21_000 + _calldataGas(abi.encodeCall(ISpectrumPolicy.submitSensingReports, (o)));
        uint256 loss = _brokerLoss(failing, other, 1);
        emit log_named_uint("busy report, griefer gas", griefer);
        emit log_named_uint("busy report, broker loss (50 fills)", loss);
        emit log_named_uint("busy report, broker loss per fill", loss / FILLS);
        assertGt(loss, 0, "the market was skipped");
    }

    /// @notice The regulator suspends a maker of a matched market after the broker simulated.
    function test_MeasuresASuspensionAgainstTheBrokersLoss() public {
        _licenceOtherCell();
        Clearing memory failing = _bigClearing(_market(), 1);
        Clearing memory other = _bigClearing(_otherMarket(), 100);
        vm.prank(admin);
        uint256 before = gasleft();
        policy.setOperatorSuspended(dave, true);
        uint256 griefer = before - gasleft() + 21_000
            + _calldataGas(abi.encodeCall(ISpectrumPolicy.setOperatorSuspended, (dave, true)));
        uint256 loss = _brokerLossWithout(failing, other, dave);
        emit log_named_uint("suspension, griefer gas", griefer);
        emit log_named_uint("suspension, broker loss (50 fills)", loss);
        assertGt(loss, 0, "the market was skipped");
    }

    /// @notice The regulator adds a protection zone over a matched market after the broker simulated.
    function test_MeasuresAProtectionZoneAgainstTheBrokersLoss() public {
        _licenceOtherCell();
        Clearing memory failing = _bigClearing(_market(), 1);
        Clearing memory other = _bigClearing(_otherMarket(), 100);
        vm.prank(admin);
        uint256 before = gasleft();
        policy.addProtectionZone(BAND, CELL, SLOT_START, SLOT_END);
        uint256 griefer = before - gasleft() + 21_000
            + _calldataGas(abi.encodeCall(ISpectrumPolicy.addProtectionZone, (BAND, CELL, SLOT_START, SLOT_END)));
        uint256 loss = _brokerLoss(failing, other, 1);
        emit log_named_uint("protection zone, griefer gas", griefer);
        emit log_named_uint("protection zone, broker loss (50 fills)", loss);
        assertGt(loss, 0, "the market was skipped");
    }

    /// @dev Like `_brokerLoss`, for a failing market whose maker `who` is suspended: the other
    /// market must not involve `who`, so its fills are rebuilt without him.
    function _brokerLossWithout(Clearing memory failing, Clearing memory other, address who)
        internal
        returns (uint256)
    {
        for (uint256 i; i < other.fills.length; ++i) {
            if (other.fills[i].maker == who) {
                Order memory o = _order(carol, Side.Bid, _otherMarket(), Q, PRICE, uint64(1000 + i));
                other.fills[i] = _fill(o);
            }
        }
        return _brokerLoss(failing, other, 1);
    }
}
