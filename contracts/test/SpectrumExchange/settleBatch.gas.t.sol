// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Clearing, Fill, Side} from "../../src/libraries/OrderLib.sol";
import {OperatorKind} from "../../src/interfaces/ISpectrumPolicy.sol";
import {Market, SpectrumFixture} from "../utils/SpectrumFixture.sol";

/// @notice Gas per fill of one 50-fill auction, as a transaction pays it (21,000 and the calldata
/// included), with the contracts' storage cold as in a transaction of its own. Three setups: 10
/// sellers and 10 buyers who traded before, in a market they have positions in and in one new to
/// them (`spectrum bench gas`'s setup), and 50 makers the exchange has never seen (`bench gas`'s new
/// makers). Makers number their orders one after the other from 0, as the operator daemon does, so
/// these orders are among each maker's first (whose state the account slot holds); a fourth setup
/// has makers long past their first orders, whose state takes words of its own. The bounds
/// are today's figures with about 2 % of room: a change that costs more fails here first. Read the
/// figures with -vv, and where they go with `node scripts/gas-breakdown.mjs`:
///   node scripts/forge.mjs test --match-contract SettleBatchGasTest -vv
contract SettleBatchGasTest is SpectrumFixture {
    uint256 internal constant FILLS = 50;
    uint64 internal constant QUANTITY = 10;
    uint256 internal constant COLD_ACCOUNT_ACCESS = 2_600;
    uint256 internal constant WARM_ACCESS = 100;
    /// @dev A nonce well past a maker's first orders, with room in its order word for both auctions.
    uint64 internal constant ESTABLISHED = 1_000;

    mapping(address maker => uint64) internal _nextNonce;

    function test_GasPerFill_MakersWhoTradedBeforeInTheMarket() public {
        (address[] memory sellers, address[] memory buyers) = _makers("reused", 10);
        // an earlier auction of the market: their accounts, order words and positions are written
        _settleAuction(1, sellers, buyers, _market());
        uint256 perFill = _settleAuction(2, sellers, buyers, _market()) / FILLS;
        emit log_named_uint("settle gas per fill, 10 + 10 makers who traded in the market before", perFill);
        assertLe(perFill, 24_000, "gas per fill, makers who traded in the market before");
    }

    function test_GasPerFill_MakersWhoTradedBeforeInANewMarket() public {
        (address[] memory sellers, address[] memory buyers) = _makers("reused", 10);
        // an auction of an earlier slot: their accounts and order words are written, not their
        // positions in the new market
        _settleAuction(1, sellers, buyers, _market(BAND, CELL, SLOT_START, SLOT_END));
        uint256 perFill = _settleAuction(2, sellers, buyers, _market(BAND, CELL, SLOT_END, SLOT_END + GRID)) / FILLS;
        emit log_named_uint("settle gas per fill, 10 + 10 makers who traded before, new market", perFill);
        assertLe(perFill, 25_750, "gas per fill, makers who traded before, new market");
    }

    /// @dev The same with every maker registered apart from the others (three other operators
    /// between each two), so that each keeps its positions in a word of its own: the most a new
    /// market costs makers who share no word.
    function test_GasPerFill_MakersRegisteredApartWhoTradedBeforeInANewMarket() public {
        (address[] memory sellers, address[] memory buyers) = _makersApart("apart", 10, 3);
        _settleAuction(1, sellers, buyers, _market(BAND, CELL, SLOT_START, SLOT_END));
        uint256 perFill = _settleAuction(2, sellers, buyers, _market(BAND, CELL, SLOT_END, SLOT_END + GRID)) / FILLS;
        emit log_named_uint(
            "settle gas per fill, 10 + 10 makers registered apart who traded before, new market", perFill
        );
        assertLe(perFill, 32_200, "gas per fill, makers registered apart, new market");
    }

    function test_GasPerFill_NewMakers() public {
        (address[] memory sellers, address[] memory buyers) = _makers("new", FILLS / 2);
        uint256 perFill = _settleAuction(1, sellers, buyers, _market()) / FILLS;
        emit log_named_uint("settle gas per fill, 50 new makers", perFill);
        assertLe(perFill, 44_500, "gas per fill, new makers");
    }

    function test_GasPerFill_NewMakersRegisteredApart() public {
        (address[] memory sellers, address[] memory buyers) = _makersApart("new apart", FILLS / 2, 3);
        uint256 perFill = _settleAuction(1, sellers, buyers, _market()) / FILLS;
        emit log_named_uint("settle gas per fill, 50 new makers registered apart", perFill);
        assertLe(perFill, 60_500, "gas per fill, new makers registered apart");
    }

    function test_GasPerFill_MakersPastTheirFirstOrdersInANewMarket() public {
        (address[] memory sellers, address[] memory buyers) = _makers("established", 10);
        for (uint256 i; i < 10; ++i) {
            _nextNonce[sellers[i]] = ESTABLISHED;
            _nextNonce[buyers[i]] = ESTABLISHED;
        }
        // their order words are written by an earlier auction, as 127 of every 128 orders find them
        _settleAuction(1, sellers, buyers, _market(BAND, CELL, SLOT_START, SLOT_END));
        uint256 perFill = _settleAuction(2, sellers, buyers, _market(BAND, CELL, SLOT_END, SLOT_END + GRID)) / FILLS;
        emit log_named_uint("settle gas per fill, 10 + 10 makers past their first orders, new market", perFill);
        assertLe(perFill, 27_900, "gas per fill, makers past their first orders, new market");
    }

    /// @dev `n` licensed sellers and `n` funded buyers, registered one after the other, with keys.
    function _makers(string memory tag, uint256 n)
        internal
        returns (address[] memory sellers, address[] memory buyers)
    {
        return _makersApart(tag, n, 0);
    }

    /// @dev The same, with `gap` other operators registered before each maker.
    function _makersApart(string memory tag, uint256 n, uint256 gap)
        internal
        returns (address[] memory sellers, address[] memory buyers)
    {
        sellers = new address[](n);
        buyers = new address[](n);
        for (uint256 i; i < n; ++i) {
            sellers[i] = _operatorKey(uint256(keccak256(abi.encode(tag, "seller", i))), "seller");
            buyers[i] = _operatorKey(uint256(keccak256(abi.encode(tag, "buyer", i))), "buyer");
            vm.startPrank(admin);
            _registerOthers(tag, 2 * i, gap);
            policy.registerOperator(sellers[i], OperatorKind.MicroOperator, "seller");
            _registerOthers(tag, 2 * i + 1, gap);
            policy.registerOperator(buyers[i], OperatorKind.VirtualNetwork, "buyer");
            policy.grantLicence(sellers[i], BAND, CELL, LICENCE, uint64(T0), uint64(T0 + 30 days));
            vm.stopPrank();
            _fund(buyers[i], FUNDS);
        }
    }

    /// @dev Registers `gap` operators that do not trade (called as the admin).
    function _registerOthers(string memory tag, uint256 at, uint256 gap) internal {
        for (uint256 j; j < gap; ++j) {
            policy.registerOperator(
                address(uint160(uint256(keccak256(abi.encode(tag, "other", at, j))))),
                OperatorKind.LocalOperator,
                "other"
            );
        }
    }

    /// @dev Settles one auction of FILLS / 2 bids against as many asks in `m`, the makers taken in
    /// turn, each numbering its orders from where it left off; returns the gas its transaction would
    /// use.
    function _settleAuction(uint64 batchId, address[] memory sellers, address[] memory buyers, Market memory m)
        internal
        returns (uint256 gas)
    {
        Fill[] memory fills = new Fill[](FILLS);
        for (uint256 k; k < FILLS / 2; ++k) {
            address buyer = buyers[k % buyers.length];
            address seller = sellers[k % sellers.length];
            fills[2 * k] = _fill(_order(buyer, Side.Bid, m, QUANTITY, PRICE, _nextNonce[buyer]++));
            fills[2 * k + 1] = _fill(_order(seller, Side.Ask, m, QUANTITY, PRICE, _nextNonce[seller]++));
        }
        Clearing[] memory batch = _batch(_clearing(m, PRICE, fills));
        bytes memory data = abi.encodeCall(exchange.settleBatch, (batchId, batch));
        gas = 21_000;
        for (uint256 i; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
        uint256 held = exchange.balanceOf(buyers[0], _id(m));
        vm.cool(address(exchange));
        vm.cool(address(policy));
        vm.cool(address(court));
        vm.prank(broker);
        uint256 before = gasleft();
        (bool ok,) = address(exchange).call(data);
        // a transaction's own `to` is warm from the start: the cold account access is not its cost
        gas += before - gasleft() - (COLD_ACCOUNT_ACCESS - WARM_ACCESS);
        assertTrue(ok, "the batch settles");
        assertGt(exchange.balanceOf(buyers[0], _id(m)), held, "the auction settled");
    }
}
