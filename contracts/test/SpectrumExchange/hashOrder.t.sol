// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {Deployments} from "../utils/Deployments.sol";
import {ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {Order, Side} from "../../src/libraries/OrderLib.sol";
import {SpectrumFixture} from "../utils/SpectrumFixture.sol";

contract HashOrderTest is SpectrumFixture {
    function test_DigestIsEip712OfTheOrderTypeString() public view {
        Order memory o = _bid(carol, 1500, PRICE, 7);
        assertEq(exchange.hashOrder(o), _digest(o, address(exchange), block.chainid), "digest");
    }

    function test_DomainSeparatorNamesThisDeploymentAndChain() public view {
        assertEq(exchange.domainSeparator(), _domainSeparator(address(exchange), block.chainid), "domain separator");
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            exchange.eip712Domain();
        assertEq(name, "SpectrumLedger Exchange", "name");
        assertEq(version, "1", "version");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifyingContract, address(exchange), "verifying contract");
    }

    function test_DigestFollowsTheChainId() public {
        Order memory o = _ask(alice, 1000, PRICE, 1);
        bytes32 here = exchange.hashOrder(o);
        vm.chainId(2018);
        bytes32 besu = exchange.hashOrder(o);
        assertNotEq(here, besu, "digest ignores the chain id");
        assertEq(besu, _digest(o, address(exchange), 2018), "digest on chain 2018");
    }

    function test_DigestDiffersPerDeployment() public {
        ISpectrumExchange other =
            Deployments.exchange(ISpectrumPolicy(address(policy)), IERC20(address(token)), SETTLEMENT_WINDOW);
        Order memory o = _ask(alice, 1000, PRICE, 1);
        assertNotEq(exchange.hashOrder(o), other.hashOrder(o), "two deployments share a digest");
        assertEq(other.hashOrder(o), _digest(o, address(other), block.chainid), "digest of the other deployment");
    }

    /// @dev An order as the fuzzer may fill it: `side` as a plain number (any byte would not decode as a Side).
    struct RawOrder {
        address maker;
        uint8 side;
        uint32 band;
        uint64 cell;
        uint64 slotStart;
        uint64 slotEnd;
        uint64 quantity;
        uint128 limitPrice;
        uint64 nonce;
        uint64 validUntil;
        bool partialFill;
    }

    function testFuzz_DigestCoversEveryField(RawOrder memory raw) public view {
        Order memory o = Order({
            maker: raw.maker,
            side: Side(raw.side % 2),
            band: raw.band,
            cell: raw.cell,
            slotStart: raw.slotStart,
            slotEnd: raw.slotEnd,
            quantity: raw.quantity,
            limitPrice: raw.limitPrice,
            nonce: raw.nonce,
            validUntil: raw.validUntil,
            partialFill: raw.partialFill
        });
        bytes32 digest = exchange.hashOrder(o);
        assertEq(digest, _digest(o, address(exchange), block.chainid), "digest");
        o.partialFill = !o.partialFill;
        assertNotEq(exchange.hashOrder(o), digest, "partialFill not covered");
        o.partialFill = !o.partialFill;
        o.side = Side(1 - uint8(o.side));
        assertNotEq(exchange.hashOrder(o), digest, "side not covered");
    }
}
