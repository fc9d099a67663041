// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IBrokerCourt, IBrokerCourtErrors} from "../../src/interfaces/IBrokerCourt.sol";
import {Clearing, Fill, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Auction, BookHeader, BookLeaf, ProvenLeaf} from "../../src/libraries/BookLib.sol";
import {BookTree} from "../utils/BookTree.sol";
import {CourtFixture} from "./CourtFixture.sol";

/// @notice T6: the price of an auction is the published rule's for the book the broker committed
/// (each side filled in rank order, the price the midpoint of the marginal pair), or anyone can
/// convict it and the makers it wronged are paid from the bond. Each test is what a greedy broker, a
/// wronged operator or a challenger trying to drain an honest broker does.
contract ConvictAuctionTest is CourtFixture {
    uint64 internal constant CUTOFF = uint64(T0) * 1000 + 500;
    uint128 internal constant TICK = 1;

    /// @dev The auction: carol bids 4 SRU at 3.0, dave 2 SRU at 2.6; alice asks 3 SRU at 2.0, bob 3 SRU
    /// at 2.4. Everything crosses; the marginal pair is dave's bid and bob's ask: the rule's price is
    /// 2.5 (`PRICE`). Erin's bid of 1 SRU at 1.0 is accepted and does not cross.
    Order internal carolBid;
    Order internal daveBid;
    Order internal aliceAsk;
    Order internal bobAsk;
    Order internal lowBid;

    BookLeaf[] internal leaves;
    BookHeader internal head;
    uint128 internal settledAt;
    bytes32 internal key;

    function setUp() public override {
        super.setUp();
        carolBid = _bid(carol, 4000, 3_000_000, 1);
        daveBid = _bid(dave, 2000, 2_600_000, 1);
        aliceAsk = _ask(alice, 3000, 2_000_000, 1);
        bobAsk = _ask(bob, 3000, 2_400_000, 1);
        lowBid = _bid(carol, 1000, 1_000_000, 2);
        key = keccak256(abi.encode(_id(_market()), CUTOFF, broker));
    }

    // ---------------------------------------------------------------- helpers

    function _leaf(Order memory o, uint64 sequence, uint64 fill) internal view returns (BookLeaf memory) {
        return
            BookLeaf({orderHash: _orderHash(o), limit: o.limitPrice, sequence: sequence, open: o.quantity, fill: fill});
    }

    /// @dev The honest book of the auction: filled bids, filled asks, in rank order, then the rest.
    function _honestLeaves() internal view returns (BookLeaf[] memory l) {
        l = new BookLeaf[](5);
        l[0] = _leaf(carolBid, 1, 4000);
        l[1] = _leaf(daveBid, 2, 2000);
        l[2] = _leaf(aliceAsk, 3, 3000);
        l[3] = _leaf(bobAsk, 4, 3000);
        l[4] = _leaf(lowBid, 5, 0);
    }

    /// @dev Settles the four orders whole at `price`, committing `book` (2 filled bids, 2 filled asks).
    function _settleAuction(BookLeaf[] memory book, uint128 price) internal {
        _settleAuction(book, 2, 2, TICK, price);
    }

    function _settleAuction(BookLeaf[] memory book, uint32 filledBids, uint32 filledAsks, uint128 tick, uint128 price)
        internal
    {
        delete leaves;
        for (uint256 i; i < book.length; ++i) {
            leaves.push(book[i]);
        }
        head = BookTree.header(book, filledBids, filledAsks, tick);
        Fill[] memory fills = new Fill[](4);
        fills[0] = _fill(carolBid);
        fills[1] = _fill(daveBid);
        fills[2] = _fill(aliceAsk);
        fills[3] = _fill(bobAsk);
        Clearing memory c = _clearing(_market(), price, fills);
        c.cutoff = CUTOFF;
        c.bookRoot = BookTree.root(head);
        _settle(1, _batch(c));
        settledAt = price;
    }

    function _auction() internal view returns (Auction memory) {
        return
            Auction({marketId: _id(_market()), cutoff: CUTOFF, broker: broker, price: settledAt, feeBps: 0, book: head});
    }

    function _prove(uint256 index) internal view returns (ProvenLeaf memory) {
        return BookTree.prove(leaves, index);
    }

    function _expectFollowsRule(uint256 index) internal {
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtBookFollowsRule.selector, index));
    }

    // ---------------------------------------------------------------- the price

    function test_AMispricedAuctionIsConvictedAndTheWrongedSidePaid() public {
        // the broker clears at 2.6, inside every limit, moving the surplus to the sellers
        _settleAuction(_honestLeaves(), 2_600_000);
        vm.expectEmit(address(court));
        emit IBrokerCourt.AuctionConvicted(key, broker, _id(_market()), CUTOFF, 1, 2_600_000, PRICE, stranger);
        vm.prank(stranger);
        uint128 fair = court.convictPrice(_auction(), _prove(1), _prove(3));
        assertEq(fair, PRICE, "the rule's price");
        (uint8 flaw, uint128 fairPrice) = court.verdictOf(_id(_market()), CUTOFF, broker);
        assertEq(flaw, 1, "mispriced");
        assertEq(fairPrice, PRICE);
        // each buyer gets back what the price took: 0.1 a SRU
        uint256 carolBefore = token.balanceOf(carol);
        assertEq(court.claimAuction(_auction(), _prove(0), carolBid), 400_000, "4 SRU x 0.1");
        assertEq(token.balanceOf(carol) - carolBefore, 400_000, "paid to carol");
        vm.prank(stranger);
        assertEq(court.claimAuction(_auction(), _prove(1), daveBid), 200_000, "2 SRU x 0.1, anyone may claim it");
        assertEq(_bond(), BOND_MINIMUM - 600_000, "slashed by what was paid");
        // sellers were not wronged; nobody is paid twice
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNothingOwed.selector, _orderHash(aliceAsk)));
        court.claimAuction(_auction(), _prove(2), aliceAsk);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNothingOwed.selector, _orderHash(carolBid)));
        court.claimAuction(_auction(), _prove(0), carolBid);
        // one verdict per auction
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAuctionConvicted.selector, key));
        court.convictPrice(_auction(), _prove(1), _prove(3));
    }

    function test_APriceBelowTheRulePaysTheSellers() public {
        _settleAuction(_honestLeaves(), 2_400_000);
        court.convictPrice(_auction(), _prove(1), _prove(3));
        assertEq(court.claimAuction(_auction(), _prove(3), bobAsk), 300_000, "3 SRU x 0.1");
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNothingOwed.selector, _orderHash(daveBid)));
        court.claimAuction(_auction(), _prove(1), daveBid);
    }

    function test_RevertWhen_ThePriceFollowsTheRule() public {
        _settleAuction(_honestLeaves(), PRICE);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtPriceFollowsRule.selector, PRICE));
        court.convictPrice(_auction(), _prove(1), _prove(3));
        // nor can a challenger pick another pair than the marginal one
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNotMarginal.selector, 0));
        court.convictPrice(_auction(), _prove(0), _prove(3));
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNotMarginal.selector, 2));
        court.convictPrice(_auction(), _prove(1), _prove(2));
        // nor make up a leaf
        ProvenLeaf memory made = _prove(1);
        made.leaf.limit = 3_000_000;
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtLeafNotProven.selector, 1));
        court.convictPrice(_auction(), made, _prove(3));
        // nor another auction's book
        Auction memory a = _auction();
        a.price = 2_600_000;
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAuctionMismatch.selector, key));
        court.convictPrice(a, _prove(1), _prove(3));
        // and nothing is claimable from an auction nobody convicted
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAuctionNotConvicted.selector, key));
        court.claimAuction(_auction(), _prove(0), carolBid);
        assertEq(_bond(), BOND_MINIMUM, "bond untouched");
    }

    function test_RevertWhen_TheWindowHasClosed() public {
        _settleAuction(_honestLeaves(), 2_600_000);
        uint64 closesAt = uint64(block.timestamp) + CHALLENGE_WINDOW;
        vm.warp(closesAt + 1);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtChallengeWindowClosed.selector, closesAt));
        court.convictPrice(_auction(), _prove(1), _prove(3));
    }

    // ---------------------------------------------------------------- a book that hides its marginal pair

    function test_ABookOutOfRankOrderIsConvicted() public {
        // the broker lists carol's bid last among the filled bids, where the marginal bid is read
        BookLeaf[] memory l = _honestLeaves();
        (l[0], l[1]) = (l[1], l[0]);
        _settleAuction(l, PRICE);
        court.convictDisorder(_auction(), _prove(0), _prove(1));
        (uint8 flaw,) = court.verdictOf(_id(_market()), CUTOFF, broker);
        assertEq(flaw, 2, "disordered");
        // every maker it fills is paid compensationBps of its fill's value
        assertEq(court.claimAuction(_auction(), _prove(2), aliceAsk), _owed(2_000_000, 3000), "alice");
        assertEq(court.claimAuction(_auction(), _prove(0), daveBid), _owed(2_600_000, 2000), "dave");
    }

    function test_RevertWhen_TheBookIsInRankOrder() public {
        _settleAuction(_honestLeaves(), PRICE);
        _expectFollowsRule(1);
        court.convictDisorder(_auction(), _prove(0), _prove(1));
        _expectFollowsRule(3);
        court.convictDisorder(_auction(), _prove(2), _prove(3));
        // the last bid and the first ask are not neighbours on one side, nor are leaves two apart
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNotMarginal.selector, 2));
        court.convictDisorder(_auction(), _prove(1), _prove(2));
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNotMarginal.selector, 3));
        court.convictDisorder(_auction(), _prove(1), _prove(3));
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNotMarginal.selector, 4));
        court.convictDisorder(_auction(), _prove(3), _prove(4));
    }

    function test_TiesRankBySequence() public {
        // two bids at one limit: the earlier one ranks first, so listing the later one first is out
        // of order
        daveBid = _bid(dave, 2000, 3_000_000, 1);
        BookLeaf[] memory l = _honestLeaves();
        l[0].sequence = 6;
        l[1] = _leaf(daveBid, 2, 2000);
        _settleAuction(l, 2_700_000);
        court.convictDisorder(_auction(), _prove(0), _prove(1));
    }

    function test_AFilledOrderListedWithTheRestIsConvicted() public {
        // bob's ask hidden among the rest, where nobody reads it as the marginal ask
        BookLeaf[] memory l = new BookLeaf[](5);
        l[0] = _leaf(carolBid, 1, 4000);
        l[1] = _leaf(daveBid, 2, 2000);
        l[2] = _leaf(aliceAsk, 3, 3000);
        l[3] = _leaf(lowBid, 5, 0);
        l[4] = _leaf(bobAsk, 4, 3000);
        _settleAuction(l, 2, 1, TICK, PRICE);
        court.convictMisplaced(_auction(), _prove(4));
        (uint8 flaw,) = court.verdictOf(_id(_market()), CUTOFF, broker);
        assertEq(flaw, 3, "misplaced");
    }

    function test_ABookWithNoTickIsConvicted() public {
        _settleAuction(_honestLeaves(), 2, 2, 0, 2_600_000);
        court.convictMisplaced(_auction(), _prove(0));
    }

    function test_RevertWhen_EveryLeafIsInPlace() public {
        _settleAuction(_honestLeaves(), PRICE);
        for (uint256 i; i < 5; ++i) {
            _expectFollowsRule(i);
            court.convictMisplaced(_auction(), _prove(i));
        }
    }

    function test_ALeafThatMisstatesItsOrderIsConvicted() public {
        // the broker shows dave's bid at 2.8 instead of 2.6 to lift the midpoint to 2.6
        BookLeaf[] memory l = _honestLeaves();
        l[1].limit = 2_800_000;
        _settleAuction(l, 2_600_000);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtPriceFollowsRule.selector, 2_600_000));
        court.convictPrice(_auction(), _prove(1), _prove(3));
        // the order itself, signed by dave, says otherwise
        court.convictMisstated(_auction(), _prove(1), daveBid);
        (uint8 flaw,) = court.verdictOf(_id(_market()), CUTOFF, broker);
        assertEq(flaw, 4, "misstated");
    }

    function test_ABidIsListedAtWhatItsAllInLimitCoversUnderTheFee() public {
        // at a fee of 1 %, dave's all-in 2.6 covers 2,574,257 a SRU (2,574,257 + 25,743 = 2.6)
        _setFee(100);
        BookLeaf[] memory l = _honestLeaves();
        l[0].limit = 2_970_297;
        l[1].limit = 2_574_257;
        _settleAuction(l, 2_487_128);
        Auction memory a = _auction();
        a.feeBps = 100;
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtPriceFollowsRule.selector, 2_487_128));
        court.convictPrice(a, _prove(1), _prove(3));
        _expectFollowsRule(1);
        court.convictMisstated(a, _prove(1), daveBid);
        _expectFollowsRule(0);
        court.convictMisstated(a, _prove(0), carolBid);
        // the listed limit is the highest the all-in limit covers: one more would not fit
        assertEq(_allInPrice(2_574_257, 100), 2_600_000, "all-in of the listed limit");
        assertGt(_allInPrice(2_574_258, 100), 2_600_000, "one more does not fit");
    }

    function test_RevertWhen_TheOrderIsNotTheLeafs() public {
        _settleAuction(_honestLeaves(), PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBrokerCourtErrors.CourtLeafNotForOrder.selector, _orderHash(daveBid), _orderHash(carolBid)
            )
        );
        court.convictMisstated(_auction(), _prove(1), carolBid);
        // a leaf among the rest is not checked against its order here (omission is)
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNotMarginal.selector, 4));
        court.convictMisstated(_auction(), _prove(4), lowBid);
    }

    // ---------------------------------------------------------------- an honest broker is never convicted

    struct Ranked {
        Order order;
        uint64 sequence;
    }

    /// @dev For random books, a broker that follows the published rule settles an auction nobody can
    /// convict: of its price, of its order, of its layout, or of any leaf.
    function testFuzz_AnHonestBrokerCannotBeConvicted(uint256 seed) public {
        uint256 nBids = 1 + seed % 4;
        uint256 nAsks = 1 + (seed >> 8) % 4;
        Ranked[] memory bids = new Ranked[](nBids);
        Ranked[] memory asks = new Ranked[](nAsks);
        for (uint256 i; i < nBids; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "bid", i)));
            bids[i] = Ranked(
                _bid(
                    i % 2 == 0 ? carol : dave,
                    uint64(1 + r % 5000),
                    uint128(2_000_000 + (r >> 16) % 8 * 100_000),
                    uint64(10 + i)
                ),
                uint64(1 + (r >> 32) % 50)
            );
        }
        for (uint256 i; i < nAsks; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "ask", i)));
            asks[i] = Ranked(
                _ask(
                    i % 2 == 0 ? alice : bob,
                    uint64(1 + r % 5000),
                    uint128(1_800_000 + (r >> 16) % 8 * 100_000),
                    uint64(10 + i)
                ),
                uint64(51 + (r >> 32) % 50)
            );
        }
        _rank(bids, true);
        _rank(asks, false);
        // fill in rank order while the next bid and ask cross
        uint64[] memory bidFill = new uint64[](nBids);
        uint64[] memory askFill = new uint64[](nAsks);
        (uint256 b, uint256 j) = (0, 0);
        while (b < nBids && j < nAsks && bids[b].order.limitPrice >= asks[j].order.limitPrice) {
            uint64 q = bids[b].order.quantity - bidFill[b];
            if (asks[j].order.quantity - askFill[j] < q) q = asks[j].order.quantity - askFill[j];
            bidFill[b] += q;
            askFill[j] += q;
            if (bidFill[b] == bids[b].order.quantity) ++b;
            if (askFill[j] == asks[j].order.quantity) ++j;
        }
        uint32 fb;
        uint32 fa;
        while (fb < nBids && bidFill[fb] != 0) ++fb;
        while (fa < nAsks && askFill[fa] != 0) ++fa;
        vm.assume(fb != 0 && fa != 0);
        uint128 price = BookLibRule.fair(bids[fb - 1].order.limitPrice, asks[fa - 1].order.limitPrice, TICK);
        // the book: filled bids, filled asks, then the rest
        BookLeaf[] memory book = new BookLeaf[](nBids + nAsks);
        Fill[] memory fills = new Fill[](fb + fa);
        uint256 n;
        for (uint256 k; k < fb; ++k) {
            fills[n] = _fill(bids[k].order, bidFill[k]);
            book[n++] = _leaf(bids[k].order, bids[k].sequence, bidFill[k]);
        }
        for (uint256 k; k < fa; ++k) {
            fills[n] = _fill(asks[k].order, askFill[k]);
            book[n++] = _leaf(asks[k].order, asks[k].sequence, askFill[k]);
        }
        for (uint256 k = fb; k < nBids; ++k) {
            book[n++] = _leaf(bids[k].order, bids[k].sequence, 0);
        }
        for (uint256 k = fa; k < nAsks; ++k) {
            book[n++] = _leaf(asks[k].order, asks[k].sequence, 0);
        }
        delete leaves;
        for (uint256 k; k < book.length; ++k) {
            leaves.push(book[k]);
        }
        head = BookTree.header(book, fb, fa, TICK);
        Clearing memory c = _clearing(_market(), price, fills);
        c.cutoff = CUTOFF;
        c.bookRoot = BookTree.root(head);
        _settle(1, _batch(c));
        settledAt = price;
        Auction memory a = _auction();

        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtPriceFollowsRule.selector, price));
        court.convictPrice(a, _prove(fb - 1), _prove(fb + fa - 1));
        for (uint256 k; k < book.length; ++k) {
            _expectFollowsRule(k);
            court.convictMisplaced(a, _prove(k));
            if (k + 1 < fb + fa) {
                vm.expectRevert();
                court.convictDisorder(a, _prove(k), _prove(k + 1));
            }
            if (k < fb + fa) {
                Order memory o = k < fb ? bids[k].order : asks[k - fb].order;
                _expectFollowsRule(k);
                court.convictMisstated(a, _prove(k), o);
            }
        }
        (uint8 flaw,) = court.verdictOf(a.marketId, CUTOFF, broker);
        assertEq(flaw, 0, "no verdict");
        assertEq(_bond(), BOND_MINIMUM, "bond untouched");
    }

    /// @dev Sorts by the published rank: limit (bids highest first, asks lowest), then sequence.
    function _rank(Ranked[] memory side, bool bids) internal pure {
        for (uint256 i = 1; i < side.length; ++i) {
            Ranked memory x = side[i];
            uint256 j = i;
            while (j > 0 && _above(x, side[j - 1], bids)) {
                side[j] = side[j - 1];
                --j;
            }
            side[j] = x;
        }
    }

    function _above(Ranked memory a, Ranked memory b, bool bids) internal pure returns (bool) {
        if (a.order.limitPrice != b.order.limitPrice) {
            return bids ? a.order.limitPrice > b.order.limitPrice : a.order.limitPrice < b.order.limitPrice;
        }
        return a.sequence < b.sequence;
    }
}

/// @dev The published price rule, written here apart from the court's.
library BookLibRule {
    function fair(uint128 bid, uint128 ask, uint128 tick) internal pure returns (uint128) {
        uint128 steps = (bid - ask) / tick;
        return ask + steps / 2 * tick;
    }
}
