// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {VM_ADDRESS, Vm} from "./Vm.sol";

/// @title TestBase
/// @notice What tests and invariant handlers share: the cheatcodes, `bound` for fuzz inputs, and
/// assertions that fail by reverting with a message (forge counts a revert as a failure).
/// @dev forge-std is not installed (the build is offline), so this is a small stand-in for it.
/// It has no public function, so a handler deriving from it exposes only its own.
abstract contract TestBase {
    Vm internal constant vm = Vm(VM_ADDRESS);

    /// @dev The ds-test log event forge prints (with -vv) as `key: value`.
    event log_named_uint(string key, uint256 val);

    // ---------------------------------------------------------------- fuzz inputs

    /// @notice Maps `x` into `[min, max]`: values already inside stay put, the rest wrap around,
    /// so the fuzzer's edge values (0, max) land on the range's edges often.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + x % (size + 1);
    }

    // ---------------------------------------------------------------- assertions

    function fail(string memory message) internal pure {
        revert(message);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) fail(message);
    }

    function assertTrue(bool condition) internal pure {
        assertTrue(condition, "assertion failed");
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) fail(message);
    }

    function assertFalse(bool condition) internal pure {
        assertFalse(condition, "assertion failed");
    }

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) fail(_diff(message, vm.toString(left), "!=", vm.toString(right)));
    }

    function assertEq(uint256 left, uint256 right) internal pure {
        assertEq(left, right, "values differ");
    }

    function assertEq(address left, address right, string memory message) internal pure {
        if (left != right) fail(_diff(message, vm.toString(left), "!=", vm.toString(right)));
    }

    function assertEq(address left, address right) internal pure {
        assertEq(left, right, "addresses differ");
    }

    function assertEq(bytes32 left, bytes32 right, string memory message) internal pure {
        if (left != right) fail(_diff(message, vm.toString(left), "!=", vm.toString(right)));
    }

    function assertEq(bytes32 left, bytes32 right) internal pure {
        assertEq(left, right, "words differ");
    }

    function assertEq(bool left, bool right, string memory message) internal pure {
        if (left != right) fail(_diff(message, vm.toString(left), "!=", vm.toString(right)));
    }

    function assertEq(bool left, bool right) internal pure {
        assertEq(left, right, "flags differ");
    }

    function assertEq(bytes memory left, bytes memory right, string memory message) internal pure {
        if (keccak256(left) != keccak256(right)) fail(_diff(message, vm.toString(left), "!=", vm.toString(right)));
    }

    function assertEq(string memory left, string memory right, string memory message) internal pure {
        if (keccak256(bytes(left)) != keccak256(bytes(right))) fail(_diff(message, left, "!=", right));
    }

    function assertNotEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left == right) fail(_diff(message, vm.toString(left), "==", vm.toString(right)));
    }

    function assertNotEq(bytes32 left, bytes32 right, string memory message) internal pure {
        if (left == right) fail(_diff(message, vm.toString(left), "==", vm.toString(right)));
    }

    function assertLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) fail(_diff(message, vm.toString(left), ">", vm.toString(right)));
    }

    function assertLt(uint256 left, uint256 right, string memory message) internal pure {
        if (left >= right) fail(_diff(message, vm.toString(left), ">=", vm.toString(right)));
    }

    function assertGe(uint256 left, uint256 right, string memory message) internal pure {
        if (left < right) fail(_diff(message, vm.toString(left), "<", vm.toString(right)));
    }

    function assertGt(uint256 left, uint256 right, string memory message) internal pure {
        if (left <= right) fail(_diff(message, vm.toString(left), "<=", vm.toString(right)));
    }

    function _diff(string memory message, string memory left, string memory op, string memory right)
        private
        pure
        returns (string memory)
    {
        return string.concat(message, ": ", left, " ", op, " ", right);
    }
}

/// @title Test
/// @notice The base of every test contract: TestBase plus the functions forge reads from a test
/// contract to aim an invariant campaign.
abstract contract Test is TestBase {
    /// @notice What forge fuzzes with `targetSelectors()`: these functions of `addr`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetContracts;
    address[] private _targetSenders;
    FuzzSelector[] private _targetSelectors;

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSenders() public view returns (address[] memory) {
        return _targetSenders;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function targetSender(address sender) internal {
        _targetSenders.push(sender);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetSelectors.push(selector);
    }
}
