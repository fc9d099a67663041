// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {Order} from "../../src/libraries/OrderLib.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice One storage slot per operator holds its free escrow, its nonce floor, whether a
/// withdrawal is set aside, and the state of its first 40 orders (nonces 0 to 39); later nonces
/// keep their state in words of 128. The attacks here try to make one of these undo another: an
/// escrow move that forgets a filled order, a cancellation that moves escrow, a credit that slips
/// past the amount set aside.
contract AccountSlotTest is SpectrumFixture {
    uint64 internal constant EFFECTIVE = uint64(T0) + SETTLEMENT_WINDOW;
    uint64 internal constant Q = 1000;

    function _state(address maker, uint64 nonce) internal view returns (OrderState state) {
        (state,) = exchange.orderState(maker, nonce);
    }

    function _one(uint64 nonce) internal pure returns (uint64[] memory n) {
        n = new uint64[](1);
        n[0] = nonce;
    }

    /// @notice Attack: the buyer moves escrow after its first order filled, hoping the account's
    /// rewrite forgets the fill, and the broker settles the same signed order again.
    function test_AFirstOrderFilledStaysFilledThroughEveryEscrowMove() public {
        Order memory bid = _bid(carol, Q, PRICE, 5);
        Order memory ask = _ask(alice, Q, PRICE, 5);
        _settlePair(1, PRICE, _fill(bid), _fill(ask));
        uint256 escrow = exchange.escrowOf(carol);

        _fund(carol, 7e6);
        vm.startPrank(carol);
        exchange.requestWithdrawal(3e6);
        exchange.cancelWithdrawal();
        exchange.requestWithdrawal(2e6);
        vm.stopPrank();
        vm.warp(EFFECTIVE);
        vm.prank(carol);
        exchange.withdraw();
        assertEq(exchange.escrowOf(carol), escrow + 5e6, "escrow moved as asked");
        assertEq(uint256(_state(carol, 5)), uint256(OrderState.Filled), "the bid is still filled");
        assertEq(uint256(_state(alice, 5)), uint256(OrderState.Filled), "the ask is still filled");

        _settleExpectingSkip(
            2,
            _batch(_clearing(PRICE, _fill(bid), _fill(_ask(bob, Q, PRICE, 1)))),
            0,
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(bid), Q, 0)
        );
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "bought once");
    }

    /// @notice A cancellation of a first order and a nonce floor leave the escrow as it was; the
    /// escrow's moves leave both in force.
    function test_CancellationsAndEscrowMovesLeaveEachOtherAlone() public {
        vm.startPrank(carol);
        exchange.cancelOrders(_one(3));
        exchange.cancelUpTo(2);
        vm.stopPrank();
        assertEq(exchange.escrowOf(carol), FUNDS, "a cancellation moves no escrow");
        _fund(carol, 1e6);
        vm.prank(carol);
        exchange.requestWithdrawal(2e6);
        assertEq(exchange.pendingCancellation(carol, 3), EFFECTIVE, "3 still being cancelled");
        assertEq(exchange.pendingCancellation(carol, 1), EFFECTIVE, "1 still under the waiting floor");
        vm.warp(EFFECTIVE);
        assertEq(exchange.minValidNonce(carol), 2, "the floor in force");
        assertEq(uint256(_state(carol, 1)), uint256(OrderState.Cancelled), "1");
        assertEq(uint256(_state(carol, 2)), uint256(OrderState.Open), "2");
        assertEq(uint256(_state(carol, 3)), uint256(OrderState.Cancelled), "3");
        assertEq(exchange.escrowOf(carol), FUNDS - 1e6, "escrow");
        _settleExpectingSkip(
            1,
            _batch(_clearing(PRICE, _fill(_bid(carol, Q, PRICE, 3)), _fill(_ask(alice, Q, PRICE, 1)))),
            0,
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeOrderCancelled.selector, _orderHash(_bid(carol, Q, PRICE, 3)), 3
            )
        );
        _settlePair(2, PRICE, _fill(_bid(carol, Q, PRICE, 2)), _fill(_ask(alice, Q, PRICE, 1)));
        assertEq(uint256(_state(carol, 2)), uint256(OrderState.Filled), "2 filled");
        assertEq(uint256(_state(carol, 3)), uint256(OrderState.Cancelled), "3 still cancelled");
        assertEq(exchange.minValidNonce(carol), 2, "the floor kept");
    }

    /// @notice Nonces 39 and 40 sit on either side of the account slot's last order: each keeps its
    /// own state, and neither fills twice.
    function test_OrdersEitherSideOfTheFirstFortyKeepTheirOwnState() public {
        Order memory bid39 = _bid(carol, Q, PRICE, 39);
        Order memory bid40 = _bid(carol, Q, PRICE, 40);
        _settle(
            1,
            _batch(
                _clearing(_market(), PRICE, _fills(_fill(bid39), _fill(bid40), _fill(_ask(alice, 2 * Q, PRICE, 39))))
            )
        );
        assertEq(uint256(_state(carol, 38)), uint256(OrderState.Open), "38");
        assertEq(uint256(_state(carol, 39)), uint256(OrderState.Filled), "39");
        assertEq(uint256(_state(carol, 40)), uint256(OrderState.Filled), "40");
        assertEq(uint256(_state(carol, 41)), uint256(OrderState.Open), "41");
        assertEq(uint256(_state(alice, 40)), uint256(OrderState.Open), "the seller's 40");
        for (uint64 n = 39; n <= 40; ++n) {
            Order memory again = n == 39 ? bid39 : bid40;
            _settleExpectingSkip(
                n,
                _batch(_clearing(PRICE, _fill(again), _fill(_ask(bob, Q, PRICE, n)))),
                0,
                abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(again), Q, 0)
            );
        }
        assertEq(exchange.balanceOf(carol, _id(_market())), 2 * Q, "bought once each");
    }

    /// @notice A credit that fits the free escrow but not the free escrow and the amount set aside
    /// together is refused: a cancelled withdrawal would add the amount back past 96 bits.
    function test_SkipsTheMarketWhen_ACreditWouldOverflowTheEscrowAndTheAmountSetAside() public {
        uint256 headroom = 10;
        _fund(alice, uint256(type(uint96).max) - headroom);
        uint256 aside = uint256(type(uint96).max) - headroom - 1e6;
        vm.prank(alice);
        exchange.requestWithdrawal(aside);
        assertEq(exchange.escrowOf(alice), 1e6, "a small free escrow");
        uint256 credit = _sellerProceeds(PRICE, Q);
        _settleExpectingSkip(
            1,
            _batch(_clearing(PRICE, _fill(_bid(carol, Q, PRICE, 1)), _fill(_ask(alice, Q, PRICE, 1)))),
            0,
            abi.encodeWithSelector(ISpectrumExchange.ExchangeEscrowOverflow.selector, alice, 1e6 + credit)
        );

        // Once the amount is withdrawn, nothing is set aside and the same credit settles.
        vm.warp(EFFECTIVE);
        vm.prank(alice);
        exchange.withdraw();
        _settlePair(2, PRICE, _fill(_bid(carol, Q, PRICE, 1)), _fill(_ask(alice, Q, PRICE, 1)));
        assertEq(exchange.escrowOf(alice), 1e6 + credit, "credited");
        (uint256 amount, uint64 readyAt) = exchange.pendingWithdrawal(alice);
        assertEq(amount + readyAt, 0, "nothing set aside");
    }

    /// @notice Whatever the escrow does after a first order fills, the order stays filled and its
    /// neighbours stay open.
    function testFuzz_EscrowMovesLeaveOrderStateAlone(uint64 nonce, uint96 deposit, uint96 withdrawn) public {
        nonce = uint64(bound(nonce, 1, 38));
        deposit = uint96(bound(deposit, 1, 1e12));
        _settlePair(1, PRICE, _fill(_bid(carol, Q, PRICE, nonce)), _fill(_ask(alice, Q, PRICE, nonce)));
        _fund(carol, deposit);
        withdrawn = uint96(bound(withdrawn, 1, exchange.escrowOf(carol)));
        vm.prank(carol);
        exchange.requestWithdrawal(withdrawn);
        assertEq(uint256(_state(carol, nonce)), uint256(OrderState.Filled), "filled");
        assertEq(uint256(_state(carol, nonce - 1)), uint256(OrderState.Open), "the one before");
        assertEq(uint256(_state(carol, nonce + 1)), uint256(OrderState.Open), "the one after");
        assertEq(exchange.minValidNonce(carol), 0, "no floor");
    }
}
