// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice Kind of a registered operator.
enum OperatorKind {
    MobileNetwork,
    VirtualNetwork,
    MicroOperator,
    LocalOperator
}

/// @notice A registered operator.
/// @param kind MNO, MVNO, micro or local operator
/// @param registered whether the regulator has registered the address
/// @param suspended whether the regulator has suspended it; a suspended operator cannot trade
/// @param registeredAt block timestamp of the registration
/// @param name human-readable name, as registered
struct OperatorInfo {
    OperatorKind kind;
    bool registered;
    bool suspended;
    uint64 registeredAt;
    string name;
}

/// @notice A registered frequency band.
/// @param lowKHz,highKHz the band's edges in kHz
/// @param sensingRequired whether trading needs a fresh sensing report marking the band idle
/// @param maxReportAge how old, in seconds, a sensing report may be to count as fresh
/// @param active whether the band may be traded
/// @param slotSeconds the band's slot grid: when not 0, a market's slot must be exactly this long
/// and start at a multiple of it, so two markets of the band never overlap in time and a licence is
/// never sold twice for the same moment
struct BandInfo {
    uint64 lowKHz;
    uint64 highKHz;
    bool sensingRequired;
    uint32 maxReportAge;
    bool active;
    uint32 slotSeconds;
}

/// @notice A base licence: `quantity` milli-SRU of a band in one cell over `[validFrom, validUntil)`.
struct Licence {
    uint64 quantity;
    uint64 validFrom;
    uint64 validUntil;
}

/// @notice A primary-user protection zone: no trading of `band` in `cell` over `[from, until)`.
/// @dev `cell == ALL_CELLS` protects the band in every cell.
struct ProtectionZone {
    uint64 id;
    uint64 from;
    uint64 until;
}

/// @notice The latest sensing verdict for a band in a cell.
/// @param reportedAt block timestamp at which it was recorded (0 = never)
/// @param idle whether the sensors found the band free of primary users
/// @param sensor the sensor that reported it
struct SensingReport {
    uint64 reportedAt;
    bool idle;
    address sensor;
}

/// @notice A sensing verdict as a sensor submits it.
struct SensingObservation {
    uint32 band;
    uint64 cell;
    bool idle;
}

/// @title ISpectrumPolicy — the Policy & Agreement Center
/// @notice Roles, the operator and band registries, base licences, primary-user protection zones
/// and sensing reports. The exchange asks it, for every batch, whether a market may trade and
/// whether a maker may.
interface ISpectrumPolicy is IAccessControl {
    // ---------------------------------------------------------------- errors

    /// @notice `operator` is not a registered operator.
    error PolicyOperatorNotRegistered(address operator);
    /// @notice `operator` is registered but suspended.
    error PolicyOperatorSuspended(address operator);
    /// @notice `operator` is already registered.
    error PolicyOperatorAlreadyRegistered(address operator);
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
    /// @notice The latest report for `band` in `cell` is older than the band allows.
    error PolicySensingReportStale(uint32 band, uint64 cell, uint64 reportedAt, uint32 maxReportAge);
    /// @notice The latest report for `band` in `cell` found a primary user.
    error PolicyBandBusy(uint32 band, uint64 cell, uint64 reportedAt);
    /// @notice `band` in `cell` already has the maximum number of protection zones.
    error PolicyTooManyZones(uint32 band, uint64 cell, uint256 max);
    /// @notice No protection zone `zoneId` exists for `band` in `cell`.
    error PolicyUnknownZone(uint32 band, uint64 cell, uint64 zoneId);
    /// @notice The slot `[slotStart, slotEnd)` is off `band`'s grid of `slotSeconds`.
    error PolicySlotOffGrid(uint32 band, uint64 slotStart, uint64 slotEnd, uint32 slotSeconds);
    /// @notice A call carried more items than the function accepts.
    error PolicyTooManyItems(uint256 count, uint256 max);

    // ---------------------------------------------------------------- events

    /// @notice The regulator registered `operator`.
    event OperatorRegistered(address indexed operator, OperatorKind kind, string name);
    /// @notice The regulator suspended or reinstated `operator`.
    event OperatorSuspensionChanged(address indexed operator, bool suspended);
    /// @notice The regulator registered `band`.
    event BandRegistered(uint32 indexed band, uint64 lowKHz, uint64 highKHz, bool sensingRequired, uint32 maxReportAge);
    /// @notice The regulator changed the sensing rule or the active flag of `band`.
    event BandUpdated(uint32 indexed band, bool sensingRequired, uint32 maxReportAge, bool active);
    /// @notice The regulator set `band`'s slot grid (0: no grid).
    event BandSlotGridSet(uint32 indexed band, uint32 slotSeconds);
    /// @notice The regulator set the base licence of `operator` for `band` in `cell` (quantity 0 revokes it).
    event LicenceGranted(
        address indexed operator,
        uint32 indexed band,
        uint64 indexed cell,
        uint64 quantity,
        uint64 validFrom,
        uint64 validUntil
    );
    /// @notice The regulator protected `band` in `cell` over `[from, until)` for a primary user.
    event ProtectionZoneAdded(
        uint32 indexed band, uint64 indexed cell, uint64 indexed zoneId, uint64 from, uint64 until
    );
    /// @notice The regulator lifted protection zone `zoneId`.
    event ProtectionZoneRemoved(uint32 indexed band, uint64 indexed cell, uint64 indexed zoneId);
    /// @notice `sensor` reported `band` in `cell` idle or busy.
    event SensingReported(uint32 indexed band, uint64 indexed cell, address indexed sensor, bool idle);

