// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ISpectrumExchange, OrderState} from "../../src/interfaces/ISpectrumExchange.sol";
import {Clearing, Fill, Order} from "../../src/libraries/OrderLib.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice `probeBatch` runs a batch as `settleBatch` would and undoes it: it always reverts, with
/// the markets that would be skipped and the gas the batch used, or with the error that would stop
/// the batch; and that gas, plus the transaction's own, is enough to settle it.
contract ProbeBatchTest is SpectrumFixture {
    uint64 internal constant Q = 2000;

    function _probe(uint64 batchId, Clearing[] memory clearings) internal returns (uint256 skipped, uint256 gasUsed) {
        vm.prank(broker);
        try exchange.probeBatch(batchId, clearings) {
            revert("the probe returned instead of reverting");
        } catch (bytes memory err) {
            assertEq(bytes4(err), ISpectrumExchange.ExchangeBatchProbed.selector, "probe's error");
            bytes memory args = new bytes(err.length - 4);
            for (uint256 i; i < args.length; ++i) {
                args[i] = err[i + 4];
            }
            (skipped, gasUsed) = abi.decode(args, (uint256, uint256));
        }
    }

    function _pair(uint64 nonce) internal view returns (Clearing[] memory) {
        return _batch(_clearing(PRICE, _fill(_bid(carol, Q, PRICE, nonce)), _fill(_ask(alice, Q, PRICE, nonce))));
    }

    function test_AProbeLeavesNothingBehindAndTellsTheGasTheBatchUses() public {
        Clearing[] memory batch = _pair(1);
        uint256 escrow = exchange.escrowOf(carol);

        (uint256 skipped, uint256 gasUsed) = _probe(1, batch);

        assertEq(skipped, 0, "nothing skipped");
        assertGt(gasUsed, 50_000, "a settled pair costs gas");
        assertFalse(exchange.isBatchSettled(1), "the batch id is still free");
        assertEq(exchange.escrowOf(carol), escrow, "no money moved");
        (OrderState state, uint64 filled) = exchange.orderState(carol, 1);
        assertEq(uint256(state), uint256(OrderState.Open), "bid untouched");
        assertEq(filled, 0, "nothing filled");

        // the gas the probe found, with the 1/64 an inner call keeps back, settles the batch
        uint256 limit = gasUsed + gasUsed / 63 + 5_000;
        vm.prank(broker);
        exchange.settleBatch{gas: limit}(1, batch);
        assertTrue(exchange.isBatchSettled(1), "settled within the probed gas");
    }

    function test_AProbeNamesTheMarketsThatWouldBeSkipped() public {
        Order memory bid = _bid(carol, Q, PRICE, 1);
        Clearing[] memory batch = _batch(_clearing(PRICE, _fill(bid), _fill(_ask(alice, Q, PRICE, 1))));
        _suspend(carol);

        (uint256 skipped,) = _probe(1, batch);

        assertEq(skipped, 1, "market 0 would be skipped");
        assertFalse(exchange.isBatchSettled(1), "the batch id is still free");
    }

    function test_AProbeRevertsAsTheBatchWouldForAnyoneButTheBroker() public {
        Clearing[] memory batch = _pair(1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeCallerNotBroker.selector, alice));
        exchange.probeBatch(1, batch);
    }

    function test_AProbeOfABatchIdSettledBeforeRevertsAsSettlingItWould() public {
        _settle(1, _pair(1));
        Clearing[] memory again = _pair(2);
        vm.prank(broker);
        vm.expectRevert(abi.encodeWithSelector(ISpectrumExchange.ExchangeBatchAlreadySettled.selector, uint64(1)));
        exchange.probeBatch(1, again);
    }
}
