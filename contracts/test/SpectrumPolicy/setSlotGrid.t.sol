// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {BandInfo, ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";

import {Clearing, Fill, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Market, SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice A band's slot grid keeps its markets from overlapping in time, so a licence counted per
/// market can never be sold twice for the same moment.
contract SetSlotGridTest is SpectrumFixture {
    uint32 internal constant GRID = 1 hours;
    uint64 internal constant ALIGNED = uint64((T0 / 1 hours + 2) * 1 hours);

    function _grid() internal {
        vm.prank(admin);
        policy.setSlotGrid(BAND, GRID);
    }

    function test_SetsTheGridAndEmits() public {
        vm.expectEmit(true, false, false, true, address(policy));
        emit ISpectrumPolicy.BandSlotGridSet(BAND, GRID);
        _grid();
        BandInfo memory info = policy.bandInfo(BAND);
        assertEq(info.slotSeconds, GRID, "grid");
        assertTrue(info.active, "still active");
    }

    function test_RevertWhen_CallerIsNotTheRegulator() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, policy.REGULATOR_ROLE()
            )
        );
        vm.prank(stranger);
        policy.setSlotGrid(BAND, GRID);
    }

    function test_RevertWhen_BandIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicy.PolicyUnknownBand.selector, 99));
        vm.prank(admin);
        policy.setSlotGrid(99, GRID);
    }

    function test_AlignedSlotsTradeAndOthersDoNot() public {
        _grid();
        policy.requireTradable(BAND, CELL, ALIGNED, ALIGNED + GRID);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicy.PolicySlotOffGrid.selector, BAND, ALIGNED + 60, ALIGNED + 60 + GRID, GRID
            )
        );
        policy.requireTradable(BAND, CELL, ALIGNED + 60, ALIGNED + 60 + GRID);
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicy.PolicySlotOffGrid.selector, BAND, ALIGNED, ALIGNED + 60, GRID)
        );
        policy.requireTradable(BAND, CELL, ALIGNED, ALIGNED + 60);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicy.PolicyInvalidTimeRange.selector, ALIGNED, ALIGNED));
        policy.requireTradable(BAND, CELL, ALIGNED, ALIGNED);
    }

    function test_LiftingTheGridAllowsAnySlot() public {
        _grid();
        vm.prank(admin);
        policy.setSlotGrid(BAND, 0);
        policy.requireTradable(BAND, CELL, ALIGNED + 60, ALIGNED + 120);
    }

    /// @dev Without a grid the same licence could be sold in [t, t+1h) and again in [t, t+60s):
    /// with one, the overlapping market cannot settle.
    function test_RevertWhen_AnOverlappingMarketWouldSellTheLicenceAgain() public {
        _grid();
        Market memory hour = _market(BAND, CELL, ALIGNED, ALIGNED + GRID);
        Order memory ask = _order(alice, Side.Ask, hour, LICENCE, PRICE, 1);
        Order memory bid = _order(carol, Side.Bid, hour, LICENCE, PRICE, 1);
        _settle(1, _batch(_clearing(hour, PRICE, _fills(_fill(bid), _fill(ask)))));
        assertEq(exchange.holdings(alice, BAND, CELL, ALIGNED, ALIGNED + GRID), 0, "licence sold for the hour");

        Market memory minute = _market(BAND, CELL, ALIGNED, ALIGNED + 60);
        Order memory ask2 = _order(alice, Side.Ask, minute, LICENCE, PRICE, 2);
        Order memory bid2 = _order(dave, Side.Bid, minute, LICENCE, PRICE, 1);
        Clearing[] memory again = _batch(_clearing(minute, PRICE, _fills(_fill(bid2), _fill(ask2))));
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicy.PolicySlotOffGrid.selector, BAND, ALIGNED, ALIGNED + 60, GRID)
        );
        vm.prank(broker);
        exchange.settleBatch(2, again);
    }
}
