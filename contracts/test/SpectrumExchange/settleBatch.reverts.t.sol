// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Deployments} from "../utils/Deployments.sol";
import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy, OperatorKind} from "../../src/interfaces/ISpectrumPolicy.sol";
import {ISpectrumPolicyErrors} from "../../src/interfaces/ISpectrumPolicyErrors.sol";
import {MarketLib} from "../../src/libraries/MarketLib.sol";
import {Clearing, Fill, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Market, SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Every way `settleBatch` refuses a market, each with its exact error: the market is
/// skipped (`MarketSkipped` carries the error), nothing of it moves, and the batch id is used.
/// Then the few ways it refuses a whole batch, none of which another party can cause.
contract SettleBatchRevertsTest is SpectrumFixture {
    uint64 internal constant Q = 2000;
    uint64 internal constant BATCH = 1;

    Order internal bid;
    Order internal ask;

    function setUp() public override {
        super.setUp();
        bid = _bid(carol, Q, PRICE, 1);
        ask = _ask(alice, Q, PRICE, 1);
    }

    /// @dev Everything settlement could move for these clearings: every actor's escrow and pending
    /// withdrawal, each actor's position in each market, and the fees and the token balance.
    function _state(Clearing[] memory clearings) internal view returns (bytes32 h) {
        address[5] memory actors = [alice, bob, carol, dave, erin];
        h = keccak256(abi.encode(exchange.feesAccrued(), token.balanceOf(address(exchange))));
        for (uint256 a; a < actors.length; ++a) {
            (uint256 pending,) = exchange.pendingWithdrawal(actors[a]);
            h = keccak256(abi.encode(h, exchange.escrowOf(actors[a]), pending));
            for (uint256 m; m < clearings.length; ++m) {
                Clearing memory c = clearings[m];
                (uint64 leased, uint64 sold) =
                    exchange.position(actors[a], MarketLib.id(c.band, c.cell, c.slotStart, c.slotEnd));
                h = keccak256(abi.encode(h, leased, sold));
                for (uint256 f; f < c.fills.length; ++f) {
                    (OrderState st, uint64 filled) = exchange.orderState(c.fills[f].maker, c.fills[f].nonce);
                    h = keccak256(abi.encode(h, st, filled));
                }
            }
        }
    }

    /// @dev Submits one market as the broker and expects it skipped with `err`, with nothing moved.
    function _assertSkipped(uint64 batchId, Clearing[] memory clearings, bytes memory err) internal {
        bytes32 before = _state(clearings);
        _settleExpectingSkip(batchId, clearings, 0, err);
        assertEq(_state(clearings), before, "a skipped market moved something");
        assertTrue(exchange.isBatchSettled(batchId), "the batch id is used");
    }

    function _assertSkipped(Clearing[] memory clearings, bytes memory err) internal {
        _assertSkipped(BATCH, clearings, err);
    }

    function _assertSkipped(Clearing memory clearing, bytes memory err) internal {
        _assertSkipped(_batch(clearing), err);
    }

    /// @dev Submits `clearings` as the broker and expects the whole batch to revert with `err`. A
    /// revert leaves no state behind, and without one `expectRevert` fails the test.
    function _assertReverted(Clearing[] memory clearings, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(broker);
        exchange.settleBatch(BATCH, clearings);
    }

    function _assertReverted(Clearing memory clearing, bytes memory err) internal {
        _assertReverted(_batch(clearing), err);
    }

    function _err(bytes4 selector, bytes32 orderHash, address who) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector, orderHash, who);
    }

    // ---------------------------------------------------------------- signatures

    function test_SkipsTheMarketWhen_SignatureIsNotTheMakers() public {
        (bytes32 r, bytes32 vs) = _signCompact(DAVE_KEY, exchange.hashOrder(bid));
        _assertSkipped(
            _clearing(PRICE, _fillWith(bid, Q, r, vs), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(bid), carol)
        );
    }

    function test_SkipsTheMarketWhen_SignedOrderIsAltered() public {
        Fill memory f = _fill(bid);
        f.limitPrice = PRICE * 2;
        Order memory altered = bid;
        altered.limitPrice = PRICE * 2;
        _assertSkipped(
            _clearing(PRICE, f, _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(altered), carol)
        );
    }

    function test_SkipsTheMarketWhen_SignatureIsMalformed() public {
        _assertSkipped(
            _clearing(PRICE, _fillWith(bid, Q, bytes32(0), bytes32(0)), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(bid), carol)
        );
    }

    function test_SkipsTheMarketWhen_SignatureIsMalleated() public {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(CAROL_KEY, exchange.hashOrder(bid));
        // The same point with the other s: valid for ecrecover, refused as a malleable signature.
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        uint256 highS = n - uint256(s);
        bytes32 vs = bytes32((uint256(v == 27 ? 1 : 0) << 255) | highS);
        _assertSkipped(
            _clearing(PRICE, _fillWith(bid, Q, r, vs), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(bid), carol)
        );
    }

    /// @dev ecrecover answers zero for a signature it cannot recover, and that must not pass for a
    /// zero maker's: the policy refuses to register the zero address, and the exchange does not
    /// lean on that (without its own check, this fill would pass the signature and be refused
    /// only by the policy, as not registered).
    function test_SkipsTheMarketWhen_TheMakerIsTheZeroAddressAndTheSignatureRecoversNoOne() public {
        Order memory zeroAsk = _ask(address(0), Q, PRICE, 1);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fillWith(zeroAsk, Q, bytes32(0), bytes32(0))),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(zeroAsk), address(0))
        );
    }

    function test_SkipsTheMarketWhen_SignedForAnotherChainId() public {
        (bytes32 r, bytes32 vs) = _signCompact(CAROL_KEY, _digest(bid, address(exchange), 2018));
        assertTrue(block.chainid != 2018, "test chain id");
        _assertSkipped(
            _clearing(PRICE, _fillWith(bid, Q, r, vs), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(bid), carol)
        );
    }

    function test_SkipsTheMarketWhen_ChainIdChangedAfterSigning() public {
        Fill memory b = _fill(bid);
        Fill memory a = _fill(ask);
        vm.chainId(block.chainid + 1);
        _assertSkipped(
            _clearing(PRICE, b, a), _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(bid), carol)
        );
    }

    function test_SkipsTheMarketWhen_SignedForAnotherDeployment() public {
        ISpectrumExchange other =
            Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), SETTLEMENT_WINDOW);
        bytes32 digest = _digest(bid, address(other), block.chainid);
        assertEq(digest, other.hashOrder(bid), "signed digest is the other deployment's");
        (bytes32 r, bytes32 vs) = _signCompact(CAROL_KEY, digest);
        _assertSkipped(
            _clearing(PRICE, _fillWith(bid, Q, r, vs), _fill(ask)),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(bid), carol)
        );
    }

    function test_SkipsTheMarketWhen_FillIsReplayedIntoAnotherMarket() public {
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        Order memory moved = bid;
        moved.slotStart = later.slotStart;
        moved.slotEnd = later.slotEnd;
        Order memory laterAsk = _order(alice, Side.Ask, later, Q, PRICE, 2);
        _assertSkipped(
            _clearing(later, PRICE, _fills(_fill(bid), _fill(laterAsk))),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(moved), carol)
        );
    }

    function test_SkipsTheMarketWhen_FillFlipsTheSide() public {
        Fill memory f = _fill(bid);
        f.side = Side.Ask;
        Order memory flipped = bid;
        flipped.side = Side.Ask;
        _assertSkipped(
            _clearing(PRICE, _fill(ask), f),
            _err(ISpectrumExchange.ExchangeInvalidSignature.selector, _orderHash(flipped), carol)
        );
    }

    // ---------------------------------------------------------------- operators

    function test_SkipsTheMarketWhen_BuyerIsNotRegistered() public {
        _fund(erin, FUNDS);
        Order memory erinBid = _bid(erin, Q, PRICE, 1);
        _assertSkipped(
            _clearing(PRICE, _fill(erinBid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorNotRegistered.selector, erin)
        );
    }

    function test_SkipsTheMarketWhen_SellerIsNotRegistered() public {
        Order memory erinAsk = _ask(erin, Q, PRICE, 1);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(erinAsk)),
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorNotRegistered.selector, erin)
        );
    }

    function test_SkipsTheMarketWhen_BuyerIsSuspended() public {
        _suspend(carol);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorSuspended.selector, carol)
        );
    }

    function test_SkipsTheMarketWhen_SellerIsSuspended() public {
        _suspend(alice);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyOperatorSuspended.selector, alice)
        );
    }

    // ---------------------------------------------------------------- order state

    function test_SkipsTheMarketWhen_OrderExpired() public {
        bid.validUntil = uint64(T0 + 10 minutes);
        Fill memory b = _fill(bid);
        Fill memory a = _fill(ask);
        vm.warp(T0 + 10 minutes + 1);
        _assertSkipped(
            _clearing(PRICE, b, a),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderExpired.selector, _orderHash(bid), bid.validUntil)
        );
    }

    function test_SkipsTheMarketWhen_OrderCancelledByNonce() public {
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = bid.nonce;
        vm.prank(carol);
        exchange.cancelOrders(nonces);
        vm.warp(T0 + SETTLEMENT_WINDOW);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderCancelled.selector, _orderHash(bid), bid.nonce)
        );
    }

    function test_SkipsTheMarketWhen_OrderCancelledUpToNonce() public {
        vm.prank(alice);
        exchange.cancelUpTo(ask.nonce + 1);
        vm.warp(T0 + SETTLEMENT_WINDOW);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderCancelled.selector, _orderHash(ask), ask.nonce)
        );
    }

    function test_SkipsTheMarketWhen_PartlyFilledOrderWasCancelled() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _settlePair(BATCH, PRICE, _fill(bid), _fill(bigAsk, Q));
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = bigAsk.nonce;
        vm.prank(alice);
        exchange.cancelOrders(nonces);
        vm.warp(T0 + SETTLEMENT_WINDOW);
        Order memory daveBid = _bid(dave, Q, PRICE, 1);
        _assertSkipped(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(daveBid), _fill(bigAsk, Q))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderCancelled.selector, _orderHash(bigAsk), bigAsk.nonce)
        );
    }

    function test_SkipsTheMarketWhen_FillExceedsOrderQuantity() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _assertSkipped(
            _batch(_clearing(PRICE, _fill(bid, Q + 1), _fill(bigAsk, Q + 1))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(bid), Q + 1, Q)
        );
    }

    function test_SkipsTheMarketWhen_SameOrderTwiceInOneBatchOverfills() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        Fill memory part = _fill(bid, 1500);
        _assertSkipped(
            _batch(_clearing(_market(), PRICE, _fills(part, part, _fill(bigAsk, 3000)))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(bid), 1500, Q - 1500)
        );
    }

    function test_SkipsTheMarketWhen_AllOrNothingOrderTwiceInOneBatch() public {
        bid.partialFill = false;
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        Fill memory whole = _fill(bid);
        _assertSkipped(
            _batch(_clearing(_market(), PRICE, _fills(whole, whole, _fill(bigAsk)))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(bid), Q, 0)
        );
    }

    function test_SkipsTheMarketWhen_OrderOverfilledAcrossBatches() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _settlePair(BATCH, PRICE, _fill(bid, 1500), _fill(bigAsk, 1500));
        _assertSkipped(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(bid, 600), _fill(bigAsk, 600))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(bid), 600, 500)
        );
    }

    function test_SkipsTheMarketWhen_FilledOrderIsFilledAgain() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _settlePair(BATCH, PRICE, _fill(bid), _fill(bigAsk, Q));
        _assertSkipped(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(bid, 1), _fill(bigAsk, 1))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(bid), 1, 0)
        );
    }

    /// @dev Fill state is kept per (maker, nonce), the order's id: an all-or-nothing version of
    /// an order whose nonce is already partly filled cannot fill its whole quantity on top.
    function test_SkipsTheMarketWhen_AllOrNothingOrderReusesAPartlyFilledNonce() public {
        _settlePair(BATCH, PRICE, _fill(bid, Q / 2), _fill(ask, Q / 2));
        Order memory amended = _bid(carol, Q, PRICE + 1, bid.nonce);
        amended.partialFill = false;
        Order memory bobAsk = _ask(bob, Q, PRICE, 1);
        _assertSkipped(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(amended), _fill(bobAsk))),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeOrderOverfilled.selector, _orderHash(amended), Q, Q - Q / 2
            )
        );
    }

    function test_SkipsTheMarketWhen_AllOrNothingOrderIsPartlyFilled() public {
        ask.partialFill = false;
        Order memory smallBid = _bid(carol, Q / 2, PRICE, 2);
        _assertSkipped(
            _batch(_clearing(PRICE, _fill(smallBid), _fill(ask, Q / 2))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangePartialFillNotAllowed.selector, _orderHash(ask), Q, Q / 2)
        );
    }

    function test_SkipsTheMarketWhen_FillIsZero() public {
        _assertSkipped(
            _clearing(PRICE, _fill(bid, 0), _fill(ask, 0)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeZeroFill.selector, _orderHash(bid))
        );
    }

    // ---------------------------------------------------------------- prices

    function test_SkipsTheMarketWhen_BidIsBelowThePrice() public {
        bid.limitPrice = PRICE - 1;
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeBidBelowPrice.selector, _orderHash(bid), PRICE - 1, PRICE)
        );
    }

    function test_SkipsTheMarketWhen_AskIsAboveThePrice() public {
        ask.limitPrice = PRICE + 1;
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeAskAbovePrice.selector, _orderHash(ask), PRICE + 1, PRICE)
        );
    }

    function test_SkipsTheMarketWhen_PriceIsZero() public {
        _assertSkipped(
            _clearing(0, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeZeroPrice.selector, _id(_market()))
        );
    }

    function test_RevertWhen_MarketHasTwoPricesInOneBatch() public {
        Order memory bid2 = _bid(dave, Q, PRICE + 1, 1);
        Order memory ask2 = _ask(bob, Q, PRICE + 1, 1);
        uint256 id = _id(_market());
        _assertReverted(
            _batch(_clearing(PRICE, _fill(bid), _fill(ask)), _clearing(PRICE + 1, _fill(bid2), _fill(ask2))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeMarketsNotAscending.selector, id, id)
        );
    }

    function test_RevertWhen_MarketsAreNotAscending() public {
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        Order memory laterBid = _order(dave, Side.Bid, later, Q, PRICE, 1);
        Order memory laterAsk = _order(bob, Side.Ask, later, Q, PRICE, 1);
        Clearing memory first = _clearing(later, PRICE, _fills(_fill(laterBid), _fill(laterAsk)));
        _assertReverted(
            _batch(first, _clearing(PRICE, _fill(bid), _fill(ask))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeMarketsNotAscending.selector, _id(later), _id(_market()))
        );
    }

    // ---------------------------------------------------------------- conservation and holdings

    function test_SkipsTheMarketWhen_FillsAreUnbalanced() public {
        Order memory bigAsk = _ask(alice, 2 * Q, PRICE, 5);
        _assertSkipped(
            _batch(_clearing(PRICE, _fill(bid), _fill(bigAsk, Q - 1))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeUnbalancedFills.selector, _id(_market()), Q, Q - 1)
        );
    }

    function test_SkipsTheMarketWhen_MarketHasOnlyBids() public {
        _assertSkipped(
            _batch(_clearing(_market(), PRICE, _fills(_fill(bid)))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeUnbalancedFills.selector, _id(_market()), Q, 0)
        );
    }

    /// @dev A market's positions share storage words, four operators a word (alice, bob, carol and
    /// dave share one here), so a lane holds at most MAX_POSITION: a bid that would lease past it
    /// skips the market. A wider lane would spill into the neighbour's, and a sum past 2^64 would
    /// wrap into a balance with the asks, granting leases nobody sold.
    function test_SkipsTheMarketWhen_ABuyersLeasesWouldPassThePositionLimit() public {
        _assertOnePastThePositionLimitIsSkipped(false);
    }

    /// @dev The same for a seller's licence sold: a licence can be larger than a position holds.
    function test_SkipsTheMarketWhen_ASellersLicenceSoldWouldPassThePositionLimit() public {
        _assertOnePastThePositionLimitIsSkipped(true);
    }

    /// @dev A bid and an ask of one milli-SRU more than a position holds, licensed and paid for:
    /// the first fill the exchange reaches (the ask's when `askFirst`) passes the limit, and the
    /// market is skipped naming its maker.
    function _assertOnePastThePositionLimitIsSkipped(bool askFirst) internal {
        uint64 max = exchange.MAX_POSITION();
        vm.prank(admin);
        policy.grantLicence(alice, BAND, CELL, type(uint64).max, uint64(T0), SLOT_END);
        Fill memory hugeBid = _fill(_bid(carol, max + 1, 1, 9));
        Fill memory hugeAsk = _fill(_ask(alice, max + 1, 1, 9));
        _fund(carol, _buyerCost(1, max + 1, 0));
        Fill[] memory fills = askFirst ? _fills(hugeAsk, hugeBid) : _fills(hugeBid, hugeAsk);
        _assertSkipped(
            _batch(_clearing(_market(), 1, fills)),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangePositionTooLarge.selector,
                askFirst ? alice : carol,
                _id(_market()),
                uint256(max) + 1,
                max
            )
        );
    }

    /// @dev Filled to the limit over two batches, a buyer's next fill is refused, and the four
    /// operators sharing the word keep their own positions, at the limit and beside it.
    function test_PositionsSharingAWordStayApartAtTheLimit() public {
        uint64 max = exchange.MAX_POSITION();
        vm.prank(admin);
        policy.grantLicence(alice, BAND, CELL, type(uint64).max, uint64(T0), SLOT_END);
        _fund(carol, _buyerCost(1, max, 0) + 1e18);
        _fund(dave, 1e18);
        _settle(
            BATCH,
            _batch(
                _clearing(
                    _market(),
                    1,
                    _fills(
                        _fill(_bid(carol, max - Q, 1, 20)),
                        _fill(_bid(dave, Q, 1, 20)),
                        _fill(_ask(alice, max - Q, 1, 20)),
                        _fill(_ask(bob, Q, 1, 20))
                    )
                )
            )
        );
        _settlePair(BATCH + 1, 1, _fill(_bid(carol, Q, 1, 21)), _fill(_ask(alice, Q, 1, 21)));
        uint256 id = _id(_market());
        (uint64 leased, uint64 sold) = exchange.position(carol, id);
        assertEq(leased, max, "carol leases the most a position holds");
        assertEq(sold, 0, "carol sold nothing");
        (leased, sold) = exchange.position(alice, id);
        assertEq(sold, max, "alice sold the most a position holds");
        assertEq(leased, 0, "alice leases nothing");
        (leased, sold) = exchange.position(bob, id);
        assertEq(sold, Q, "bob sold Q");
        assertEq(leased, 0, "bob leases nothing");
        assertEq(exchange.balanceOf(dave, id), Q, "dave leases Q");
        assertEq(exchange.balanceOf(erin, id), 0, "an unregistered address holds nothing");

        _assertSkipped(
            BATCH + 2,
            _batch(_clearing(_market(), 1, _fills(_fill(_bid(carol, Q, 1, 22)), _fill(_ask(bob, Q, 1, 22))))),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangePositionTooLarge.selector, carol, id, uint256(max) + Q, max
            )
        );

        // carol sells leases back, to dave: both lanes move, alice's and bob's do not
        _settlePair(BATCH + 3, 1, _fill(_bid(dave, Q, 1, 23)), _fill(_ask(carol, Q, 1, 23)));
        assertEq(exchange.balanceOf(carol, id), max - Q, "carol after reselling");
        assertEq(exchange.balanceOf(dave, id), 2 * Q, "dave after buying");
        (, sold) = exchange.position(alice, id);
        assertEq(sold, max, "alice unmoved");
        (, sold) = exchange.position(bob, id);
        assertEq(sold, Q, "bob unmoved");
    }

    function test_SkipsTheMarketWhen_SellerLacksTheSru() public {
        Order memory bigBid = _bid(carol, LICENCE + 1, PRICE, 5);
        Order memory bigAsk = _ask(alice, LICENCE + 1, PRICE, 5);
        _assertSkipped(
            _batch(_clearing(PRICE, _fill(bigBid), _fill(bigAsk))),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeInsufficientHoldings.selector, alice, _id(_market()), LICENCE + 1, LICENCE
            )
        );
    }

    function test_SkipsTheMarketWhen_SellerHasNoLicence() public {
        Order memory daveAsk = _ask(dave, Q, PRICE, 1);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(daveAsk)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInsufficientHoldings.selector, dave, _id(_market()), Q, 0)
        );
    }

    function test_SkipsTheMarketWhen_SellerAlreadySoldItsLicence() public {
        Order memory bigBid = _bid(dave, LICENCE, PRICE, 5);
        Order memory bigAsk = _ask(alice, LICENCE, PRICE, 5);
        _settlePair(BATCH, PRICE, _fill(bigBid, LICENCE - Q + 1), _fill(bigAsk, LICENCE - Q + 1));
        _assertSkipped(
            BATCH + 1,
            _batch(_clearing(PRICE, _fill(bid), _fill(ask))),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeInsufficientHoldings.selector, alice, _id(_market()), Q, Q - 1
            )
        );
    }

    function test_SkipsTheMarketWhen_BuyerEscrowIsShortByOneUnit() public {
        _setFee(30);
        uint128 price = 2_500_001;
        uint64 q = 1333;
        uint256 due = _buyerCost(price, q, 30);
        // The fee per SRU, 2_500_001 * 0.003 = 7_500.003, rounds up to 7_501; the all-in price
        // 2_507_502 * 1.333 = 3_342_500.166 rounds up too.
        assertEq(_allInPrice(price, 30), 2_507_502, "all-in price");
        assertEq(due, 3_342_501, "due");
        vm.prank(admin);
        policy.registerOperator(erin, OperatorKind.MicroOperator, "Erin");
        _fund(erin, due - 1);
        Order memory erinBid = _bid(erin, q, uint128(_allInPrice(price, 30)), 1);
        Order memory aliceAsk = _ask(alice, q, price, 3);
        _assertSkipped(
            BATCH,
            _batch(_clearing(price, _fill(erinBid), _fill(aliceAsk))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInsufficientEscrow.selector, erin, due, due - 1)
        );
    }

    // ---------------------------------------------------------------- policy

    function test_SkipsTheMarketWhen_CellIsProtected() public {
        uint64 from = SLOT_START + 30 minutes;
        uint64 until = SLOT_END + 1 hours;
        vm.prank(admin);
        uint64 zoneId = policy.addProtectionZone(BAND, CELL, from, until);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyMarketProtected.selector, BAND, CELL, zoneId, from, until
            )
        );
    }

    function test_SkipsTheMarketWhen_BandIsProtectedInAllCells() public {
        uint64 from = SLOT_START - 1 hours;
        uint64 until = SLOT_START + 1;
        vm.startPrank(admin);
        uint64 zoneId = policy.addProtectionZone(BAND, policy.ALL_CELLS(), from, until);
        vm.stopPrank();
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicyMarketProtected.selector, BAND, CELL, zoneId, from, until
            )
        );
    }

    function test_SkipsTheMarketWhen_BandIsInactive() public {
        vm.prank(admin);
        policy.updateBand(BAND, false, 0, false);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyUnknownBand.selector, BAND)
        );
    }

    function _sensedClearing(uint64 slotStart) internal view returns (Clearing memory c) {
        Market memory m = _market(SENSED_BAND, CELL, slotStart, slotStart + GRID);
        Order memory b = _order(carol, Side.Bid, m, Q, PRICE, 3);
        Order memory a = _order(alice, Side.Ask, m, Q, PRICE, 3);
        c = _clearing(m, PRICE, _fills(_fill(b), _fill(a)));
    }

    function _sensedClearing() internal view returns (Clearing memory c) {
        return _sensedClearing(SLOT_START);
    }

    function test_SkipsTheMarketWhen_SensingReportIsMissing() public {
        _assertSkipped(
            _sensedClearing(),
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicySensingReportMissing.selector, SENSED_BAND, CELL)
        );
    }

    function test_SkipsTheMarketWhen_SensingReportIsStaleAtSettlement() public {
        _report(SENSED_BAND, CELL, true);
        uint64 late = uint64(T0) + MAX_REPORT_AGE;
        vm.warp(late);
        Clearing memory c = _sensedClearing(SLOT_START + GRID);
        _assertSkipped(
            c,
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicySensingReportStale.selector,
                SENSED_BAND,
                CELL,
                uint64(T0),
                MAX_REPORT_AGE,
                late
            )
        );
    }

    /// @notice Attack: a fresh idle report authorised a slot 29 days later, because freshness was
    /// measured at settlement. It is judged against the slot now.
    function test_SkipsTheMarketWhen_AFreshReportDoesNotSpeakForTheSlot() public {
        _report(SENSED_BAND, CELL, true);
        uint64 later = SLOT_START + 29 days;
        vm.startPrank(admin);
        policy.grantLicence(alice, SENSED_BAND, CELL, LICENCE, uint64(T0), later + GRID);
        vm.stopPrank();
        _assertSkipped(
            _sensedClearing(later),
            abi.encodeWithSelector(
                ISpectrumPolicyErrors.PolicySensingReportStale.selector,
                SENSED_BAND,
                CELL,
                uint64(T0),
                MAX_REPORT_AGE,
                later
            )
        );
    }

    function test_SkipsTheMarketWhen_SensingFoundThePrimaryUser() public {
        _report(SENSED_BAND, CELL, false);
        _assertSkipped(
            _sensedClearing(),
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyBandBusy.selector, SENSED_BAND, CELL, uint64(T0))
        );
    }

    function test_SkipsTheMarketWhen_OnlyAnotherCellWasSensed() public {
        _report(SENSED_BAND, OTHER_CELL, true);
        _assertSkipped(
            _sensedClearing(),
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicySensingReportMissing.selector, SENSED_BAND, CELL)
        );
    }

    // ---------------------------------------------------------------- slots

    function test_SkipsTheMarketWhen_SlotHasEnded() public {
        bid.validUntil = SLOT_END + 1 hours;
        ask.validUntil = SLOT_END + 1 hours;
        vm.warp(SLOT_END);
        _assertSkipped(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeSlotEnded.selector, _id(_market()), SLOT_END)
        );
    }

    function test_SkipsTheMarketWhen_SlotIsEmpty() public {
        Market memory empty = _market(BAND, CELL, SLOT_START, SLOT_START);
        Order memory b = _order(carol, Side.Bid, empty, Q, PRICE, 1);
        Order memory a = _order(alice, Side.Ask, empty, Q, PRICE, 1);
        _assertSkipped(
            _clearing(empty, PRICE, _fills(_fill(b), _fill(a))),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeInvalidSlot.selector, _id(empty), SLOT_START, SLOT_START)
        );
    }

    // ---------------------------------------------------------------- the batch itself

    function test_RevertWhen_BatchIdWasSettled() public {
        _settlePair(7, PRICE, _fill(bid, Q / 2), _fill(ask, Q / 2));
        Clearing[] memory retry = _batch(_clearing(PRICE, _fill(bid, Q / 2), _fill(ask, Q / 2)));
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeBatchAlreadySettled.selector, uint64(7)));
        vm.prank(broker);
        exchange.settleBatch(7, retry);
        assertTrue(exchange.isBatchSettled(7), "batch 7 settled");
    }

    function test_RevertWhen_CallerIsNotBroker() public {
        Clearing[] memory cs = _batch(_clearing(PRICE, _fill(bid), _fill(ask)));
        address[2] memory callers = [stranger, admin];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCallerNotBroker.selector, callers[i]));
            vm.prank(callers[i]);
            exchange.settleBatch(BATCH, cs);
        }
        assertFalse(exchange.isBatchSettled(BATCH), "batch settled");
    }

    function test_RevertWhen_BrokerRoleWasRevoked() public {
        vm.startPrank(admin);
        policy.revokeRole(policy.BROKER_ROLE(), broker);
        vm.stopPrank();
        _assertReverted(
            _clearing(PRICE, _fill(bid), _fill(ask)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeCallerNotBroker.selector, broker)
        );
    }

    function test_RevertWhen_BatchHasNoClearing() public {
        _assertReverted(new Clearing[](0), abi.encodeWithSelector(ISpectrumExchange.ExchangeEmptyBatch.selector, BATCH));
    }

    function test_RevertWhen_ClearingHasNoFill() public {
        _assertReverted(
            _clearing(_market(), PRICE, new Fill[](0)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeEmptyBatch.selector, BATCH)
        );
    }

    function test_RevertWhen_BatchHasTooManyFills() public {
        Fill[] memory fills = new Fill[](MAX_FILLS + 1);
        _assertReverted(
            _clearing(_market(), PRICE, fills),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeTooManyFills.selector, MAX_FILLS + 1, MAX_FILLS)
        );
    }

    /// @dev The cap counts fills across clearings: a full first clearing, valid in every fill,
    /// and a one-fill second clearing.
    function test_RevertWhen_ClearingsTogetherHaveTooManyFills() public {
        uint256 pairs = MAX_FILLS / 2;
        Fill[] memory fills = new Fill[](MAX_FILLS);
        for (uint256 i; i < pairs; ++i) {
            fills[2 * i] = _fill(_bid(i % 2 == 0 ? carol : dave, 10, PRICE, uint64(100 + i)));
            fills[2 * i + 1] = _fill(_ask(i % 2 == 0 ? alice : bob, 10, PRICE, uint64(100 + i)));
        }
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        Fill[] memory extra = _fills(_fill(_order(carol, Side.Bid, later, Q, PRICE, 1)));
        _assertReverted(
            _batch(_clearing(_market(), PRICE, fills), _clearing(later, PRICE, extra)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeTooManyFills.selector, MAX_FILLS + 1, MAX_FILLS)
        );
    }

    /// @notice Isolation: the second market fails, the first settles all the same, and the second
    /// moves nothing.
    function test_ASecondMarketThatFailsLeavesTheFirstSettled() public {
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        Order memory laterBid = _order(dave, Side.Bid, later, Q, PRICE, 1);
        Order memory laterAsk = _order(bob, Side.Ask, later, Q, PRICE + 1, 1);
        Clearing[] memory batch = _batch(
            _clearing(PRICE, _fill(bid), _fill(ask)), _clearing(later, PRICE, _fills(_fill(laterBid), _fill(laterAsk)))
        );
        _settleExpectingSkip(
            BATCH,
            batch,
            1,
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeAskAbovePrice.selector, _orderHash(laterAsk), PRICE + 1, PRICE
            )
        );
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "the first market settled");
        assertEq(exchange.escrowOf(dave), FUNDS, "the second moved nothing");
        assertEq(exchange.holdings(bob, BAND, CELL, later.slotStart, later.slotEnd), LICENCE, "bob sold nothing");
    }

    /// @notice Attack: one busy sensing report stopped every market of the batch. It stops its own.
    function test_ABusyReportSkipsItsMarketOnly() public {
        _report(SENSED_BAND, CELL, false);
        Clearing memory sensed = _sensedClearing();
        Clearing memory plain = _clearing(PRICE, _fill(bid), _fill(ask));
        _settleExpectingSkip(
            BATCH,
            _batch(plain, sensed),
            1,
            abi.encodeWithSelector(ISpectrumPolicyErrors.PolicyBandBusy.selector, SENSED_BAND, CELL, uint64(T0))
        );
        assertEq(exchange.balanceOf(carol, _id(_market())), Q, "the plain band settled");
    }

    /// @notice Attack: a maker on both sides of one market prints a price with no holdings and no
    /// money at stake. It is refused, even when each side alone would be valid.
    function test_SkipsTheMarketWhen_AMakerIsOnBothSides() public {
        _fund(alice, FUNDS);
        Order memory washBid = _bid(alice, Q, PRICE * 10, 7);
        Order memory washAsk = _ask(alice, Q, PRICE * 10, 8);
        _assertSkipped(
            _clearing(PRICE * 10, _fill(washBid), _fill(washAsk)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeSelfTrade.selector, _id(_market()), alice)
        );
    }

    /// @notice The same attack with the ask first: the maker's first fill leaves its licence in the
    /// transient word the side check reads (`_licence`), and the bid that follows is still refused.
    function test_SkipsTheMarketWhen_AMakerSellsThenBuysInOneMarket() public {
        _fund(alice, FUNDS);
        Order memory washAsk = _ask(alice, Q, PRICE * 10, 8);
        Order memory washBid = _bid(alice, Q, PRICE * 10, 7);
        _assertSkipped(
            _clearing(PRICE * 10, _fill(washAsk), _fill(washBid)),
            abi.encodeWithSelector(ISpectrumExchange.ExchangeSelfTrade.selector, _id(_market()), alice)
        );
    }

    /// @notice Attack: a seller's second ask in one market, priced as if its licence were still
    /// whole. The licence is asked of the policy once per seller and market in a batch, but what it
    /// has sold is read from storage at every fill, so the second fill finds only what is left.
    function test_SkipsTheMarketWhen_ASellersSecondAskInTheBatchPassesItsLicence() public {
        uint64 first = LICENCE - Q + 1;
        Fill[] memory fills = new Fill[](4);
        fills[0] = _fill(_bid(carol, first, PRICE, 5));
        fills[1] = _fill(_ask(alice, first, PRICE, 5));
        fills[2] = _fill(_bid(carol, Q, PRICE, 6));
        fills[3] = _fill(_ask(alice, Q, PRICE, 6));
        _assertSkipped(
            _clearing(_market(), PRICE, fills),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeInsufficientHoldings.selector, alice, _id(_market()), Q, Q - 1
            )
        );
        // Within the licence, the same two asks settle, and the licence sold is their sum. The
        // policy is asked once per maker in the market, not once per fill.
        fills[2] = _fill(_bid(carol, Q - 1, PRICE, 6));
        fills[3] = _fill(_ask(alice, Q - 1, PRICE, 6));
        Market memory m = _market();
        vm.expectCall(
            address(policy),
            abi.encodeCall(ISpectrumPolicy.sellerLicence, (alice, m.band, m.cell, m.slotStart, m.slotEnd)),
            1
        );
        vm.expectCall(address(policy), abi.encodeCall(ISpectrumPolicy.requireActiveOperator, (carol)), 1);
        _settle(BATCH + 1, _batch(_clearing(_market(), PRICE, fills)));
        (, uint64 sold) = exchange.position(alice, _id(_market()));
        assertEq(sold, LICENCE, "the whole licence is sold, no more");
    }

    /// @notice A maker may sell in one market and buy in another of the same batch.
    function test_AMakerMayBuyAndSellInDifferentMarkets() public {
        Market memory later = _market(BAND, CELL, SLOT_END, SLOT_END + 1 hours);
        _fund(alice, FUNDS);
        _settle(
            BATCH,
            _batch(
                _clearing(PRICE, _fill(bid), _fill(ask)),
                _clearing(
                    later,
                    PRICE,
                    _fills(
                        _fill(_order(alice, Side.Bid, later, Q, PRICE, 9)),
                        _fill(_order(bob, Side.Ask, later, Q, PRICE, 1))
                    )
                )
            )
        );
        assertEq(exchange.balanceOf(alice, _id(later)), Q, "bought in the later market");
    }

    /// @notice A credit beyond the escrow's 96 bits was truncated by a narrowing cast; it is refused.
    function test_SkipsTheMarketWhen_ACreditWouldOverflowTheEscrow() public {
        uint256 headroom = 10;
        _fund(alice, uint256(type(uint96).max) - headroom);
        Order memory big = _bid(carol, Q, PRICE, 4);
        // The ask first, so the seller's credit is what fails.
        uint256 credit = _sellerProceeds(PRICE, Q);
        _assertSkipped(
            _clearing(_market(), PRICE, _fills(_fill(ask), _fill(big))),
            abi.encodeWithSelector(
                ISpectrumExchange.ExchangeEscrowOverflow.selector, alice, uint256(type(uint96).max) - headroom + credit
            )
        );
    }
}
