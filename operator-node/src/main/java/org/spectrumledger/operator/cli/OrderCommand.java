package org.spectrumledger.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.BrokerInfo;
import org.spectrumledger.broker.api.OrderAccepted;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.OrderSigner;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.MarketKeyConverter;
import org.spectrumledger.ledger.cli.SruQuantityConverter;
import org.spectrumledger.ledger.cli.UnixTimeConverter;
import org.spectrumledger.operator.fairness.IntakeAuditor;
import org.spectrumledger.operator.fairness.ReceiptBook;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum operator order}: one bid or ask placed by hand, signed with the operator's key
 * and sent to the broker. Every option is checked before anything is signed or sent. Its nonce
 * comes from the same file the daemon keeps ({@code HOME/nonce}), so a hand-placed order and the
 * daemon never use one nonce twice.
 */
@Command(
    name = "order",
    mixinStandardHelpOptions = true,
    description = "Places a signed bid or ask with the broker and prints its hash and status.")
public final class OrderCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(names = "--side", required = true, description = "bid (buy) or ask (sell)")
  String side;

  @Option(
      names = "--market",
      converter = MarketKeyConverter.class,
      description = "band/cell/slotStart-slotEnd, as the broker prints it")
  MarketKey market;

  @Option(names = "--band", description = "band id (with --cell and --slot, instead of --market)")
  Long band;

  @Option(names = "--cell", description = "cell id, hex (0x7) or decimal")
  String cell;

  @Option(names = "--slot", description = "START-END in unix seconds (not milliseconds)")
  String slot;

  @Option(
      names = "--quantity",
      required = true,
      description =
          "SRU, e.g. 4 or 2.5 (3 decimals at most); with its unit, 2.5SRU or 2500mSRU, as"
              + " regulator licence takes it")
  String quantity;

  @Option(
      names = "--limit",
      required = true,
      description =
          "tokens per SRU: the most a bid pays (price plus fee), the least an ask takes (in the"
              + " broker's steps: 0.001 by default)")
  String limit;

  @Option(
      names = "--nonce",
      converter = NonceConverter.class,
      description = "the order's nonce, 0 or more (default: the next from HOME/nonce)")
  Long nonce;

  @Option(
      names = "--valid-until",
      converter = UnixTimeConverter.class,
      description =
          "last time it may settle: unix seconds or an ISO date with its zone"
              + " (2026-12-03T15:00:00Z; default: the slot start)")
  Long validUntil;

  @Option(names = "--all-or-none", description = "fill whole or not at all")
  boolean allOrNone;

  @Option(names = "--nonce-file", description = "where the next nonce is kept (default HOME/nonce)")
  Path nonceFile;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  /** What {@code --json} prints: amounts as numbers, in the units the option names give. */
  record Placed(
      String orderHash,
      String status,
      String maker,
      long nonce,
      String side,
      String market,
      BigDecimal quantitySru,
      BigDecimal limitTokensPerSru,
      long validUntil,
      String validUntilIso,
      boolean partialFill,
      int fills) {}

  @Override
  public Integer call() throws IOException {
    Side s = side(side);
    MarketKey m = market();
    long milli = quantityMilliSru(quantity);
    long limitUnits = exact(limit, 6, "--limit", "tokens per SRU");
    long until = validUntil == null ? m.slotStart() : validUntil;
    long now = Instant.now().getEpochSecond();
    if (m.slotEnd() <= now) {
      throw new IllegalArgumentException(
          "the slot of "
              + m
              + " ended at "
              + Instant.ofEpochSecond(m.slotEnd())
              + "; pick a later one");
    }
    if (validUntil == null && m.slotStart() <= now) {
      throw new IllegalArgumentException(
          "the slot of "
              + m
              + " started at "
              + Instant.ofEpochSecond(m.slotStart())
              + ", and an order is valid until its slot starts unless --valid-until says otherwise:"
              + " give --valid-until (before "
              + Instant.ofEpochSecond(m.slotEnd())
              + ") to trade what is left of it, or pick a later slot");
    }
    if (until <= 0) {
      throw new IllegalArgumentException("--valid-until must be a time after 1970: " + validUntil);
    }
    Path nonces = nonceFile != null ? nonceFile : account.home().resolve("nonce");
    long fileNonce = readNonce(nonces);
    long n = nonce != null ? nonce : fileNonce;
    // the node is only asked after the order is placed (to check the broker's receipt): a
    // mistyped --rpc or deployment record is refused before anything is sent
    Deployment deployment = account.deployment();
    org.spectrumledger.ledger.LedgerConfig.of(account.rpcUrl(), deployment, null);
    BrokerClient broker = account.brokerClient();
    BrokerInfo info =
        broker.info(); // read once: its lot and tick here, its address for the receipt
    checkAgainstTheBrokersRules(info, milli, limitUnits);
    checkAgainstTheBrokersTimes(
        info,
        m,
        until,
        validUntil != null,
        market != null ? "--market" : "--slot",
        Instant.now().getEpochSecond());
    SigningKey key = account.key();
    Order order = new Order(key.address(), s, m, milli, limitUnits, n, until, !allOrNone);
    OrderAccepted answer = broker.submit(new OrderSigner(deployment.domain()).sign(order, key));
    if (n >= fileNonce) {
      Files.writeString(nonces, Long.toString(n + 1));
    }
    PrintWriter out = spec.commandLine().getOut();
    String intake = keepIntakeReceipt(order, answer, info.broker(), deployment);
    String status = answer.status().name().toLowerCase(Locale.ROOT);
    if (json) {
      Placed p =
          new Placed(
              answer.orderHash().toString(),
              status,
              key.address().toString(),
              n,
              s == Side.BID ? "bid" : "ask",
              m.toString(),
              BigDecimal.valueOf(milli, 3).stripTrailingZeros(),
              BigDecimal.valueOf(limitUnits, 6).stripTrailingZeros(),
              until,
              Instant.ofEpochSecond(until).toString(),
              !allOrNone,
              answer.fills() == null ? 0 : answer.fills().size());
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(p));
    } else {
      out.println(
          (s == Side.BID ? "bid " : "ask ")
              + BigDecimal.valueOf(milli, 3).stripTrailingZeros().toPlainString()
              + " SRU at "
              + BigDecimal.valueOf(limitUnits, 6).stripTrailingZeros().toPlainString()
              + " tokens/SRU in "
              + m
              + ", nonce "
              + n
              + ", valid until "
              + Instant.ofEpochSecond(until));
      out.println("order " + answer.orderHash() + " " + status);
      out.println(intake);
    }
    out.flush();
    return 0;
  }

  /**
   * The broker's lot and tick (from {@code /v1/info}), checked before the order is signed: said in
   * the options' own units, not as the broker's refusal in base units.
   */
  private void checkAgainstTheBrokersRules(BrokerInfo info, long milli, long limitUnits) {
    if (info.lotSize() > 0 && milli % info.lotSize() != 0) {
      throw new IllegalArgumentException(
          "--quantity "
              + quantity
              + ": the broker trades in lots of "
              + BigDecimal.valueOf(info.lotSize(), 3).stripTrailingZeros().toPlainString()
              + " SRU");
    }
    if (info.tickSize() > 0 && limitUnits % info.tickSize() != 0) {
      BigDecimal tick = BigDecimal.valueOf(info.tickSize(), 6).stripTrailingZeros();
      throw new IllegalArgumentException(
          "--limit "
              + limit
              + ": the broker's prices go in steps of "
              + tick.toPlainString()
              + " tokens per SRU ("
              + Math.max(0, tick.scale())
              + " decimals at most)");
    }
  }

  /**
   * The broker's minimum validity and horizon (from {@code /v1/info}), checked before the order is
   * signed against its validUntil ({@code untilGiven}: set by {@code --valid-until}, or else its
   * slot's start) and its slot ({@code slotOption}: the option that gave it), as intake would check
   * them at {@code now}; said with the option to change and the broker's limit, not as its 400. A
   * broker too old to give a limit leaves it to be checked at intake.
   */
  static void checkAgainstTheBrokersTimes(
      BrokerInfo info, MarketKey m, long until, boolean untilGiven, String slotOption, long now) {
    Long least = info.minValiditySeconds();
    if (least != null && until < now + least) {
      String rule =
          "the broker takes an order only if it stays valid at least "
              + least
              + " s after it arrives";
      throw new IllegalArgumentException(
          untilGiven
              ? "--valid-until "
                  + until
                  + " ("
                  + Instant.ofEpochSecond(until)
                  + ") "
                  + (until <= now ? "has passed" : "is " + (until - now) + " s from now")
                  + ": "
                  + rule
                  + "; give a later --valid-until"
              : "the slot of "
                  + m
                  + " starts at "
                  + Instant.ofEpochSecond(m.slotStart())
                  + ", "
                  + (m.slotStart() - now)
                  + " s from now, and an order is valid until its slot starts unless"
                  + " --valid-until says otherwise: "
                  + rule
                  + "; give --valid-until (before "
                  + Instant.ofEpochSecond(m.slotEnd())
                  + ") or pick a later slot");
    }
    Long horizon = info.horizonSeconds();
    if (horizon == null) {
      return;
    }
    long last = now + horizon;
    String beyond =
        ", more than the broker's horizon of "
            + (horizon % 86_400 == 0 ? horizon / 86_400 + " days" : horizon + " s")
            + " after now: it takes orders up to "
            + Instant.ofEpochSecond(last);
    if (m.slotStart() > last) {
      throw new IllegalArgumentException(
          slotOption
              + " "
              + (slotOption.equals("--slot") ? m.slotStart() + "-" + m.slotEnd() : m)
              + ": the slot starts at "
              + Instant.ofEpochSecond(m.slotStart())
              + beyond
              + "; pick an earlier slot");
    }
    if (untilGiven && until > last) {
      throw new IllegalArgumentException(
          "--valid-until "
              + until
              + " ("
              + Instant.ofEpochSecond(until)
              + ")"
              + beyond
              + "; give an earlier --valid-until");
    }
  }

  /**
   * Checks the broker's intake receipt and keeps it with the account's receipts, where {@code
   * operator audit} (or the daemon) audits the order's auctions; says what became of it.
   */
  private String keepIntakeReceipt(
      Order order, OrderAccepted answer, Address broker, Deployment deployment) {
    try (ReceiptBook book = ReceiptBook.open(account.home().resolve(AuditCommand.RECEIPTS_FILE))) {
      List<String> problems;
      String kept = "intake receipt kept: `operator audit` checks the order's auctions against it";
      try (LedgerClient reader = account.reader()) {
        problems = new IntakeAuditor(reader, book).take(order, answer, broker);
      } catch (LedgerUnavailableException e) {
        // the order is placed: its receipt is the operator's evidence, kept whatever the node
        problems = IntakeAuditor.takeWithoutNode(deployment.domain(), book, order, answer, broker);
        kept =
            "intake receipt kept, its signature checked; the node could not be reached, so"
                + " `operator audit` checks that the broker holds its role";
      }
      return problems.isEmpty() ? kept : String.join("; ", problems);
    } catch (RuntimeException e) {
      return "intake receipt not kept: " + e.getMessage();
    }
  }

  private static Side side(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "bid", "buy" -> Side.BID;
      case "ask", "sell" -> Side.ASK;
      default ->
          throw new IllegalArgumentException("--side must be bid or ask, not '" + text + "'");
    };
  }

  private MarketKey market() {
    boolean parts = band != null || cell != null || slot != null;
    if (market != null && parts) {
      throw new IllegalArgumentException("give --market or --band, --cell and --slot, not both");
    }
    if (market != null) {
      // read by MarketKeyConverter, which takes any cell id: the every-cell one names no market
      CellOption.one(new CellId(market.cell()).toString(), "--market's cell");
      return checked(market, "--market");
    }
    if (band == null || cell == null || slot == null) {
      throw new IllegalArgumentException("give --market, or all of --band, --cell and --slot");
    }
    String[] se = slot.strip().split("-");
    if (se.length != 2) {
      throw new IllegalArgumentException("--slot must be START-END in unix seconds: " + slot);
    }
    try {
      return checked(
          new MarketKey(
              band, CellOption.one(cell, "--cell"), Long.parseLong(se[0]), Long.parseLong(se[1])),
          "--slot");
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--slot must be START-END in unix seconds: " + slot, e);
    }
  }

  private static MarketKey checked(MarketKey m, String option) {
    // milliseconds first: such a slot is on no band's grid, and saying so would mislead
    UnixTimeConverter.seconds(m.slotStart(), option + " start");
    UnixTimeConverter.seconds(m.slotEnd(), option + " end");
    if (m.band() < 0 || m.slotStart() <= 0 || m.slotEnd() <= m.slotStart()) {
      throw new IllegalArgumentException(
          "a market needs a band and a slot whose end is after its start: " + m);
    }
    return m;
  }

  /** A positive decimal written in full, with at most {@code decimals} places, scaled to a long. */
  /**
   * {@code --quantity} in milli-SRU: a bare number is SRU, as it always was here; one written with
   * its unit ({@code 2.5SRU}, {@code 2500mSRU}) is read as {@code regulator licence --quantity}
   * reads it.
   */
  static long quantityMilliSru(String text) {
    if (!SruQuantityConverter.namesUnit(text)) {
      return exact(text, 3, "--quantity", "SRU");
    }
    long milli;
    try {
      milli = SruQuantityConverter.milliSru(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--quantity " + e.getMessage(), e);
    }
    if (milli == 0) {
      throw new IllegalArgumentException("--quantity must be positive: '" + text + "'");
    }
    return milli;
  }

  static long exact(String text, int decimals, String option, String unit) {
    String t = text.strip();
    if (!t.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException(
          option
              + " must be a positive number of "
              + unit
              + " written in full, not '"
              + text
              + "'");
    }
    BigDecimal d = new BigDecimal(t);
    if (d.scale() > decimals) {
      throw new IllegalArgumentException(
          option + " takes at most " + decimals + " decimals (" + unit + "): '" + text + "'");
    }
    BigDecimal scaled = d.movePointRight(decimals);
    if (scaled.signum() <= 0) {
      throw new IllegalArgumentException(option + " must be positive: '" + text + "'");
    }
    try {
      return scaled.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(option + " is too large: '" + text + "'", e);
    }
  }

  private static long readNonce(Path file) {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the nonce file " + file + " holds no number", e);
    }
  }
}
