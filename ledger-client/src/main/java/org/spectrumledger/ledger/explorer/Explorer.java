package org.spectrumledger.ledger.explorer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.BlockSummary;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.DecodedValue;
import org.spectrumledger.ledger.Lease;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorInfo;
import org.spectrumledger.ledger.PendingWithdrawal;
import org.spectrumledger.ledger.ProtectionZone;
import org.spectrumledger.ledger.SensingReport;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.TransactionView;

/**
 * Read models of the explorer, as the records of {@link ExplorerViews}: transactions decoded
 * (markets, clearing prices, fills, the orders and their makers), operators (escrow, leases now and
 * ahead, trades), markets (cleared prices over time), the latest blocks and batches, and search.
 * Everything comes from the chain through {@link LedgerClient}, so it reads the same on anvil and
 * on Besu. Bad input is an {@link IllegalArgumentException} with a message fit to show.
 */
public final class Explorer {

  private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  private final LedgerClient chain;

  public Explorer(LedgerClient chain) {
    this.chain = chain;
  }

  /**
   * Where a search goes: {@code tx}, {@code operator} or {@code market}, and the key. An order hash
   * goes to the settlement of its trade, else to the claim that found its fill withheld.
   */
  public ExplorerViews.Search search(String query) {
    String q = query == null ? "" : query.strip();
    if (HASH.matcher(q).matches()) {
      Bytes32 h = Bytes32.of(q);
      try {
        chain.decodeTransaction(h);
        return new ExplorerViews.Search("tx", h.hex(), null);
      } catch (IllegalArgumentException notATransaction) {
        List<LedgerEvent> trades = chain.eventsWhere("TradeSettled", null, null, h.hex());
        if (!trades.isEmpty()) {
          return new ExplorerViews.Search("tx", trades.get(0).position().txHash().hex(), h.hex());
        }
        List<LedgerEvent> withheld = chain.eventsWhere("FillWithheld", null, null, h.hex());
        if (!withheld.isEmpty()) {
          // an order the broker promised a fill of and never settled: its claim
          return new ExplorerViews.Search(
              "tx", withheld.get(withheld.size() - 1).position().txHash().hex(), h.hex());
        }
        throw new IllegalArgumentException("no transaction and no settled order with hash " + h);
      }
    }
    if (ADDRESS.matcher(q).matches()) {
      // a mixed-case address is an EIP-55 checksum, held to it as on the command line
      return new ExplorerViews.Search("operator", Address.parseChecked(q).hex(), null);
    }
    if (q.matches("\\d+/[^/]+/\\d+-\\d+")) {
      return new ExplorerViews.Search("market", MarketKey.parse(q).toString(), null);
    }
    throw new IllegalArgumentException(
        "'"
            + q
            + "' is not a transaction hash, an order hash (0x + 64 hex), an address (0x + 40 hex) or a market (band/cell/start-end)");
  }

  /** The latest blocks and batches. */
  public ExplorerViews.Overview overview(int blocks, int batches) {
    List<ExplorerViews.Block> bl = new ArrayList<>();
    for (BlockSummary b : chain.latestBlocks(blocks)) {
      bl.add(
          new ExplorerViews.Block(
              b.number(),
              b.timestamp(),
              b.gasUsed(),
              b.transactions().stream().map(Bytes32::hex).toList()));
    }
    List<LedgerEvent> settled = chain.eventsWhere("BatchSettled", null, null, null);
    List<ExplorerViews.Batch> ba = new ArrayList<>();
    for (int i = settled.size() - 1; i >= 0 && ba.size() < batches; i--) {
      LedgerEvent e = settled.get(i);
      ba.add(
          new ExplorerViews.Batch(
              e.longValue("batchId"),
              e.position().txHash().hex(),
              e.position().blockNumber(),
              e.longValue("markets"),
              e.longValue("fills"),
              num(TokenAmounts.format(e.bigInteger("fees")))));
    }
    return new ExplorerViews.Overview(
        chain.chainId(),
        chain.blockNumber(),
        chain.deployment().exchange().hex(),
        chain.deployment().court().hex(),
        bl,
        ba);
  }

