// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IBrokerCourtErrors} from "./IBrokerCourtErrors.sol";
import {Order} from "../libraries/OrderLib.sol";
import {Auction, ProvenLeaf} from "../libraries/BookLib.sol";

/// @notice A broker's signed promise of a near-RT fill, under the exchange's EIP-712 domain.
/// @param orderHash the EIP-712 digest of the filled order
/// @param fillQuantity milli-SRU of this fill
/// @param filledAfter milli-SRU of the order filled once this fill settles (all of the broker's
/// fills of the order so far, this one included)
/// @param price the clearing price, token base units per SRU
/// @param clearingId the broker's clearing, unique for the life of the deployment
/// @param settleBy unix time by which the fill is settled on chain
struct FillReceipt {
    bytes32 orderHash;
    uint64 fillQuantity;
    uint64 filledAfter;
    uint128 price;
    uint64 clearingId;
    uint64 settleBy;
}

/// @notice A broker's signed promise, given when it accepts an order: the order takes part in every
/// auction of its market cut off at or after `acceptedAt` (its book holds a leaf for the order).
/// @param orderHash the EIP-712 digest of the order
/// @param marketId the order's market, the auctions it belongs to
/// @param acceptedAt unix milliseconds at which the broker took the order into the market's book
/// @param sequence the order's place in time priority, unique for the life of the deployment
struct IntakeReceipt {
    bytes32 orderHash;
    uint256 marketId;
    uint64 acceptedAt;
    uint64 sequence;
}

/// @title IBrokerCourt
/// @notice Holds the brokers' bonds in settlement tokens and judges claims against them: a broker
/// settles only while bonded, withdraws its bond only after a delay longer than the window for
/// claims, and pays from it whoever it signed a near-RT fill receipt for and did not settle by the
/// receipt's deadline.
interface IBrokerCourt is IBrokerCourtErrors {
    /// @notice `payer` added `amount` to the bond of `broker`, which now holds `bond`.
    event BondPosted(address indexed broker, address indexed payer, uint256 amount, uint256 bond);
    /// @notice `amount` of the bond of `broker` stops counting now and can be taken at `readyAt`.
    event BondWithdrawalRequested(address indexed broker, uint256 amount, uint64 readyAt);
    /// @notice `broker` took `amount` of its bond back.
    event BondWithdrawn(address indexed broker, uint256 amount);
    /// @notice The court was bound to `exchange`.
    event ExchangeBound(address exchange);
    /// @notice A receipt of `broker` for order `orderHash` of `maker` was not honoured by its deadline:
    /// `shortfall` milli-SRU unsettled, `owed` token base units owed to the maker by the published
    /// formula (paid as `CompensationPaid` says, from the bond).
    event FillWithheld(
        address indexed broker,
        address indexed maker,
        bytes32 indexed orderHash,
        uint64 clearingId,
        uint64 shortfall,
        uint256 owed,
        address claimant
    );
    /// @notice `amount` of what the receipt `receiptDigest` is owed was paid to `maker` from the bond
    /// of `broker`; `stillOwed` is claimable once the bond holds it.
    event CompensationPaid(
        bytes32 indexed receiptDigest,
        address indexed broker,
        address indexed maker,
        uint256 amount,
        uint256 stillOwed,
        address claimant
    );

