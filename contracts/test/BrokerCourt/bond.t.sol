// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IBrokerCourt, IBrokerCourtErrors} from "../../src/interfaces/IBrokerCourt.sol";
import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {Deployments} from "../utils/Deployments.sol";
import {Clearing} from "../../src/libraries/OrderLib.sol";
import {CourtFixture} from "./CourtFixture.sol";

/// @notice The bond: a broker settles only while bonded, and takes its bond back only after a delay
/// longer than the window for claims.
contract BondTest is CourtFixture {
    function test_TheExchangeRefusesABrokerBelowTheMinimum() public {
        vm.prank(broker);
        court.requestBondWithdrawal(1);
        Clearing[] memory batch =
            _batch(_clearing(PRICE, _fill(_bid(carol, Q, PRICE, 1)), _fill(_ask(alice, Q, PRICE, 1))));
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeBrokerNotBonded.selector, broker));
        vm.prank(broker);
        exchange.settleBatch(1, batch);
    }

    function test_TheExchangeRefusesEveryBatchBeforeACourtIsBound() public {
        ISpectrumExchange unbound =
            Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), SETTLEMENT_WINDOW);
        Clearing[] memory batch =
            _batch(_clearing(PRICE, _fill(_bid(carol, Q, PRICE, 1)), _fill(_ask(alice, Q, PRICE, 1))));
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeBrokerNotBonded.selector, broker));
        vm.prank(broker);
        unbound.settleBatch(1, batch);
    }

    function test_ToppingUpRestoresSettlement() public {
        vm.prank(broker);
        court.requestBondWithdrawal(1);
        vm.prank(admin);
        token.mint(broker, 1);
        vm.startPrank(broker);
        token.approve(address(court), 1);
        vm.expectEmit(address(court));
        emit IBrokerCourt.BondPosted(broker, broker, 1, BOND_MINIMUM);
        court.postBond(broker, 1);
        vm.stopPrank();
        assertTrue(court.isBonded(broker), "bonded again");
        _settlePair(1, PRICE, _fill(_bid(carol, Q, PRICE, 1)), _fill(_ask(alice, Q, PRICE, 1)));
    }

    function test_WithdrawsOnlyAfterTheDelay() public {
        vm.expectEmit(address(court));
        emit IBrokerCourt.BondWithdrawalRequested(broker, 400e6, uint64(T0 + BOND_DELAY));
        vm.prank(broker);
        court.requestBondWithdrawal(400e6);
        (uint256 active, uint256 pending, uint64 readyAt) = court.bondOf(broker);
        assertEq(active, 600e6, "active");
        assertEq(pending, 400e6, "pending");
        vm.warp(readyAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtBondWithdrawalNotReady.selector, broker, readyAt)
        );
        vm.prank(broker);
        court.withdrawBond();
        vm.warp(readyAt);
        vm.prank(broker);
        court.withdrawBond();
        assertEq(token.balanceOf(broker), 400e6, "paid back");
        (, pending,) = court.bondOf(broker);
        assertEq(pending, 0, "consumed");
    }

    function test_ADelayLongerThanTwiceTheChallengeWindowIsRequired() public {
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtInvalidWindows.selector, 1 days, 2 days));
        _newCourt(1, 1 days, 2 days, 10_000);
        _newCourt(1, 1 days, 2 days + 1, 10_000);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtInvalidWindows.selector, 0, 1 days));
        _newCourt(1, 0, 1 days, 10_000);
    }

    function test_RevertWhen_CompensationIsZeroOrAboveFiveTimes() public {
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtInvalidCompensation.selector, 0));
        _newCourt(1, 1 days, 3 days, 0);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtInvalidCompensation.selector, 50_001));
        _newCourt(1, 1 days, 3 days, 50_001);
    }

    function test_RevertWhen_WithdrawingMoreThanTheActiveBond() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IBrokerCourtErrors.CourtInsufficientBond.selector, broker, BOND_MINIMUM + 1, BOND_MINIMUM
            )
        );
        vm.prank(broker);
        court.requestBondWithdrawal(BOND_MINIMUM + 1);
    }

    function test_RevertWhen_WithdrawingWithNoRequest() public {
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNoBondWithdrawal.selector, stranger));
        vm.prank(stranger);
        court.withdrawBond();
    }

    function test_ABackerMayBondTheBrokerButOnlyTheBrokerTakesItBack() public {
        vm.prank(admin);
        token.mint(stranger, 5e6);
        vm.startPrank(stranger);
        token.approve(address(court), 5e6);
        vm.expectEmit(address(court));
        emit IBrokerCourt.BondPosted(broker, stranger, 5e6, BOND_MINIMUM + 5e6);
        court.postBond(broker, 5e6);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtInsufficientBond.selector, stranger, 5e6, 0));
        court.requestBondWithdrawal(5e6);
        vm.stopPrank();
    }

    function test_RevertWhen_PostingNothing() public {
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtInvalidAmount.selector, 0));
        vm.prank(broker);
        court.postBond(broker, 0);
    }

    // ---------------------------------------------------------------- binding

    function test_RevertWhen_ACourtIsBoundTwice() public {
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCourtAlreadyBound.selector, address(court)));
        vm.prank(admin);
        exchange.bindCourt(stranger);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAlreadyBound.selector, address(exchange)));
        vm.prank(admin);
        court.bindExchange(address(exchange));
    }

    function test_RevertWhen_NotTheAdminBinds() public {
        ISpectrumExchange fresh =
            Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), SETTLEMENT_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCallerNotAdmin.selector, broker));
        vm.prank(broker);
        fresh.bindCourt(address(court));
        IBrokerCourt other = _newCourt(1, 1 days, 3 days, 10_000);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtCallerNotAdmin.selector, broker));
        vm.prank(broker);
        other.bindExchange(address(fresh));
    }

    function test_RevertWhen_BindingACourtThatIsNoCourtOrJudgesAnotherExchange() public {
        // Careless admin: a bind is for life, so a wrong address is refused.
        ISpectrumExchange fresh =
            Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), SETTLEMENT_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCourtAlreadyBound.selector, stranger));
        vm.prank(admin);
        fresh.bindCourt(stranger);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCourtAlreadyBound.selector, address(court)));
        vm.prank(admin);
        fresh.bindCourt(address(court)); // judges the fixture's exchange
    }

    function test_NobodyIsBondedUntilTheCourtIsBound() public {
        ISpectrumExchange fresh =
            Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), SETTLEMENT_WINDOW);
        IBrokerCourt half = _newCourt(1, 1 days, 3 days, 10_000);
        vm.prank(admin);
        fresh.bindCourt(address(half));
        vm.prank(admin);
        token.mint(broker, 1);
        vm.startPrank(broker);
        token.approve(address(half), 1);
        half.postBond(broker, 1);
        vm.stopPrank();
        assertFalse(half.isBonded(broker), "a claim could not be judged yet");
        vm.prank(admin);
        half.bindExchange(address(fresh));
        assertTrue(half.isBonded(broker), "bound both ways");
    }

    function test_RevertWhen_TheExchangeNamesAnotherCourt() public {
        IBrokerCourt other = _newCourt(1, 1 days, 3 days, 10_000);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtExchangeMismatch.selector, address(exchange), address(court))
        );
        vm.prank(admin);
        other.bindExchange(address(exchange));
    }
}
