// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IBrokerCourt, FillReceipt, IntakeReceipt} from "./interfaces/IBrokerCourt.sol";
import {ISpectrumPolicy} from "./interfaces/ISpectrumPolicy.sol";
import {MarketLib} from "./libraries/MarketLib.sol";
import {Order, Side} from "./libraries/OrderLib.sol";
import {Auction, BookLib, ProvenLeaf} from "./libraries/BookLib.sol";

/// @notice What the court reads from the exchange.
interface ICourtExchange {
    function court() external view returns (address);
    function domainSeparator() external view returns (bytes32);
    function hashOrder(Order calldata order) external view returns (bytes32);
    function filledOf(address maker, uint64 nonce) external view returns (uint64 filled, bool complete);
    function cancelledAt(address maker, uint64 nonce) external view returns (uint64);
    function settlementWindow() external view returns (uint64);
    function escrowOf(address operator) external view returns (uint256);
    function pendingWithdrawal(address operator) external view returns (uint256 amount, uint64 readyAt);
    function position(address operator, uint256 marketId) external view returns (uint64 leased, uint64 licenceSold);
    function bookCommitment(uint256 marketId, uint64 cutoff, address broker)
        external
        view
        returns (bytes24 bookHash, uint64 committedAt);
}

/// @title BrokerCourt
/// @notice Brokers' bonds, and the claims that slash them. See `IBrokerCourt`.
/// @dev Compensation for a withheld fill, the published formula:
///   owed = ceil(price × shortfall / 1000 × compensationBps / 10 000)
/// where shortfall = min(fillQuantity, filledAfter − settled) milli-SRU and settled is what the
/// exchange shows of the order filled at the time of the claim (all of it once the order is filled
/// whole). The maker is paid min(owed, the broker's bond); active bond is slashed before bond waiting
/// for withdrawal.
///
/// A receipt an omission answer cited (`FillCited`) is owed, if withheld, at the higher of its price
/// and the order's limit, for the order's whole shortfall (not only the receipt's `fillQuantity`):
///   owed = ceil(max(price, limitPrice) × (min(filledAfter, quantity) − max(settled, judged)) / 1000
///   × compensationBps / 10 000)
/// and may be claimed until `challengeWindow` after the answer, even when its deadline's window
/// closed before.
///
/// Compensation for an omitted order, the published formula:
///   owed = ceil(limitPrice × open / 1000 × compensationBps / 10 000)
/// where open = the order's quantity less what the exchange shows of it filled when the challenge
/// is filed (milli-SRU): the value, at the maker's own limit, of what the maker still wanted.
///
/// Compensation from a convicted auction, per filled maker, the published formula:
///   mispriced: ceil(|price − fairPrice| × fill / 1000) to each maker on the side the price wronged
///   (bids when it is above the rule's, asks when below); nothing to the other side;
///   disordered, misplaced or misstated book: ceil(limit × fill / 1000 × compensationBps / 10 000)
///   to every maker it fills (limit as the leaf shows it), since its price cannot be checked.
contract BrokerCourt is IBrokerCourt, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 private constant RECEIPT_TYPEHASH = keccak256(
        "FillReceipt(bytes32 orderHash,uint64 fillQuantity,uint64 filledAfter,uint128 price,uint64 clearingId,uint64 settleBy)"
    );
    bytes32 private constant CANCEL_TYPEHASH = keccak256("Cancel(address maker,uint64 nonce)");
    bytes32 private constant INTAKE_TYPEHASH =
        keccak256("IntakeReceipt(bytes32 orderHash,uint256 marketId,uint64 acceptedAt,uint64 sequence)");
    uint256 private constant DEPOSIT_DIVISOR = 100;
    uint8 private constant OPEN = 1;
    uint8 private constant ANSWERED = 2;
    uint8 private constant UPHELD = 3;
    uint256 private constant MILLI = 1000;
    uint256 private constant BPS = 10_000;
    uint16 private constant MAX_COMPENSATION_BPS = 50_000;

    struct Bond {
        uint96 active;
        uint96 pending;
        uint64 readyAt;
    }

    ISpectrumPolicy public immutable policy;
    IERC20 public immutable token;
    /// @inheritdoc IBrokerCourt
    uint256 public immutable bondMinimum;
    /// @inheritdoc IBrokerCourt
    uint64 public immutable challengeWindow;
    /// @inheritdoc IBrokerCourt
    uint64 public immutable withdrawalDelay;
    /// @inheritdoc IBrokerCourt
    uint16 public immutable compensationBps;

    bytes32 private immutable _brokerRole;

    /// @inheritdoc IBrokerCourt
    address public exchange;
    mapping(address broker => Bond) private _bonds;

    /// @dev What a convicted receipt is owed and what has been paid of it.
    struct Claim {
        uint128 owed;
        uint128 paid;
    }

    mapping(bytes32 receiptDigest => Claim) private _claims;
    /// @dev Per order, the fill quantity up to which withheld fills have been judged: a fill
    /// matched again after it was withheld is not paid for twice.
    mapping(bytes32 orderHash => uint64) private _judgedUpTo;
    /// @dev Receipts an omission answer cited, by digest: until when their claim stays open.
    mapping(bytes32 receiptDigest => uint64) private _citedUntil;

    /// @dev An omission challenge. What it is owed and paid, once upheld, is in `_claims` under its id.
    /// Besides what it is owed, it keeps what the answer needs to judge the order's rank: its side,
    /// whether it is all-or-none, its limit, its expiry and its intake sequence.
    struct Challenge {
        address broker;
        uint64 answerBy;
        uint8 state;
        bool bid;
        bool allOrNone;
        address maker;
        uint96 deposit;
        address challenger;
        uint64 cutoff;
        uint64 quantity;
        uint64 nonce;
        uint128 owed;
        bytes32 orderHash;
        uint256 marketId;
        uint128 limitPrice;
        uint64 validUntil;
        uint64 sequence;
    }

    mapping(bytes32 challengeId => Challenge) private _challenges;

    /// @dev When a refusal of each order was first noted (`noteRefusal`).
    mapping(bytes32 orderHash => uint64) private _refusedAt;

    /// @dev Per auction (keccak256(abi.encode(marketId, cutoff, broker))): the flaw it was convicted
    /// of in the top bits, the rule's price below them.
    mapping(bytes32 auction => uint256) private _verdicts;

    uint8 private constant MISPRICED = 1;
    uint8 private constant DISORDERED = 2;
    uint8 private constant MISPLACED = 3;
    uint8 private constant MISSTATED = 4;

    /// @param bondMinimum_ least active bond a broker needs to settle (0: no bond asked)
    /// @param challengeWindow_ seconds after a receipt's deadline during which it can be claimed
    /// @param withdrawalDelay_ seconds from a bond withdrawal request to the withdrawal; above twice the
    /// challenge window (a challenge's window, then its answer's), so that a broker cannot take its
    /// bond away from a claim it can still face
    /// @param compensationBps_ compensation per withheld fill in basis points of its value (1 to 50 000)
    constructor(
        ISpectrumPolicy policy_,
        IERC20 token_,
        uint256 bondMinimum_,
        uint64 challengeWindow_,
        uint64 withdrawalDelay_,
        uint16 compensationBps_
    ) {
        if (challengeWindow_ == 0 || withdrawalDelay_ <= 2 * uint256(challengeWindow_)) {
            revert CourtInvalidWindows(challengeWindow_, withdrawalDelay_);
        }
        if (compensationBps_ == 0 || compensationBps_ > MAX_COMPENSATION_BPS) {
            revert CourtInvalidCompensation(compensationBps_);
        }
        if (bondMinimum_ > type(uint96).max) revert CourtInvalidAmount(bondMinimum_);
        policy = policy_;
        token = token_;
        bondMinimum = bondMinimum_;
        challengeWindow = challengeWindow_;
        withdrawalDelay = withdrawalDelay_;
        compensationBps = compensationBps_;
        _brokerRole = policy_.BROKER_ROLE();
    }

    /// @inheritdoc IBrokerCourt
    function bindExchange(address exchange_) external {
        if (!policy.hasRole(bytes32(0), msg.sender)) revert CourtCallerNotAdmin(msg.sender);
        if (exchange != address(0)) revert CourtAlreadyBound(exchange);
        address named = ICourtExchange(exchange_).court();
        if (named != address(this)) revert CourtExchangeMismatch(exchange_, named);
        exchange = exchange_;
        emit ExchangeBound(exchange_);
    }

    // ---------------------------------------------------------------- bonds

    /// @inheritdoc IBrokerCourt
    function postBond(address broker, uint256 amount) external nonReentrant {
        Bond storage b = _bonds[broker];
        uint256 active = uint256(b.active) + amount;
        // The active bond and the amount waiting must both fit, and so must their sum.
        if (amount == 0 || active + b.pending > type(uint96).max) revert CourtInvalidAmount(amount);
        b.active = uint96(active);
        emit BondPosted(broker, msg.sender, amount, active);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IBrokerCourt
    function requestBondWithdrawal(uint256 amount) external {
        Bond storage b = _bonds[msg.sender];
        Bond memory m = b;
        if (amount == 0) revert CourtInvalidAmount(amount);
        if (amount > m.active) revert CourtInsufficientBond(msg.sender, amount, m.active);
        uint64 readyAt = uint64(block.timestamp) + withdrawalDelay;
        // NOTE: both casts are bounded: amount <= active, and active + pending fit 96 bits.
        b.active = m.active - uint96(amount);
        b.pending = m.pending + uint96(amount);
        b.readyAt = readyAt;
        emit BondWithdrawalRequested(msg.sender, amount, readyAt);
    }

    /// @inheritdoc IBrokerCourt
    function withdrawBond() external nonReentrant {
        Bond storage b = _bonds[msg.sender];
        Bond memory m = b;
        if (m.readyAt == 0) revert CourtNoBondWithdrawal(msg.sender);
        if (block.timestamp < m.readyAt) revert CourtBondWithdrawalNotReady(msg.sender, m.readyAt);
        b.pending = 0;
        b.readyAt = 0;
        emit BondWithdrawn(msg.sender, m.pending);
        // Claims may have taken all of it while it waited.
        if (m.pending != 0) token.safeTransfer(msg.sender, m.pending);
    }

    // ---------------------------------------------------------------- claims

    /// @inheritdoc IBrokerCourt
    function claimWithheldFill(Order calldata order, FillReceipt calldata receipt, bytes calldata signature)
        external
        nonReentrant
        returns (uint256 compensation)
    {
        ICourtExchange ex = ICourtExchange(exchange);
        if (address(ex) == address(0)) revert CourtNotBound();
        bytes32 orderHash = ex.hashOrder(order);
        if (orderHash != receipt.orderHash) revert CourtReceiptNotForOrder(receipt.orderHash, orderHash);
        bytes32 digest = _receiptDigest(ex, receipt);
        address broker = _brokerOf(digest, signature);
        Bond memory bond = _bonds[broker];
        Claim memory c = _claims[digest];
        if (c.owed == 0) {
            c.owed = _judge(ex, broker, order, receipt, orderHash, _citedUntil[digest]);
        } else if (c.paid >= c.owed) {
            revert CourtReceiptAlreadyClaimed(digest);
        } else if (bond.active == 0 && bond.pending == 0) {
            // the rest of a conviction is paid once the broker's bond is back; not before
            revert CourtBondEmpty(broker);
        }
        compensation = _slash(broker, bond, c.owed - c.paid);
        // NOTE: bounded: paid + compensation <= owed, which fits 128 bits (uint128 price × uint64 × bps).
        c.paid += uint128(compensation);
        _claims[digest] = c;
        emit CompensationPaid(digest, broker, order.maker, compensation, c.owed - c.paid, msg.sender);
        if (compensation != 0) token.safeTransfer(order.maker, compensation);
    }

    /// @dev Judges a receipt claimed for the first time: within its window, not voided by the maker,
    /// and short on chain. Records and returns what it is owed. A receipt an omission answer cited
    /// (`citedUntil` not 0) stands for the whole order, at no less than the order's limit.
    function _judge(
        ICourtExchange ex,
        address broker,
        Order calldata order,
        FillReceipt calldata receipt,
        bytes32 orderHash,
        uint64 citedUntil
    ) private returns (uint128 owed) {
        if (block.timestamp <= receipt.settleBy) {
            revert CourtDeadlineNotPassed(receipt.settleBy);
        }
        uint256 closesAt = uint256(receipt.settleBy) + challengeWindow;
        if (closesAt < citedUntil) closesAt = citedUntil;
        if (block.timestamp > closesAt) revert CourtChallengeWindowClosed(uint64(closesAt));
        // The broker promised settlement by settleBy; a maker who made its order unsettleable by then
        // (it expires, its slot ends, or it cancelled it) cannot hold the broker to that promise.
        if (order.validUntil < receipt.settleBy || order.slotEnd <= receipt.settleBy) {
            revert CourtOrderVoidedByMaker(orderHash, receipt.settleBy);
        }
        uint64 cancelledAt = ex.cancelledAt(order.maker, order.nonce);
        if (cancelledAt != 0 && cancelledAt <= receipt.settleBy) {
            revert CourtOrderVoidedByMaker(orderHash, cancelledAt);
        }
        uint64 shortfall = _shortfall(ex, order, receipt, orderHash, citedUntil != 0);
        uint128 price = receipt.price;
        if (citedUntil != 0 && order.limitPrice > price) price = order.limitPrice;
        // NOTE: the cast is bounded: uint128 price × uint64 shortfall × uint16 bps / 10^7 < 2^128.
        owed = uint128(_owed(price, shortfall));
        emit FillWithheld(broker, order.maker, orderHash, receipt.clearingId, shortfall, owed, msg.sender);
    }

    /// @dev Milli-SRU of the receipt's fill still unsettled and not judged before (a fill withheld,
    /// matched again and withheld again is owed once); reverts when none is. Records the order's
    /// judged quantity. A `whole` receipt (one an answer cited) is owed all of the order it promised.
    function _shortfall(
        ICourtExchange ex,
        Order calldata order,
        FillReceipt calldata receipt,
        bytes32 orderHash,
        bool whole
    ) private returns (uint64 shortfall) {
        (uint64 filled, bool complete) = ex.filledOf(order.maker, order.nonce);
        uint64 settled = complete ? order.quantity : filled;
        // A promise beyond the order's quantity is a promise of nothing more.
        uint64 promised = receipt.filledAfter < order.quantity ? receipt.filledAfter : order.quantity;
        uint64 judged = _judgedUpTo[orderHash];
        uint64 floor = settled > judged ? settled : judged;
        if (floor >= promised) revert CourtFillSettled(orderHash, settled, receipt.filledAfter);
        // NOTE: unchecked is safe: floor < promised was just checked.
        unchecked {
            shortfall = promised - floor;
        }
        if (!whole && shortfall > receipt.fillQuantity) shortfall = receipt.fillQuantity;
        _judgedUpTo[orderHash] = promised;
    }

    function _owed(uint128 price, uint64 shortfall) private view returns (uint256) {
        uint256 scaled = uint256(price) * shortfall * compensationBps;
        return (scaled + MILLI * BPS - 1) / (MILLI * BPS);
    }

    /// @dev Takes up to `amount` from the broker's bond, active first; returns what it took.
    function _slash(address broker, Bond memory bond, uint256 amount) private returns (uint256 taken) {
        uint256 fromActive = amount < bond.active ? amount : bond.active;
        uint256 rest = amount - fromActive;
        uint256 fromPending = rest < bond.pending ? rest : bond.pending;
        // NOTE: both casts are bounded by the 96-bit fields they were taken from.
        Bond storage b = _bonds[broker];
        b.active = bond.active - uint96(fromActive);
        b.pending = bond.pending - uint96(fromPending);
        taken = fromActive + fromPending;
    }

    // ---------------------------------------------------------------- omissions

    /// @inheritdoc IBrokerCourt
    function challengeOmission(
        Order calldata order,
        IntakeReceipt calldata receipt,
        bytes calldata signature,
        uint64 cutoff
    ) external nonReentrant returns (bytes32 challengeId) {
        ICourtExchange ex = ICourtExchange(exchange);
        if (address(ex) == address(0)) revert CourtNotBound();
        bytes32 orderHash = ex.hashOrder(order);
        if (orderHash != receipt.orderHash) revert CourtReceiptNotForOrder(receipt.orderHash, orderHash);
        uint256 marketId = MarketLib.id(order.band, order.cell, order.slotStart, order.slotEnd);
        if (receipt.marketId != marketId) revert CourtReceiptNotForMarket(receipt.marketId, marketId);
        address broker = _brokerOf(_intakeDigest(ex, receipt), signature);
        _requireChallengeable(ex, marketId, cutoff, broker, receipt.acceptedAt);
        Challenge memory c = _newChallenge(ex, order, orderHash, broker);
        c.marketId = marketId;
        c.cutoff = cutoff;
        c.sequence = receipt.sequence;
        challengeId = keccak256(abi.encode(orderHash, cutoff, broker));
        if (_challenges[challengeId].state != 0) revert CourtAlreadyChallenged(challengeId);
        _challenges[challengeId] = c;
        emit OmissionChallenged(challengeId, broker, c.maker, orderHash, marketId, cutoff, msg.sender, c.answerBy);
        if (c.deposit != 0) token.safeTransferFrom(msg.sender, address(this), c.deposit);
    }

    /// @dev A challenge of the caller for `order` against `broker`, with what the maker is owed if it
    /// is upheld; refuses an order the exchange shows filled whole.
    function _newChallenge(ICourtExchange ex, Order calldata order, bytes32 orderHash, address broker)
        private
        view
        returns (Challenge memory c)
    {
        (uint64 filled, bool complete) = ex.filledOf(order.maker, order.nonce);
        if (complete || filled >= order.quantity) revert CourtOrderFilled(orderHash);
        c.broker = broker;
        c.answerBy = uint64(block.timestamp) + challengeWindow;
        c.state = OPEN;
        c.maker = order.maker;
        // NOTE: both casts are bounded: the deposit is below the 96-bit bond minimum, and what is
        // owed fits 128 bits (uint128 price × uint64 quantity × uint16 bps / 10^7).
        c.deposit = uint96(bondMinimum / DEPOSIT_DIVISOR);
        c.challenger = msg.sender;
        c.quantity = order.quantity;
        c.nonce = order.nonce;
        c.orderHash = orderHash;
        c.owed = uint128(_owed(order.limitPrice, order.quantity - filled));
        c.bid = order.side == Side.Bid;
        c.allOrNone = !order.partialFill;
        c.limitPrice = order.limitPrice;
        c.validUntil = order.validUntil;
    }

    /// @dev Refuses a challenge of an auction `broker` never committed, of one whose window has
    /// closed, or of an order the broker accepted after the auction's cut-off.
    function _requireChallengeable(
        ICourtExchange ex,
        uint256 marketId,
        uint64 cutoff,
        address broker,
        uint64 acceptedAt
    ) private view {
        (, uint64 committedAt) = ex.bookCommitment(marketId, cutoff, broker);
        if (committedAt == 0) revert CourtNoBook(marketId, cutoff, broker);
        uint256 closesAt = uint256(committedAt) + challengeWindow;
        if (block.timestamp > closesAt) revert CourtChallengeWindowClosed(uint64(closesAt));
        if (acceptedAt > cutoff) revert CourtAcceptedAfterCutoff(acceptedAt, cutoff);
    }

    /// @inheritdoc IBrokerCourt
    function answerOmission(
        bytes32 challengeId,
        Auction calldata a,
        ProvenLeaf calldata p,
        ProvenLeaf calldata marginal,
        bytes calldata cancel,
        FillReceipt calldata matched,
        bytes calldata matchedSignature
    ) external nonReentrant {
        Challenge storage ch = _challenges[challengeId];
        Challenge memory c = ch;
        if (c.state != OPEN) revert CourtChallengeNotOpen(challengeId);
        if (block.timestamp > c.answerBy) revert CourtAnswerTooLate(challengeId, c.answerBy);
        if (a.marketId != c.marketId || a.cutoff != c.cutoff || a.broker != c.broker) {
            revert CourtBookMismatch(challengeId);
        }
        _committed(a);
        if (p.leaf.orderHash != c.orderHash || !BookLib.verify(a.book, p)) revert CourtLeafNotInBook(challengeId);
        // A leaf that shows less of the order open than the chain still shows unfilled hides the
        // order as surely as leaving it out.
        (uint64 filled, bool complete) = ICourtExchange(exchange).filledOf(c.maker, c.nonce);
        uint256 unfilled = complete ? 0 : c.quantity - filled;
        if (p.leaf.open < unfilled) revert CourtLeafUnderstatesOrder(challengeId, p.leaf.open, uint64(unfilled));
        if (p.index < uint256(a.book.filledBids) + a.book.filledAsks) {
            // A filled leaf answers only once its fill is on chain: a book that lists an order filled
            // and a settlement that leaves it out pass it over as surely as leaving it unfilled.
            if (unfilled + p.leaf.fill > p.leaf.open) {
                revert CourtFillNotSettled(challengeId, p.leaf.fill, uint64(unfilled));
            }
        } else if (!_excused(c, a.cutoff, cancel)) {
            if (matchedSignature.length == 0) _passedOver(challengeId, c, a, marginal);
            else _cite(challengeId, c, a.cutoff, matched, matchedSignature);
        }
        ch.state = ANSWERED;
        emit OmissionAnswered(challengeId, c.broker, c.orderHash, p.leaf.open, p.leaf.fill);
        if (c.deposit != 0) token.safeTransfer(c.broker, c.deposit);
    }

    /// @dev Whether the rule let the order sit the auction out whatever its rank: it is all-or-none,
    /// it expired before the cut-off, it was cancelled on chain or noted refused by then, or `cancel`
    /// is its maker's signed cancel at the broker.
    function _excused(Challenge memory c, uint64 cutoff, bytes calldata cancel) private view returns (bool) {
        if (c.allOrNone || uint256(c.validUntil) * MILLI < cutoff) return true;
        uint64 refused = _refusedAt[c.orderHash];
        if (refused != 0 && uint256(refused) * MILLI <= cutoff) return true;
        ICourtExchange ex = ICourtExchange(exchange);
        uint64 cancelledAt = ex.cancelledAt(c.maker, c.nonce);
        if (cancelledAt != 0 && uint256(cancelledAt) * MILLI <= cutoff) return true;
        if (cancel.length == 0) return false;
        bytes32 digest = keccak256(
            abi.encodePacked(hex"1901", ex.domainSeparator(), keccak256(abi.encode(CANCEL_TYPEHASH, c.maker, c.nonce)))
        );
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, cancel);
        return err == ECDSA.RecoverError.NoError && signer == c.maker;
    }

    /// @dev Accepts `r` as the reason the order sat the auction out, or refuses the answer: the
    /// challenged broker's signed receipt for the whole order, its deadline no earlier than the
    /// cut-off and no later than the exchange's settlement window after it (a fill matched by the
    /// cut-off must settle within that window of its own auction's cut-off). Records it, so that if
    /// its fill is withheld its claim stands for the order as the omission would have.
    function _cite(bytes32 challengeId, Challenge memory c, uint64 cutoff, FillReceipt calldata r, bytes calldata sig)
        private
    {
        ICourtExchange ex = ICourtExchange(exchange);
        bytes32 digest = _receiptDigest(ex, r);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, sig);
        uint256 settleBy = uint256(r.settleBy) * MILLI;
        if (
            err != ECDSA.RecoverError.NoError || signer != c.broker || r.orderHash != c.orderHash
                || r.filledAfter < c.quantity || settleBy < cutoff
                || settleBy > cutoff + uint256(ex.settlementWindow()) * MILLI
        ) revert CourtFillNoExcuse(challengeId);
        uint64 until = uint64(block.timestamp) + challengeWindow;
        _citedUntil[digest] = until;
        emit FillCited(
            challengeId, r.orderHash, r.fillQuantity, r.filledAfter, r.price, r.clearingId, r.settleBy, sig, until
        );
    }

    /// @dev Refuses an answer that leaves the order among the rest when it outranks `marginal`, the
    /// last filled leaf of its side: the rule would have filled it first. The order's rank is taken
    /// from the order (its limit under the auction's fee and tick) and its intake receipt (its
    /// sequence), not from the leaf. Refuses any such answer for a convicted book (one verdict an
    /// auction: a book both mispriced and out of order may be convicted of either), whose last
    /// filled leaf need not be the one the rule fills last.
    function _passedOver(bytes32 challengeId, Challenge memory c, Auction calldata a, ProvenLeaf calldata marginal)
        private
        view
    {
        // A book convicted of breaking the rule vouches for no rank it shows.
        if (_verdicts[_auctionKey(a)] != 0) revert CourtOrderPassedOver(challengeId, marginal.index);
        _proven(a, marginal);
        uint256 end = c.bid ? a.book.filledBids : uint256(a.book.filledBids) + a.book.filledAsks;
        if (marginal.index + 1 != end) revert CourtNotMarginal(marginal.index);
        uint128 limit = c.bid ? BookLib.bookedBidLimit(c.limitPrice, a.feeBps, a.book.tick) : c.limitPrice;
        uint128 m = marginal.leaf.limit;
        bool outranks = limit != m ? (c.bid ? limit > m : limit < m) : c.sequence < marginal.leaf.sequence;
        if (outranks) revert CourtOrderPassedOver(challengeId, marginal.index);
    }

    /// @inheritdoc IBrokerCourt
    function noteRefusal(Order[] calldata orders) external returns (uint64 refusedAt_) {
        ICourtExchange ex = ICourtExchange(exchange);
        if (address(ex) == address(0)) revert CourtNotBound();
        refusedAt_ = uint64(block.timestamp);
        uint256 need;
        uint256 has;
        for (uint256 i; i < orders.length; ++i) {
            Order calldata o = orders[i];
            bytes32 orderHash = ex.hashOrder(o);
            // one maker's orders, on one side (asks in one market), each once (nonces ascending)
            if (
                i != 0
                    && (o.maker != orders[0].maker
                        || o.side != orders[0].side
                        || o.nonce <= orders[i - 1].nonce
                        || (o.side == Side.Ask && _marketOf(o) != _marketOf(orders[0])))
            ) revert CourtOrdersNotOneMakers(i);
            (uint64 filled, bool complete) = ex.filledOf(o.maker, o.nonce);
            if (complete || filled >= o.quantity) revert CourtOrderFilled(orderHash);
            uint256 n;
            (n, has) = _funding(ex, o, o.quantity - filled);
            need += n;
            if (_refusedAt[orderHash] == 0) {
                _refusedAt[orderHash] = refusedAt_;
                emit RefusalNoted(orderHash, o.maker, n, has, msg.sender);
            }
        }
        if (has >= need) revert CourtOrderFunded(bytes32(0), need, has);
    }

    function _marketOf(Order calldata o) private pure returns (uint256) {
        return MarketLib.id(o.band, o.cell, o.slotStart, o.slotEnd);
    }

    /// @dev What `open` milli-SRU of `order` need of its maker and what the maker has now: for a bid,
    /// tokens at its all-in limit against its free escrow (with what it set aside for a withdrawal
    /// still in its window, which the exchange also spends); for an ask, SRU against its leases and
    /// unsold base-licence capacity in the order's market. A maker the policy refuses to trade for
    /// (unregistered, suspended: the exchange refuses its every fill) has nothing.
    function _funding(ICourtExchange ex, Order calldata order, uint256 open)
        private
        view
        returns (uint256 need, uint256 has)
    {
        address maker = order.maker;
        bool bid = order.side == Side.Bid;
        need = bid ? (uint256(order.limitPrice) * open + MILLI - 1) / MILLI : open;
        try policy.requireActiveOperator(maker) {}
        catch {
            return (need, 0);
        }
        if (bid) {
            (uint256 setAside, uint64 readyAt) = ex.pendingWithdrawal(maker);
            return (need, ex.escrowOf(maker) + (block.timestamp < readyAt ? setAside : 0));
        }
        (uint64 leased, uint64 sold) = ex.position(maker, _marketOf(order));
        uint64 licence;
        try policy.sellerLicence(maker, order.band, order.cell, order.slotStart, order.slotEnd) returns (
            uint64 l, uint32
        ) {
            licence = l;
        } catch {}
        return (need, uint256(leased) + (licence > sold ? licence - sold : 0));
    }

    /// @inheritdoc IBrokerCourt
    function refusedAt(bytes32 orderHash) external view returns (uint64) {
        return _refusedAt[orderHash];
    }

    /// @inheritdoc IBrokerCourt
    function convictOmission(bytes32 challengeId) external nonReentrant returns (uint256 compensation) {
        Challenge storage ch = _challenges[challengeId];
        Challenge memory c = ch;
        Claim memory claim = _claims[challengeId];
        Bond memory bond = _bonds[c.broker];
        uint256 deposit;
        if (c.state == OPEN) {
            if (block.timestamp <= c.answerBy) revert CourtAnswerWindowOpen(challengeId, c.answerBy);
            ch.state = UPHELD;
            claim.owed = c.owed;
            deposit = c.deposit;
            emit OmissionUpheld(challengeId, c.broker, c.maker, c.orderHash, c.owed);
        } else if (c.state != UPHELD || claim.paid >= claim.owed) {
            revert CourtChallengeNotOpen(challengeId);
        } else if (bond.active == 0 && bond.pending == 0) {
            revert CourtBondEmpty(c.broker);
        }
        compensation = _slash(c.broker, bond, claim.owed - claim.paid);
        // NOTE: bounded: paid + compensation <= owed, which fits 128 bits.
        claim.paid += uint128(compensation);
        _claims[challengeId] = claim;
        emit CompensationPaid(challengeId, c.broker, c.maker, compensation, claim.owed - claim.paid, msg.sender);
        if (compensation != 0) token.safeTransfer(c.maker, compensation);
        if (deposit != 0) token.safeTransfer(c.challenger, deposit);
    }

    // ---------------------------------------------------------------- auctions

    /// @inheritdoc IBrokerCourt
    function convictPrice(Auction calldata a, ProvenLeaf calldata bid, ProvenLeaf calldata ask)
        external
        nonReentrant
        returns (uint128 fairPrice)
    {
        bytes32 auction = _convictable(a);
        uint256 nBids = a.book.filledBids;
        _proven(a, bid);
        _proven(a, ask);
        if (bid.index + 1 != nBids) revert CourtNotMarginal(bid.index);
        if (ask.index + 1 != nBids + a.book.filledAsks) revert CourtNotMarginal(ask.index);
        // A pair that does not cross has a leaf the exchange would not have filled at any price: a
        // misstated leaf, convicted as such.
        if (bid.leaf.limit < ask.leaf.limit) revert CourtNotMarginal(bid.index);
        fairPrice = BookLib.fairPrice(bid.leaf.limit, ask.leaf.limit, a.book.tick);
        if (fairPrice == a.price) revert CourtPriceFollowsRule(a.price);
        _convict(auction, a, MISPRICED, fairPrice);
    }

    /// @inheritdoc IBrokerCourt
    function convictDisorder(Auction calldata a, ProvenLeaf calldata p, ProvenLeaf calldata next)
        external
        nonReentrant
    {
        bytes32 auction = _convictable(a);
        _proven(a, p);
        _proven(a, next);
        uint256 nBids = a.book.filledBids;
        uint256 end = nBids + a.book.filledAsks;
        bool bids = next.index < nBids;
        if (next.index != p.index + 1 || next.index >= end || (!bids && p.index < nBids)) {
            revert CourtNotMarginal(next.index);
        }
        if (!BookLib.outranks(next.leaf, p.leaf, bids)) revert CourtBookFollowsRule(next.index);
        _convict(auction, a, DISORDERED, 0);
    }

    /// @inheritdoc IBrokerCourt
    function convictMisplaced(Auction calldata a, ProvenLeaf calldata p) external nonReentrant {
        bytes32 auction = _convictable(a);
        uint256 filled = uint256(a.book.filledBids) + a.book.filledAsks;
        bool malformed = a.book.tick == 0 || a.book.filledBids == 0 || a.book.filledAsks == 0 || filled > a.book.leaves;
        if (!malformed) {
            _proven(a, p);
            bool inFilled = p.index < filled;
            if ((p.leaf.fill != 0) == inFilled && p.leaf.fill <= p.leaf.open) revert CourtBookFollowsRule(p.index);
        }
        _convict(auction, a, MISPLACED, 0);
    }

    /// @inheritdoc IBrokerCourt
    function convictMisstated(Auction calldata a, ProvenLeaf calldata p, Order calldata order) external nonReentrant {
        bytes32 auction = _convictable(a);
        _proven(a, p);
        bool bids = _sideOf(a, p, order);
        uint128 limit =
            order.side == Side.Bid ? BookLib.bookedBidLimit(order.limitPrice, a.feeBps, a.book.tick) : order.limitPrice;
        if (bids == (order.side == Side.Bid) && p.leaf.limit == limit && p.leaf.open <= order.quantity) {
            revert CourtBookFollowsRule(p.index);
        }
        _convict(auction, a, MISSTATED, 0);
    }

    /// @inheritdoc IBrokerCourt
    function claimAuction(Auction calldata a, ProvenLeaf calldata p, Order calldata order)
        external
        nonReentrant
        returns (uint256 compensation)
    {
        bytes32 auction = _auctionKey(a);
        _committed(a);
        uint256 verdict = _verdicts[auction];
        if (verdict == 0) revert CourtAuctionNotConvicted(auction);
        _proven(a, p);
        bool bids = _sideOf(a, p, order);
        if (bids != (order.side == Side.Bid)) revert CourtLeafNotForOrder(p.leaf.orderHash, bytes32(0));
        bytes32 claimId = keccak256(abi.encode(auction, p.leaf.orderHash));
        Claim memory claim = _claims[claimId];
        if (claim.owed == 0) {
            claim.owed = uint128(_auctionOwed(a, p, bids, verdict));
        }
        if (claim.paid >= claim.owed) revert CourtNothingOwed(p.leaf.orderHash);
        Bond memory bond = _bonds[a.broker];
        if (bond.active == 0 && bond.pending == 0) revert CourtBondEmpty(a.broker);
        compensation = _slash(a.broker, bond, claim.owed - claim.paid);
        // NOTE: bounded: paid + compensation <= owed, which fits 128 bits.
        claim.paid += uint128(compensation);
        _claims[claimId] = claim;
        emit CompensationPaid(claimId, a.broker, order.maker, compensation, claim.owed - claim.paid, msg.sender);
        if (compensation != 0) token.safeTransfer(order.maker, compensation);
    }

    /// @dev What the published formula owes the maker of filled leaf `p` under `verdict`.
    function _auctionOwed(Auction calldata a, ProvenLeaf calldata p, bool bids, uint256 verdict)
        private
        view
        returns (uint256)
    {
        uint256 fill = p.leaf.fill;
        if (verdict >> 128 != MISPRICED) return _owed(p.leaf.limit, uint64(fill));
        uint256 fair = uint128(verdict);
        uint256 wrong;
        if (bids && a.price > fair) wrong = a.price - fair;
        if (!bids && a.price < fair) wrong = fair - a.price;
        return (wrong * fill + MILLI - 1) / MILLI;
    }

    /// @dev Whether filled leaf `p` is listed among the bids; refuses an order that is not the leaf's
    /// or a leaf that is not among the filled ones.
    function _sideOf(Auction calldata a, ProvenLeaf calldata p, Order calldata order) private view returns (bool) {
        bytes32 orderHash = ICourtExchange(exchange).hashOrder(order);
        if (orderHash != p.leaf.orderHash) revert CourtLeafNotForOrder(p.leaf.orderHash, orderHash);
        if (p.index >= uint256(a.book.filledBids) + a.book.filledAsks) revert CourtNotMarginal(p.index);
        return p.index < a.book.filledBids;
    }

    /// @dev The auction's key, once its commitment matches and its window is open and it has no
    /// verdict yet.
    function _convictable(Auction calldata a) private view returns (bytes32 auction) {
        auction = _auctionKey(a);
        uint64 committedAt = _committed(a);
        uint256 closesAt = uint256(committedAt) + challengeWindow;
        if (block.timestamp > closesAt) revert CourtChallengeWindowClosed(uint64(closesAt));
        if (_verdicts[auction] != 0) revert CourtAuctionConvicted(auction);
    }

    /// @dev When the auction was committed; refuses one that was not, or not as given.
    function _committed(Auction calldata a) private view returns (uint64 committedAt) {
        ICourtExchange ex = ICourtExchange(exchange);
        if (address(ex) == address(0)) revert CourtNotBound();
        bytes24 bookHash;
        (bookHash, committedAt) = ex.bookCommitment(a.marketId, a.cutoff, a.broker);
        if (committedAt == 0) revert CourtNoBook(a.marketId, a.cutoff, a.broker);
        if (bytes24(keccak256(abi.encode(BookLib.root(a.book), a.price, a.feeBps))) != bookHash) {
            revert CourtAuctionMismatch(_auctionKey(a));
        }
    }

    function _proven(Auction calldata a, ProvenLeaf calldata p) private pure {
        if (!BookLib.verify(a.book, p)) revert CourtLeafNotProven(p.index);
    }

    function _convict(bytes32 auction, Auction calldata a, uint8 flaw, uint128 fairPrice) private {
        _verdicts[auction] = uint256(flaw) << 128 | fairPrice;
        emit AuctionConvicted(auction, a.broker, a.marketId, a.cutoff, flaw, a.price, fairPrice, msg.sender);
    }

    function _auctionKey(Auction calldata a) private pure returns (bytes32) {
        return keccak256(abi.encode(a.marketId, a.cutoff, a.broker));
    }

    /// @inheritdoc IBrokerCourt
    function verdictOf(uint256 marketId, uint64 cutoff, address broker)
        external
        view
        returns (uint8 flaw, uint128 fairPrice)
    {
        uint256 v = _verdicts[keccak256(abi.encode(marketId, cutoff, broker))];
        return (uint8(v >> 128), uint128(v));
    }

    /// @dev The broker that signed `digest`: a key that holds the role or a bond. Any other key's
    /// receipts are refused, so nobody can fill the record with convictions of nobody.
    function _brokerOf(bytes32 digest, bytes calldata signature) private view returns (address broker) {
        ECDSA.RecoverError err;
        (broker, err,) = ECDSA.tryRecover(digest, signature);
        Bond memory bond = _bonds[broker];
        if (
            err != ECDSA.RecoverError.NoError
                || (bond.active == 0 && bond.pending == 0 && !policy.hasRole(_brokerRole, broker))
        ) {
            revert CourtInvalidReceiptSignature(broker);
        }
    }

    function _intakeDigest(ICourtExchange ex, IntakeReceipt calldata r) private view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(INTAKE_TYPEHASH, r.orderHash, r.marketId, r.acceptedAt, r.sequence));
        return keccak256(abi.encodePacked(hex"1901", ex.domainSeparator(), structHash));
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IBrokerCourt
    function challengeOf(bytes32 challengeId)
        external
        view
        returns (uint8 state, uint64 answerBy, uint256 owed, uint256 paid)
    {
        Challenge memory c = _challenges[challengeId];
        Claim memory claim = _claims[challengeId];
        return (c.state, c.answerBy, c.state == UPHELD ? claim.owed : 0, claim.paid);
    }

    /// @inheritdoc IBrokerCourt
    function challengeDeposit() external view returns (uint256) {
        return bondMinimum / DEPOSIT_DIVISOR;
    }

    /// @inheritdoc IBrokerCourt
    function isBonded(address broker) external view returns (bool) {
        // Until the court is bound to its exchange no claim can be judged: nobody counts as bonded.
        return exchange != address(0) && _bonds[broker].active >= bondMinimum;
    }

    /// @inheritdoc IBrokerCourt
    function bondOf(address broker) external view returns (uint256 active, uint256 pending, uint64 readyAt) {
        Bond memory b = _bonds[broker];
        return (b.active, b.pending, b.readyAt);
    }

    /// @inheritdoc IBrokerCourt
    function isClaimed(bytes32 digest) external view returns (bool) {
        return _claims[digest].owed != 0;
    }

    /// @inheritdoc IBrokerCourt
    function claimOf(bytes32 digest) external view returns (uint256 owed, uint256 paid) {
        Claim memory c = _claims[digest];
        return (c.owed, c.paid);
    }

    function _receiptDigest(ICourtExchange ex, FillReceipt calldata r) private view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(RECEIPT_TYPEHASH, r.orderHash, r.fillQuantity, r.filledAfter, r.price, r.clearingId, r.settleBy)
        );
        return keccak256(abi.encodePacked(hex"1901", ex.domainSeparator(), structHash));
    }
}