    // ---------------------------------------------------------------- roles

    /// @notice Role that registers operators and bands, grants licences and protects zones.
    function REGULATOR_ROLE() external view returns (bytes32);
    /// @notice Role that may settle batches on the exchange.
    function BROKER_ROLE() external view returns (bytes32);
    /// @notice Role that may submit sensing reports.
    function SENSOR_ROLE() external view returns (bytes32);
    /// @notice Most protection zones one band may have in one cell (bounds the settlement check).
    function MAX_ZONES_PER_CELL() external view returns (uint256);
    /// @notice The cell id that stands for every cell in a protection zone.
    function ALL_CELLS() external view returns (uint64);

    // ---------------------------------------------------------------- regulator

    /// @notice Registers `operator` as an operator of `kind` named `name`.
    function registerOperator(address operator, OperatorKind kind, string calldata name) external;
    /// @notice Suspends (`true`) or reinstates (`false`) `operator`.
    function setOperatorSuspended(address operator, bool suspended) external;
    /// @notice Registers `band` spanning `[lowKHz, highKHz]`.
    function registerBand(uint32 band, uint64 lowKHz, uint64 highKHz, bool sensingRequired, uint32 maxReportAge)
        external;
    /// @notice Changes the sensing rule and the active flag of a registered `band`.
    function updateBand(uint32 band, bool sensingRequired, uint32 maxReportAge, bool active) external;
    /// @notice Sets `band`'s slot grid: markets must then last exactly `slotSeconds` and start on a
    /// multiple of it (0 lifts the grid). Set it before the band trades: licence capacity is
    /// counted per market, and only a grid keeps markets of a band from overlapping in time.
    function setSlotGrid(uint32 band, uint32 slotSeconds) external;
    /// @notice Sets `operator`'s base licence for `band` in `cell`; a quantity of 0 revokes it.
    function grantLicence(
        address operator,
        uint32 band,
        uint64 cell,
        uint64 quantity,
        uint64 validFrom,
        uint64 validUntil
    ) external;
    /// @notice Protects `band` in `cell` (or `ALL_CELLS`) over `[from, until)`; returns the zone id.
    function addProtectionZone(uint32 band, uint64 cell, uint64 from, uint64 until) external returns (uint64 zoneId);
    /// @notice Lifts protection zone `zoneId` of `band` in `cell`.
    function removeProtectionZone(uint32 band, uint64 cell, uint64 zoneId) external;

    // ---------------------------------------------------------------- sensors

    /// @notice Records sensing verdicts; at most `MAX_REPORTS` a call.
    function submitSensingReports(SensingObservation[] calldata observations) external;

    // ---------------------------------------------------------------- checks the exchange calls

    /// @notice Reverts unless `operator` is registered and not suspended.
    function requireActiveOperator(address operator) external view;
    /// @notice Reverts unless `operator` is active; returns the milli-SRU its base licence gives it
    /// in the market (0 when no licence covers the whole slot).
    function sellerLicence(address operator, uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
        external
        view
        returns (uint64 quantity);
    /// @notice Reverts unless the market may trade now: band registered and active, the slot on the
    /// band's grid, no protection zone overlapping the slot, and, where the band requires it, a
    /// fresh report finding it idle.
    function requireTradable(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) external view;

    // ---------------------------------------------------------------- views

    /// @notice The registry entry of `operator`.
    function operatorInfo(address operator) external view returns (OperatorInfo memory);
    /// @notice The registry entry of `band`.
    function bandInfo(uint32 band) external view returns (BandInfo memory);
    /// @notice `operator`'s base licence for `band` in `cell`.
    function licenceOf(address operator, uint32 band, uint64 cell) external view returns (Licence memory);
    /// @notice The protection zones of `band` in `cell` (not including `ALL_CELLS` zones).
    function protectionZones(uint32 band, uint64 cell) external view returns (ProtectionZone[] memory);
    /// @notice The latest sensing report for `band` in `cell`.
    function sensingReport(uint32 band, uint64 cell) external view returns (SensingReport memory);
}
