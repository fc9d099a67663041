// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {
    BandInfo,
    ISpectrumPolicy,
    Licence,
    OperatorInfo,
    OperatorKind,
    ProtectionZone,
    SensingObservation,
    SensingReport,
    SlotGrid
} from "./interfaces/ISpectrumPolicy.sol";

/// @title SpectrumPolicy — the Policy & Agreement Center
/// @notice Holds who may trade what, where and when. The regulator writes it; the exchange reads it
/// while it settles; sensors feed it their verdicts.
/// @dev Every check the exchange calls reverts with a `Policy…` error, so the exchange sees the
/// policy's own error, unchanged. The policy serves one exchange for life (`bindExchange`): a
/// licence's capacity sold is counted by that exchange, and a second exchange counting again from
/// zero would sell it twice.
contract SpectrumPolicy is ISpectrumPolicy, AccessControl {
    /// @inheritdoc ISpectrumPolicy
    bytes32 public constant REGULATOR_ROLE = keccak256("REGULATOR_ROLE");
    /// @inheritdoc ISpectrumPolicy
    bytes32 public constant BROKER_ROLE = keccak256("BROKER_ROLE");
    /// @inheritdoc ISpectrumPolicy
    bytes32 public constant SENSOR_ROLE = keccak256("SENSOR_ROLE");
    /// @inheritdoc ISpectrumPolicy
    uint256 public constant MAX_ZONES_PER_CELL = 16;
    /// @inheritdoc ISpectrumPolicy
    uint64 public constant ALL_CELLS = type(uint64).max;
    /// @notice Most sensing observations one call may carry.
    uint256 public constant MAX_REPORTS = 256;

    mapping(address operator => OperatorInfo) private _operators;
    mapping(uint32 band => BandInfo) private _bands;
    mapping(uint32 band => SlotGrid) private _grids;
    mapping(address operator => mapping(uint32 band => mapping(uint64 cell => Licence))) private _licences;
    mapping(uint32 band => mapping(uint64 cell => ProtectionZone[])) private _zones;
    mapping(uint32 band => mapping(uint64 cell => SensingReport)) private _reports;
    uint64 private _nextZoneId = 1;
    uint32 private _operatorCount;
    address private _exchange;

    /// @param admin holds DEFAULT_ADMIN_ROLE (grants and revokes every role) and REGULATOR_ROLE
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(REGULATOR_ROLE, admin);
    }

    // ---------------------------------------------------------------- regulator

    /// @inheritdoc ISpectrumPolicy
    function registerOperator(address operator, OperatorKind kind, string calldata name)
        external
        onlyRole(REGULATOR_ROLE)
    {
        if (operator == address(0)) revert PolicyZeroOperator();
        OperatorInfo storage info = _operators[operator];
        if (info.registered) revert PolicyOperatorAlreadyRegistered(operator);
        info.kind = kind;
        info.registered = true;
        info.registeredAt = uint64(block.timestamp);
        info.index = _operatorCount++;
        info.name = name;
        emit OperatorRegistered(operator, kind, name);
    }

    /// @inheritdoc ISpectrumPolicy
    function setOperatorSuspended(address operator, bool suspended) external onlyRole(REGULATOR_ROLE) {
        OperatorInfo storage info = _operators[operator];
        if (!info.registered) revert PolicyOperatorNotRegistered(operator);
        info.suspended = suspended;
        emit OperatorSuspensionChanged(operator, suspended);
    }

    /// @inheritdoc ISpectrumPolicy
    function registerBand(
        uint32 band,
        uint64 lowKHz,
        uint64 highKHz,
        bool sensingRequired,
        uint32 maxReportAge,
        uint32 slotSeconds
    ) external onlyRole(REGULATOR_ROLE) {
        if (_bands[band].highKHz != 0) revert PolicyBandAlreadyRegistered(band);
        if (lowKHz >= highKHz) revert PolicyInvalidBandRange(lowKHz, highKHz);
        if (slotSeconds == 0) revert PolicyInvalidSlotGrid(band, slotSeconds);
        _bands[band] = BandInfo({
            lowKHz: lowKHz, highKHz: highKHz, sensingRequired: sensingRequired, maxReportAge: maxReportAge, active: true
        });
        _grids[band] = SlotGrid({slotSeconds: slotSeconds, from: 0, prevSlotSeconds: 0, prevFrom: 0, tradedUntil: 0});
        emit BandRegistered(band, lowKHz, highKHz, sensingRequired, maxReportAge, slotSeconds);
    }

    /// @inheritdoc ISpectrumPolicy
    function updateBand(uint32 band, bool sensingRequired, uint32 maxReportAge, bool active)
        external
        onlyRole(REGULATOR_ROLE)
    {
        BandInfo storage info = _bands[band];
        if (info.highKHz == 0) revert PolicyUnknownBand(band);
        info.sensingRequired = sensingRequired;
        info.maxReportAge = maxReportAge;
        info.active = active;
        emit BandUpdated(band, sensingRequired, maxReportAge, active);
    }

    /// @inheritdoc ISpectrumPolicy
    function setSlotGrid(uint32 band, uint32 slotSeconds, uint64 from) external onlyRole(REGULATOR_ROLE) {
        if (_bands[band].highKHz == 0) revert PolicyUnknownBand(band);
        if (slotSeconds == 0) revert PolicyInvalidSlotGrid(band, slotSeconds);
        SlotGrid storage grid = _grids[band];
        SlotGrid memory g = grid;
        // NOTE: `from` on the current grid means the current grid's slots before it end by `from`;
        // `from >= tradedUntil` means no slot that traded reaches into the new grid's time.
        if (from < g.from || (from - g.from) % g.slotSeconds != 0 || from < g.tradedUntil) {
            revert PolicyGridChangeRefused(band, from, g.from, g.slotSeconds, g.tradedUntil);
        }
        grid.prevSlotSeconds = g.slotSeconds;
        grid.prevFrom = g.from;
        grid.slotSeconds = slotSeconds;
        grid.from = from;
        emit BandSlotGridSet(band, slotSeconds, from);
    }

    /// @inheritdoc ISpectrumPolicy
    function bindExchange(address exchange_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (_exchange != address(0)) revert PolicyExchangeAlreadyBound(_exchange);
        if (exchange_ == address(0)) revert PolicyInvalidExchange();
        _exchange = exchange_;
        emit ExchangeBound(exchange_);
    }

    /// @inheritdoc ISpectrumPolicy
    function grantLicence(
        address operator,
        uint32 band,
        uint64 cell,
        uint64 quantity,
        uint64 validFrom,
        uint64 validUntil
    ) external onlyRole(REGULATOR_ROLE) {
        if (!_operators[operator].registered) revert PolicyOperatorNotRegistered(operator);
        if (_bands[band].highKHz == 0) revert PolicyUnknownBand(band);
        if (quantity != 0 && validFrom >= validUntil) revert PolicyInvalidTimeRange(validFrom, validUntil);
        _licences[operator][band][cell] = Licence({quantity: quantity, validFrom: validFrom, validUntil: validUntil});
        emit LicenceGranted(operator, band, cell, quantity, validFrom, validUntil);
    }

    /// @inheritdoc ISpectrumPolicy
    function addProtectionZone(uint32 band, uint64 cell, uint64 from, uint64 until)
        external
        onlyRole(REGULATOR_ROLE)
        returns (uint64 zoneId)
    {
        if (_bands[band].highKHz == 0) revert PolicyUnknownBand(band);
        if (from >= until) revert PolicyInvalidTimeRange(from, until);
        ProtectionZone[] storage zones = _zones[band][cell];
        if (zones.length >= MAX_ZONES_PER_CELL) revert PolicyTooManyZones(band, cell, MAX_ZONES_PER_CELL);
        zoneId = _nextZoneId++;
        zones.push(ProtectionZone({id: zoneId, from: from, until: until}));
        emit ProtectionZoneAdded(band, cell, zoneId, from, until);
    }

    /// @inheritdoc ISpectrumPolicy
    function removeProtectionZone(uint32 band, uint64 cell, uint64 zoneId) external onlyRole(REGULATOR_ROLE) {
        ProtectionZone[] storage zones = _zones[band][cell];
        uint256 n = zones.length; // at most MAX_ZONES_PER_CELL
        for (uint256 i; i < n; ++i) {
            if (zones[i].id == zoneId) {
                zones[i] = zones[n - 1];
                zones.pop();
                emit ProtectionZoneRemoved(band, cell, zoneId);
                return;
            }
        }
        revert PolicyUnknownZone(band, cell, zoneId);
    }

    // ---------------------------------------------------------------- sensors

    /// @inheritdoc ISpectrumPolicy
    function submitSensingReports(SensingObservation[] calldata observations) external onlyRole(SENSOR_ROLE) {
        uint256 n = observations.length;
        if (n > MAX_REPORTS) revert PolicyTooManyItems(n, MAX_REPORTS);
        // NOTE: block.timestamp fits 48 bits for the next eight million years.
        uint48 now_ = uint48(block.timestamp);
        for (uint256 i; i < n; ++i) {
            SensingObservation calldata o = observations[i];
            BandInfo storage band = _bands[o.band];
            if (band.highKHz == 0) revert PolicyUnknownBand(o.band);
            SensingReport storage report = _reports[o.band][o.cell];
            if (o.idle) {
                report.idleAt = now_;
                // A sensor may lift its own busy verdict; nobody else can.
                if (report.busySensor == msg.sender) {
                    report.busyAt = 0;
                    report.busySensor = address(0);
                }
            } else {
                SensingReport memory r = report;
                bool standing = r.busyAt != 0 && uint256(r.busyAt) + band.maxReportAge > now_;
                // A second voice on a standing busy verdict: from now on no single sensor lifts it.
                report.busySensor = standing && r.busySensor != msg.sender ? address(0) : msg.sender;
                report.busyAt = now_;
            }
            emit SensingReported(o.band, o.cell, msg.sender, o.idle);
        }
    }

    // ---------------------------------------------------------------- checks

    /// @inheritdoc ISpectrumPolicy
    function requireActiveOperator(address operator) public view returns (uint32 index) {
        OperatorInfo storage info = _operators[operator];
        if (!info.registered) revert PolicyOperatorNotRegistered(operator);
        if (info.suspended) revert PolicyOperatorSuspended(operator);
        return info.index;
    }

    /// @inheritdoc ISpectrumPolicy
    function sellerLicence(address operator, uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
        external
        view
        returns (uint64 quantity, uint32 index)
    {
        index = requireActiveOperator(operator);
        Licence storage licence = _licences[operator][band][cell];
        if (licence.validFrom <= slotStart && slotEnd <= licence.validUntil) quantity = licence.quantity;
    }

    /// @inheritdoc ISpectrumPolicy
    function requireTradable(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) external view {
        _requireTradable(band, cell, slotStart, slotEnd);
    }

    /// @inheritdoc ISpectrumPolicy
    function openMarket(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) external {
        if (msg.sender != _exchange) revert PolicyCallerNotExchange(msg.sender, _exchange);
        SlotGrid storage grid = _requireTradable(band, cell, slotStart, slotEnd);
        if (slotEnd > grid.tradedUntil) grid.tradedUntil = slotEnd;
    }

    function _requireTradable(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
        private
        view
        returns (SlotGrid storage grid)
    {
        BandInfo storage info = _bands[band];
        if (!info.active) revert PolicyUnknownBand(band);
        if (slotStart >= slotEnd) revert PolicyInvalidTimeRange(slotStart, slotEnd);
        grid = _grids[band];
        _requireOnGrid(band, grid, slotStart, slotEnd);
        _requireUnprotected(band, cell, cell, slotStart, slotEnd);
        _requireUnprotected(band, ALL_CELLS, cell, slotStart, slotEnd);
        if (info.sensingRequired) _requireSensedIdle(band, cell, slotStart, info.maxReportAge);
    }

    /// @dev A slot is tradable on the current grid from its start on, or on the previous grid when
    /// it ends by the current grid's start.
    function _requireOnGrid(uint32 band, SlotGrid memory g, uint64 slotStart, uint64 slotEnd) private pure {
        uint64 length = slotEnd - slotStart;
        if (slotStart >= g.from) {
            if (length == g.slotSeconds && (slotStart - g.from) % g.slotSeconds == 0) return;
        } else if (
            g.prevSlotSeconds != 0 && slotStart >= g.prevFrom && slotEnd <= g.from && length == g.prevSlotSeconds
                && (slotStart - g.prevFrom) % g.prevSlotSeconds == 0
        ) {
            return;
        }
        revert PolicySlotOffGrid(band, slotStart, slotEnd, g.slotSeconds, g.from);
    }

    /// @dev Judged against the slot: a busy verdict covering the slot's start stops it, and the
    /// idle verdict must still speak for the later of the slot's start and now.
    function _requireSensedIdle(uint32 band, uint64 cell, uint64 slotStart, uint32 maxAge) private view {
        SensingReport memory r = _reports[band][cell];
        if (r.busyAt != 0 && slotStart < uint256(r.busyAt) + maxAge) revert PolicyBandBusy(band, cell, r.busyAt);
        if (r.idleAt == 0) revert PolicySensingReportMissing(band, cell);
        uint64 neededAt = slotStart > block.timestamp ? slotStart : uint64(block.timestamp);
        if (neededAt >= uint256(r.idleAt) + maxAge) {
            revert PolicySensingReportStale(band, cell, r.idleAt, maxAge, neededAt);
        }
    }

    /// @dev Loops over at most MAX_ZONES_PER_CELL zones.
    function _requireUnprotected(uint32 band, uint64 zoneCell, uint64 cell, uint64 slotStart, uint64 slotEnd)
        private
        view
    {
        ProtectionZone[] storage zones = _zones[band][zoneCell];
        uint256 n = zones.length;
        for (uint256 i; i < n; ++i) {
            ProtectionZone storage z = zones[i];
            if (z.from < slotEnd && slotStart < z.until) {
                revert PolicyMarketProtected(band, cell, z.id, z.from, z.until);
            }
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ISpectrumPolicy
    function operatorInfo(address operator) external view returns (OperatorInfo memory) {
        return _operators[operator];
    }

    /// @inheritdoc ISpectrumPolicy
    function operatorIndex(address operator) external view returns (bool registered, uint32 index) {
        OperatorInfo storage info = _operators[operator];
        return (info.registered, info.index);
    }

    /// @inheritdoc ISpectrumPolicy
    function operatorCount() external view returns (uint32) {
        return _operatorCount;
    }

    /// @inheritdoc ISpectrumPolicy
    function bandInfo(uint32 band) external view returns (BandInfo memory) {
        return _bands[band];
    }

    /// @inheritdoc ISpectrumPolicy
    function slotGrid(uint32 band) external view returns (SlotGrid memory) {
        return _grids[band];
    }

    /// @inheritdoc ISpectrumPolicy
    function exchange() external view returns (address) {
        return _exchange;
    }

    /// @inheritdoc ISpectrumPolicy
    function licenceOf(address operator, uint32 band, uint64 cell) external view returns (Licence memory) {
        return _licences[operator][band][cell];
    }

    /// @inheritdoc ISpectrumPolicy
    function protectionZones(uint32 band, uint64 cell) external view returns (ProtectionZone[] memory) {
        return _zones[band][cell];
    }

    /// @inheritdoc ISpectrumPolicy
    function sensingReport(uint32 band, uint64 cell) external view returns (SensingReport memory) {
        return _reports[band][cell];
    }
}
