package org.spectrumledger.ledger.explorer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Nullable;

/**
 * The explorer's views as records: what {@link Explorer} answers, the broker serves as JSON under
 * {@code /explorer/api/} and the command line prints. Field names and types are the JSON's: a
 * {@code long} is a 64-bit integer (the broker's wire mapper writes it as a decimal string), a
 * {@link BigDecimal} an amount in tokens or SRU (a JSON number), an {@code int} a small count (a
 * JSON number). A field marked {@link JsonInclude.Include#NON_NULL} is left out when absent; one
 * marked {@link Nullable} is written as {@code null} when absent; every other is never null.
 */
public final class ExplorerViews {

  private ExplorerViews() {}

  /**
   * Where a search goes.
   *
   * @param kind {@code tx}, {@code operator}, {@code market} (or, at the broker, {@code sensing})
   * @param key the transaction hash, address, market key (or band and cell)
   * @param orderHash the order searched for, when the key is the transaction that settled or
   *     claimed it
   */
  public record Search(String kind, String key, @JsonInclude(Include.NON_NULL) String orderHash) {}

  /** The latest blocks and batches. */
  public record Overview(
      long chainId,
      long head,
      String exchange,
      String court,
      List<Block> blocks,
      List<Batch> batches) {}

  /** A block of the overview. */
  public record Block(long number, long timestamp, long gasUsed, List<String> transactions) {}

  /** A settled batch of the overview; {@code fees} in tokens. */
  public record Batch(
      long batchId, String txHash, long block, long markets, long fills, BigDecimal fees) {}

  /**
   * A transaction, decoded.
   *
   * @param status {@code pending}, {@code success} or {@code reverted}
   * @param to the contract called, null for a creation
   * @param revert the decoded revert, when known
   * @param settlement the batch, for a {@code settleBatch} call
   * @param claim the claim, for a {@code claimWithheldFill} call to the court
   */
  public record Transaction(
      String txHash,
      String status,
      long block,
      long timestamp,
      String from,
      @Nullable String to,
      String contract,
      String function,
      long gasUsed,
      @JsonInclude(Include.NON_NULL) String revert,
      List<Argument> arguments,
      @JsonInclude(Include.NON_NULL) Settlement settlement,
      @JsonInclude(Include.NON_NULL) Claim claim,
      List<Event> events) {}

  /** An argument of a call; {@code display} is its value in units, for a call to the court. */
  public record Argument(
      String name, String type, String value, @JsonInclude(Include.NON_NULL) String display) {}

  /** A decoded {@code settleBatch} call. */
  public record Settlement(long batchId, int fills, List<Clearing> clearings) {}

  /** One market of a batch: its uniform price (tokens/SRU), volume (SRU) and fills. */
  public record Clearing(
      String market,
      long band,
      String cell,
      long slotStart,
      long slotEnd,
      BigDecimal price,
      BigDecimal volumeSru,
      List<Fill> fills) {}

  /** One fill of a batch, with its order. */
  public record Fill(
      String maker,
      String side,
      BigDecimal sru,
      BigDecimal orderSru,
      BigDecimal limitPrice,
      long nonce,
      long validUntil,
      boolean partialFill,
      String orderHash) {}

  /**
   * A claim against a broker: the receipt it was judged on (when decoded) and, when upheld, the
   * conviction.
   */
  public record Claim(
      @JsonInclude(Include.NON_NULL) Receipt receipt,
      boolean upheld,
      @JsonInclude(Include.NON_NULL) Conviction conviction) {}

  /** The fill receipt a claim was judged on. */
  public record Receipt(
      String orderHash,
      String market,
      String side,
      BigDecimal fillSru,
      BigDecimal filledAfterSru,
      BigDecimal price,
      String clearingId,
      long settleBy) {}

  /**
   * A fill a broker was convicted of withholding; {@code tradeTx} is the trade of its order, null
   * if none settled.
   */
  public record Conviction(
      String broker,
      String maker,
      String orderHash,
      String clearingId,
      BigDecimal shortfallSru,
      BigDecimal owed,
      BigDecimal compensation,
      String claimant,
      String txHash,
      long block,
      @Nullable String tradeTx) {}

