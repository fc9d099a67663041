// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {FillReceipt, IBrokerCourt, IBrokerCourtErrors, IntakeReceipt} from "../../src/interfaces/IBrokerCourt.sol";
import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {Clearing, Order, Side} from "../../src/libraries/OrderLib.sol";
import {Auction, BookHeader, BookLeaf, ProvenLeaf} from "../../src/libraries/BookLib.sol";
import {BookTree} from "../utils/BookTree.sol";
import {CourtFixture} from "./CourtFixture.sol";

/// @notice T5: every order the broker accepted (an intake receipt) is in the book it commits for
/// each auction of its market cut off after the intake, or its maker is paid from the bond. Each
/// test is what a wronged operator, a greedy challenger or a cheating broker tries.
contract ChallengeOmissionTest is CourtFixture {
    bytes32 internal constant INTAKE_TYPEHASH =
        keccak256("IntakeReceipt(bytes32 orderHash,uint256 marketId,uint64 acceptedAt,uint64 sequence)");
    uint64 internal constant CUTOFF = uint64(T0) * 1000 + 500;

    Order internal bid;
    Order internal ask;
    /// @dev Dave's bid: accepted by the broker, in the market, not matched; at carol's limit but later
    /// in time, so the rule may leave it out.
    Order internal victim;
    /// @dev Dave's other bid, at twice carol's limit: the rule fills it before hers.
    Order internal better;
    BookLeaf[] internal leaves;
    BookHeader internal head;

    function setUp() public override {
        super.setUp();
        bid = _bid(carol, Q, PRICE, 1);
        ask = _ask(alice, Q, PRICE, 1);
        victim = _bid(dave, 2000, PRICE, 1);
        better = _bid(dave, 2000, PRICE * 2, 2);
    }

    // ---------------------------------------------------------------- helpers

    function _intake(Order memory o, uint64 acceptedAt) internal view returns (IntakeReceipt memory) {
        return _intake(o, acceptedAt, 9);
    }

    function _intake(Order memory o, uint64 acceptedAt, uint64 sequence) internal view returns (IntakeReceipt memory) {
        return
            IntakeReceipt({
                orderHash: _orderHash(o), marketId: _id(_market()), acceptedAt: acceptedAt, sequence: sequence
            });
    }

    function _intakeDigest(IntakeReceipt memory r) internal view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(INTAKE_TYPEHASH, r.orderHash, r.marketId, r.acceptedAt, r.sequence));
        return keccak256(abi.encodePacked(hex"1901", _domainSeparator(address(exchange), block.chainid), structHash));
    }

    function _signIntake(uint256 key, IntakeReceipt memory r) internal view returns (bytes memory) {
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, _intakeDigest(r));
        return abi.encodePacked(rr, s, v);
    }

    /// @dev Settles carol's bid against alice's ask, committing a book of those two and, when
    /// `withVictim`, dave's unmatched bid.
    function _settleAuction(bool withVictim) internal returns (bytes32 root) {
        BookLeaf[] memory others = new BookLeaf[](withVictim ? 1 : 0);
        if (withVictim) others[0] = _leaf(victim, 2000, 0);
        return _settleAuction(others);
    }

    function _leaf(Order memory o, uint64 open, uint64 fill) internal view returns (BookLeaf memory) {
        return BookLeaf({orderHash: _orderHash(o), limit: o.limitPrice, sequence: o.nonce, open: open, fill: fill});
    }

    /// @dev The auction `_settleAuction` committed.
    function _auction() internal view returns (Auction memory) {
        return Auction({marketId: _id(_market()), cutoff: CUTOFF, broker: broker, price: PRICE, feeBps: 0, book: head});
    }

    function _prove(uint256 index) internal view returns (ProvenLeaf memory) {
        return BookTree.prove(leaves, index);
    }

    /// @dev Settles carol's bid against alice's ask, committing a book of those two and `others`.
    function _settleAuction(BookLeaf[] memory others) internal returns (bytes32 root) {
        delete leaves;
        leaves.push(_leaf(bid, Q, Q));
        leaves.push(_leaf(ask, Q, Q));
        for (uint256 i; i < others.length; ++i) {
            leaves.push(others[i]);
        }
        head = BookTree.header(leaves, 1, 1, 1);
        root = BookTree.root(head);
        Clearing memory c = _clearing(PRICE, _fill(bid), _fill(ask));
        c.cutoff = CUTOFF;
        c.bookRoot = root;
        Clearing[] memory cs = new Clearing[](1);
        cs[0] = c;
        _settle(1, cs);
    }

    /// @dev Settles carol's bid and 1,000 of `second` (listed after hers, as the last filled bid)
    /// against one ask of alice's, committing a book of those three and `rest`.
    function _settleTwoBids(Order memory second, BookLeaf[] memory rest) internal {
        Order memory bigAsk = _ask(alice, Q + 1000, PRICE, 1);
        delete leaves;
        leaves.push(_leaf(bid, Q, Q));
        leaves.push(_leaf(second, second.quantity, 1000));
        leaves.push(_leaf(bigAsk, Q + 1000, Q + 1000));
        for (uint256 i; i < rest.length; ++i) {
            leaves.push(rest[i]);
        }
        head = BookTree.header(leaves, 2, 1, 1);
        Clearing memory c = _clearing(_market(), PRICE, _fills(_fill(bid), _fill(second, 1000), _fill(bigAsk)));
        c.cutoff = CUTOFF;
        c.bookRoot = BookTree.root(head);
        _settle(1, _batch(c));
    }

    function _challenge(Order memory o, uint64 acceptedAt) internal returns (bytes32 id) {
        return _challenge(_intake(o, acceptedAt), o);
    }

    function _challenge(IntakeReceipt memory r, Order memory o) internal returns (bytes32 id) {
        bytes memory sig = _signIntake(BROKER_KEY, r);
        uint256 deposit = court.challengeDeposit();
        vm.prank(admin);
        token.mint(stranger, deposit);
        vm.startPrank(stranger);
        token.approve(address(court), deposit);
        id = court.challengeOmission(o, r, sig, CUTOFF);
        vm.stopPrank();
    }

    function _one(Order memory o) internal pure returns (Order[] memory os) {
        os = new Order[](1);
        os[0] = o;
    }

    function _two(Order memory a, Order memory b) internal pure returns (Order[] memory os) {
        os = new Order[](2);
        os[0] = a;
        os[1] = b;
    }

    function _signCancel(uint256 key, address maker, uint64 nonce) internal view returns (bytes memory) {
        bytes32 structHash = keccak256(abi.encode(keccak256("Cancel(address maker,uint64 nonce)"), maker, nonce));
        bytes32 digest =
            keccak256(abi.encodePacked(hex"1901", _domainSeparator(address(exchange), block.chainid), structHash));
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(rr, s, v);
    }

    /// @dev Answers `id` citing no fill receipt.
    function _answer(bytes32 id, Auction memory a, ProvenLeaf memory p, ProvenLeaf memory m, bytes memory cancel)
        internal
    {
        FillReceipt memory none;
        court.answerOmission(id, a, p, m, cancel, none, "");
    }

    /// @dev The broker's receipt for all 2,000 of `o`, matched in an earlier auction, due `settleBy`.
    function _pending(Order memory o, uint64 settleBy) internal view returns (FillReceipt memory r) {
        r = _receipt(o, 2000, 2000, 7);
        r.settleBy = settleBy;
    }

    /// @dev Answers `id` for `better` (passed over at index 2) citing receipt `r` signed with `key`.
    function _cite(bytes32 id, FillReceipt memory r, uint256 key) internal {
        court.answerOmission(id, _auction(), _prove(2), _prove(0), "", r, _sign(key, r));
    }

    /// @dev Settles the auction with `o` unfilled among the rest, and challenges it.
    function _passOver(Order memory o) internal returns (bytes32 id) {
        BookLeaf[] memory others = new BookLeaf[](1);
        others[0] = _leaf(o, o.quantity, 0);
        _settleAuction(others);
        return _challenge(o, CUTOFF);
    }

    function _state(bytes32 id) internal view returns (uint8 state) {
        (state,,,) = court.challengeOf(id);
    }

    function _owedFor(Order memory o, uint64 open) internal pure returns (uint256) {
        return _owed(o.limitPrice, open);
    }

    // ---------------------------------------------------------------- the commitment

    function test_SettlementCommitsTheBookOnce() public {
        bytes32 root = _settleAuction(true);
        (bytes24 bookHash, uint64 committedAt) = exchange.bookCommitment(_id(_market()), CUTOFF, broker);
        assertEq(bookHash, bytes24(keccak256(abi.encode(root, PRICE, uint16(0)))), "book hash");
        assertEq(committedAt, block.timestamp, "committed now");
        (, uint64 otherAuction) = exchange.bookCommitment(_id(_market()), CUTOFF + 1, broker);
        assertEq(otherAuction, 0, "another cut-off is another auction");
        (, uint64 otherBroker) = exchange.bookCommitment(_id(_market()), CUTOFF, stranger);
        assertEq(otherBroker, 0, "another broker's auction");
    }

    function test_APartOfTheAuctionMustCarryItsBookAndPrice() public {
        bytes32 root = _settleAuction(true);
        // a second part of the same auction with another book: skipped, nothing of it moves
        Order memory bid2 = _bid(carol, Q, PRICE, 2);
        Order memory ask2 = _ask(alice, Q, PRICE, 2);
        Clearing memory c = _clearing(PRICE, _fill(bid2), _fill(ask2));
        c.cutoff = CUTOFF;
        Clearing[] memory cs = new Clearing[](1);
        cs[0] = c;
        _settleExpectingSkip(
            2, cs, 0, abi.encodeWithSelector(ISpectrumExchange.ExchangeBookMismatch.selector, _id(_market()), CUTOFF)
        );
        // the same book at another price: skipped too
        c.bookRoot = root;
        c.price = PRICE - 1;
        _settleExpectingSkip(
            3, cs, 0, abi.encodeWithSelector(ISpectrumExchange.ExchangeBookMismatch.selector, _id(_market()), CUTOFF)
        );
        // the same book and price: the part settles and the commitment stays the first one's
        c.price = PRICE;
        _settle(4, cs);
        (bytes24 bookHash,) = exchange.bookCommitment(_id(_market()), CUTOFF, broker);
        assertEq(bookHash, bytes24(keccak256(abi.encode(root, PRICE, uint16(0)))), "unchanged");
    }

    function test_ACutoffOlderThanTheSettlementWindowIsSkipped() public {
        // the window back from now is still fresh
        vm.warp(uint256(CUTOFF) / 1000 + SETTLEMENT_WINDOW);
        Clearing memory c = _clearing(PRICE, _fill(bid), _fill(ask));
        c.cutoff = CUTOFF;
        Clearing[] memory cs = new Clearing[](1);
        cs[0] = c;
        // a moment later it is stale: a broker cannot back-date an auction to keep out later orders
        vm.warp(uint256(CUTOFF) / 1000 + SETTLEMENT_WINDOW + 1);
        _settleExpectingSkip(
            1, cs, 0, abi.encodeWithSelector(ISpectrumExchange.ExchangeStaleCutoff.selector, _id(_market()), CUTOFF)
        );
        vm.warp(uint256(CUTOFF) / 1000 + SETTLEMENT_WINDOW);
        _settle(2, cs);
        (, uint64 committedAt) = exchange.bookCommitment(_id(_market()), CUTOFF, broker);
        assertEq(committedAt, block.timestamp, "settled at the window's end");
    }

    function test_AClearingWithoutABookIsSkipped() public {
        Clearing memory c = _clearing(PRICE, _fill(bid), _fill(ask));
        c.bookRoot = bytes32(0);
        Clearing[] memory cs = new Clearing[](1);
        cs[0] = c;
        _settleExpectingSkip(
            1, cs, 0, abi.encodeWithSelector(ISpectrumExchange.ExchangeNoBook.selector, _id(_market()))
        );
    }

    function test_ASkippedMarketCommitsNothing() public {
        Clearing memory c = _clearing(PRICE, _fill(bid), _fill(ask));
        c.cutoff = CUTOFF;
        vm.prank(admin);
        policy.setOperatorSuspended(alice, true);
        Clearing[] memory cs = new Clearing[](1);
        cs[0] = c;
        vm.prank(broker);
        uint256 skipped = exchange.settleBatch(1, cs);
        assertEq(skipped, 1, "skipped");
        (, uint64 committedAt) = exchange.bookCommitment(_id(_market()), CUTOFF, broker);
        assertEq(committedAt, 0, "nothing committed");
    }

    // ---------------------------------------------------------------- upheld

    function test_AnOmittedOrderIsUpheldAndItsMakerPaid() public {
        _settleAuction(false);
        bytes32 id = _challenge(victim, CUTOFF - 1);
        uint256 deposit = court.challengeDeposit();
        assertEq(deposit, BOND_MINIMUM / 100, "1 % of the bond minimum");
        assertEq(token.balanceOf(address(court)), BOND_MINIMUM + deposit, "deposit held");
        // the broker has no leaf for it: any leaf it makes up fails
        ProvenLeaf memory made = _prove(0);
        made.leaf = _leaf(victim, 2000, 0);
        (bytes24 h,) = exchange.bookCommitment(_id(_market()), CUTOFF, broker);
        assertTrue(h != bytes24(0));
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtLeafNotInBook.selector, id));
        vm.prank(broker);
        _answer(id, _auction(), made, _prove(0), "");
        // nor before the answer window closes can anyone convict
        (, uint64 answerBy,,) = court.challengeOf(id);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAnswerWindowOpen.selector, id, answerBy));
        court.convictOmission(id);
        vm.warp(answerBy + 1);
        uint256 owed = _owedFor(victim, 2000);
        assertEq(owed, 5e6, "2 SRU at the maker's limit of 2.5 tokens");
        vm.expectEmit(address(court));
        emit IBrokerCourt.OmissionUpheld(id, broker, dave, _orderHash(victim), owed);
        uint256 paid = court.convictOmission(id);
        assertEq(paid, owed, "compensation");
        assertEq(token.balanceOf(dave), owed, "paid to the maker");
        assertEq(token.balanceOf(stranger), deposit, "the challenger's deposit back");
        assertEq(_bond(), BOND_MINIMUM - owed, "slashed");
        (uint8 state,, uint256 owedNow, uint256 paidNow) = court.challengeOf(id);
        assertEq(state, 3, "upheld");
        assertEq(owedNow, owed);
        assertEq(paidNow, owed);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtChallengeNotOpen.selector, id));
        court.convictOmission(id);
    }

    function test_WhatTheBondCannotPayIsPaidOnceItIsBack() public {
        _settleAuction(false);
        Order memory big = _bid(dave, 1_000_000, 2_000e6, 1); // 1,000 SRU at 2,000 tokens
        bytes32 id = _challenge(big, CUTOFF);
        (, uint64 answerBy,,) = court.challengeOf(id);
        vm.warp(answerBy + 1);
        uint256 owed = _owedFor(big, 1_000_000);
        uint256 paid = court.convictOmission(id);
        assertEq(paid, BOND_MINIMUM, "all the bond had");
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtBondEmpty.selector, broker));
        court.convictOmission(id);
        _postBond(owed);
        assertEq(court.convictOmission(id), owed - BOND_MINIMUM, "the rest");
        assertEq(token.balanceOf(dave), owed);
    }

    // ---------------------------------------------------------------- answered

    function test_AnHonestBrokerAnswersAndKeepsTheDeposit() public {
        _settleAuction(true);
        bytes32 id = _challenge(victim, CUTOFF);
        vm.expectEmit(address(court));
        emit IBrokerCourt.OmissionAnswered(id, broker, _orderHash(victim), 2000, 0);
        vm.prank(broker);
        _answer(id, _auction(), _prove(2), _prove(0), "");
        assertEq(token.balanceOf(broker), BOND_MINIMUM / 100, "the deposit pays the answer");
        assertEq(_bond(), BOND_MINIMUM, "bond untouched");
        vm.warp(block.timestamp + 3 days);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtChallengeNotOpen.selector, id));
        court.convictOmission(id);
    }

    function test_RevertWhen_TheAnswerIsNotTheCommittedBook() public {
        _settleAuction(true);
        bytes32 id = _challenge(victim, CUTOFF);
        ProvenLeaf memory proven = _prove(2);
        bytes32 key = keccak256(abi.encode(_id(_market()), CUTOFF, broker));
        // another price than the committed one
        Auction memory a = _auction();
        a.price = PRICE + 1;
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAuctionMismatch.selector, key));
        _answer(id, a, proven, _prove(0), "");
        // another fee
        a = _auction();
        a.feeBps = 1;
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAuctionMismatch.selector, key));
        _answer(id, a, proven, _prove(0), "");
        // a book of the broker's making, with the order in it
        BookLeaf[] memory made = new BookLeaf[](1);
        made[0] = _leaf(victim, 2000, 0);
        a = _auction();
        a.book = BookTree.header(made, 0, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAuctionMismatch.selector, key));
        _answer(id, a, BookTree.prove(made, 0), _prove(0), "");
        // another auction than the challenged one
        a = _auction();
        a.cutoff = CUTOFF - 1;
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtBookMismatch.selector, id));
        _answer(id, a, proven, _prove(0), "");
        // the right book, another leaf's fields, or the leaf at another place
        proven.leaf.fill = 2000;
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtLeafNotInBook.selector, id));
        _answer(id, _auction(), proven, _prove(0), "");
        proven = _prove(2);
        proven.index = 3;
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtLeafNotInBook.selector, id));
        _answer(id, _auction(), proven, _prove(0), "");
    }

    function test_AnOrderHiddenAsNothingOpenIsStillOmitted() public {
        // the broker puts the order in its book as if nothing of it were open
        BookLeaf[] memory others = new BookLeaf[](1);
        others[0] = _leaf(victim, 0, 0);
        _settleAuction(others);
        bytes32 id = _challenge(victim, CUTOFF);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtLeafUnderstatesOrder.selector, id, 0, 2000));
        _answer(id, _auction(), _prove(2), _prove(0), "");
        (, uint64 answerBy,,) = court.challengeOf(id);
        vm.warp(answerBy + 1);
        assertEq(court.convictOmission(id), _owedFor(victim, 2000), "upheld");
    }

    function test_AnOrderPartlySettledBeforeShowsWhatWasLeft() public {
        // 500 of dave's 2,000 settled in an earlier auction; the book shows the 1,500 left
        Order memory earlyAsk = _ask(alice, 500, PRICE, 7);
        _settlePair(9, PRICE, _fill(victim, 500), _fill(earlyAsk));
        BookLeaf[] memory others = new BookLeaf[](2);
        others[0] = _leaf(victim, 1500, 0);
        others[1] = _leaf(earlyAsk, 1000, 0);
        _settleAuction(others);
        bytes32 id = _challenge(victim, CUTOFF);
        (,, uint256 owedIfUpheld,) = court.challengeOf(id);
        assertEq(owedIfUpheld, 0, "nothing owed before it is upheld");
        vm.prank(broker);
        _answer(id, _auction(), _prove(2), _prove(0), "");
        (uint8 state,,,) = court.challengeOf(id);
        assertEq(state, 2, "answered");
    }

    function test_RevertWhen_TheAnswerComesTooLate() public {
        _settleAuction(true);
        bytes32 id = _challenge(victim, CUTOFF);
        (, uint64 answerBy,,) = court.challengeOf(id);
        vm.warp(answerBy + 1);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAnswerTooLate.selector, id, answerBy));
        _answer(id, _auction(), _prove(2), _prove(0), "");
    }

    // ---------------------------------------------------------------- priority (T6)

    function test_AnOrderPassedOverIsUpheld() public {
        bytes32 id = _passOver(better);
        // its leaf is in the book, but among the rest while carol's lower bid filled
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 0));
        vm.prank(broker);
        _answer(id, _auction(), _prove(2), _prove(0), "");
        // nor can the broker compare it with another leaf than the last filled bid
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNotMarginal.selector, 1));
        _answer(id, _auction(), _prove(2), _prove(1), "");
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNotMarginal.selector, 2));
        _answer(id, _auction(), _prove(2), _prove(2), "");
        // a leaf that does not prove is refused
        ProvenLeaf memory fake = _prove(0);
        fake.leaf.limit = PRICE * 3;
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtLeafNotProven.selector, 0));
        _answer(id, _auction(), _prove(2), fake, "");
        // a cancel that is not the maker's, or not of this order, excuses nothing
        bytes memory forged = _signCancel(ALICE_KEY, dave, better.nonce);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 0));
        _answer(id, _auction(), _prove(2), _prove(0), forged);
        bytes memory another = _signCancel(DAVE_KEY, dave, better.nonce + 1);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 0));
        _answer(id, _auction(), _prove(2), _prove(0), another);
        (, uint64 answerBy,,) = court.challengeOf(id);
        vm.warp(answerBy + 1);
        uint256 owed = _owedFor(better, 2000);
        assertEq(court.convictOmission(id), owed, "paid as an omission");
        assertEq(token.balanceOf(dave), owed, "to the maker");
        assertEq(_bond(), BOND_MINIMUM - owed, "slashed");
    }

    function test_AnAskPassedOverIsUpheld() public {
        Order memory cheap = _ask(erin, 2000, PRICE / 2, 1);
        bytes32 id = _passOver(cheap);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 1));
        _answer(id, _auction(), _prove(2), _prove(1), "");
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtNotMarginal.selector, 0));
        _answer(id, _auction(), _prove(2), _prove(0), "");
    }

    function test_TheRankIsTheOrdersAndTheReceiptsNotTheLeafs() public {
        // the broker lists dave's better bid at a lower limit and a later sequence than carol's
        BookLeaf[] memory others = new BookLeaf[](1);
        others[0] = _leaf(better, 2000, 0);
        others[0].limit = PRICE / 2;
        others[0].sequence = 99;
        _settleAuction(others);
        bytes32 id = _challenge(better, CUTOFF);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 0));
        _answer(id, _auction(), _prove(2), _prove(0), "");
    }

    function test_AtEqualLimitsTheEarlierReceiptRanksFirst() public {
        // dave's bid at carol's limit, with an intake sequence before her leaf's (1)
        BookLeaf[] memory others = new BookLeaf[](1);
        others[0] = _leaf(victim, 2000, 0);
        _settleAuction(others);
        bytes32 id = _challenge(_intake(victim, CUTOFF, 0), victim);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 0));
        _answer(id, _auction(), _prove(2), _prove(0), "");
    }

    function test_AMakersSignedCancelExcusesIt() public {
        bytes32 id = _passOver(better);
        vm.prank(broker);
        _answer(id, _auction(), _prove(2), _prove(0), _signCancel(DAVE_KEY, dave, better.nonce));
        assertEq(_state(id), 2, "answered");
        assertEq(token.balanceOf(broker), BOND_MINIMUM / 100, "the deposit pays the answer");
    }

    // ---------------------------------------------------------------- fills behind the leaves

    /// @dev Commits a book listing dave's better bid as filled, first, beside carol's bid and
    /// alice's ask, and settles carol's against alice's only (the part with dave's fill not yet).
    function _listButNotSettle() internal returns (bytes32 id) {
        delete leaves;
        leaves.push(_leaf(better, 2000, 2000));
        leaves.push(_leaf(bid, Q, Q));
        leaves.push(_leaf(_ask(alice, Q + 2000, PRICE, 1), Q + 2000, Q + 2000));
        head = BookTree.header(leaves, 2, 1, 1);
        Clearing memory c = _clearing(PRICE, _fill(bid), _fill(ask));
        c.cutoff = CUTOFF;
        c.bookRoot = BookTree.root(head);
        _settle(1, _batch(c));
        return _challenge(better, CUTOFF);
    }

    function test_AFillTheBookShowsButTheChainDoesNotAnswersNothing() public {
        bytes32 id = _listButNotSettle();
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtFillNotSettled.selector, id, 2000, 2000));
        _answer(id, _auction(), _prove(0), _prove(0), "");
        (, uint64 answerBy,,) = court.challengeOf(id);
        vm.warp(answerBy + 1);
        uint256 owed = _owedFor(better, 2000);
        assertEq(court.convictOmission(id), owed, "paid as an omission");
        assertEq(token.balanceOf(dave), owed, "to the maker");
    }

    function test_AFilledLeafAnswersOnceItsPartSettles() public {
        bytes32 id = _listButNotSettle();
        // the auction's second part, under the same commitment, settles dave's fill
        Order memory rest = _ask(alice, 2000, PRICE, 2);
        Clearing memory c = _clearing(_market(), PRICE, _fills(_fill(better), _fill(rest)));
        c.cutoff = CUTOFF;
        c.bookRoot = BookTree.root(head);
        _settle(2, _batch(c));
        _answer(id, _auction(), _prove(0), _prove(0), "");
        assertEq(_state(id), 2, "answered");
    }

    // ---------------------------------------------------------------- a fill still settling

    function test_AFillStillSettlingAtTheCutoffExcusesIt() public {
        // dave's better bid was matched whole in an earlier auction whose settlement was still due
        // after this one's cut-off: the rule had nothing of it left to fill
        bytes32 id = _passOver(better);
        FillReceipt memory r = _pending(better, uint64(CUTOFF / 1000) + 30);
        uint64 until = uint64(block.timestamp) + CHALLENGE_WINDOW;
        vm.expectEmit(address(court));
        emit IBrokerCourt.FillCited(id, r.orderHash, 2000, 2000, PRICE, 7, r.settleBy, _sign(BROKER_KEY, r), until);
        vm.prank(broker);
        _cite(id, r, BROKER_KEY);
        assertEq(_state(id), 2, "answered");
        assertEq(token.balanceOf(broker), BOND_MINIMUM / 100, "the deposit pays the answer");
    }

    function test_ACitedFillWithheldPaysTheOrdersLimitOnceAndLate() public {
        bytes32 id = _passOver(better);
        // the receipt promised carol's price; the cited claim pays at dave's own (higher) limit
        FillReceipt memory r = _pending(better, uint64(CUTOFF / 1000) + 30);
        // answered late in the answer window
        vm.warp(block.timestamp + CHALLENGE_WINDOW / 2);
        _cite(id, r, BROKER_KEY);
        // past the receipt's own claim window, within the window the answer opened
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        assertGt(block.timestamp, uint256(r.settleBy) + CHALLENGE_WINDOW, "the receipt's own window closed");
        uint256 owed = _owedFor(better, 2000);
        assertEq(court.claimWithheldFill(better, r, _sign(BROKER_KEY, r)), owed, "as the omission would pay");
        assertEq(token.balanceOf(dave), owed, "to the maker");
        // the same fill's other receipts are owed nothing more
        FillReceipt memory first = _receipt(better, 2000, 2000, 6);
        first.settleBy = r.settleBy;
        vm.expectRevert(
            abi.encodeWithSelector(
                IBrokerCourtErrors.CourtChallengeWindowClosed.selector, first.settleBy + CHALLENGE_WINDOW
            )
        );
        court.claimWithheldFill(better, first, _sign(BROKER_KEY, first));
        vm.warp(block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtReceiptAlreadyClaimed.selector, _receiptDigest(r))
        );
        court.claimWithheldFill(better, r, _sign(BROKER_KEY, r));
    }

    function test_ACitedFillThatSettledIsOwedNothing() public {
        bytes32 id = _passOver(better);
        FillReceipt memory r = _pending(better, uint64(CUTOFF / 1000) + 30);
        _cite(id, r, BROKER_KEY);
        // the earlier auction settles dave's bid whole after all
        Order memory bigAsk = _ask(alice, 2000, PRICE, 2);
        Clearing memory c = _clearing(_market(), PRICE, _fills(_fill(better), _fill(bigAsk)));
        c.cutoff = CUTOFF - 100;
        c.bookRoot = keccak256("earlier");
        _settle(2, _batch(c));
        vm.warp(uint256(r.settleBy) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtFillSettled.selector, _orderHash(better), 2000, 2000)
        );
        court.claimWithheldFill(better, r, _sign(BROKER_KEY, r));
    }

    /// @dev Whatever price and quantity the broker writes into the receipt it cites, if the fill is
    /// withheld its maker is owed at least what the omission would have paid, and once.
    function testFuzz_ACitedReceiptCostsTheBrokerNoLessThanTheOmission(uint128 price, uint64 fillQuantity) public {
        price = uint128(bound(price, 1, PRICE * 3));
        fillQuantity = uint64(bound(fillQuantity, 1, 2000));
        bytes32 id = _passOver(better);
        FillReceipt memory r = _pending(better, uint64(CUTOFF / 1000) + 30);
        r.price = price;
        r.fillQuantity = fillQuantity;
        _cite(id, r, BROKER_KEY);
        vm.warp(uint256(r.settleBy) + 1);
        court.claimWithheldFill(better, r, _sign(BROKER_KEY, r));
        (uint256 owed,) = court.claimOf(_receiptDigest(r));
        assertGe(owed, _owedFor(better, 2000), "no less than the omission");
        assertEq(owed, _owed(price > better.limitPrice ? price : better.limitPrice, 2000), "the published formula");
        FillReceipt memory other = _receipt(better, 2000, 2000, 8);
        other.settleBy = r.settleBy;
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtFillSettled.selector, _orderHash(better), 0, 2000)
        );
        court.claimWithheldFill(better, other, _sign(BROKER_KEY, other));
    }

    function test_RevertWhen_ACitedReceiptIsNoExcuse() public {
        bytes32 id = _passOver(better);
        uint64 due = uint64(CUTOFF / 1000) + 30;
        bytes memory noExcuse = abi.encodeWithSelector(IBrokerCourtErrors.CourtFillNoExcuse.selector, id);
        // not the challenged broker's
        vm.expectRevert(noExcuse);
        _cite(id, _pending(better, due), ALICE_KEY);
        // another order's
        vm.expectRevert(noExcuse);
        _cite(id, _pending(victim, due), BROKER_KEY);
        // not all of the order
        FillReceipt memory part = _pending(better, due);
        part.filledAfter = 1999;
        vm.expectRevert(noExcuse);
        _cite(id, part, BROKER_KEY);
        // due before the cut-off: by then the earlier auction had failed or settled
        vm.expectRevert(noExcuse);
        _cite(id, _pending(better, uint64(CUTOFF / 1000) - 1), BROKER_KEY);
        // due after a settlement window past the cut-off: no fill matched by the cut-off settles then
        vm.expectRevert(noExcuse);
        _cite(id, _pending(better, uint64(CUTOFF / 1000) + SETTLEMENT_WINDOW + 1), BROKER_KEY);
        // a forged signature
        FillReceipt memory r = _pending(better, due);
        vm.expectRevert(noExcuse);
        court.answerOmission(id, _auction(), _prove(2), _prove(0), "", r, hex"00");
        // the limits themselves are excuses
        _cite(id, _pending(better, uint64(CUTOFF / 1000) + SETTLEMENT_WINDOW), BROKER_KEY);
        assertEq(_state(id), 2, "answered");
    }

    function test_AnAllOrNoneOrderMaySitOut() public {
        better.partialFill = false;
        bytes32 id = _passOver(better);
        _answer(id, _auction(), _prove(2), _prove(0), "");
        assertEq(_state(id), 2, "answered");
    }

    function test_AnOrderExpiredBeforeTheCutoffMaySitOut() public {
        better.validUntil = uint64(CUTOFF / 1000) - 1;
        bytes32 id = _passOver(better);
        _answer(id, _auction(), _prove(2), _prove(0), "");
        assertEq(_state(id), 2, "answered");
    }

    function test_AnOrderCancelledOnChainByTheCutoffMaySitOut() public {
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = better.nonce;
        // a cancel in force only after the cut-off excuses nothing
        vm.prank(dave);
        exchange.cancelOrders(nonces);
        bytes32 id = _passOver(better);
        assertGt(uint256(exchange.cancelledAt(dave, better.nonce)) * 1000, CUTOFF, "in force after the cut-off");
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 0));
        _answer(id, _auction(), _prove(2), _prove(0), "");
    }

    function test_AnOrderCancelledOnChainBeforeTheCutoffMaySitOut() public {
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = better.nonce;
        vm.warp(T0 - SETTLEMENT_WINDOW - 10);
        vm.prank(dave);
        exchange.cancelOrders(nonces);
        vm.warp(T0 + 1);
        bytes32 id = _passOver(better);
        _answer(id, _auction(), _prove(2), _prove(0), "");
        assertEq(_state(id), 2, "answered");
    }

    function test_AFilledLeafAnswersWhateverItsRank() public {
        // dave's better bid filled in the auction (as the marginal bid, after carol's)
        _settleTwoBids(better, new BookLeaf[](0));
        bytes32 id = _challenge(better, CUTOFF);
        _answer(id, _auction(), _prove(1), _prove(0), "");
        assertEq(_state(id), 2, "answered");
    }

    function test_ARefusalNotedByTheCutoffExcusesIt() public {
        // erin bids twice carol's limit with no escrow at all: the exchange would refuse its fill
        Order memory unfunded = _bid(erin, 2000, PRICE * 2, 1);
        uint256 need = _owed(PRICE * 2, 2000);
        vm.expectEmit(address(court));
        emit IBrokerCourt.RefusalNoted(_orderHash(unfunded), erin, need, 0, broker);
        vm.prank(broker);
        uint64 at = court.noteRefusal(_one(unfunded));
        assertEq(at, block.timestamp, "noted now");
        assertEq(court.refusedAt(_orderHash(unfunded)), at);
        // noting again keeps the first note
        vm.warp(block.timestamp + 1);
        court.noteRefusal(_one(unfunded));
        assertEq(court.refusedAt(_orderHash(unfunded)), at, "the first note");
        assertLe(uint256(at) * 1000, CUTOFF, "before the cut-off");
        bytes32 id = _passOver(unfunded);
        _answer(id, _auction(), _prove(2), _prove(0), "");
        assertEq(_state(id), 2, "answered");
    }

    function test_AMakerThePolicySuspendedIsNotedRefusedWhateverItHolds() public {
        // dave's escrow covers his bid at its limit, and alice holds her licence: both funded
        vm.expectRevert(
            abi.encodeWithSelector(
                IBrokerCourtErrors.CourtOrderFunded.selector, bytes32(0), _owed(PRICE * 2, 2000), FUNDS
            )
        );
        court.noteRefusal(_one(better));
        // until the regulator suspends them: the exchange refuses their every fill
        _suspend(dave);
        _suspend(alice);
        vm.expectEmit(address(court));
        emit IBrokerCourt.RefusalNoted(_orderHash(better), dave, _owed(PRICE * 2, 2000), 0, broker);
        vm.prank(broker);
        court.noteRefusal(_one(better));
        vm.expectEmit(address(court));
        emit IBrokerCourt.RefusalNoted(_orderHash(ask), alice, Q, 0, broker);
        vm.prank(broker);
        court.noteRefusal(_one(ask));
        assertLe(uint256(court.refusedAt(_orderHash(better))) * 1000, CUTOFF, "before the cut-off");
    }

    function test_ARefusalNotedAfterTheCutoffExcusesNothing() public {
        Order memory unfunded = _bid(erin, 2000, PRICE * 2, 1);
        vm.warp(CUTOFF / 1000 + 1);
        court.noteRefusal(_one(unfunded));
        bytes32 id = _passOver(unfunded);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 0));
        _answer(id, _auction(), _prove(2), _prove(0), "");
    }

    function test_RevertWhen_ARefusalIsNotedOfAFundedOrder() public {
        // dave's escrow covers his bid at its limit: no refusal to note
        uint256 need = _owed(PRICE * 2, 2000);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderFunded.selector, bytes32(0), need, FUNDS));
        court.noteRefusal(_one(better));
        // alice holds her licence in the market: her ask is funded too
        Order memory held = _ask(alice, 2000, PRICE, 9);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderFunded.selector, bytes32(0), 2000, LICENCE));
        court.noteRefusal(_one(held));
        // erin holds nothing there: her ask is not
        Order memory empty = _ask(erin, 2000, PRICE, 9);
        court.noteRefusal(_one(empty));
        assertGt(court.refusedAt(_orderHash(empty)), 0, "noted");
    }

    function test_OrdersFundedOneByOneButNotTogetherAreNotedTogether() public {
        // dave's two bids each fit his 10,000 tokens at their limits, not both: a batch filling
        // both would be refused, and a maker cannot get paid for orders it could not fund
        Order memory first = _bid(dave, 1_000_000, 6e6, 11);
        Order memory second = _bid(dave, 1_000_000, 6e6, 12);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderFunded.selector, bytes32(0), 6_000e6, FUNDS)
        );
        court.noteRefusal(_one(first));
        court.noteRefusal(_two(first, second));
        assertGt(court.refusedAt(_orderHash(first)), 0, "the first noted");
        assertGt(court.refusedAt(_orderHash(second)), 0, "the second noted");
    }

    function test_RevertWhen_ARefusalCountsAnOrderTwiceOrMixesMakers() public {
        Order memory first = _bid(dave, 1_000_000, 6e6, 11);
        // the same order twice would double what it needs
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrdersNotOneMakers.selector, 1));
        court.noteRefusal(_two(first, first));
        // another maker's order, an ask with a bid, an ask in another market: not one maker's need
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrdersNotOneMakers.selector, 1));
        court.noteRefusal(_two(first, _bid(carol, 1_000_000, 6e6, 12)));
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrdersNotOneMakers.selector, 1));
        court.noteRefusal(_two(first, _ask(dave, 1000, PRICE, 12)));
        Order memory elsewhere =
            _order(erin, Side.Ask, _market(BAND, CELL, SLOT_START, SLOT_END + 1 hours), 1000, PRICE, 12);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrdersNotOneMakers.selector, 1));
        court.noteRefusal(_two(_ask(erin, 1000, PRICE, 11), elsewhere));
        assertEq(court.refusedAt(_orderHash(first)), 0, "nothing noted");
    }

    function test_AMakerMidWithdrawalIsFundedUntilItsWindowCloses() public {
        // dave asks for all his escrow back: the exchange still spends it on a fill inside the window
        vm.prank(dave);
        exchange.requestWithdrawal(FUNDS);
        assertEq(exchange.escrowOf(dave), 0);
        uint256 need = _owed(PRICE * 2, 2000);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderFunded.selector, bytes32(0), need, FUNDS));
        court.noteRefusal(_one(better));
        (, uint64 readyAt) = exchange.pendingWithdrawal(dave);
        vm.warp(readyAt);
        court.noteRefusal(_one(better));
        assertEq(court.refusedAt(_orderHash(better)), readyAt, "noted once the window closed");
    }

    function test_RevertWhen_ARefusalIsNotedOfAFilledOrder() public {
        _settleAuction(false);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderFilled.selector, _orderHash(bid)));
        court.noteRefusal(_one(bid));
    }

    function test_ABookConvictedOfDisorderCannotAnswerForAnOrderItPassedOver() public {
        // the broker lists a high bid last among the filled ones, so that it reads as the marginal
        // bid and dave's better bid, left among the rest, does not seem to outrank it
        BookLeaf[] memory rest = new BookLeaf[](1);
        rest[0] = _leaf(better, 2000, 0);
        _settleTwoBids(_bid(carol, 1000, PRICE * 3, 2), rest);
        bytes32 id = _challenge(better, CUTOFF);
        // the disorder is proven first (the operator's node checks the published book before it
        // challenges): the book's last filled bid then vouches for nothing
        court.convictDisorder(_auction(), _prove(0), _prove(1));
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 1));
        _answer(id, _auction(), _prove(3), _prove(1), "");
        (, uint64 answerBy,,) = court.challengeOf(id);
        vm.warp(answerBy + 1);
        assertEq(court.convictOmission(id), _owedFor(better, 2000), "the maker passed over is paid");
    }

    /// @dev For a random bid left unfilled (limit and intake sequence), the answer stands exactly when
    /// the published rule lets the auction leave it out: it does not outrank carol's filled bid
    /// (limit 2.5 tokens, sequence 1). An honest broker is never convicted of passing it over, and a
    /// broker that passed it over cannot answer.
    function testFuzz_TheAnswerStandsExactlyWhenTheRuleLeftTheOrderOut(uint128 limit, uint64 sequence) public {
        limit = uint128(bound(limit, 1, 3 * uint256(PRICE)));
        sequence = uint64(bound(sequence, 0, 3));
        Order memory o = _bid(dave, 2000, limit, 5);
        BookLeaf[] memory others = new BookLeaf[](1);
        others[0] = _leaf(o, 2000, 0);
        _settleAuction(others);
        bytes32 id = _challenge(_intake(o, CUTOFF, sequence), o);
        bool outranks = limit > PRICE || (limit == PRICE && sequence < 1);
        if (outranks) vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderPassedOver.selector, id, 0));
        _answer(id, _auction(), _prove(2), _prove(0), "");
        assertEq(_state(id), outranks ? 1 : 2, "answered exactly when the rule let it out");
    }

    // ---------------------------------------------------------------- refused at filing

    function test_RevertWhen_TheOrderCameAfterTheCutoff() public {
        _settleAuction(false);
        IntakeReceipt memory r = _intake(victim, CUTOFF + 1);
        bytes memory sig = _signIntake(BROKER_KEY, r);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtAcceptedAfterCutoff.selector, CUTOFF + 1, CUTOFF)
        );
        court.challengeOmission(victim, r, sig, CUTOFF);
    }

    function test_RevertWhen_NoBookWasCommittedForThatAuction() public {
        _settleAuction(false);
        IntakeReceipt memory r = _intake(victim, CUTOFF);
        bytes memory sig = _signIntake(BROKER_KEY, r);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtNoBook.selector, _id(_market()), CUTOFF + 1, broker)
        );
        court.challengeOmission(victim, r, sig, CUTOFF + 1);
    }

    function test_RevertWhen_TheWindowHasClosed() public {
        _settleAuction(false);
        uint256 closesAt = block.timestamp + CHALLENGE_WINDOW;
        vm.warp(closesAt + 1);
        IntakeReceipt memory r = _intake(victim, CUTOFF);
        bytes memory sig = _signIntake(BROKER_KEY, r);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtChallengeWindowClosed.selector, closesAt));
        court.challengeOmission(victim, r, sig, CUTOFF);
    }

    function test_RevertWhen_TheOrderIsFilledWhole() public {
        _settleAuction(false);
        IntakeReceipt memory r = _intake(bid, CUTOFF);
        bytes memory sig = _signIntake(BROKER_KEY, r);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderFilled.selector, _orderHash(bid)));
        court.challengeOmission(bid, r, sig, CUTOFF);
    }

    function test_RevertWhen_TheReceiptIsNotTheBrokers() public {
        _settleAuction(false);
        IntakeReceipt memory r = _intake(victim, CUTOFF);
        bytes memory forged = _signIntake(ALICE_KEY, r);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtInvalidReceiptSignature.selector, alice));
        court.challengeOmission(victim, r, forged, CUTOFF);
    }

    function test_RevertWhen_TheReceiptIsForAnotherOrderOrMarket() public {
        _settleAuction(false);
        IntakeReceipt memory r = _intake(victim, CUTOFF);
        bytes memory sig = _signIntake(BROKER_KEY, r);
        Order memory other = _bid(dave, 2000, PRICE * 2, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtReceiptNotForOrder.selector, r.orderHash, _orderHash(other))
        );
        court.challengeOmission(other, r, sig, CUTOFF);
        r.marketId = _id(_market(BAND, CELL, SLOT_START, SLOT_END + 1 hours));
        sig = _signIntake(BROKER_KEY, r);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtReceiptNotForMarket.selector, r.marketId, _id(_market()))
        );
        court.challengeOmission(victim, r, sig, CUTOFF);
    }

    function test_RevertWhen_ChallengedTwice() public {
        _settleAuction(false);
        bytes32 id = _challenge(victim, CUTOFF);
        uint256 deposit = court.challengeDeposit();
        vm.prank(admin);
        token.mint(stranger, deposit);
        IntakeReceipt memory r = _intake(victim, CUTOFF - 7);
        bytes memory sig = _signIntake(BROKER_KEY, r);
        vm.startPrank(stranger);
        token.approve(address(court), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtAlreadyChallenged.selector, id));
        court.challengeOmission(victim, r, sig, CUTOFF);
        vm.stopPrank();
    }

    function test_RevertWhen_TheChallengerCannotPayTheDeposit() public {
        _settleAuction(false);
        IntakeReceipt memory r = _intake(victim, CUTOFF);
        bytes memory sig = _signIntake(BROKER_KEY, r);
        vm.prank(stranger);
        vm.expectRevert();
        court.challengeOmission(victim, r, sig, CUTOFF);
    }

    // ---------------------------------------------------------------- an honest broker is never convicted

    /// @dev For random books, every order an honest broker put in its book (with no less open than
    /// it had unsettled at the cut-off) can be shown in it.
    function testFuzz_EveryOrderInTheBookCanBeShown(uint8 size, uint8 pick, uint64 open, uint64 fill) public {
        open = uint64(bound(open, victim.quantity, type(uint64).max));
        fill = uint64(bound(fill, 0, open));
        uint256 n = 3 + uint256(size) % 60;
        uint256 place = 2 + uint256(pick) % (n - 2);
        BookLeaf[] memory others = new BookLeaf[](n - 2);
        for (uint256 i = 2; i < n; ++i) {
            others[i - 2] = i == place
                ? _leaf(victim, open, 0)
                : BookLeaf(keccak256(abi.encode("another order", i)), uint128(i), uint64(i), open, 0);
        }
        others[place - 2].fill = fill;
        _settleAuction(others);
        bytes32 id = _challenge(victim, CUTOFF);
        vm.prank(broker);
        _answer(id, _auction(), _prove(place), _prove(0), "");
        (uint8 state,,,) = court.challengeOf(id);
        assertEq(state, 2, "answered");
    }
}
