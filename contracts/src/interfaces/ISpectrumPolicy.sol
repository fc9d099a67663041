// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ISpectrumPolicyErrors} from "./ISpectrumPolicyErrors.sol";

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
/// @param index the operator's place in the order of registration, from 0: the exchange keeps the
/// positions of operators registered one after the other side by side, in one storage word
/// @param name human-readable name, as registered
struct OperatorInfo {
    OperatorKind kind;
    bool registered;
    bool suspended;
    uint64 registeredAt;
    uint32 index;
    string name;
}

/// @notice A registered frequency band.
/// @param lowKHz,highKHz the band's edges in kHz
/// @param sensingRequired whether trading needs a fresh sensing report marking the band idle
/// @param maxReportAge how old, in seconds, a sensing report may be to count as fresh
/// @param active whether the band may be traded
struct BandInfo {
    uint64 lowKHz;
    uint64 highKHz;
    bool sensingRequired;
    uint32 maxReportAge;
    bool active;
}

/// @notice A band's slot grid: the only slots its markets may have.
/// @dev From `from` on, a slot lasts exactly `slotSeconds` and starts `from + k * slotSeconds`;
/// before it, the previous grid holds over `[prevFrom, from)` (its slots end by `from`). Grids
/// occupy disjoint stretches of time and each grid's slots are disjoint, so every instant of a band
/// belongs to at most one tradable market, and licence capacity counted per market is counted per
/// instant. `tradedUntil` is the latest end of a slot the bound exchange has settled: a new grid may
/// start no earlier, so no grid change re-opens an instant already sold.
/// @param slotSeconds the current grid's step (never 0 for a registered band)
/// @param from when the current grid starts
/// @param prevSlotSeconds the previous grid's step (0: none)
/// @param prevFrom when the previous grid started
/// @param tradedUntil the latest slot end settled in the band
struct SlotGrid {
    uint32 slotSeconds;
    uint64 from;
    uint32 prevSlotSeconds;
    uint64 prevFrom;
    uint64 tradedUntil;
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

/// @notice What the sensors last said of a band in a cell.
/// @dev A verdict made at time t speaks for `[t, t + maxReportAge)`. An idle verdict lets a market
/// trade when it still speaks for the later of the slot's start and the settlement block; a busy
/// verdict stops every slot that starts while it speaks, and only the sensor that gave it can lift
/// it early (by reporting idle). When a second sensor reports busy while a busy verdict stands,
/// `busySensor` becomes 0: no single sensor can lift it, it lapses with its age.
/// @param idleAt when a sensor last found the band free of primary users (0 = never)
/// @param busyAt when a sensor last found a primary user, unless lifted (0 = no busy verdict)
/// @param busySensor the sensor that may lift the busy verdict (0: none, it only lapses)
struct SensingReport {
    uint48 idleAt;
    uint48 busyAt;
    address busySensor;
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
interface ISpectrumPolicy is IAccessControl, ISpectrumPolicyErrors {
    // ---------------------------------------------------------------- events