  /** A transaction, decoded. */
  public ExplorerViews.Transaction transaction(Bytes32 txHash) {
    TransactionView v = chain.decodeTransaction(txHash);
    List<ExplorerViews.Argument> args = new ArrayList<>();
    boolean court = v.to() != null && v.to().equals(chain.deployment().court());
    for (DecodedValue a : v.arguments()) {
      args.add(
          new ExplorerViews.Argument(
              a.name(), a.type(), a.value(), court ? courtArgument(a) : null));
    }
    if (args.isEmpty() && "submitSensingReports".equals(v.function())) {
      // an array of structs, which the generic decoder leaves alone: each observation is echoed,
      // in order, by one SensingReported event of the same transaction
      int i = 0;
      for (LedgerEvent e : v.events()) {
        if (e.name().equals("SensingReported")) {
          args.add(
              new ExplorerViews.Argument(
                  "observations[" + i++ + "]",
                  "(uint32 band, uint64 cell, bool idle)",
                  "band "
                      + e.longValue("band")
                      + ", cell "
                      + new CellId(e.bigInteger("cell").longValue())
                      + ", "
                      + (Boolean.parseBoolean(e.text("idle")) ? "idle" : "busy"),
                  null));
        }
      }
    }
    String to = v.to() == null ? null : v.to().hex();
    return new ExplorerViews.Transaction(
        v.txHash().hex(),
        v.blockNumber() < 0 ? "pending" : v.success() ? "success" : "reverted",
        v.blockNumber(),
        v.timestamp(),
        v.from().hex(),
        to,
        contractAt(to, v.contract()),
        v.function(),
        v.gasUsed(),
        v.revert().orElse(null),
        args,
        v.settlement().map(Explorer::settlement).orElse(null),
        court && "claimWithheldFill".equals(v.function()) ? claim(v) : null,
        events(v.events()));
  }

  /** The deployment's name of the contract at {@code address}, else the ABI's guess. */
  private String contractAt(String address, String guess) {
    if (address != null) {
      for (var e : chain.deployment().contracts().entrySet()) {
        if (e.getValue().address().hex().equalsIgnoreCase(address)) {
          return e.getKey();
        }
      }
    }
    return guess;
  }

  /** An argument of a call to the court in units: tokens, SRU, tokens/SRU, ISO times, sides. */
  static String courtArgument(DecodedValue a) {
    String v = a.value();
    if (v == null || !v.matches("\\d+")) {
      return null;
    }
    return switch (a.name()) {
      case "amount" -> TokenAmounts.format(new BigInteger(v)) + " tokens";
      case "order.side" -> v.equals("0") ? "bid" : "ask";
      case "order.quantity", "receipt.fillQuantity", "receipt.filledAfter" ->
          TokenAmounts.sru(Long.parseLong(v)) + " SRU";
      case "order.limitPrice", "receipt.price" ->
          TokenAmounts.format(new BigInteger(v)) + " tokens/SRU";
      case "order.validUntil", "receipt.settleBy" -> time(new BigInteger(v));
      default -> null;
    };
  }

  /**
   * A claim against a broker: the receipt it was judged on and, when upheld, the conviction (its
   * {@code FillWithheld} event); a refused claim has none and shows its revert.
   */
  private ExplorerViews.Claim claim(TransactionView v) {
    Map<String, String> arg = new LinkedHashMap<>();
    for (DecodedValue a : v.arguments()) {
      arg.put(a.name(), a.value());
    }
    ExplorerViews.Receipt receipt = null;
    if (arg.containsKey("receipt.orderHash")) {
      receipt =
          new ExplorerViews.Receipt(
              arg.get("receipt.orderHash"),
              arg.get("order.market"),
              "0".equals(arg.get("order.side")) ? "bid" : "ask",
              num(TokenAmounts.sru(Long.parseLong(arg.get("receipt.fillQuantity")))),
              num(TokenAmounts.sru(Long.parseLong(arg.get("receipt.filledAfter")))),
              num(TokenAmounts.format(new BigInteger(arg.get("receipt.price")))),
              arg.get("receipt.clearingId"),
              Long.parseLong(arg.get("receipt.settleBy")));
    }
    ExplorerViews.Conviction conviction = null;
    for (LedgerEvent e : v.events()) {
      if (e.name().equals("FillWithheld")) {
        conviction = conviction(e);
      }
    }
    return new ExplorerViews.Claim(receipt, conviction != null, conviction);
  }

