// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IBrokerCourt} from "../../src/interfaces/IBrokerCourt.sol";
import {ISpectrumExchange} from "../../src/interfaces/ISpectrumExchange.sol";
import {ISpectrumPolicy} from "../../src/interfaces/ISpectrumPolicy.sol";
import {VM_ADDRESS, Vm} from "./Vm.sol";

/// @notice Deploys the exchange and broker courts for tests.
/// @dev From their artifacts rather than with `new`: each is built through the IR pipeline with
/// optimizer settings of its own (foundry.toml's compilation restrictions, the same as
/// scripts/compile.mjs), and a test that imported one would have every contract it builds compiled
/// with those settings too. So the tests run the bytecode a deployment runs, and only the two
/// contracts pay for the slower pipeline.
library Deployments {
    /// @notice A new exchange; a constructor's revert is passed on as it is.
    function exchange(ISpectrumPolicy policy, IERC20 token, uint64 settlementWindow)
        internal
        returns (ISpectrumExchange)
    {
        return ISpectrumExchange(
            _create("SpectrumExchange.sol:SpectrumExchange", abi.encode(policy, token, settlementWindow))
        );
    }

    /// @notice A new court; a constructor's revert is passed on as it is.
    function court(
        address policy,
        address token,
        uint256 bondMinimum,
        uint64 challengeWindow,
        uint64 withdrawalDelay,
        uint16 compensationBps
    ) internal returns (IBrokerCourt) {
        return IBrokerCourt(
            _create(
                "BrokerCourt.sol:BrokerCourt",
                abi.encode(policy, token, bondMinimum, challengeWindow, withdrawalDelay, compensationBps)
            )
        );
    }

    function _create(string memory artifact, bytes memory constructorArgs) private returns (address created) {
        bytes memory init = abi.encodePacked(Vm(VM_ADDRESS).getCode(artifact), constructorArgs);
        assembly ("memory-safe") {
            created := create(0, add(init, 32), mload(init))
            if iszero(created) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
    }
}