  /** An event, its fields as a reader wants them (see {@link Explorer}). */
  public record Event(String name, String contract, long logIndex, Map<String, String> fields) {}

  /** The broker court's view of a broker: terms, bond, its history and convictions. */
  public record Court(
      String court,
      String broker,
      long chainTime,
      Terms terms,
      Bond bond,
      boolean bonded,
      List<BondEvent> history,
      List<Conviction> convictions,
      List<Omission> omissions,
      List<AuctionConviction> auctions) {}

  /** The court's terms; the minimum bond in tokens. */
  public record Terms(
      BigDecimal bondMinimum,
      long challengeWindowSeconds,
      long withdrawalDelaySeconds,
      int compensationBps) {}

  /** A broker's bond in tokens; {@code readyAt} null when nothing is pending. */
  public record Bond(BigDecimal active, BigDecimal pending, @Nullable Long readyAt) {}

  /**
   * An event of a bond's history: {@code posted} (with its payer), {@code withdrawal requested}
   * (with when it is ready) or {@code withdrawn}.
   */
  public record BondEvent(
      String event,
      BigDecimal amount,
      @Nullable String payer,
      @Nullable Long readyAt,
      String txHash,
      long block) {}

  /** An upheld omission challenge; the market and cutoff when the challenge is found. */
  public record Omission(
      String challengeId,
      String maker,
      String orderHash,
      BigDecimal owed,
      BigDecimal compensation,
      @JsonInclude(Include.NON_NULL) String market,
      @JsonInclude(Include.NON_NULL) Long cutoff,
      String txHash,
      long block) {}

  /**
   * An auction convicted of breaking the clearing rule; {@code fairPrice} null unless mispriced.
   */
  public record AuctionConviction(
      String market,
      long cutoff,
      String flaw,
      BigDecimal price,
      @Nullable BigDecimal fairPrice,
      String challenger,
      String txHash,
      long block) {}

  /** A sensing report: when (the block's time), who, the verdict, its transaction and block. */
  public record Report(
      long time,
      String timeIso,
      long band,
      String cell,
      String sensor,
      String verdict,
      String txHash,
      long block) {}

  /** An operator: registry entry, escrow, leases now and ahead, trades. */
  public record Operator(
      String address,
      boolean registered,
      String name,
      @Nullable String kind,
      boolean suspended,
      BigDecimal escrow,
      BigDecimal tokenBalance,
      @Nullable Withdrawal pendingWithdrawal,
      long chainTime,
      List<LeaseView> leasesNow,
      List<LeaseView> leasesAhead,
      List<Trade> trades) {}

  /** A pending escrow withdrawal, in tokens. */
  public record Withdrawal(BigDecimal amount, long readyAt) {}

  /** A lease, in SRU. */
  public record LeaseView(String market, BigDecimal sru, long slotStart, long slotEnd) {}

  /** A settled trade. */
  public record Trade(
      String market,
      String maker,
      String side,
      BigDecimal sru,
      BigDecimal price,
      BigDecimal amount,
      String orderHash,
      String txHash,
      long block) {}

  /** A market: its band and policy state, its clearings over time and its trades. */
  public record Market(
      String market,
      long band,
      String cell,
      long slotStart,
      long slotEnd,
      boolean bandRegistered,
      boolean sensingRequired,
      @Nullable Sensing sensing,
      List<Zone> protectionZones,
      List<MarketClearing> clearings,
      List<Trade> trades) {}

  /** The latest sensing verdicts of a market's cell (0: none). */
  public record Sensing(long idleAt, long busyAt, Address busySensor) {}

  /** A protection zone in force over a market. */
  public record Zone(long id, long from, long until) {}

  /** A clearing of a market: price in tokens/SRU, volume in SRU. */
  public record MarketClearing(
      long batchId, long block, String txHash, BigDecimal price, BigDecimal volumeSru) {}
}
