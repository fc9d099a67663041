// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IBrokerCourt} from "../../src/interfaces/IBrokerCourt.sol";
import {VM_ADDRESS, Vm} from "./Vm.sol";

/// @notice Deploys broker courts for tests.
/// @dev From the court's artifact rather than with `new`: the court is built with its own optimizer
/// settings (foundry.toml's compilation restriction), and a test that imported it would have every
/// contract it builds, the exchange included, compiled with those settings too — its gas would no
/// longer be the deployed exchange's.
library Courts {
    /// @notice A new court; a constructor's revert is passed on as it is.
    function deploy(
        address policy,
        address token,
        uint256 bondMinimum,
        uint64 challengeWindow,
        uint64 withdrawalDelay,
        uint16 compensationBps
    ) internal returns (IBrokerCourt) {
        bytes memory init = abi.encodePacked(
            Vm(VM_ADDRESS).getCode("BrokerCourt.sol:BrokerCourt"),
            abi.encode(policy, token, bondMinimum, challengeWindow, withdrawalDelay, compensationBps)
        );
        address court;
        assembly ("memory-safe") {
            court := create(0, add(init, 32), mload(init))
            if iszero(court) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
        return IBrokerCourt(court);
    }
}