    /// @notice `challenger` says the book `broker` committed for the auction of `marketId` cut off at
    /// `cutoff` leaves out order `orderHash` of `maker`, which the broker's intake receipt promised
    /// into it. The broker answers with the order's leaf by `answerBy`, or the claim is upheld.
    event OmissionChallenged(
        bytes32 indexed challengeId,
        address indexed broker,
        address indexed maker,
        bytes32 orderHash,
        uint256 marketId,
        uint64 cutoff,
        address challenger,
        uint64 answerBy
    );
    /// @notice The broker showed the order's leaf in the committed book: `open` milli-SRU open at the
    /// cut-off, `fill` filled by the auction. The challenger's deposit went to the broker.
    event OmissionAnswered(
        bytes32 indexed challengeId, address indexed broker, bytes32 orderHash, uint64 open, uint64 fill
    );
    /// @notice The answer to `challengeId` excused leaving order `orderHash` unfilled with the
    /// broker's signed fill receipt (its fields and `signature`) for the whole order in an earlier
    /// auction of its market, still to settle at the cut-off. If that fill is not settled, the
    /// receipt's claim (`claimWithheldFill`) pays at least the order's own limit and stays open until
    /// `claimableUntil`.
    event FillCited(
        bytes32 indexed challengeId,
        bytes32 indexed orderHash,
        uint64 fillQuantity,
        uint64 filledAfter,
        uint128 price,
        uint64 clearingId,
        uint64 settleBy,
        bytes signature,
        uint64 claimableUntil
    );
    /// @notice Nobody showed the order in the book by the deadline: the omission is upheld, and the
    /// maker is owed `owed` by the published formula (paid as `CompensationPaid` says, from the bond).
    event OmissionUpheld(
        bytes32 indexed challengeId, address indexed broker, address indexed maker, bytes32 orderHash, uint256 owed
    );
    /// @notice `challenger` proved that the book `broker` committed for the auction of `marketId` cut
    /// off at `cutoff` breaks the published rule (`flaw`: 1 mispriced, 2 disordered, 3 misplaced,
    /// 4 misstated); `fairPrice` is the rule's price when mispriced. The makers it wronged claim from
    /// the bond (`CompensationPaid` under `auctionClaimId`).
    event AuctionConvicted(
        bytes32 indexed auction,
        address indexed broker,
        uint256 indexed marketId,
        uint64 cutoff,
        uint8 flaw,
        uint128 price,
        uint128 fairPrice,
        address challenger
    );

    /// @notice The order's maker could not pay for (a bid) or deliver (an ask) what is open of it at
    /// its own limit when `noter` looked: `need` against `has` (token base units for a bid, milli-SRU
    /// for an ask). From then on the order has no rank claim: the rule may leave it out.
    event RefusalNoted(bytes32 indexed orderHash, address indexed maker, uint256 need, uint256 has, address noter);

    /// @notice Binds the court to `exchange`, once; the exchange must name this court. Admin only.
    function bindExchange(address exchange) external;

    /// @notice Adds `amount` settlement tokens of the caller (approved to the court) to the bond of
    /// `broker`: a broker bonds itself, or its backer (the consortium's treasury) bonds it. Only
    /// the broker can take a bond back.
    function postBond(address broker, uint256 amount) external;

    /// @notice Takes `amount` out of the caller's active bond: it stops counting at once, stays
    /// slashable, and can be withdrawn after `withdrawalDelay`. A new request adds to a waiting one
    /// and restarts its delay.
    function requestBondWithdrawal(uint256 amount) external;

    /// @notice Pays the caller what is left of its waiting bond withdrawal, once ready.
    function withdrawBond() external;

    /// @notice Claims against the broker that signed `receipt` for `order`, after the receipt's
    /// deadline and within `challengeWindow` of it. Anyone may claim: the compensation goes to the
    /// order's maker. Upheld when the exchange shows less of the order filled than the receipt's
    /// `filledAfter` (counting no fill twice), unless the maker voided the order before the deadline
    /// (it expires or its slot ends by then, or the maker cancelled it); otherwise it reverts (the
    /// claimant pays its gas, the broker nothing). What the bond cannot pay at once stays owed: a
    /// later call pays it once the bond holds it (any time after the conviction).
    /// @param signature the broker's 65-byte signature of the receipt
    /// @return compensation what the maker was paid
    function claimWithheldFill(Order calldata order, FillReceipt calldata receipt, bytes calldata signature)
        external
        returns (uint256 compensation);

    /// @notice Challenges the book the signer of `receipt` committed for the auction of the order's
    /// market cut off at `cutoff`: the order is not in it. Within `challengeWindow` of the
    /// commitment, for an order accepted by the cut-off and not filled whole on chain; once per
    /// order, auction and broker. Anyone may challenge (the compensation goes to the maker), paying
    /// `challengeDeposit()`: returned if the claim is upheld, paid to the broker if it is answered.
    /// @param signature the broker's 65-byte signature of the receipt
    /// @return challengeId keccak256(abi.encode(orderHash, cutoff, broker))
    function challengeOmission(
        Order calldata order,
        IntakeReceipt calldata receipt,
        bytes calldata signature,
        uint64 cutoff
    ) external returns (bytes32 challengeId);

