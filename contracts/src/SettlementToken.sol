// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title SettlementToken
/// @notice The money of the marketplace: an ERC-20 with ERC-2612 permits, minted and burnt by the
/// treasury. Six decimals, so a price of 2.5 tokens per SRU is 2,500,000 base units.
contract SettlementToken is ERC20, ERC20Permit, AccessControl {
    /// @notice Role that may mint and burn.
    bytes32 public constant TREASURY_ROLE = keccak256("TREASURY_ROLE");

    /// @param admin holds DEFAULT_ADMIN_ROLE and TREASURY_ROLE
    constructor(string memory name_, string memory symbol_, address admin) ERC20(name_, symbol_) ERC20Permit(name_) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(TREASURY_ROLE, admin);
    }

    /// @notice Six decimals, like the fiat-backed tokens operators settle in.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` base units to `to`.
    function mint(address to, uint256 amount) external onlyRole(TREASURY_ROLE) {
        _mint(to, amount);
    }

    /// @notice Burns `amount` base units from the treasury's own balance.
    function burn(uint256 amount) external onlyRole(TREASURY_ROLE) {
        _burn(msg.sender, amount);
    }
}
