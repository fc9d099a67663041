package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.DeployOptions;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.Endpoints;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.keys.KeySource;
import org.spectrumledger.network.deploy.LedgerDeployer;
import org.spectrumledger.network.generate.NetworkManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum network deploy}: the ledger on any node, idempotently. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploys the ledger (token, policy, exchange) through any node, writes the deployment"
          + " record, and grants the first regulator and broker their roles.",
      "Running it again changes nothing: a record naming live contracts is reused and held roles"
          + " are not granted again.",
      "With --network DIR the RPC URL, the admin keystore, the regulator, the broker and the"
          + " record's path come from a generated network; flags override them."
    })
public final class DeployCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--network", paramLabel = "DIR", description = "a generated network directory")
  Path network;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      description =
          "any node's JSON-RPC URL (default: DIR's, else $SPECTRUM_RPC, else"
              + " http://127.0.0.1:8545)")
  String rpc;

  @Option(
      names = "--key",
      paramLabel = "SOURCE",
      description =
          "the admin key: a V3 keystore, a file holding the hex key, or env:NAME (never the key"
              + " itself)")
  String key;

  @Option(
      names = "--regulator",
      paramLabel = "ADDRESS",
      converter = AddressConverter.class,
      description = "the first regulator")
  Address regulator;

  @Option(
      names = "--broker",
      paramLabel = "ADDRESS",
      converter = AddressConverter.class,
      description = "the first broker")
  Address broker;

  @Option(
      names = "--sensor",
      paramLabel = "ADDRESS",
      converter = AddressConverter.class,
      description = "a sensor, if any")
  Address sensor;

  @Option(
      names = "--deployment",
      paramLabel = "FILE",
      description =
          "the deployment record (default: DIR/deployment.json, else $SPECTRUM_DEPLOYMENT, else"
              + " .spectrum/deployment.json)")
  Path deployment;

  @Option(
      names = "--gas",
      description = "free, auto or eip1559:MAXFEE:TIP in wei ($SPECTRUM_GAS; default auto)")
  String fees;

  /** The older name of {@code --gas}, kept working but not shown. */
  @Option(names = "--fees", hidden = true)
  String feesAlias;

  @Option(
      names = "--settlement-window",
      defaultValue = "60",
      paramLabel = "S",
      description =
          "the exchange's withdrawal delay for a new deployment (default ${DEFAULT-VALUE})")
  long settlementWindow;

  @Option(
      names = "--bond",
      defaultValue = "1000",
      paramLabel = "TOKENS",
      description =
          "the least bond, in settlement tokens, a broker needs in the broker court to settle; the"
              + " deployment bonds --broker with it from the treasury (default ${DEFAULT-VALUE})")
  String bond;

  @Option(
      names = "--challenge-window",
      defaultValue = "86400",
      paramLabel = "S",
      description =
          "seconds after a fill receipt's deadline, or an auction's book commitment, during which"
              + " it can be claimed against the broker's bond; and for the broker's answer to a"
              + " challenge (default ${DEFAULT-VALUE})")
  long challengeWindow;

  @Option(
      names = "--bond-delay",
      defaultValue = "259200",
      paramLabel = "S",
      description =
          "seconds from a broker's bond withdrawal request to the withdrawal; longer than"
              + " twice the challenge window (default ${DEFAULT-VALUE})")
  long bondDelay;

  @Option(
      names = "--compensation-bps",
      defaultValue = "10000",
      paramLabel = "BPS",
      description =
          "what the maker of a withheld fill is paid, in basis points of the fill's value"
              + " (default ${DEFAULT-VALUE}: its value)")
  int compensationBps;

  @Mixin PasswordOption password;

  @Override
  public Integer call() {
    NetworkManifest manifest = network == null ? null : NetworkManifest.read(network);
    String rpcUrl =
        Endpoints.http(
            rpc != null
                ? rpc
                : manifest != null
                    ? manifest.rpcUrl()
                    : env("SPECTRUM_RPC", "http://127.0.0.1:8545"),
            "--rpc",
            "SPECTRUM_RPC",
            "a node's JSON-RPC",
            "http://127.0.0.1:8545");
    String keySpec = key;
    if (keySpec == null && manifest != null) {
      keySpec = network.resolve(manifest.account("admin").keystore()).toString();
    }
    if (keySpec == null) {
      throw new IllegalArgumentException("give --key (the admin key), or --network DIR");
    }
    Path record =
        deployment != null
            ? deployment
            : network != null
                ? network.resolve("deployment.json")
                : Path.of(env("SPECTRUM_DEPLOYMENT", ".spectrum/deployment.json"));
    SigningKey admin = KeySource.load(keySpec, password.source(), System::getenv);
    LedgerDeployer.Request request =
        new LedgerDeployer.Request(
            rpcUrl,
            admin,
            GasFees.parse(
                fees != null ? fees : feesAlias != null ? feesAlias : env("SPECTRUM_GAS", "auto")),
            record,
            address(regulator, manifest, "regulator"),
            address(broker, manifest, "broker"),
            sensor,
            DeployOptions.defaults()
                .withSettlementWindow(settlementWindow)
                .withBond(TokenAmounts.parse(bond), challengeWindow, bondDelay, compensationBps));
    LedgerDeployer.Result result = LedgerDeployer.deploy(request);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "chain %d through %s, admin %s%n",
        result.deployment().chainId(), rpcUrl, admin.address().checksummed());
    TextTable table = new TextTable("item", "outcome", "detail");
    for (LedgerDeployer.Step s : result.steps()) {
      table.row(s.item(), s.outcome().name().toLowerCase(java.util.Locale.ROOT), s.detail());
    }
    out.print(table);
    out.println("deployment record: " + record.toAbsolutePath());
    out.println(
        result.changedNothing()
            ? "nothing changed: the ledger was deployed and every role was held already"
            : "done; export the explorer verification files with: spectrum network verify export"
                + " --deployment "
                + record);
    out.flush();
    return 0;
  }

  private static String env(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : v;
  }

  private static Address address(Address flag, NetworkManifest manifest, String account) {
    if (flag != null) {
      return flag;
    }
    return manifest == null ? null : manifest.account(account).address();
  }
}