  /** A {@code FillWithheld} event for a reader, with the trade of its order if one settled. */
  private ExplorerViews.Conviction conviction(LedgerEvent e) {
    // paid at the conviction (a CompensationPaid in the same transaction); the rest, if the bond
    // ran out, is paid by later claims once the bond is back
    BigInteger paid = BigInteger.ZERO;
    for (LedgerEvent p :
        chain.eventsWhere(
            "CompensationPaid",
            null,
            LedgerClient.topic(Address.of(e.text("broker"))),
            LedgerClient.topic(Address.of(e.text("maker"))))) {
      if (p.position().txHash().equals(e.position().txHash())) {
        paid = paid.add(p.bigInteger("amount"));
      }
    }
    List<LedgerEvent> trades = chain.eventsWhere("TradeSettled", null, null, e.text("orderHash"));
    return new ExplorerViews.Conviction(
        e.text("broker"),
        e.text("maker"),
        e.text("orderHash"),
        e.text("clearingId"),
        num(TokenAmounts.sru(e.longValue("shortfall"))),
        num(TokenAmounts.format(e.bigInteger("owed"))),
        num(TokenAmounts.format(paid)),
        e.text("claimant"),
        e.position().txHash().hex(),
        e.position().blockNumber(),
        trades.isEmpty() ? null : trades.get(trades.size() - 1).position().txHash().hex());
  }

  /**
   * The broker court as the explorer shows it: its terms, the bond of {@code broker} (active,
   * pending withdrawal and when it is ready), whether it may settle, its bond's history and the
   * fills it was convicted of withholding, newest first.
   */
  public ExplorerViews.Court court(Address broker) {
    var court = chain.court();
    var terms = court.terms();
    var bond = court.bondOf(broker);
    String who = LedgerClient.topic(broker);
    List<LedgerEvent> history = new ArrayList<>();
    for (String name : List.of("BondPosted", "BondWithdrawalRequested", "BondWithdrawn")) {
      history.addAll(chain.eventsWhere(name, who, null, null));
    }
    history.sort(java.util.Comparator.comparing(LedgerEvent::position).reversed());
    List<ExplorerViews.BondEvent> h = new ArrayList<>();
    for (LedgerEvent e : history.subList(0, Math.min(100, history.size()))) {
      h.add(
          new ExplorerViews.BondEvent(
              switch (e.name()) {
                case "BondPosted" -> "posted";
                case "BondWithdrawalRequested" -> "withdrawal requested";
                default -> "withdrawn";
              },
              num(TokenAmounts.format(e.bigInteger("amount"))),
              e.name().equals("BondPosted") ? e.text("payer") : null,
              e.name().equals("BondWithdrawalRequested") ? e.longValue("readyAt") : null,
              e.position().txHash().hex(),
              e.position().blockNumber()));
    }
    List<LedgerEvent> convicted = chain.eventsWhere("FillWithheld", who, null, null);
    List<ExplorerViews.Conviction> c = new ArrayList<>();
    for (int i = convicted.size() - 1; i >= 0 && c.size() < 100; i--) {
      c.add(conviction(convicted.get(i)));
    }
    List<LedgerEvent> omitted = chain.eventsWhere("OmissionUpheld", null, who, null);
    List<ExplorerViews.Omission> o = new ArrayList<>();
    for (int i = omitted.size() - 1; i >= 0 && o.size() < 100; i--) {
      o.add(omission(omitted.get(i)));
    }
    List<LedgerEvent> auctions = chain.eventsWhere("AuctionConvicted", null, who, null);
    List<ExplorerViews.AuctionConviction> a = new ArrayList<>();
    for (int i = auctions.size() - 1; i >= 0 && a.size() < 100; i--) {
      a.add(auctionConviction(auctions.get(i)));
    }
    return new ExplorerViews.Court(
        chain.deployment().court().hex(),
        broker.hex(),
        chain.chainTime(),
        new ExplorerViews.Terms(
            num(TokenAmounts.format(terms.bondMinimum())),
            terms.challengeWindow(),
            terms.withdrawalDelay(),
            terms.compensationBps()),
        new ExplorerViews.Bond(
            num(TokenAmounts.format(bond.active())),
            num(TokenAmounts.format(bond.pending())),
            bond.pending().signum() == 0 ? null : bond.readyAt()),
        court.isBonded(broker),
        h,
        c,
        o,
        a);
  }

