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
    SensingReport
} from "./interfaces/ISpectrumPolicy.sol";

/// @title SpectrumPolicy — the Policy & Agreement Center
/// @notice Holds who may trade what, where and when. The regulator writes it; the exchange reads it
/// while it settles; sensors feed it their verdicts.
/// @dev Every check the exchange calls is a view that reverts with a `Policy…` error, so the
/// exchange's caller sees the policy's own error, bubbled up unchanged.
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
    mapping(address operator => mapping(uint32 band => mapping(uint64 cell => Licence))) private _licences;
    mapping(uint32 band => mapping(uint64 cell => ProtectionZone[])) private _zones;
    mapping(uint32 band => mapping(uint64 cell => SensingReport)) private _reports;
    uint64 private _nextZoneId = 1;

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
        OperatorInfo storage info = _operators[operator];
        if (info.registered) revert PolicyOperatorAlreadyRegistered(operator);
        info.kind = kind;
        info.registered = true;
        info.registeredAt = uint64(block.timestamp);
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
    function registerBand(uint32 band, uint64 lowKHz, uint64 highKHz, bool sensingRequired, uint32 maxReportAge)
        external
        onlyRole(REGULATOR_ROLE)
    {
        if (_bands[band].highKHz != 0) revert PolicyBandAlreadyRegistered(band);
        if (lowKHz >= highKHz) revert PolicyInvalidBandRange(lowKHz, highKHz);
        _bands[band] = BandInfo({
            lowKHz: lowKHz,
            highKHz: highKHz,
            sensingRequired: sensingRequired,
            maxReportAge: maxReportAge,
            active: true,
            slotSeconds: 0
        });
        emit BandRegistered(band, lowKHz, highKHz, sensingRequired, maxReportAge);
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
    function setSlotGrid(uint32 band, uint32 slotSeconds) external onlyRole(REGULATOR_ROLE) {
        BandInfo storage info = _bands[band];
        if (info.highKHz == 0) revert PolicyUnknownBand(band);
        info.slotSeconds = slotSeconds;
        emit BandSlotGridSet(band, slotSeconds);
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
        for (uint256 i; i < n; ++i) {
            SensingObservation calldata o = observations[i];
            if (_bands[o.band].highKHz == 0) revert PolicyUnknownBand(o.band);
            _reports[o.band][o.cell] =
                SensingReport({reportedAt: uint64(block.timestamp), idle: o.idle, sensor: msg.sender});
            emit SensingReported(o.band, o.cell, msg.sender, o.idle);
        }
    }

    // ---------------------------------------------------------------- checks

    /// @inheritdoc ISpectrumPolicy
    function requireActiveOperator(address operator) public view {
        OperatorInfo storage info = _operators[operator];
        if (!info.registered) revert PolicyOperatorNotRegistered(operator);
        if (info.suspended) revert PolicyOperatorSuspended(operator);
    }

    /// @inheritdoc ISpectrumPolicy
    function sellerLicence(address operator, uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd)
        external
        view
        returns (uint64 quantity)
    {
        requireActiveOperator(operator);
        Licence storage licence = _licences[operator][band][cell];
        if (licence.validFrom <= slotStart && slotEnd <= licence.validUntil) quantity = licence.quantity;
    }

    /// @inheritdoc ISpectrumPolicy
    function requireTradable(uint32 band, uint64 cell, uint64 slotStart, uint64 slotEnd) external view {
        BandInfo storage info = _bands[band];
        if (!info.active) revert PolicyUnknownBand(band);
        if (slotStart >= slotEnd) revert PolicyInvalidTimeRange(slotStart, slotEnd);
        uint32 grid = info.slotSeconds;
        if (grid != 0 && (slotEnd - slotStart != grid || slotStart % grid != 0)) {
            revert PolicySlotOffGrid(band, slotStart, slotEnd, grid);
        }
        _requireUnprotected(band, cell, cell, slotStart, slotEnd);
        _requireUnprotected(band, ALL_CELLS, cell, slotStart, slotEnd);
        if (info.sensingRequired) {
            SensingReport storage report = _reports[band][cell];
            uint64 reportedAt = report.reportedAt;
            if (reportedAt == 0) revert PolicySensingReportMissing(band, cell);
            if (block.timestamp > uint256(reportedAt) + info.maxReportAge) {
                revert PolicySensingReportStale(band, cell, reportedAt, info.maxReportAge);
            }
            if (!report.idle) revert PolicyBandBusy(band, cell, reportedAt);
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
    function bandInfo(uint32 band) external view returns (BandInfo memory) {
        return _bands[band];
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
