package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.keys.KeySource;
import org.spectrumledger.network.deploy.LedgerDeployer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum network revoke}: the last step of rotating a regulator, broker or sensor key. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revokes a role (regulator, broker or sensor) from an account, e.g. an old broker key"
            + " after 'deploy --broker NEW' granted the new one. Revoking a role not held sends"
            + " nothing.")
public final class RevokeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--rpc", required = true, paramLabel = "URL", description = "any node")
  String rpc;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "SOURCE",
      description = "the admin key: a V3 keystore, a hex key file, or env:NAME")
  String key;

  @Option(
      names = "--deployment",
      required = true,
      paramLabel = "FILE",
      description = "the deployment record")
  Path deployment;

  @Option(names = "--role", required = true, description = "regulator, broker or sensor")
  String role;

  @Option(
      names = "--account",
      required = true,
      paramLabel = "ADDRESS",
      description = "who loses it")
  String account;

  @Option(names = "--fees", defaultValue = "auto", description = "free, auto or eip1559:MAX:TIP")
  String fees;

  @Mixin PasswordOption password;

  @Override
  public Integer call() {
    Role r;
    try {
      r = Role.valueOf(role.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--role is regulator, broker or sensor: " + role, e);
    }
    LedgerDeployer.Step step =
        LedgerDeployer.revoke(
            rpc,
            KeySource.load(key, password.source(), System::getenv),
            GasFees.parse(fees),
            deployment,
            r,
            Address.of(account));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        step.item()
            + ": "
            + step.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + (step.detail().isEmpty() ? "" : " in tx " + step.detail()));
    out.flush();
    return 0;
  }
}
