package org.spectrumledger.operator.cli;

import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.cli.AddressConverter;
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
      description =
          "BAND:CELL:MILLISRU:FROM:UNTIL — a base licence to grant as well (unix seconds)")
  String licence;

  @Override
  public Integer call() {
    Address op = operator;
    try (LedgerClient c = account.client()) {
      TxResult r = c.policy().registerOperator(op, kind, name);
      spec.commandLine()
          .getOut()
          .println("registered " + op + " (" + kind + ", \"" + name + "\") in tx " + r.txHash());
      if (licence != null) {
        String[] p = licence.split(":");
        if (p.length != 5) {
          throw new IllegalArgumentException(
              "--licence must be BAND:CELL:MILLISRU:FROM:UNTIL, got " + licence);
        }
        long cell = org.spectrumledger.ledger.CellId.parse(p[1]).value();
        TxResult l =
            c.policy()
                .grantLicence(
                    op,
                    Long.parseLong(p[0]),
                    cell,
                    Long.parseLong(p[2]),
                    Long.parseLong(p[3]),
                    Long.parseLong(p[4]));
        spec.commandLine().getOut().println("licence granted in tx " + l.txHash());
      }
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
