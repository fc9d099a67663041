package org.spectrumledger.operator.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.operator.fairness.BookAuditor;
import org.spectrumledger.operator.fairness.IntakeAuditor;
import org.spectrumledger.operator.fairness.KeptReceipt;
import org.spectrumledger.operator.fairness.ReceiptAuditor;
import org.spectrumledger.operator.fairness.ReceiptBook;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum operator audit}: what the daemon does after every interval, by hand. Fetches the
 * operator's orders from the broker, checks and keeps the fill receipts on them, and asks the chain
 * whether each receipt past its deadline was honoured; a withheld one is claimed in the broker
 * court, which pays the operator from the broker's bond.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Checks every fill receipt the broker gave the operator against the chain, and claims"
            + " compensation from the broker's bond for each one not settled by its deadline.")
public final class AuditCommand implements Callable<Integer> {

  /** Where the daemon and this command keep the receipts, under --home. */
  public static final String RECEIPTS_FILE = "receipts.json";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--limit",
      defaultValue = "500",
      description =
          "fetch the operator's most recent N orders from the broker, "
              + PageLimit.RANGE
              + " (default ${DEFAULT-VALUE})")
  int limit;

  @Option(
      names = "--offline",
      description = "do not ask the broker for new receipts; audit the kept ones only")
  boolean offline;

  @Option(names = "--dry-run", description = "report withheld receipts but claim nothing")
  boolean dryRun;

  @Option(names = "--json", description = "print JSON (amounts as numbers)")
  boolean json;

  /** One kept receipt as the audit prints it. */
  record Row(
      String orderHash,
      long clearingId,
      String market,
      String side,
      BigDecimal sru,
      BigDecimal filledAfterSru,
      BigDecimal tokensPerSru,
      String settleBy,
      String status,
      BigDecimal compensationTokens,
      String claimTx,
      String note) {}

  /** What {@code --json} prints. */
  record Report(
      int receipts,
      int pending,
      int settled,
      int claimedNow,
      int claimed,
      int withheld,
      int lapsed,
      int voided,
      BigDecimal compensationTokens,
      Auctions auctions,
      Books books,
      List<String> problems,
      List<Row> rows) {}

  /**
   * The auctions audited against the intake receipts kept: how many, the omission challenges made
   * ({@code challengedNow} by this audit), answered by the broker, upheld, and suspect ones not
   * challenged (a dry run, or a window that closed).
   */
  record Auctions(
      int intakeReceipts,
      int audited,
      int challengedNow,
      int challenges,
      int answered,
      int upheld,
      int suspect,
      BigDecimal compensationTokens) {}

  /**
   * The published books checked against the clearing rule: auctions checked, books the broker did
   * not publish as committed, convictions proven ({@code convictedNow} by this audit), claims paid
   * to this operator's orders, and what they paid.
   */
  record Books(
      int checked,
      int unavailable,
      int convictedNow,
      int convicted,
      int claimsPaid,
      BigDecimal compensationTokens) {}

  @Override
  public Integer call() throws Exception {
    PageLimit.checked(limit);
    List<String> problems = new ArrayList<>();
    try (ReceiptBook book = ReceiptBook.open(account.home().resolve(RECEIPTS_FILE));
        LedgerClient client = dryRun ? account.reader() : account.client()) {
      ReceiptAuditor auditor = new ReceiptAuditor(client, book);
      if (!offline) {
        BrokerClient broker = account.signedBrokerClient();
        Address me = account.keystoreAddress();
        Address brokerAddress = broker.info().broker();
        for (OrderView o : broker.orders(me, limit).orders()) {
          problems.addAll(auditor.take(o, brokerAddress));
        }
      }
      ReceiptAuditor.Findings f = auditor.audit(!dryRun);
      problems.addAll(f.problems());
      BookAuditor books =
          offline
              ? null
              : new BookAuditor(client, book, BookAuditor.Books.of(account.signedBrokerClient()));
      // the books first: a book convicted of breaking its own order cannot answer for an order it
      // left unfilled
      BookAuditor.Findings prices =
          books == null
              ? new BookAuditor.Findings(0, 0, 0, 0, 0, BigInteger.ZERO, List.of())
              : books.audit(!dryRun);
      problems.addAll(prices.problems());
      IntakeAuditor.Findings auctions =
          new IntakeAuditor(client, book).readingBooks(books).audit(!dryRun);
      problems.addAll(auctions.problems());
      List<Row> rows = new ArrayList<>();
      for (KeptReceipt k : book.all()) {
        var r = k.receipt();
        rows.add(
            new Row(
                r.orderHash().hex(),
                r.clearingId(),
                k.order().market().toString(),
                k.order().side().name().toLowerCase(Locale.ROOT),
                BigDecimal.valueOf(r.fillQuantity(), 3),
                BigDecimal.valueOf(r.filledAfter(), 3),
                new BigDecimal(TokenAmounts.format(BigInteger.valueOf(r.price()))),
                java.time.Instant.ofEpochSecond(r.settleBy()).toString(),
                k.status().name().toLowerCase(Locale.ROOT),
                k.compensation() == null
                    ? null
                    : new BigDecimal(TokenAmounts.format(k.compensation())),
                k.claimTx() == null ? null : k.claimTx().hex(),
                k.note()));
      }
      Report report =
          new Report(
              f.kept(),
              f.pending(),
              f.settled(),
              f.claimedNow(),
              f.claimed(),
              f.withheld(),
              f.lapsed(),
              f.voided(),
              new BigDecimal(TokenAmounts.format(f.compensation())),
              new Auctions(
                  auctions.receipts(),
                  auctions.auctionsAudited(),
                  auctions.challengedNow(),
                  auctions.challenges(),
                  auctions.answered(),
                  auctions.upheld(),
                  auctions.suspect(),
                  new BigDecimal(TokenAmounts.format(auctions.compensation()))),
              new Books(
                  prices.auctionsChecked(),
                  prices.unavailable(),
                  prices.convictedNow(),
                  prices.convicted(),
                  prices.claimsPaid(),
                  new BigDecimal(TokenAmounts.format(prices.compensation()))),
              problems,
              rows);
      print(report);
    }
    return 0;
  }

  private void print(Report r) throws Exception {
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new com.fasterxml.jackson.databind.ObjectMapper()
              .setSerializationInclusion(
                  com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(r));
      out.flush();
      return;
    }
    if (!r.rows().isEmpty()) {
      TextTable t =
          new TextTable(
              "order",
              "clearing",
              "side",
              "SRU",
              "tokens/SRU",
              "settle by",
              "status",
              "paid tokens");
      for (Row row : r.rows()) {
        t.row(
            row.orderHash().substring(0, 12) + "…",
            row.clearingId(),
            row.side(),
            row.sru().toPlainString(),
            row.tokensPerSru().toPlainString(),
            row.settleBy(),
            row.status(),
            row.compensationTokens() == null ? "" : row.compensationTokens().toPlainString());
      }
      out.print(t);
    }
    out.println(
        r.receipts()
            + " receipt(s) kept: "
            + r.settled()
            + " settled, "
            + r.pending()
            + " before their deadline, "
            + r.claimed()
            + " withheld and claimed ("
            + r.claimedNow()
            + " now; "
            + r.compensationTokens().toPlainString()
            + " tokens paid from the broker's bond), "
            + r.withheld()
            + " withheld and not claimed"
            + (dryRun ? " (--dry-run)" : "")
            + ", "
            + r.lapsed()
            + " withheld past the claim window, "
            + r.voided()
            + " voided by the order's own expiry or cancellation");
    Auctions a = r.auctions();
    out.println(
        a.intakeReceipts()
            + " intake receipt(s) kept: "
            + a.audited()
            + " auction(s) of their markets audited, "
            + a.challenges()
            + " omission challenge(s) ("
            + a.challengedNow()
            + " now): "
            + a.answered()
            + " answered by the broker with the order's leaf, "
            + a.upheld()
            + " upheld ("
            + a.compensationTokens().toPlainString()
            + " tokens paid from the broker's bond), "
            + a.suspect()
            + " suspect and not challenged"
            + (dryRun ? " (--dry-run)" : ""));
    Books b = r.books();
    out.println(
        b.checked()
            + " published book(s) checked against the clearing rule, "
            + b.unavailable()
            + " not published as committed; "
            + b.convicted()
            + " auction(s) convicted ("
            + b.convictedNow()
            + " now), "
            + b.claimsPaid()
            + " claim(s) paid to this operator's orders ("
            + b.compensationTokens().toPlainString()
            + " tokens)"
            + (offline ? " (--offline: no books read)" : ""));
    for (String p : r.problems()) {
      out.println("problem: " + p);
    }
    out.flush();
  }
}