    /// @notice The regulator registered `operator`.
    event OperatorRegistered(address indexed operator, OperatorKind kind, string name);
    /// @notice The regulator suspended or reinstated `operator`.
    event OperatorSuspensionChanged(address indexed operator, bool suspended);
    /// @notice The regulator registered `band`, with a grid of `slotSeconds` from time 0.
    event BandRegistered(
        uint32 indexed band,
        uint64 lowKHz,
        uint64 highKHz,
        bool sensingRequired,
        uint32 maxReportAge,
        uint32 slotSeconds
    );
    /// @notice The regulator changed the sensing rule or the active flag of `band`.
    event BandUpdated(uint32 indexed band, bool sensingRequired, uint32 maxReportAge, bool active);
    /// @notice The regulator set `band`'s slot grid: steps of `slotSeconds` from `from` on.
    event BandSlotGridSet(uint32 indexed band, uint32 slotSeconds, uint64 from);
    /// @notice The admin bound this policy to `exchange`, the only one that may settle under it.
    event ExchangeBound(address indexed exchange);
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
    /// @notice Registers `band` spanning `[lowKHz, highKHz]`, its markets on a grid of `slotSeconds`
    /// (slots start at multiples of it). A band never trades without a grid.
    function registerBand(
        uint32 band,
        uint64 lowKHz,
        uint64 highKHz,
        bool sensingRequired,
        uint32 maxReportAge,
        uint32 slotSeconds
    ) external;
    /// @notice Changes the sensing rule and the active flag of a registered `band`.
    function updateBand(uint32 band, bool sensingRequired, uint32 maxReportAge, bool active) external;
    /// @notice Moves `band` to a grid of `slotSeconds` from `from` on. `from` must lie on the current
    /// grid and at or after the end of every slot already settled (`SlotGrid.tradedUntil`), so
    /// the new grid's markets never overlap a market that traded. The current grid keeps serving
    /// the slots that end by `from`; the grid before it is dropped.
    function setSlotGrid(uint32 band, uint32 slotSeconds, uint64 from) external;
    /// @notice Binds the policy to `exchange` (admin, once): only it may open markets, so a second
    /// exchange deployed on this policy cannot sell a licence again.
    function bindExchange(address exchange) external;
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

    /// @notice Reverts unless `operator` is registered and not suspended; returns its index
    /// (`OperatorInfo.index`).
    /// @dev Its answer depends on the policy's storage only (not on the time), and nothing the
    /// exchange calls while it settles (`openMarket` included) changes that storage: the exchange
    /// asks it once per maker and market in a batch and keeps the answer for the transaction.
    function requireActiveOperator(address operator) external view returns (uint32 index);
    /// @notice Reverts unless `operator` is active; returns the milli-SRU its base licence gives it
    /// in the market (0 when no licence covers the whole slot) and its index (`OperatorInfo.index`).
    /// @dev Kept for the transaction by the exchange, as `requireActiveOperator` is: keep it free of
    /// the time and of anything `openMarket` writes.
    function sellerLicence(address operator, uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
        external
        view
        returns (uint64 quantity, uint32 index);
    /// @notice Reverts unless the market may trade now: band registered and active, the slot on the
    /// band's grid, no protection zone overlapping the slot, and, where the band requires it, an
    /// idle verdict that speaks for the slot and no busy verdict that covers its start.
    function requireTradable(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) external view;
    /// @notice `requireTradable`, for the bound exchange while it settles the market: also records
    /// the slot's end as traded, which later grid changes respect.
    function openMarket(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) external;

    // ---------------------------------------------------------------- views

    /// @notice The registry entry of `operator`.
    function operatorInfo(address operator) external view returns (OperatorInfo memory);
    /// @notice Whether `operator` is registered, and its index (`OperatorInfo.index`) if so,
    /// suspended or not.
    function operatorIndex(address operator) external view returns (bool registered, uint32 index);
    /// @notice How many operators the regulator has registered: the next one's index.
    function operatorCount() external view returns (uint32);
    /// @notice The registry entry of `band`.
    function bandInfo(uint32 band) external view returns (BandInfo memory);
    /// @notice The slot grid of `band`.
    function slotGrid(uint32 band) external view returns (SlotGrid memory);
    /// @notice The exchange this policy is bound to (0 before `bindExchange`).
    function exchange() external view returns (address);
    /// @notice `operator`'s base licence for `band` in `cell`.
    function licenceOf(address operator, uint32 band, uint64 cell) external view returns (Licence memory);
    /// @notice The protection zones of `band` in `cell` (not including `ALL_CELLS` zones).
    function protectionZones(uint32 band, uint64 cell) external view returns (ProtectionZone[] memory);
    /// @notice What the sensors last said of `band` in `cell`.
    function sensingReport(uint32 band, uint64 cell) external view returns (SensingReport memory);
}
