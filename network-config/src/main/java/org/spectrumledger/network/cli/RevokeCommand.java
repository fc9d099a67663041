package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.Endpoints;
import org.spectrumledger.ledger.keys.KeySource;
import org.spectrumledger.network.admin.AccountRevocation;
import org.spectrumledger.network.admin.NetworkDirectory;
import org.spectrumledger.network.deploy.LedgerDeployer;
import org.spectrumledger.network.generate.NetworkManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum network revoke}: an account loses its ledger role (on chain) and, with {@code
 * --network}, its place on every node's accounts allowlist, so no node takes its transactions.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revokes an account: with --role, its ledger role (regulator, broker or sensor) on chain,"
          + " e.g. an old broker key after 'deploy --broker NEW'; with --network, its entry in"
          + " every node's accounts allowlist, which the nodes then reload.",
      "Revoking a role not held sends nothing; an account on no allowlist changes no file."
    })
public final class RevokeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--account",
      required = true,
      paramLabel = "ADDRESS",
      converter = AddressConverter.class,
      description = "who is revoked")
  Address account;

  @Option(names = "--role", description = "regulator, broker or sensor: revoke it on chain")
  String role;

  @Option(
      names = "--network",
      paramLabel = "DIR",
      description =
          "a generated network: take the account off every node's allowlist, and default --rpc,"
              + " --key and --deployment from it")
  Path network;

  @Option(names = "--rpc", paramLabel = "URL", description = "any node (default: the RPC node)")
  String rpc;

  @Option(
      names = "--key",
      paramLabel = "SOURCE",
      description = "the admin key: a V3 keystore, a hex key file, or env:NAME")
  String key;

  @Option(names = "--deployment", paramLabel = "FILE", description = "the deployment record")
  Path deployment;

  @Option(names = "--gas", defaultValue = "auto", description = "free, auto or eip1559:MAX:TIP")
  String fees;

  /** The older name of {@code --gas}, kept working but not shown. */
  @Option(names = "--fees", hidden = true)
  String feesAlias;

  @Option(
      names = "--jwt-key",
      paramLabel = "FILE",
      description = "the nodes' JSON-RPC signing key (default: DIR/secrets/rpc-admin-jwt.pem)")
  Path jwtKey;

  @Option(names = "--timeout", defaultValue = "10", paramLabel = "S", description = "per node")
  int timeoutSeconds;

  @Mixin PasswordOption password;

  @Mixin DryRunOption dryRun;

  @Override
  public Integer call() {
    Address who = account;
    Role r = role == null ? null : parseRole(role);
    NetworkDirectory net = network == null ? null : NetworkDirectory.open(network);
    if (r == null && net == null) {
      throw new IllegalArgumentException(
          "nothing to revoke: give --role (the ledger role) and/or --network (the allowlists)");
    }
    if (net != null) {
      AccountRevocation.check(net, who);
    }
    String rpcUrl =
        rpc != null
            ? Endpoints.http(rpc, "--rpc", null, "a node's JSON-RPC", "http://127.0.0.1:8545")
            : net == null ? null : net.manifest().rpcUrl();
    String keySpec = key != null ? key : net == null ? null : adminKeystore(net);
    Path record =
        deployment != null ? deployment : net == null ? null : net.dir().resolve("deployment.json");
    if (r != null && (rpcUrl == null || keySpec == null || record == null)) {
      throw new IllegalArgumentException(
          "--role needs --rpc, --key and --deployment, or --network DIR to take them from");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<String> plan = new ArrayList<>();
    if (r != null) {
      plan.add(
          "revoke "
              + r
              + " from "
              + who.checksummed()
              + " with the admin key "
              + keySpec
              + " through "
              + rpcUrl
              + " (deployment "
              + record
              + "), unless not held");
    }
    if (net != null) {
      List<String> allowing = AccountRevocation.nodesAllowing(net, who);
      plan.add(
          allowing.isEmpty()
              ? "change no allowlist: no node allows " + who.hex()
              : "remove "
                  + who.hex()
                  + " from the accounts allowlist of "
                  + String.join(", ", allowing));
      if (!allowing.isEmpty()) {
        plan.addAll(Reloads.plan(net, Set.of()));
      }
    }
    if (dryRun.print(out, plan)) {
      return 0;
    }
    if (r != null) {
      LedgerDeployer.Step step =
          LedgerDeployer.revoke(
              rpcUrl,
              KeySource.load(keySpec, password.source(), System::getenv),
              GasFees.parse(feesAlias != null ? feesAlias : fees),
              record,
              r,
              who);
      out.println(
          step.item()
              + ": "
              + step.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + (step.detail().isEmpty() ? "" : " in tx " + step.detail()));
    }
    if (net != null) {
      List<String> changed = AccountRevocation.removeFromAllowlists(net, who);
      if (changed.isEmpty()) {
        out.println(who.hex() + " is on no node's allowlist: no file changed");
      } else {
        out.println(who.hex() + " removed from the allowlists of " + String.join(", ", changed));
        Reloads.run(
            out,
            net,
            net.oneHost() ? AdminOptions.rpc(network, jwtKey, timeoutSeconds) : null,
            Set.of(),
            false);
      }
    }
    out.flush();
    return 0;
  }

  private static Role parseRole(String role) {
    Role r;
    try {
      r = Role.valueOf(role.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--role is regulator, broker or sensor: " + role, e);
    }
    if (r == Role.ADMIN) {
      throw new IllegalArgumentException(
          "--role is regulator, broker or sensor; the admin role is handed over through the"
              + " policy contract, not revoked here");
    }
    return r;
  }

  private static String adminKeystore(NetworkDirectory net) {
    NetworkManifest.Account admin = net.manifest().account("admin");
    return admin.keystore() == null ? null : net.dir().resolve(admin.keystore()).toString();
  }
}