    /// @notice Answers an omission challenge with the order's leaf in the committed book: the auction
    /// as committed (the commitment must match it) and the leaf with its place and Merkle proof. The
    /// leaf's `open` must be at least what the exchange shows of the order unfilled now (an honest book
    /// shows the order's quantity less what had settled by the cut-off). Anyone may answer; only
    /// before the challenge's `answerBy`.
    ///
    /// A leaf among the filled ones answers once its fill is on chain (what the exchange shows
    /// unfilled is at most the leaf's `open` less its `fill`; a later part of the auction may still
    /// be settling: answer then). A leaf among the rest answers only if the rule did not
    /// have to fill the order (priority): it does not outrank `marginal`, the last filled leaf of its
    /// side (its rank taken from the order's own limit under the auction's fee and tick, and the
    /// intake receipt's sequence), or the order had a reason to sit the auction out — it is
    /// all-or-none, it expired before the cut-off, it was cancelled on chain by then, a refusal of it
    /// was noted by then (`noteRefusal`), or `cancel` is its maker's signed `Cancel(maker, nonce)`
    /// under the exchange's domain, or `matched` is the broker's own fill receipt for the whole
    /// order (`filledAfter` at least its quantity) in an earlier auction of its market, still to
    /// settle at the cut-off (`settleBy` within the exchange's settlement window after it): the order
    /// was matched, its fill not yet on chain. Citing a receipt makes it answer for the order as the
    /// omission would have: if it is withheld, its claim pays the order's shortfall at the higher of
    /// the receipt's price and the order's limit, and may be made until `challengeWindow` after the
    /// answer (`FillCited`). `marginal` is not read otherwise (pass any leaf), nor `cancel` (pass empty
    /// bytes), nor `matched` (pass an empty `matchedSignature`).
    function answerOmission(
        bytes32 challengeId,
        Auction calldata auction,
        ProvenLeaf calldata leaf,
        ProvenLeaf calldata marginal,
        bytes calldata cancel,
        FillReceipt calldata matched,
        bytes calldata matchedSignature
    ) external;

    /// @notice Notes that `orders`, one maker's orders on one side (asks all in one market, nonces
    /// ascending, each once), are not funded now, together: for bids, what is open of them at their
    /// all-in limits, Σ ⌈limitPrice × open / 1000⌉, is above the maker's free escrow (with what it set
    /// aside for a withdrawal still in its window, which the exchange also spends); for asks, what is
    /// open of them is above what the maker holds in the market (leases, and base-licence capacity
    /// not yet sold); a maker the policy suspends or never registered has nothing. That is when the
    /// exchange refuses them (a batch that fills them together
    /// runs the escrow out), and the broker then drops them; a noted refusal excuses leaving an order
    /// out of every auction cut off at or after it (see `answerOmission`). Anyone may note; a maker
    /// keeps its orders' rank claims by funding all of them at their limits. Refused for orders
    /// funded now or an order filled whole; an order noted before keeps its first note.
    /// @return refusedAt when this note was made (unix seconds)
    function noteRefusal(Order[] calldata orders) external returns (uint64 refusedAt);

    /// @notice When a refusal of the order was noted (unix seconds), or 0.
    function refusedAt(bytes32 orderHash) external view returns (uint64);

    /// @notice Upholds an omission challenge nobody answered by its `answerBy`: slashes the broker's
    /// bond for the maker by the published formula and returns the challenger's deposit. What the
    /// bond cannot pay at once stays owed; a later call pays it once the bond holds it.
    /// @return compensation what the maker was paid by this call
    function convictOmission(bytes32 challengeId) external returns (uint256 compensation);

    /// @notice An omission challenge: 0 none, 1 waiting for an answer, 2 answered, 3 upheld; when
    /// its answer is due; what the maker is owed and has been paid (upheld only).
    function challengeOf(bytes32 challengeId)
        external
        view
        returns (uint8 state, uint64 answerBy, uint256 owed, uint256 paid);

