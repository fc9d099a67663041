// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IBrokerCourt} from "../../../src/interfaces/IBrokerCourt.sol";
import {Deployments} from "../../utils/Deployments.sol";
import {SettlementToken} from "../../../src/SettlementToken.sol";
import {ISpectrumExchange} from "../../../src/interfaces/ISpectrumExchange.sol";
import {SpectrumPolicy} from "../../../src/SpectrumPolicy.sol";
import {OrderState} from "../../../src/interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy, OperatorKind} from "../../../src/interfaces/ISpectrumPolicy.sol";
import {Order} from "../../../src/libraries/OrderLib.sol";
import {Test} from "../../utils/Test.sol";
import {Market} from "../../utils/SpectrumFixture.sol";
import {SpectrumExchangeHandler} from "./SpectrumExchangeHandler.sol";

/// @notice What must hold after any sequence of deposits, withdrawals, orders, batches,
/// cancellations, fee changes, regulator actions (bands, grids, licences, zones), a second
/// exchange on the policy, and time: no licence is ever sold twice for an instant, escrow is backed
/// by tokens and moves exactly as priced, no order fills beyond its quantity, no seller sells SRU
/// it does not hold, no buyer pays beyond its limit.
contract SpectrumExchangeInvariantTest is Test {
    uint256 internal constant T0 = 1_749_996_000;
    uint32 internal constant BAND = 4;

    SpectrumPolicy internal policy;
    SettlementToken internal token;
    ISpectrumExchange internal exchange;
    SpectrumExchangeHandler internal handler;

    function setUp() public {
        vm.warp(T0);
        address admin = address(this);
        policy = new SpectrumPolicy(admin);
        token = new SettlementToken("SpectrumLedger Settlement Token", "SLT", admin);
        exchange = Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), 1 hours);
        policy.bindExchange(address(exchange));

        uint64[2] memory cells = [(uint64(1) << 56) | 42, (uint64(2) << 56) | 42]; // a cell and the UAV layer above
        uint256[4] memory keys = [uint256(0x1001), 0x1002, 0x1003, 0x1004];
        handler = new SpectrumExchangeHandler(exchange, policy, token, keys, cells, BAND);

        policy.grantRole(policy.BROKER_ROLE(), address(handler));
        policy.grantRole(policy.REGULATOR_ROLE(), address(handler));
        policy.grantRole(bytes32(0), address(handler));
        token.grantRole(token.TREASURY_ROLE(), address(handler));
        IBrokerCourt court = Deployments.court(address(policy), address(token), 1_000e6, 1 days, 3 days, 10_000);
        exchange.bindCourt(address(court));
        court.bindExchange(address(exchange));
        handler.postBond(court);
        policy.registerBand(BAND, 2_110_000, 2_155_000, false, 0, 1 hours);
        OperatorKind[4] memory kinds = [
            OperatorKind.MobileNetwork,
            OperatorKind.VirtualNetwork,
            OperatorKind.MicroOperator,
            OperatorKind.LocalOperator
        ];
        for (uint256 i; i < 4; ++i) {
            address op = handler.actors(i);
            policy.registerOperator(op, kinds[i], "operator");
            for (uint256 c; c < 2; ++c) {
                policy.grantLicence(op, BAND, cells[c], handler.LICENCE(), uint64(T0), uint64(T0 + 60 days));
            }
            handler.deposit(i, 5_000e6);
        }

        // Settle three times as often as the rest: it is what the invariants are about.
        bytes4[] memory selectors = new bytes4[](22);
        selectors[0] = SpectrumExchangeHandler.settle.selector;
        selectors[1] = SpectrumExchangeHandler.settle.selector;
        selectors[2] = SpectrumExchangeHandler.settle.selector;
        selectors[3] = SpectrumExchangeHandler.deposit.selector;
        selectors[4] = SpectrumExchangeHandler.requestWithdrawal.selector;
        selectors[5] = SpectrumExchangeHandler.withdraw.selector;
        selectors[6] = SpectrumExchangeHandler.cancelWithdrawal.selector;
        selectors[7] = SpectrumExchangeHandler.cancelOrder.selector;
        selectors[8] = SpectrumExchangeHandler.cancelUpTo.selector;
        selectors[9] = SpectrumExchangeHandler.warp.selector;
        selectors[10] = SpectrumExchangeHandler.collectFees.selector;
        selectors[11] = SpectrumExchangeHandler.setFee.selector;
        selectors[12] = SpectrumExchangeHandler.oversell.selector;
        selectors[13] = SpectrumExchangeHandler.settleCancelled.selector;
        selectors[14] = SpectrumExchangeHandler.washTrade.selector;
        selectors[15] = SpectrumExchangeHandler.registerBand.selector;
        selectors[16] = SpectrumExchangeHandler.setGrid.selector;
        selectors[17] = SpectrumExchangeHandler.setGrid.selector;
        selectors[18] = SpectrumExchangeHandler.grantLicence.selector;
        selectors[19] = SpectrumExchangeHandler.addZone.selector;
        selectors[20] = SpectrumExchangeHandler.deploySecondExchange.selector;
        selectors[21] = SpectrumExchangeHandler.settleOnSecondExchange.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    // ---------------------------------------------------------------- invariants

    /// @notice T1: for every licensee, band, cell and instant, the SRU sold from the licence never
    /// exceed it, whatever the regulator did and in whatever order: no two markets with
    /// overlapping, different slots both sold from one licence; within a market, what was sold
    /// stays within the largest licence in force at a sale; the exchange's own count agrees; and
    /// the second exchange on the policy sold nothing.
    function invariant_LicenceNeverOversold() public view {
        assertEq(handler.ghostOverlappingSales(), 0, "a licence sold in two overlapping markets");
        assertEq(handler.ghostLicenceOversold(), 0, "a market sold more than the licence ever was");
        assertEq(handler.ghostSoldBeyondHoldings(), 0, "a seller sold more than it held");
        assertEq(handler.ghostSecondExchangeSales(), 0, "a second exchange sold a licence again");
        for (uint256 m; m < handler.marketCount(); ++m) {
            uint256 id = handler.marketIdAt(m);
            for (uint256 i; i < 4; ++i) {
                address op = handler.actors(i);
                (, uint64 sold) = exchange.position(op, id);
                assertEq(sold, handler.ghostLicenceSold(op, id), "licence sold differs from the model");
                assertLe(sold, handler.ghostLicenceCap(op, id), "sold beyond the licence at any sale");
            }
        }
    }

    /// @notice T3: every unit of escrow, set aside or free, and every accrued fee is a token the
    /// exchange holds, and the total is what came in minus what went out.
    function invariant_escrowIsBackedByTheTokenBalance() public view {
        uint256 escrow;
        for (uint256 i; i < 4; ++i) {
            address op = handler.actors(i);
            (uint256 setAside,) = exchange.pendingWithdrawal(op);
            escrow += exchange.escrowOf(op) + setAside;
        }
        uint256 balance = token.balanceOf(address(exchange));
        assertEq(escrow + exchange.feesAccrued(), balance, "escrow + fees != token balance");
        assertEq(
            balance,
            handler.ghostDeposited() - handler.ghostWithdrawn() - handler.ghostFeesCollected(),
            "token balance != deposits - withdrawals - collected fees"
        );
        assertEq(handler.ghostUnbackedCredits(), 0, "a market credited sellers more than buyers paid");
        ISpectrumExchange second = handler.second();
        if (address(second) != address(0)) {
            assertEq(token.balanceOf(address(second)), handler.ghostSecondDeposits(), "second exchange balance");
        }
    }

    /// @notice T2, T4: each operator's escrow is exactly what the model priced: buyers paid the
    /// all-in price rounded up, within their limit, from free escrow first and from an amount set
    /// aside only while its window was open; sellers got the price rounded down; withdrawals paid
    /// what was set aside a window earlier, never a later deposit.
    function invariant_escrowMovesExactlyAsPriced() public view {
        for (uint256 i; i < 4; ++i) {
            address op = handler.actors(i);
            (uint256 setAside,) = exchange.pendingWithdrawal(op);
            assertEq(exchange.escrowOf(op), handler.ghostEscrow(op), "free escrow differs from the model");
            assertEq(setAside, handler.ghostSetAside(op), "amount set aside differs from the model");
        }
        assertEq(exchange.feesAccrued(), handler.ghostFees(), "fees differ from the model");
        assertEq(handler.ghostPaidBeyondEscrow(), 0, "a buyer paid more than its escrow");
        assertEq(handler.ghostPaidBeyondLimit(), 0, "a buyer paid more than its limit x quantity");
        assertEq(handler.ghostEarlyWithdrawals(), 0, "a withdrawal was paid before its time");
        assertEq(handler.ghostWrongPayouts(), 0, "a withdrawal paid the wrong amount or was refused");
    }

    /// @notice No order is ever filled beyond its quantity, all-or-nothing orders fill whole, no
    /// cancelled or expired order fills, and the exchange's order state agrees with the model.
    function invariant_noOrderFilledBeyondItsQuantity() public view {
        assertEq(handler.ghostOverfills(), 0, "an order was filled beyond its quantity");
        assertEq(handler.ghostAllOrNothingSplit(), 0, "an all-or-nothing order was split");
        assertEq(handler.ghostExpiredOrCancelledFills(), 0, "an expired or cancelled order was filled");
        uint256 n = handler.orderCount();
        for (uint256 i; i < n; ++i) {
            (Order memory o, uint64 filled, uint64 cancelAt) = handler.orderAt(i);
            _assertOrderState(o, filled, cancelAt);
        }
        n = handler.retiredCount();
        for (uint256 i; i < n; ++i) {
            (Order memory o, uint64 filled, uint64 cancelAt) = handler.retiredAt(i);
            _assertOrderState(o, filled, cancelAt);
        }
    }

    /// @notice Leases match the model, and in every market the leases held add up to the licence
    /// capacity sold (nothing is created or lost); fills balance; nobody traded with itself.
    function invariant_noSruCreatedOrLost() public view {
        assertEq(handler.ghostUnbalancedMarkets(), 0, "bids and asks of a market did not balance");
        assertEq(handler.ghostWashTrades(), 0, "a maker traded with itself");
        uint256 leasesHeld;
        for (uint256 m; m < handler.marketCount(); ++m) {
            uint256 id = handler.marketIdAt(m);
            uint256 leasedInMarket;
            uint256 soldInMarket;
            for (uint256 i; i < 4; ++i) {
                address op = handler.actors(i);
                uint64 leased = handler.ghostLeased(op, id);
                assertEq(exchange.balanceOf(op, id), leased, "lease differs from the model");
                leasedInMarket += leased;
                soldInMarket += handler.ghostLicenceSold(op, id);
            }
            assertEq(leasedInMarket, soldInMarket, "leases held != licence capacity sold");
            leasesHeld += leasedInMarket;
        }
        assertLe(leasesHeld, handler.ghostLeasesMinted() - handler.ghostLeasesBurnt(), "leases minted - burnt");
    }

    /// @notice Every settled bid covered the price plus the fee, every settled ask got at least its limit.
    function invariant_noTradeOutsideItsLimitPrice() public view {
        assertEq(handler.ghostFillsOutsideLimit(), 0, "a fill traded outside its limit price");
    }

    function _assertOrderState(Order memory o, uint64 filled, uint64 cancelAt) internal view {
        assertLe(filled, o.quantity, "model filled beyond quantity");
        (OrderState state, uint64 onChain) = exchange.orderState(o.maker, o.nonce);
        if (filled == o.quantity) {
            assertEq(uint256(state), uint256(OrderState.Filled), "filled order");
        } else if (o.nonce < handler.ghostMinNonce(o.maker) || (cancelAt != 0 && block.timestamp >= cancelAt)) {
            assertEq(uint256(state), uint256(OrderState.Cancelled), "cancelled order");
        } else {
            assertEq(uint256(state), uint256(OrderState.Open), "open order");
            assertEq(onChain, filled, "filled quantity");
        }
    }

    // ---------------------------------------------------------------- the handler itself

    /// @dev A handler that mostly fails would make the invariants above vacuous; one whose
    /// regulator never acts would leave T1 untested.
    function test_HandlerSettlesMostMarketsAndTheRegulatorActs() public {
        handler.deploySecondExchange();
        for (uint256 i; i < 80; ++i) {
            uint256 seed = uint256(keccak256(abi.encode("settle", i)));
            handler.settle(seed);
            if (i % 7 == 3) handler.warp(10 minutes);
            if (i % 11 == 5) handler.cancelOrder(i);
            if (i % 13 == 7) handler.cancelUpTo(i, 2);
            if (i % 9 == 4) handler.setGrid(seed);
            if (i % 10 == 6) handler.grantLicence(seed);
            if (i % 17 == 8) handler.registerBand(seed);
            if (i % 6 == 2) handler.settleOnSecondExchange(seed);
        }
        emit log_named_uint("settled markets", handler.settledMarkets());
        emit log_named_uint("settled fills", handler.settledFills());
        emit log_named_uint("skipped markets", handler.skippedMarkets());
        emit log_named_uint("grid changes", handler.gridChanges());
        emit log_named_uint("overlapping markets tried", handler.overlapAttempts());
        emit log_named_uint("second exchange attempts", handler.secondExchangeAttempts());
        uint256 settled = handler.settledMarkets();
        uint256 skipped = handler.skippedMarkets();
        handler.oversell(1);
        handler.washTrade(2);
        assertEq(handler.settledMarkets(), settled, "an oversold or wash market settled");
        assertEq(handler.skippedMarkets(), skipped + 2, "both markets were tried");
        assertGt(handler.settledMarkets(), 40, "settled markets");
        assertGt(handler.skippedMarkets(), 0, "some adversarial markets were skipped");
        assertEq(handler.skippedValidMarkets(), 0, "a valid market was skipped");
        assertGt(handler.gridChanges(), 0, "the regulator moved a grid");
        assertGt(handler.overlapAttempts(), 0, "overlapping markets were tried");
        assertGt(handler.secondExchangeAttempts(), 0, "the second exchange was tried");
        assertGt(handler.bandCount(), 1, "a band was registered");
        invariant_LicenceNeverOversold();
        invariant_escrowIsBackedByTheTokenBalance();
        invariant_escrowMovesExactlyAsPriced();
        invariant_noOrderFilledBeyondItsQuantity();
        invariant_noSruCreatedOrLost();
        invariant_noTradeOutsideItsLimitPrice();
    }
}
