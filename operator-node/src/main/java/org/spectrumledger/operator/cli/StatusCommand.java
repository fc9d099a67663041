package org.spectrumledger.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Lease;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OperatorInfo;
import org.spectrumledger.ledger.PendingWithdrawal;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator status}: registration, escrow, tokens and leases of an operator. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows an operator's registration, escrow, token balance and leases.")
public final class StatusCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AccountOptions account;

  @Option(
      names = "--address",
      converter = AddressConverter.class,
      description = "the operator (default: the keystore's address)")
  Address address;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Address who = address != null ? address : account.keystoreAddress();
    try (LedgerClient c = account.reader()) {
      OperatorInfo info = c.policy().operatorInfo(who);
      PendingWithdrawal pw = c.exchange().pendingWithdrawal(who);
      long now = c.chainTime();
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("address", who.toString());
      s.put("registered", info.registered());
      s.put("name", info.name());
      s.put("kind", info.registered() ? info.kind().name() : null);
      s.put("suspended", info.suspended());
      s.put("escrow", TokenAmounts.format(c.exchange().escrowOf(who)));
      s.put("tokenBalance", TokenAmounts.format(c.token().tokenBalance(who)));
      s.put(
          "pendingWithdrawal",
          pw.exists() ? TokenAmounts.format(pw.amount()) + " from " + pw.readyAt() : null);
      List<Lease> leases = c.exchange().leases(who);
      s.put("leasesNow", (int) leases.stream().filter(l -> l.activeAt(now)).count());
      s.put("leasesAll", leases.size());
      if (json) {
        spec.commandLine()
            .getOut()
            .println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(s));
      } else {
        TextTable t = new TextTable("field", "value");
        s.forEach((k, v) -> t.row(k, v == null ? "-" : v));
        spec.commandLine().getOut().print(t);
      }
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