  private static final List<String> FLAWS =
      List.of("", "mispriced", "disordered book", "misplaced leaf", "misstated order");

  /**
   * An auction convicted of breaking the published clearing rule, for a reader: what the book
   * showed, the price it settled at and the rule's (when mispriced), and who proved it.
   */
  private static ExplorerViews.AuctionConviction auctionConviction(LedgerEvent e) {
    int flaw = e.bigInteger("flaw").intValueExact();
    BigInteger fair = e.bigInteger("fairPrice");
    return new ExplorerViews.AuctionConviction(
        MarketKey.fromId(e.bigInteger("marketId")).toString(),
        e.longValue("cutoff"),
        flaw < FLAWS.size() ? FLAWS.get(flaw) : "flaw " + flaw,
        num(TokenAmounts.format(e.bigInteger("price"))),
        fair.signum() == 0 ? null : num(TokenAmounts.format(fair)),
        e.text("challenger"),
        e.position().txHash().hex(),
        e.position().blockNumber());
  }

  /**
   * An upheld omission challenge for a reader: the order the broker left out of an auction's book,
   * what its maker is owed and what the conviction paid.
   */
  private ExplorerViews.Omission omission(LedgerEvent e) {
    BigInteger paid = BigInteger.ZERO;
    for (LedgerEvent p : chain.eventsWhere("CompensationPaid", e.text("challengeId"), null, null)) {
      paid = paid.add(p.bigInteger("amount"));
    }
    List<LedgerEvent> challenged =
        chain.eventsWhere("OmissionChallenged", e.text("challengeId"), null, null);
    LedgerEvent ch = challenged.isEmpty() ? null : challenged.getFirst();
    return new ExplorerViews.Omission(
        e.text("challengeId"),
        e.text("maker"),
        e.text("orderHash"),
        num(TokenAmounts.format(e.bigInteger("owed"))),
        num(TokenAmounts.format(paid)),
        ch == null ? null : MarketKey.fromId(ch.bigInteger("marketId")).toString(),
        ch == null ? null : ch.longValue("cutoff"),
        e.position().txHash().hex(),
        e.position().blockNumber());
  }

  private static ExplorerViews.Settlement settlement(TransactionView.Settlement s) {
    List<ExplorerViews.Clearing> cs = new ArrayList<>();
    for (TransactionView.ClearingView c : s.clearings()) {
      long volume = 0;
      List<ExplorerViews.Fill> fills = new ArrayList<>();
      for (TransactionView.FillView f : c.fills()) {
        fills.add(
            new ExplorerViews.Fill(
                f.maker().hex(),
                f.side().name().toLowerCase(Locale.ROOT),
                num(TokenAmounts.sru(f.fillQuantity())),
                num(TokenAmounts.sru(f.orderQuantity())),
                num(TokenAmounts.format(f.limitPrice())),
                f.nonce(),
                f.validUntil(),
                f.partialFill(),
                f.orderHash().hex()));
        if (f.side() == org.spectrumledger.ledger.Side.BID) {
          volume += f.fillQuantity();
        }
      }
      cs.add(
          new ExplorerViews.Clearing(
              c.market().toString(),
              c.market().band(),
              new CellId(c.market().cell()).toString(),
              c.market().slotStart(),
              c.market().slotEnd(),
              num(TokenAmounts.format(c.price())),
              num(TokenAmounts.sru(volume)),
              fills));
    }
    return new ExplorerViews.Settlement(s.batchId(), s.fills(), cs);
  }