    /// @notice Convicts an auction whose price is not the published rule's for its book: `bid` and
    /// `ask` are the marginal pair (the last filled bid, the last filled ask). Anyone may call it
    /// within the challenge window after the commitment; an auction is convicted once. The makers the
    /// price wronged then claim with `claimAuction`.
    /// @return fairPrice the price the rule gives
    function convictPrice(Auction calldata auction, ProvenLeaf calldata bid, ProvenLeaf calldata ask)
        external
        returns (uint128 fairPrice);

    /// @notice Convicts an auction whose filled leaves are out of rank order: `next` sits right after
    /// `leaf` among the filled bids (or asks) and outranks it. Such a book hides its marginal pair, so
    /// its price cannot be checked: every maker it fills may claim (`claimAuction`).
    function convictDisorder(Auction calldata auction, ProvenLeaf calldata leaf, ProvenLeaf calldata next) external;

    /// @notice Convicts an auction whose book breaks its own layout: a header with no tick, no filled
    /// bid or ask, or more filled leaves than leaves; or `leaf` filled but listed after the filled
    /// ones, listed among them with nothing filled, or filling more than it has open.
    function convictMisplaced(Auction calldata auction, ProvenLeaf calldata leaf) external;

    /// @notice Convicts an auction whose filled leaf misstates its order: on the other side, at a
    /// limit other than the order's (for a bid, the highest price on the tick its all-in limit covers
    /// under the auction's fee), or with more open than the order's quantity.
    function convictMisstated(Auction calldata auction, ProvenLeaf calldata leaf, Order calldata order) external;

    /// @notice Pays the maker of a filled leaf of a convicted auction, by the published formula
    /// (`BrokerCourt`): for a mispriced auction, the price difference on its fill if the price wronged
    /// its side; for a disordered, misplaced or misstated book, `compensationBps` of its fill's value.
    /// What the bond cannot pay at once stays owed; a later call pays it. Anyone may call it.
    /// @return compensation what the maker was paid by this call
    function claimAuction(Auction calldata auction, ProvenLeaf calldata leaf, Order calldata order)
        external
        returns (uint256 compensation);

    /// @notice The verdict on an auction: 0 none, 1 mispriced, 2 disordered, 3 misplaced,
    /// 4 misstated; and, when mispriced, the price the rule gives.
    function verdictOf(uint256 marketId, uint64 cutoff, address broker)
        external
        view
        returns (uint8 flaw, uint128 fairPrice);

    /// @notice What a challenge costs its challenger until it is upheld: 1 % of `bondMinimum`.
    function challengeDeposit() external view returns (uint256);

    /// @notice Whether `broker`'s active bond reaches `bondMinimum` and the court is bound (the
    /// exchange settles only then).
    function isBonded(address broker) external view returns (bool);

    /// @notice The bond of `broker`: active, waiting for withdrawal, and when that is ready.
    function bondOf(address broker) external view returns (uint256 active, uint256 pending, uint64 readyAt);

    /// @notice Whether the receipt with this digest was claimed and upheld.
    function isClaimed(bytes32 receiptDigest) external view returns (bool);

    /// @notice What the receipt with this digest is owed, and what has been paid of it.
    function claimOf(bytes32 receiptDigest) external view returns (uint256 owed, uint256 paid);

    /// @notice The exchange whose settlements the court judges.
    function exchange() external view returns (address);

    /// @notice Least active bond a broker needs to settle, in token base units.
    function bondMinimum() external view returns (uint256);

    /// @notice Seconds after a receipt's deadline during which it can be claimed; after a book's
    /// commitment during which it can be challenged; and after a challenge for its answer.
    function challengeWindow() external view returns (uint64);

    /// @notice Seconds between a bond withdrawal request and the withdrawal (> 2 × `challengeWindow`:
    /// a challenge filed at the end of its window still has its answer window to run).
    function withdrawalDelay() external view returns (uint64);

    /// @notice Compensation per withheld fill, in basis points of its value at the receipt's price.
    function compensationBps() external view returns (uint16);
}
