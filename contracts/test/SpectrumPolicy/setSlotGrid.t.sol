// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Deployments} from "../utils/Deployments.sol";
import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy, SlotGrid} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {Clearing, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Market, SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Spectrum conservation: every instant of a band belongs to at most one tradable market,
/// whatever the regulator does to the grid and in whatever order, so a licence counted per market
/// is never sold twice. Each attack here sold a licence twice before grids were fixed at
/// registration, changed only from a time no traded market reaches, and the policy was bound to one
/// exchange.
contract SetSlotGridTest is SpectrumFixture {
    uint64 internal constant HOUR = SLOT_START;
    uint32 internal constant HALF = 30 minutes;

    function _sellWholeLicence(Market memory m, uint64 batchId, uint128 price) internal {
        Order memory ask = _order(alice, Side.Ask, m, LICENCE, price, batchId);
        Order memory bid = _order(carol, Side.Bid, m, LICENCE, price, batchId);
        _settle(batchId, _batch(_clearing(m, price, _fills(_fill(bid), _fill(ask)))));
    }

    function _setGrid(uint32 seconds_, uint64 from) internal {
        vm.prank(admin);
        policy.setSlotGrid(BAND, seconds_, from);
    }

    function test_EveryBandHasTheGridItRegisteredWith() public view {
        SlotGrid memory g = policy.slotGrid(BAND);
        assertEq(g.slotSeconds, GRID, "grid");
        assertEq(g.from, 0, "from the start of time");
        assertEq(g.prevSlotSeconds, 0, "no previous grid");
        assertEq(g.tradedUntil, 0, "nothing traded");
    }

    function test_AlignedSlotsTradeAndOthersDoNot() public {
        policy.requireTradable(BAND, CELL, HOUR, HOUR + GRID);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicySlotOffGrid.selector, BAND, HOUR + 60, HOUR + 60 + GRID, GRID, 0
            )
        );
        policy.requireTradable(BAND, CELL, HOUR + 60, HOUR + 60 + GRID);
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicySlotOffGrid.selector, BAND, HOUR, HOUR + HALF, GRID, 0)
        );
        policy.requireTradable(BAND, CELL, HOUR, HOUR + HALF);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyInvalidTimeRange.selector, HOUR, HOUR));
        policy.requireTradable(BAND, CELL, HOUR, HOUR);
    }

    /// @notice Attack (the issue's first case): an hour and the half hour inside it, at two prices,
    /// in one batch. The half hour is off the grid: it is skipped, and 24 SRU are sold, not 48.
    function test_AnHourAndTheHalfHourInsideItCannotBothSell() public {
        Market memory hour = _market(BAND, CELL, HOUR, HOUR + GRID);
        Market memory half = _market(BAND, CELL, HOUR, HOUR + HALF);
        Clearing[] memory batch = _batch(
            _clearing(
                half,
                PRICE * 2,
                _fills(
                    _fill(_order(dave, Side.Bid, half, LICENCE, PRICE * 2, 1)),
                    _fill(_order(alice, Side.Ask, half, LICENCE, PRICE * 2, 1))
                )
            ),
            _clearing(
                hour,
                PRICE,
                _fills(
                    _fill(_order(carol, Side.Bid, hour, LICENCE, PRICE, 1)),
                    _fill(_order(alice, Side.Ask, hour, LICENCE, PRICE, 2))
                )
            )
        );
        assertLt(_id(half), _id(hour), "ascending ids");
        _settleExpectingSkip(
            1,
            batch,
            0,
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicySlotOffGrid.selector, BAND, HOUR, HOUR + HALF, GRID, 0)
        );
        (, uint64 sold) = exchange.position(alice, _id(hour));
        assertEq(sold, LICENCE, "the hour sold the licence once");
        assertEq(exchange.balanceOf(dave, _id(half)), 0, "the half hour sold nothing");
    }

    /// @notice Attack: the hour sells, then the regulator moves the band to half hours starting in
    /// it. The change is refused: the new grid may start only once the traded hour has ended.
    function test_RevertWhen_ANewGridWouldReopenATradedHour() public {
        _sellWholeLicence(_market(BAND, CELL, HOUR, HOUR + GRID), 1, PRICE);
        assertEq(policy.slotGrid(BAND).tradedUntil, HOUR + GRID, "traded until the hour's end");
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyGridChangeRefused.selector, BAND, HOUR, 0, GRID, HOUR + GRID
            )
        );
        _setGrid(HALF, HOUR);
    }

    /// @notice The regulator moves the band to half hours after the traded hour: the new grid's
    /// half hours trade from then on, the old grid's hours keep trading up to then, nothing else.
    function test_ANewGridStartsAfterTheTradedSlots() public {
        _sellWholeLicence(_market(BAND, CELL, HOUR, HOUR + GRID), 1, PRICE);
        uint64 from = HOUR + 2 * GRID;
        vm.expectEmit(address(policy));
        emit ISpectrumPolicy.BandSlotGridSet(BAND, HALF, from);
        _setGrid(HALF, from);
        SlotGrid memory g = policy.slotGrid(BAND);
        assertEq(g.slotSeconds, HALF, "new grid");
        assertEq(g.from, from, "from");
        assertEq(g.prevSlotSeconds, GRID, "the old grid serves the time before");

        policy.requireTradable(BAND, CELL, HOUR + GRID, HOUR + 2 * GRID); // an old-grid hour before `from`
        policy.requireTradable(BAND, CELL, from, from + HALF); // a new-grid half hour
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicySlotOffGrid.selector, BAND, from, from + GRID, HALF, from
            )
        );
        policy.requireTradable(BAND, CELL, from, from + GRID); // an old-grid hour after `from`
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicySlotOffGrid.selector, BAND, from - HALF, from, HALF, from
            )
        );
        policy.requireTradable(BAND, CELL, from - HALF, from); // a half hour before `from`
    }

    function test_RevertWhen_ANewGridStartsOffTheCurrentOne() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyGridChangeRefused.selector, BAND, HOUR + 60, 0, GRID, 0)
        );
        _setGrid(HALF, HOUR + 60);
    }

    /// @notice A grid older than the previous one is dropped: its slots no longer trade.
    function test_OnlyTheLastTwoGridsServe() public {
        _setGrid(HALF, HOUR + GRID);
        _setGrid(15 minutes, HOUR + 2 * GRID);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicySlotOffGrid.selector, BAND, HOUR, HOUR + GRID, 15 minutes, HOUR + 2 * GRID
            )
        );
        policy.requireTradable(BAND, CELL, HOUR, HOUR + GRID);
        policy.requireTradable(BAND, CELL, HOUR + GRID, HOUR + GRID + HALF);
    }

    function test_RevertWhen_TheGridIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyInvalidSlotGrid.selector, BAND, 0));
        _setGrid(0, HOUR);
    }

    function test_RevertWhen_CallerIsNotTheRegulator() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, policy.REGULATOR_ROLE()
            )
        );
        vm.prank(stranger);
        policy.setSlotGrid(BAND, HALF, HOUR);
    }

    function test_RevertWhen_BandIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownBand.selector, 99));
        vm.prank(admin);
        policy.setSlotGrid(99, HALF, HOUR);
    }

    /// @notice Attack: a second exchange deployed on the same policy (a redeploy, a migration)
    /// would count every licence from zero again. Only the bound exchange may open a market.
    function test_ASecondExchangeOnThePolicyCannotSellALicenceAgain() public {
        Market memory hour = _market(BAND, CELL, HOUR, HOUR + GRID);
        _sellWholeLicence(hour, 1, PRICE);
        ISpectrumExchange second =
            Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), SETTLEMENT_WINDOW);
        _courtFor(second);
        Order memory ask = _order(alice, Side.Ask, hour, LICENCE, PRICE, 9);
        Order memory bid = _order(dave, Side.Bid, hour, LICENCE, PRICE, 9);
        (bytes32 ar, bytes32 avs) = _signCompact(ALICE_KEY, _digest(ask, address(second), block.chainid));
        (bytes32 br, bytes32 bvs) = _signCompact(DAVE_KEY, _digest(bid, address(second), block.chainid));
        Clearing[] memory batch =
            _batch(_clearing(hour, PRICE, _fills(_fillWith(bid, LICENCE, br, bvs), _fillWith(ask, LICENCE, ar, avs))));
        vm.expectEmit(true, true, false, true, address(second));
        emit ISpectrumExchange.MarketSkipped(
            1,
            _id(hour),
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyCallerNotExchange.selector, address(second), address(exchange)
            )
        );
        vm.prank(broker);
        second.settleBatch(1, batch);
        assertEq(second.balanceOf(dave, _id(hour)), 0, "nothing sold twice");
    }

    function test_RevertWhen_ThePolicyIsBoundTwice() public {
        assertEq(policy.exchange(), address(exchange), "bound");
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyExchangeAlreadyBound.selector, address(exchange))
        );
        vm.prank(admin);
        policy.bindExchange(stranger);
    }

    function test_RevertWhen_AStrangerOpensAMarket() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyCallerNotExchange.selector, stranger, address(exchange))
        );
        vm.prank(stranger);
        policy.openMarket(BAND, CELL, HOUR, HOUR + GRID);
    }
}
