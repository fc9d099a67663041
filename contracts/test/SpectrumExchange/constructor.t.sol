// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract ConstructorTest is SpectrumFixture {
    function test_WiresPolicyTokenAndWindow() public view {
        assertEq(address(exchange.policy()), address(policy), "policy");
        assertEq(address(exchange.token()), address(token), "token");
        assertEq(exchange.settlementWindow(), SETTLEMENT_WINDOW, "window");
        assertEq(exchange.MAX_FILLS(), MAX_FILLS, "max fills");
        assertEq(exchange.MAX_NONCES(), 256, "max nonces");
        assertEq(exchange.feeBps(), 0, "fee");
        assertEq(exchange.feesAccrued(), 0, "fees");
    }
}
