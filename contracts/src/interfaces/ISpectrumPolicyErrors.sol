// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title ISpectrumPolicyErrors — the policy's custom errors
/// @notice Declared apart so that the exchange's ABI carries them too: `settleBatch` and the other
/// exchange calls revert with them when the policy refuses, and a client decodes every revert with
/// the exchange's ABI alone.
interface ISpectrumPolicyErrors {
    /// @notice `operator` is not a registered operator.
    error PolicyOperatorNotRegistered(address operator);
    /// @notice `operator` is registered but suspended.
    error PolicyOperatorSuspended(address operator);
    /// @notice `operator` is already registered.
    error PolicyOperatorAlreadyRegistered(address operator);
    /// @notice The zero address cannot be an operator: no key signs for it, and a failed signature
    /// recovery answers it.
    error PolicyZeroOperator();
    /// @notice `band` is not registered, or not active.
    error PolicyUnknownBand(uint32 band);
    /// @notice `band` is already registered.
    error PolicyBandAlreadyRegistered(uint32 band);
    /// @notice The band edges are not a range (`lowKHz < highKHz`).
    error PolicyInvalidBandRange(uint64 lowKHz, uint64 highKHz);
    /// @notice A time range is empty or reversed.
    error PolicyInvalidTimeRange(uint64 from, uint64 until);
    /// @notice The market `[slotStart, slotEnd)` of `band` in `cell` overlaps protection zone `zoneId`.
    error PolicyMarketProtected(uint32 band, uint64 cell, uint64 zoneId, uint64 from, uint64 until);
    /// @notice `band` requires sensing and no report exists for it in `cell`.
    error PolicySensingReportMissing(uint32 band, uint64 cell);
    /// @notice The latest idle report for `band` in `cell` (made at `idleAt`) no longer speaks for
    /// `neededAt`, the later of the slot's start and now.
    error PolicySensingReportStale(uint32 band, uint64 cell, uint64 idleAt, uint32 maxReportAge, uint64 neededAt);
    /// @notice A busy verdict for `band` in `cell`, made at `busyAt`, covers the slot's start.
    error PolicyBandBusy(uint32 band, uint64 cell, uint64 busyAt);
    /// @notice `band` in `cell` already has the maximum number of protection zones.
    error PolicyTooManyZones(uint32 band, uint64 cell, uint256 max);
    /// @notice No protection zone `zoneId` exists for `band` in `cell`.
    error PolicyUnknownZone(uint32 band, uint64 cell, uint64 zoneId);
    /// @notice The slot `[slotStart, slotEnd)` is on neither of `band`'s grids (the current one of
    /// `slotSeconds` from `from`, or the previous one before it).
    error PolicySlotOffGrid(uint32 band, uint64 slotStart, uint64 slotEnd, uint32 slotSeconds, uint64 from);
    /// @notice A grid step of 0 seconds: every band has a grid.
    error PolicyInvalidSlotGrid(uint32 band, uint32 slotSeconds);
    /// @notice A new grid for `band` may not start at `from`: it must start on the current grid
    /// (at or after `gridFrom`, a whole number of `slotSeconds` later) and no earlier than
    /// `tradedUntil`, the end of the latest slot already settled.
    error PolicyGridChangeRefused(uint32 band, uint64 from, uint64 gridFrom, uint32 slotSeconds, uint64 tradedUntil);
    /// @notice Only the exchange bound to this policy (`exchange`) may open markets; `caller` is not it.
    error PolicyCallerNotExchange(address caller, address exchange);
    /// @notice The policy is already bound to `exchange`; a policy serves one exchange for life.
    error PolicyExchangeAlreadyBound(address exchange);
    /// @notice The zero address cannot be bound as the exchange.
    error PolicyInvalidExchange();
    /// @notice A call carried more items than the function accepts.
    error PolicyTooManyItems(uint256 count, uint256 max);
}
