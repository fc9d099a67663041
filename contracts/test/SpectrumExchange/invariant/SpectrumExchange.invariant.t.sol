// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SettlementToken} from "../../../src/SettlementToken.sol";
import {SpectrumExchange} from "../../../src/SpectrumExchange.sol";
import {SpectrumPolicy} from "../../../src/SpectrumPolicy.sol";
import {OrderState} from "../../../src/interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy, OperatorKind} from "../../../src/interfaces/ISpectrumPolicy.sol";
import {Order} from "../../../src/libraries/OrderLib.sol";
import {Test} from "../../utils/Test.sol";
import {Market} from "../../utils/SpectrumFixture.sol";
import {SpectrumExchangeHandler} from "./SpectrumExchangeHandler.sol";

/// @notice What must hold after any sequence of deposits, withdrawals, orders, batches,
/// cancellations, fee changes and time: escrow is backed by tokens and moves exactly as priced,
/// no order fills beyond its quantity, no seller sells SRU it does not hold, no fill trades
/// outside its limit price.
contract SpectrumExchangeInvariantTest is Test {
    uint256 internal constant T0 = 1_750_000_000;
    uint32 internal constant BAND = 4;

    SpectrumPolicy internal policy;
    SettlementToken internal token;
    SpectrumExchange internal exchange;
    SpectrumExchangeHandler internal handler;

    function setUp() public {
        vm.warp(T0);
        address admin = address(this);
        policy = new SpectrumPolicy(admin);
        token = new SettlementToken("SpectrumLedger Settlement Token", "SLT", admin);
        exchange = new SpectrumExchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), 1 hours);

        // Two cells, each with a short slot soon and a long one later.
        Market[] memory markets = new Market[](4);
        uint64 c1 = (uint64(1) << 56) | 42;
        uint64 c2 = (uint64(2) << 56) | 42; // the UAV layer above it
        markets[0] = Market(BAND, c1, uint64(T0 + 1 hours), uint64(T0 + 3 hours));
        markets[1] = Market(BAND, c1, uint64(T0 + 3 hours), uint64(T0 + 48 hours));
        markets[2] = Market(BAND, c2, uint64(T0 + 1 hours), uint64(T0 + 3 hours));
        markets[3] = Market(BAND, c2, uint64(T0 + 3 hours), uint64(T0 + 48 hours));
        uint256[4] memory keys = [uint256(0x1001), 0x1002, 0x1003, 0x1004];
        handler = new SpectrumExchangeHandler(exchange, token, keys, markets);

        policy.grantRole(policy.BROKER_ROLE(), address(handler));
        policy.grantRole(bytes32(0), address(handler));
        token.grantRole(token.TREASURY_ROLE(), address(handler));
        policy.registerBand(BAND, 2_110_000, 2_155_000, false, 0);
        OperatorKind[4] memory kinds = [
            OperatorKind.MobileNetwork,
            OperatorKind.VirtualNetwork,
            OperatorKind.MicroOperator,
            OperatorKind.LocalOperator
        ];
        for (uint256 i; i < 4; ++i) {
            address op = handler.actors(i);
            policy.registerOperator(op, kinds[i], "operator");
            policy.grantLicence(op, BAND, c1, handler.licence(), uint64(T0), uint64(T0 + 60 days));
            policy.grantLicence(op, BAND, c2, handler.licence(), uint64(T0), uint64(T0 + 60 days));
            handler.deposit(i, 5_000e6);
        }

        // settle three times as often as the rest: it is what the invariants are about.
        bytes4[] memory selectors = new bytes4[](13);
        selectors[0] = SpectrumExchangeHandler.settle.selector;
        selectors[1] = SpectrumExchangeHandler.settle.selector;
        selectors[2] = SpectrumExchangeHandler.settle.selector;
        selectors[3] = SpectrumExchangeHandler.deposit.selector;
        selectors[4] = SpectrumExchangeHandler.requestWithdrawal.selector;
        selectors[5] = SpectrumExchangeHandler.withdraw.selector;
        selectors[6] = SpectrumExchangeHandler.cancelOrder.selector;
        selectors[7] = SpectrumExchangeHandler.cancelUpTo.selector;
        selectors[8] = SpectrumExchangeHandler.warp.selector;
        selectors[9] = SpectrumExchangeHandler.collectFees.selector;
        selectors[10] = SpectrumExchangeHandler.setFee.selector;
        selectors[11] = SpectrumExchangeHandler.oversell.selector;
        selectors[12] = SpectrumExchangeHandler.settleCancelled.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    // ---------------------------------------------------------------- invariants

    /// @notice Every unit of escrow and every accrued fee is a token the exchange holds, and the
    /// total is what came in minus what went out.
    function invariant_escrowIsBackedByTheTokenBalance() public view {
        uint256 escrow;
        for (uint256 i; i < 4; ++i) {
            escrow += exchange.escrowOf(handler.actors(i));
        }
        uint256 balance = token.balanceOf(address(exchange));
        assertEq(escrow + exchange.feesAccrued(), balance, "escrow + fees != token balance");
        assertEq(
            balance,
            handler.ghostDeposited() - handler.ghostWithdrawn() - handler.ghostFeesCollected(),
            "token balance != deposits - withdrawals - collected fees"
        );
        assertEq(handler.ghostUnbackedCredits(), 0, "a batch credited sellers more than buyers paid");
    }

    /// @notice Each operator's escrow is exactly what the model priced: buyers paid the price
    /// rounded up plus the fee rounded up, sellers got the price rounded down; withdrawals waited
    /// for the delay and paid min(request, escrow).
    function invariant_escrowMovesExactlyAsPriced() public view {
        for (uint256 i; i < 4; ++i) {
            address op = handler.actors(i);
            assertEq(exchange.escrowOf(op), handler.ghostEscrow(op), "escrow differs from the model");
        }
        assertEq(exchange.feesAccrued(), handler.ghostFees(), "fees differ from the model");
        assertEq(handler.ghostPaidBeyondEscrow(), 0, "a buyer paid more than its escrow");
        assertEq(handler.ghostEarlyWithdrawals(), 0, "a withdrawal was paid before its time");
        assertEq(handler.ghostWrongPayouts(), 0, "a withdrawal paid the wrong amount or was refused");
    }

    /// @notice No order is ever filled beyond its quantity, all-or-nothing orders fill whole, and
    /// the exchange's order state agrees with the model.
    function invariant_noOrderFilledBeyondItsQuantity() public view {
        assertEq(handler.ghostOverfills(), 0, "an order was filled beyond its quantity");
        assertEq(handler.ghostAllOrNothingSplit(), 0, "an all-or-nothing order was split");
        assertEq(handler.ghostExpiredOrCancelledFills(), 0, "an expired or cancelled order was filled");
        uint256 n = handler.orderCount();
        for (uint256 i; i < n; ++i) {
            (Order memory o, uint64 filled, bool cancelled) = handler.orderAt(i);
            _assertOrderState(o, filled, cancelled);
        }
        n = handler.retiredCount();
        for (uint256 i; i < n; ++i) {
            (Order memory o, uint64 filled, bool cancelled) = handler.retiredAt(i);
            _assertOrderState(o, filled, cancelled);
        }
    }

    /// @notice No seller sells SRU it does not hold: licence sold stays within the licence,
    /// leases match the model and are never negative, and in every market the leases held add up
    /// to the licence capacity sold (nothing is created or lost).
    function invariant_noSruSoldBeyondHoldings() public view {
        assertEq(handler.ghostSoldBeyondHoldings(), 0, "a seller sold more than it held");
        assertEq(handler.ghostUnbalancedMarkets(), 0, "bids and asks of a market did not balance");
        uint64 licence = handler.licence();
        uint256 leasesHeld;
        for (uint256 m; m < handler.marketCount(); ++m) {
            uint256 id = handler.marketIdAt(m);
            Market memory mk = handler.market(m);
            uint256 leasedInMarket;
            uint256 soldInMarket;
            for (uint256 i; i < 4; ++i) {
                address op = handler.actors(i);
                uint64 leased = handler.ghostLeased(op, id);
                uint64 sold = handler.ghostLicenceSold(op, id);
                assertLe(sold, licence, "licence sold beyond the licence");
                assertEq(exchange.balanceOf(op, id), leased, "lease differs from the model");
                assertEq(
                    exchange.holdings(op, mk.band, mk.cell, mk.slotStart, mk.slotEnd),
                    leased + licence - sold,
                    "holdings differ from the model"
                );
                leasedInMarket += leased;
                soldInMarket += sold;
            }
            assertEq(leasedInMarket, soldInMarket, "leases held != licence capacity sold");
            leasesHeld += leasedInMarket;
        }
        assertEq(leasesHeld, handler.ghostLeasesMinted() - handler.ghostLeasesBurnt(), "leases minted - burnt");
    }

    /// @notice Every settled bid paid at most its limit, every settled ask got at least its limit.
    function invariant_noTradeOutsideItsLimitPrice() public view {
        assertEq(handler.ghostFillsOutsideLimit(), 0, "a fill traded outside its limit price");
    }

    function _assertOrderState(Order memory o, uint64 filled, bool cancelled) internal view {
        assertLe(filled, o.quantity, "model filled beyond quantity");
        (OrderState state, uint64 onChain) = exchange.orderState(o.maker, o.nonce);
        if (filled == o.quantity) {
            assertEq(uint256(state), uint256(OrderState.Filled), "filled order");
        } else if (o.nonce < handler.ghostMinNonce(o.maker)) {
            assertEq(uint256(state), uint256(OrderState.Cancelled), "below the minimum nonce");
        } else if (cancelled) {
            assertEq(uint256(state), uint256(OrderState.Cancelled), "cancelled order");
        } else {
            assertEq(uint256(state), uint256(OrderState.Open), "open order");
            assertEq(onChain, filled, "filled quantity");
        }
    }

    // ---------------------------------------------------------------- the handler itself

    /// @dev A handler that mostly fails would make the invariants above vacuous.
    function test_HandlerSettlesMostBatches() public {
        for (uint256 i; i < 60; ++i) {
            handler.settle(uint256(keccak256(abi.encode("settle", i))));
            if (i % 7 == 3) handler.warp(10 minutes);
            if (i % 11 == 5) handler.cancelOrder(i);
            if (i % 13 == 7) handler.cancelUpTo(i, 2);
        }
        emit log_named_uint("settled batches", handler.settledBatches());
        emit log_named_uint("settled fills", handler.settledFills());
        emit log_named_uint("refused batches", handler.refusedBatches());
        emit log_named_uint("refused valid batches", handler.refusedValidBatches());
        uint256 settled = handler.settledBatches();
        uint256 refused = handler.refusedBatches();
        handler.oversell(1);
        for (uint256 i; i < 4; ++i) {
            handler.cancelUpTo(i, 8);
        }
        handler.settleCancelled(2);
        assertEq(handler.settledBatches(), settled, "an oversold or cancelled batch settled");
        assertEq(handler.refusedBatches(), refused + 2, "both batches were tried");
        assertGt(handler.settledBatches(), 30, "settled batches");
        assertGt(handler.refusedBatches(), 0, "some adversarial batches were refused");
        assertEq(handler.refusedValidBatches(), 0, "a valid batch was refused");
        invariant_escrowIsBackedByTheTokenBalance();
        invariant_escrowMovesExactlyAsPriced();
        invariant_noOrderFilledBeyondItsQuantity();
        invariant_noSruSoldBeyondHoldings();
        invariant_noTradeOutsideItsLimitPrice();
    }
}