  private List<ExplorerViews.Event> events(List<LedgerEvent> events) {
    List<ExplorerViews.Event> out = new ArrayList<>();
    for (LedgerEvent e : events) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (DecodedValue f : e.fields()) {
        fields.put(f.name(), field(e, f));
      }
      out.add(
          new ExplorerViews.Event(
              e.name(),
              contractAt(e.address().hex(), e.contract()),
              e.position().logIndex(),
              fields));
    }
    return out;
  }

  /** Tokens or SRU as a JSON number (exact, written in plain decimal). */
  static java.math.BigDecimal num(String plainDecimal) {
    return new java.math.BigDecimal(plainDecimal);
  }

  private static final java.util.Set<String> TOKENS =
      java.util.Set.of(
          "amount", "escrow", "fees", "price", "bond", "owed", "compensation", "stillOwed");
  private static final java.util.Set<String> MILLI_SRU =
      java.util.Set.of("quantity", "volume", "shortfall");
  private static final java.util.Set<String> TIMES =
      java.util.Set.of("readyAt", "effectiveAt", "validFrom", "validUntil", "from", "until");
  private static final java.util.Set<String> SECONDS =
      java.util.Set.of("slotSeconds", "maxReportAge");

  /**
   * An event field as a reader wants it: markets as keys, cells in hex (as market keys write them),
   * amounts in tokens, quantities in SRU, times as ISO dates, durations in seconds.
   */
  static String field(LedgerEvent e, DecodedValue f) {
    String name = f.name();
    String v = f.value();
    boolean number = f.type().startsWith("uint");
    if (!number || v == null || !v.matches("\\d+")) {
      return v;
    }
    if (name.equals("marketId") || (e.name().equals("TransferSingle") && name.equals("id"))) {
      return MarketKey.fromId(new BigInteger(v)).toString();
    }
    if (name.equals("cell")) {
      return new CellId(Long.parseUnsignedLong(v)).toString();
    }
    if (name.equals("side") && e.name().equals("TradeSettled")) {
      return v.equals("0") ? "bid" : "ask";
    }
    if (name.equals("price")) {
      return TokenAmounts.format(new BigInteger(v)) + " tokens/SRU";
    }
    if (TOKENS.contains(name) || (name.equals("value") && e.name().equals("Transfer"))) {
      return TokenAmounts.format(new BigInteger(v)) + " tokens";
    }
    if (MILLI_SRU.contains(name) || (name.equals("value") && e.name().equals("TransferSingle"))) {
      return TokenAmounts.sru(Long.parseLong(v)) + " SRU";
    }
    if (TIMES.contains(name)) {
      return time(new BigInteger(v));
    }
    if (SECONDS.contains(name)) {
      return v + " s";
    }
    return v;
  }

  /** Unix seconds as an ISO date; zero is "-", beyond year 9999 "never". */
  private static String time(BigInteger t) {
    if (t.signum() == 0) {
      return "-";
    }
    return t.compareTo(BigInteger.valueOf(253_402_300_800L)) >= 0
        ? "never"
        : java.time.Instant.ofEpochSecond(t.longValueExact()).toString();
  }

  /**
   * The sensing reports of {@code band} (and of {@code cell}, if given), newest first, at most
   * {@code limit}: when (the block's time), who reported, the verdict, the transaction and its
   * block.
   */
  public List<ExplorerViews.Report> sensingReports(long band, Long cell, int limit) {
    List<LedgerEvent> ev =
        chain.eventsWhere(
            "SensingReported",
            LedgerClient.topic(BigInteger.valueOf(band)),
            cell == null ? null : LedgerClient.topic(new BigInteger(Long.toUnsignedString(cell))),
            null);
    List<ExplorerViews.Report> out = new ArrayList<>();
    // one block read per distinct block shown (reports of one call share their block)
    Map<Long, Long> blockTimes = new java.util.HashMap<>();
    for (int i = ev.size() - 1; i >= 0 && out.size() < limit; i--) {
      LedgerEvent e = ev.get(i);
      long at = blockTimes.computeIfAbsent(e.position().blockNumber(), chain::blockTime);
      out.add(
          new ExplorerViews.Report(
              at,
              java.time.Instant.ofEpochSecond(at).toString(),
              e.longValue("band"),
              new CellId(e.bigInteger("cell").longValue()).toString(),
              e.text("sensor"),
              Boolean.parseBoolean(e.text("idle")) ? "idle" : "busy",
              e.position().txHash().hex(),
              e.position().blockNumber()));
    }
    return out;
  }

  /** An operator: registry entry, escrow, leases now and ahead, trades. */
  public ExplorerViews.Operator operator(Address who) {
    OperatorInfo info = chain.policy().operatorInfo(who);
    long now = chain.chainTime();
    PendingWithdrawal pw = chain.exchange().pendingWithdrawal(who);
    List<ExplorerViews.LeaseView> current = new ArrayList<>();
    List<ExplorerViews.LeaseView> ahead = new ArrayList<>();
    for (Lease l : chain.exchange().leases(who)) {
      ExplorerViews.LeaseView m =
          new ExplorerViews.LeaseView(
              l.market().toString(),
              num(TokenAmounts.sru(l.quantity())),
              l.market().slotStart(),
              l.market().slotEnd());
      if (l.activeAt(now)) {
        current.add(m);
      } else if (l.market().slotStart() > now) {
        ahead.add(m);
      }
    }
    List<ExplorerViews.Trade> trades = new ArrayList<>();
    List<LedgerEvent> ev = chain.eventsWhere("TradeSettled", null, LedgerClient.topic(who), null);
    for (int i = ev.size() - 1; i >= 0 && trades.size() < 100; i--) {
      trades.add(trade(ev.get(i)));
    }
    return new ExplorerViews.Operator(
        who.hex(),
        info.registered(),
        info.name(),
        info.registered() ? info.kind().name() : null,
        info.suspended(),
        num(TokenAmounts.format(chain.exchange().escrowOf(who))),
        num(TokenAmounts.format(chain.token().tokenBalance(who))),
        pw.exists()
            ? new ExplorerViews.Withdrawal(num(TokenAmounts.format(pw.amount())), pw.readyAt())
            : null,
        now,
        current,
        ahead,
        trades);
  }

  private static ExplorerViews.Trade trade(LedgerEvent e) {
    return new ExplorerViews.Trade(
        e.market().toString(),
        e.text("maker"),
        e.longValue("side") == 0 ? "bid" : "ask",
        num(TokenAmounts.sru(e.longValue("quantity"))),
        num(TokenAmounts.format(e.bigInteger("price"))),
        num(TokenAmounts.format(e.bigInteger("amount"))),
        e.text("orderHash"),
        e.position().txHash().hex(),
        e.position().blockNumber());
  }

  /** A market: its band and policy state, and its clearings over time (price, volume). */
  public ExplorerViews.Market market(MarketKey market) {
    BandInfo band = chain.policy().bandInfo(market.band());
    SensingReport report = chain.policy().sensingReport(market.band(), market.cell());
    List<ExplorerViews.Zone> zones = new ArrayList<>();
    for (ProtectionZone z : chain.policy().protectionZones(market.band(), market.cell())) {
      if (z.overlaps(market)) {
        zones.add(new ExplorerViews.Zone(z.id(), z.from(), z.until()));
      }
    }
    List<ExplorerViews.MarketClearing> prices = new ArrayList<>();
    for (LedgerEvent e :
        chain.eventsWhere("MarketCleared", null, LedgerClient.topic(market.id()), null)) {
      prices.add(
          new ExplorerViews.MarketClearing(
              e.longValue("batchId"),
              e.position().blockNumber(),
              e.position().txHash().hex(),
              num(TokenAmounts.format(e.bigInteger("price"))),
              num(TokenAmounts.sru(e.longValue("volume")))));
    }
    List<ExplorerViews.Trade> trades = new ArrayList<>();
    for (LedgerEvent e :
        chain.eventsWhere("TradeSettled", LedgerClient.topic(market.id()), null, null)) {
      trades.add(trade(e));
    }
    return new ExplorerViews.Market(
        market.toString(),
        market.band(),
        new CellId(market.cell()).toString(),
        market.slotStart(),
        market.slotEnd(),
        band.registered(),
        band.sensingRequired(),
        report.exists()
            ? new ExplorerViews.Sensing(report.idleAt(), report.busyAt(), report.busySensor())
            : null,
        zones,
        prices,
        trades);
  }
}
