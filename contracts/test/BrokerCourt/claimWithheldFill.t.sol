// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IBrokerCourt, IBrokerCourtErrors, FillReceipt} from "../../src/interfaces/IBrokerCourt.sol";
import {Order, Side} from "../../src/libraries/OrderLib.sol";
import {CourtFixture} from "./CourtFixture.sol";

/// @notice T7: a near-RT fill receipt is honoured by its deadline, or its maker is paid from the
/// broker's bond. Each test is a claim a wronged operator, a watchtower or a greedy claimant tries.
contract ClaimWithheldFillTest is CourtFixture {
    Order internal bid;
    Order internal ask;

    function setUp() public override {
        super.setUp();
        bid = _bid(carol, Q, PRICE, 1);
        ask = _ask(alice, Q, PRICE, 1);
    }

    function _claim(Order memory o, FillReceipt memory r, bytes memory sig) internal returns (uint256) {
        vm.prank(stranger);
        return court.claimWithheldFill(o, r, sig);
    }

    // ---------------------------------------------------------------- upheld

    function test_PaysTheMakerWhenTheFillWasNotSettledByItsDeadline() public {
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        bytes memory sig = _sign(BROKER_KEY, r);
        vm.warp(SETTLE_BY + 1);
        uint256 owed = _owed(PRICE, Q);
        assertEq(owed, 10e6, "4 SRU at 2.5 tokens");
        vm.expectEmit(address(court));
        emit IBrokerCourt.FillWithheld(broker, carol, r.orderHash, 7, Q, owed, stranger);
        vm.expectEmit(address(court));
        emit IBrokerCourt.CompensationPaid(_receiptDigest(r), broker, carol, owed, 0, stranger);
        uint256 paid = _claim(bid, r, sig);
        assertEq(paid, owed, "compensation");
        assertEq(token.balanceOf(carol), owed, "paid to the maker, not the claimant");
        assertEq(token.balanceOf(stranger), 0, "claimant");
        assertEq(_bond(), BOND_MINIMUM - owed, "bond slashed by what was paid");
        assertTrue(court.isClaimed(_receiptDigest(r)), "claimed");
        assertFalse(court.isBonded(broker), "below the minimum: the broker cannot settle until it tops up");
    }

    function test_PaysTheShortfallOnlyWhenPartOfTheOrderSettled() public {
        // Two receipts for one partial-fill bid: 1 SRU then 3 SRU. Only the first is settled.
        FillReceipt memory first = _receipt(bid, 1000, 1000, 7);
        FillReceipt memory second = _receipt(bid, 3000, Q, 8);
        _settlePair(1, PRICE, _fill(bid, 1000), _fill(ask, 1000));
        vm.warp(SETTLE_BY + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtFillSettled.selector, first.orderHash, 1000, 1000)
        );
        _claim(bid, first, _sign(BROKER_KEY, first));
        uint256 paid = _claim(bid, second, _sign(BROKER_KEY, second));
        assertEq(paid, _owed(PRICE, 3000), "three SRU withheld");
    }

    function test_PaysTheSeller() public {
        FillReceipt memory r = _receipt(ask, Q, Q, 7);
        vm.warp(SETTLE_BY + 1);
        _claim(ask, r, _sign(BROKER_KEY, r));
        assertEq(token.balanceOf(alice), _owed(PRICE, Q), "the seller was promised the sale");
    }

    function test_AFillSettledThenCancelledStillCountsAsSettled() public {
        FillReceipt memory r = _receipt(bid, 1000, 1000, 7);
        _settlePair(1, PRICE, _fill(bid, 1000), _fill(ask, 1000));
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = 1;
        vm.prank(carol);
        exchange.cancelOrders(nonces);
        vm.warp(T0 + SETTLEMENT_WINDOW + 1);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtFillSettled.selector, r.orderHash, 1000, 1000));
        _claim(bid, r, _sign(BROKER_KEY, r));
    }

    function test_SlashesTheBondWaitingForWithdrawalToo() public {
        vm.prank(broker);
        court.requestBondWithdrawal(BOND_MINIMUM);
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        vm.warp(SETTLE_BY + 1);
        _claim(bid, r, _sign(BROKER_KEY, r));
        (uint256 active, uint256 pending,) = court.bondOf(broker);
        assertEq(active, 0, "active");
        assertEq(pending, BOND_MINIMUM - _owed(PRICE, Q), "taken from the withdrawal");
    }

    function test_PaysWhatIsLeftWhenTheBondRunsOutAndTheRestOnceItIsBack() public {
        // 500 SRU at 2.5 tokens: 1,250 tokens owed, 1,000 bonded.
        Order memory big = _bid(carol, 500_000, PRICE, 2);
        FillReceipt memory r = _receipt(big, 500_000, 500_000, 7);
        bytes memory sig = _sign(BROKER_KEY, r);
        bytes32 digest = _receiptDigest(r);
        vm.warp(SETTLE_BY + 1);
        vm.expectEmit(address(court));
        emit IBrokerCourt.FillWithheld(broker, carol, r.orderHash, 7, 500_000, 1_250e6, stranger);
        vm.expectEmit(address(court));
        emit IBrokerCourt.CompensationPaid(digest, broker, carol, BOND_MINIMUM, 250e6, stranger);
        assertEq(_claim(big, r, sig), BOND_MINIMUM, "all of the bond");
        assertEq(_bond(), 0, "bond");
        // nothing to pay from: a claim now would only cost its gas
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtBondEmpty.selector, broker));
        _claim(big, r, sig);
        // the broker posts again (even after the window): the rest is paid, then nothing more
        vm.warp(SETTLE_BY + CHALLENGE_WINDOW + 10);
        _postBond(BOND_MINIMUM);
        assertEq(_claim(big, r, sig), 250e6, "the rest");
        (uint256 owed, uint256 paid) = court.claimOf(digest);
        assertEq(owed, 1_250e6, "owed");
        assertEq(paid, 1_250e6, "paid");
        assertEq(token.balanceOf(carol), 1_250e6, "the maker has all of it");
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtReceiptAlreadyClaimed.selector, digest));
        _claim(big, r, sig);
    }

    function test_ARoleHolderWithNoBondIsConvictedAndPaysOnceBonded() public {
        uint256 key = 0xB20CE2;
        address other = vm.addr(key);
        bytes32 role = policy.BROKER_ROLE();
        vm.prank(admin);
        policy.grantRole(role, other);
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        bytes memory sig = _sign(key, r);
        vm.warp(SETTLE_BY + 1);
        vm.expectEmit(address(court));
        emit IBrokerCourt.FillWithheld(other, carol, r.orderHash, 7, Q, _owed(PRICE, Q), stranger);
        assertEq(_claim(bid, r, sig), 0, "nothing to pay from, but on record");
        assertTrue(court.isClaimed(_receiptDigest(r)), "convicted");
        // a broker (or anyone) claiming while the bond is empty burns nothing: the debt stays
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtBondEmpty.selector, other));
        _claim(bid, r, sig);
    }

    function test_AFillWithheldMatchedAgainAndWithheldAgainIsPaidOnce() public {
        // The broker drops a clearing, matches the order again, and withholds that fill too: two
        // receipts, each promising the whole order filled.
        FillReceipt memory first = _receipt(bid, Q, Q, 7);
        FillReceipt memory again = _receipt(bid, Q, Q, 9);
        vm.warp(SETTLE_BY + 1);
        assertEq(_claim(bid, first, _sign(BROKER_KEY, first)), _owed(PRICE, Q), "paid once");
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtFillSettled.selector, again.orderHash, 0, Q));
        _claim(bid, again, _sign(BROKER_KEY, again));
    }

    function test_APromiseBeyondTheOrderIsAPromiseOfTheOrder() public {
        FillReceipt memory r = _receipt(bid, Q, 2 * Q, 7);
        _settlePair(1, PRICE, _fill(bid), _fill(ask));
        vm.warp(SETTLE_BY + 1);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtFillSettled.selector, r.orderHash, Q, 2 * Q));
        _claim(bid, r, _sign(BROKER_KEY, r));
    }

    // ---------------------------------------------------------------- voided by the maker

    /// @dev A bid valid until T0 + 3 h, in a slot from T0 + 3 h.
    function _laterBid() internal view returns (Order memory) {
        return _order(carol, Side.Bid, _market(BAND, CELL, SLOT_START + 2 hours, SLOT_END + 2 hours), Q, PRICE, 3);
    }

    function test_RevertWhen_TheOrderExpiresBeforeTheDeadline() public {
        // Hostile maker: an order valid for a second, to have the broker miss it.
        Order memory o = bid;
        o.validUntil = SETTLE_BY - 1;
        FillReceipt memory r = _receipt(o, Q, Q, 7);
        vm.warp(SETTLE_BY + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtOrderVoidedByMaker.selector, r.orderHash, SETTLE_BY)
        );
        _claim(o, r, _sign(BROKER_KEY, r));
    }

    function test_RevertWhen_TheMakerCancelledBeforeTheDeadline() public {
        // Hostile maker: cancels on chain, then sends the order to be matched just before the
        // cancellation takes effect. The receipt's deadline is after it.
        Order memory o = _laterBid();
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = 3;
        vm.prank(carol);
        exchange.cancelOrders(nonces);
        FillReceipt memory r = _receipt(o, Q, Q, 7);
        r.settleBy = uint64(T0 + SETTLEMENT_WINDOW + 30);
        vm.warp(r.settleBy + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBrokerCourtErrors.CourtOrderVoidedByMaker.selector, r.orderHash, uint64(T0 + SETTLEMENT_WINDOW)
            )
        );
        _claim(o, r, _sign(BROKER_KEY, r));
    }

    function test_RevertWhen_TheMakerCancelledEverythingBeforeTheDeadline() public {
        Order memory o = _laterBid();
        vm.prank(carol);
        exchange.cancelUpTo(100);
        FillReceipt memory r = _receipt(o, Q, Q, 7);
        r.settleBy = uint64(T0 + SETTLEMENT_WINDOW + 30);
        vm.warp(r.settleBy + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBrokerCourtErrors.CourtOrderVoidedByMaker.selector, r.orderHash, uint64(T0 + SETTLEMENT_WINDOW)
            )
        );
        _claim(o, r, _sign(BROKER_KEY, r));
    }

    function test_ACancellationAfterTheDeadlineDoesNotExcuseTheBroker() public {
        Order memory o = _laterBid();
        FillReceipt memory r = _receipt(o, Q, Q, 7); // settleBy T0 + 60
        uint64[] memory nonces = new uint64[](1);
        nonces[0] = 3;
        vm.prank(carol);
        exchange.cancelOrders(nonces); // takes effect at T0 + 1 h
        vm.warp(SETTLE_BY + 1);
        assertEq(_claim(o, r, _sign(BROKER_KEY, r)), _owed(PRICE, Q), "upheld");
    }

    // ---------------------------------------------------------------- refused: the claimant pays its gas, the broker nothing

    function test_RevertWhen_TheFillWasSettled() public {
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        _settlePair(1, PRICE, _fill(bid), _fill(ask));
        vm.warp(SETTLE_BY + 1);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtFillSettled.selector, r.orderHash, Q, Q));
        _claim(bid, r, _sign(BROKER_KEY, r));
        assertEq(_bond(), BOND_MINIMUM, "bond untouched");
    }

    function test_RevertWhen_TheDeadlineHasNotPassed() public {
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        vm.warp(SETTLE_BY);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtDeadlineNotPassed.selector, SETTLE_BY));
        _claim(bid, r, _sign(BROKER_KEY, r));
    }

    function test_RevertWhen_TheChallengeWindowHasClosed() public {
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        vm.warp(SETTLE_BY + CHALLENGE_WINDOW + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtChallengeWindowClosed.selector, SETTLE_BY + CHALLENGE_WINDOW)
        );
        _claim(bid, r, _sign(BROKER_KEY, r));
    }

    function test_RevertWhen_ClaimedTwice() public {
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        bytes memory sig = _sign(BROKER_KEY, r);
        vm.warp(SETTLE_BY + 1);
        _claim(bid, r, sig);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtReceiptAlreadyClaimed.selector, _receiptDigest(r))
        );
        _claim(bid, r, sig);
    }

    function test_RevertWhen_TheReceiptIsForAnotherOrder() public {
        // Greedy: carol presents the receipt of her small order with the terms of a larger one.
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        Order memory bigger = _bid(carol, 10 * Q, PRICE, 1);
        vm.warp(SETTLE_BY + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBrokerCourtErrors.CourtReceiptNotForOrder.selector, r.orderHash, _orderHash(bigger))
        );
        _claim(bigger, r, _sign(BROKER_KEY, r));
    }

    function test_RevertWhen_TheReceiptWasAltered() public {
        // Greedy: a raised price or quantity changes the digest, so the signature names someone else.
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        bytes memory sig = _sign(BROKER_KEY, r);
        r.price = PRICE * 10;
        vm.warp(SETTLE_BY + 1);
        vm.expectRevert(); // the recovered signer is an unknown key
        _claim(bid, r, sig);
        assertEq(_bond(), BOND_MINIMUM, "bond untouched");
    }

    function test_RevertWhen_SignedByAKeyThatIsNoBroker() public {
        uint256 key = 0xBAD;
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        vm.warp(SETTLE_BY + 1);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtInvalidReceiptSignature.selector, vm.addr(key)));
        _claim(bid, r, _sign(key, r));
    }

    function test_RevertWhen_TheSignatureIsGarbage() public {
        FillReceipt memory r = _receipt(bid, Q, Q, 7);
        vm.warp(SETTLE_BY + 1);
        vm.expectRevert(abi.encodeWithSelector(IBrokerCourtErrors.CourtInvalidReceiptSignature.selector, address(0)));
        _claim(bid, r, hex"0102");
    }

    // ---------------------------------------------------------------- an honest broker

    /// @notice Property: a broker that settles every fill it promised can never be convicted,
    /// whatever the order's size, how it was split into fills, and which receipt is claimed.
    function testFuzz_AnHonestBrokerIsNeverConvicted(uint64 quantity, uint8 parts, uint8 claimed, uint32 later) public {
        quantity = uint64(bound(quantity, 3, 24_000));
        uint256 n = bound(parts, 1, 3);
        Order memory b = _bid(carol, quantity, PRICE, 5);
        Order memory a = _ask(alice, quantity, PRICE, 5);
        uint64 done;
        FillReceipt[] memory receipts = new FillReceipt[](n);
        for (uint256 i; i < n; ++i) {
            uint64 part = i == n - 1 ? quantity - done : quantity / uint64(n);
            done += part;
            receipts[i] = _receipt(b, part, done, uint64(10 + i));
            _settlePair(uint64(1 + i), PRICE, _fill(b, part), _fill(a, part));
        }
        FillReceipt memory r = receipts[bound(claimed, 0, n - 1)];
        vm.warp(uint256(SETTLE_BY) + 1 + bound(later, 0, CHALLENGE_WINDOW - 1));
        vm.expectRevert();
        _claim(b, r, _sign(BROKER_KEY, r));
        assertEq(_bond(), BOND_MINIMUM, "bond untouched");
    }
}
