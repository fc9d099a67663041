package org.spectrumledger.operator.cli;

import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.SruQuantityConverter;
import org.spectrumledger.ledger.cli.Uint32Converter;
import org.spectrumledger.ledger.cli.UnixTimeConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum operator register}: run by the regulator (its key in the keystore) to register an
 * operator, and optionally grant it a base licence.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description =
        "Registers an operator (run with the regulator's key); optionally grants a base licence.")
public final class RegisterCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--operator",
      required = true,
      converter = AddressConverter.class,
      description = "the operator's address")
  Address operator;

  @Option(
      names = "--kind",
      required = true,
      description = "MOBILE_NETWORK, VIRTUAL_NETWORK, MICRO_OPERATOR or LOCAL_OPERATOR")
  OperatorKind kind;

  @Option(names = "--name", required = true, description = "the operator's registered name")
  String name;

  @Option(
      names = "--licence",
      paramLabel = "BAND:CELL:QUANTITY:FROM:UNTIL",
      description =
          "a base licence to grant as well: QUANTITY per slot with its unit, 24SRU (to 3"
              + " decimals) or 24000mSRU; FROM and UNTIL in unix seconds (4:0x7:24SRU:FROM:UNTIL)")
  String licence;

  /** A base licence as {@code --licence} gives it, checked in full before anything is sent. */
  record LicenceGrant(long band, long cell, long milliSru, long from, long until) {

    static LicenceGrant parse(String text) {
      String[] p = text.strip().split(":", -1);
      if (p.length != 5) {
        throw new IllegalArgumentException(
            "--licence must be BAND:CELL:QUANTITY:FROM:UNTIL (5 fields), got '" + text + "'");
      }
      long band = field(p[0], "BAND", text);
      if (band > Uint32Converter.MAX) {
        // (sent on, the ABI encoder refused it only after the operator was registered)
        throw new IllegalArgumentException(
            "--licence BAND must be 0 .. "
                + Uint32Converter.MAX
                + ", got "
                + band
                + " in '"
                + text
                + "'");
      }
      long cell = CellOption.one(p[1], "--licence CELL");
      long quantity = quantity(p[2], text);
      long from = time(p[3], "FROM", text);
      long until = time(p[4], "UNTIL", text);
      if (quantity == 0) {
        throw new IllegalArgumentException("--licence grants no SRU (QUANTITY is 0): " + text);
      }
      if (until <= from) {
        throw new IllegalArgumentException(
            "--licence ends before it starts (UNTIL <= FROM): " + text);
      }
      return new LicenceGrant(band, cell, quantity, from, until);
    }

    /** The QUANTITY, with its unit, read as {@code regulator licence --quantity} reads it. */
    private static long quantity(String value, String text) {
      try {
        return SruQuantityConverter.milliSru(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--licence QUANTITY " + e.getMessage() + " in '" + text + "'", e);
      }
    }

    /** A FROM or UNTIL: unix seconds, milliseconds refused as everywhere a time is taken. */
    private static long time(String value, String name, String text) {
      long t = field(value, name, text);
      try {
        return UnixTimeConverter.seconds(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--licence " + name + " " + e.getMessage() + " in '" + text + "'");
      }
    }

    private static long field(String value, String name, String text) {
      if (!value.matches("[0-9]{1,18}")) {
        throw new IllegalArgumentException(
            "--licence "
                + name
                + " must be a whole number 0 or more, got '"
                + value
                + "' in '"
                + text
                + "' (BAND:CELL:QUANTITY:FROM:UNTIL, times in unix seconds)");
      }
      return Long.parseLong(value);
    }
  }

  @Override
  public Integer call() {
    Address op = operator;
    if (name.isBlank()) {
      throw new IllegalArgumentException("--name must not be blank");
    }
    LicenceGrant grant = licence == null ? null : LicenceGrant.parse(licence);
    try (LedgerClient c = account.client()) {
      if (grant != null) {
        long now = c.now();
        if (grant.until() <= now) {
          throw new IllegalArgumentException(
              "--licence UNTIL "
                  + java.time.Instant.ofEpochSecond(grant.until())
                  + " has passed: the licence would have ended before it was granted ('"
                  + licence
                  + "')");
        }
      }
      if (c.policy().operatorInfo(op).registered()) {
        throw new IllegalArgumentException(
            op
                + " is registered already; grant it a licence with 'spectrum regulator licence'"
                + " instead");
      }
      TxResult r = c.policy().registerOperator(op, kind, name);
      spec.commandLine()
          .getOut()
          .println("registered " + op + " (" + kind + ", \"" + name + "\") in tx " + r.txHash());
      if (grant != null) {
        TxResult l =
            c.policy()
                .grantLicence(
                    op, grant.band(), grant.cell(), grant.milliSru(), grant.from(), grant.until());
        spec.commandLine()
            .getOut()
            .println(
                "licence of "
                    + TokenAmounts.sruAndMilli(grant.milliSru())
                    + " per slot granted in tx "
                    + l.txHash());
      }
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
