package org.spectrumledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.spectrumledger.broker.api.BookRule;
import org.spectrumledger.broker.api.BookRuleList;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.operator.cli.AccountOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum regulator book}: the regulator's rule on whether the near-RT books of a band (or
 * one cell of it) are lit, signed with the regulator's key and sent to the broker, which lists the
 * rules in force in {@code /v1/info}. Non-RT auctions stay sealed until they clear whatever the
 * rule.
 */
@Command(
    name = "book",
    mixinStandardHelpOptions = true,
    description =
        "Lights (--lit) or seals (--sealed) the near-RT order books of a band, or of one cell of"
            + " it, at the broker (regulator's key); prints the rules in force. Non-RT auctions stay"
            + " sealed until they clear.")
public final class RegulatorBookCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--band",
      required = true,
      converter = org.spectrumledger.ledger.cli.Uint32Converter.class,
      description = "band id, 0 .. 4294967295")
  long band;

  @Option(
      names = "--cell",
      defaultValue = "all",
      description = "cell id in decimal or 0x hex, or all (default ${DEFAULT-VALUE})")
  String cell;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Visibility visibility;

  static final class Visibility {
    @Option(names = "--lit", required = true, description = "show the book")
    boolean lit;

    @Option(names = "--sealed", required = true, description = "show nothing of the book")
    boolean sealed;
  }

  @Override
  public Integer call() {
    CellId cellId = org.spectrumledger.operator.cli.CellOption.oneOrAll(cell, "--cell");
    BookRuleList rules =
        account.brokerClient().setBookRule(account.key(), band, cellId, visibility.lit);
    PrintWriter out = spec.commandLine().getOut();
    TextTable t = new TextTable("band", "cell", "book", "sequence", "regulator");
    for (BookRule r : rules.rules()) {
      t.row(r.band(), r.cell(), r.lit() ? "lit" : "sealed", r.sequence(), r.regulator());
    }
    out.print(t);
    out.flush();
    return 0;
  }
}
