package org.spectrumledger.network.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.DeployOptions;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.NoContractException;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.TxResult;

/**
 * Deploys the ledger to a node and hands out its first roles, idempotently: a deployment record
 * that already names live contracts on that chain is reused, and a role already held is not granted
 * again, so a second run sends no transaction.
 */
public final class LedgerDeployer {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerDeployer.class);

  private LedgerDeployer() {}

  /**
   * What to deploy where.
   *
   * @param rpcUrl any node's JSON-RPC URL
   * @param admin the deploying key; it holds the admin role of the new contracts
   * @param fees how transactions pay for gas
   * @param deploymentFile where the deployment record is (read if present, written if not)
   * @param regulator the first regulator, or null
   * @param broker the first broker, or null
   * @param sensor the first sensor, or null
   * @param options the new deployment's parameters (settlement window, the broker court's bond,
   *     windows and compensation); the roles come from the fields above
   */
  public record Request(
      String rpcUrl,
      SigningKey admin,
      GasFees fees,
      Path deploymentFile,
      Address regulator,
      Address broker,
      Address sensor,
      DeployOptions options) {

    public Request {
      if (rpcUrl == null || rpcUrl.isBlank()) {
        throw new IllegalArgumentException("--rpc is missing");
      }
      if (admin == null) {
        throw new IllegalArgumentException("--key is missing");
      }
      if (deploymentFile == null) {
        throw new IllegalArgumentException("--deployment is missing");
      }
      if (fees == null) {
        fees = GasFees.auto();
      }
      if (options == null) {
        options = DeployOptions.defaults();
      }
    }
  }

  /** What happened to one item. */
  public enum Outcome {
    /** Created by this run. */
    DEPLOYED,
    /** Already on chain, as the deployment record says. */
    FOUND,
    /** Granted by this run. */
    GRANTED,
    /** Already held. */
    HELD,
    /** Revoked by this run. */
    REVOKED,
    /** Not held, so nothing to revoke. */
    NOT_HELD
  }

  /**
   * One line of the report.
   *
   * @param item what ({@code SpectrumExchange}, {@code REGULATOR 0x…})
   * @param outcome what happened
   * @param detail an address, a transaction hash, or empty
   */
  public record Step(String item, Outcome outcome, String detail) {}

  /** The deployment and what this run did. */
  public record Result(Deployment deployment, List<Step> steps) {

    /** Whether this run sent no transaction. */
    public boolean changedNothing() {
      return steps.stream()
          .allMatch(s -> s.outcome() == Outcome.FOUND || s.outcome() == Outcome.HELD);
    }
  }

  /**
   * Refuses a record that could not be written, before anything is deployed: written only after the
   * contracts, a record that fails leaves them on chain with no record naming them, and the next
   * run deploys them again.
   */
  static void requireWritable(Path record) {
    Path file = record.toAbsolutePath();
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          "--deployment " + record + " is a directory; give the record's file, deployment.json");
    }
    Path parent = file.getParent();
    try {
      Files.createDirectories(parent);
      Files.delete(Files.createTempFile(parent, ".deployment-", ".tmp"));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IllegalArgumentException(
          "--deployment "
              + record
              + " cannot be written: "
              + e.getFile()
              + " is a file, not a directory; nothing was deployed",
          e);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "--deployment "
              + record
              + " cannot be written: "
              + org.spectrumledger.ledger.io.FileReasons.of(e)
              + "; nothing was deployed",
          e);
    }
  }

  public static Result deploy(Request request) {
    List<Step> steps = new ArrayList<>();
    Deployment deployment;
    if (Files.exists(request.deploymentFile())) {
      deployment = Deployment.read(request.deploymentFile());
      for (var e : deployment.contracts().entrySet()) {
        steps.add(new Step(e.getKey(), Outcome.FOUND, e.getValue().address().checksummed()));
      }
    } else {
      requireWritable(request.deploymentFile());
      deployment =
          LedgerClient.deploy(request.rpcUrl(), request.admin(), request.fees(), request.options());
      deployment.write(request.deploymentFile());
      for (var e : deployment.contracts().entrySet()) {
        var c = e.getValue();
        LOG.info(
            "deployed {} at {} in tx {} block {}", e.getKey(), c.address(), c.txHash(), c.block());
        steps.add(new Step(e.getKey(), Outcome.DEPLOYED, c.address().checksummed()));
      }
    }
    LedgerConfig config =
        new LedgerConfig(
            request.rpcUrl(),
            deployment.chainId(),
            deployment,
            request.admin(),
            request.fees(),
            null);
    LedgerClient client;
    try {
      client = LedgerClient.connect(config);
    } catch (NoContractException e) {
      throw new NoContractException(
          e,
          "the deployment record "
              + request.deploymentFile()
              + " names contracts that are not on the chain at "
              + request.rpcUrl()
              + " (another network, or one reset since); move the record away to deploy afresh");
    }
    try (client) {
      if (!client.policy().hasRole(Role.ADMIN, request.admin().address())) {
        throw new IllegalArgumentException(
            "--key "
                + request.admin().address()
                + " does not hold the admin role of this deployment (its admin is "
                + deployment.admin()
                + ")");
      }
      grant(client, Role.REGULATOR, request.regulator(), steps);
      grant(client, Role.BROKER, request.broker(), steps);
      bond(client, request.broker(), steps);
      grant(client, Role.SENSOR, request.sensor(), steps);
    }
    return new Result(deployment, List.copyOf(steps));
  }

  /**
   * Revokes {@code role} from {@code account} on the deployment in {@code deploymentFile}, as a key
   * rotation's last step; revoking a role that is not held sends nothing.
   */
  public static Step revoke(
      String rpcUrl,
      SigningKey admin,
      GasFees fees,
      Path deploymentFile,
      Role role,
      Address account) {
    if (role == Role.ADMIN) {
      throw new IllegalArgumentException(
          "the admin role is not revoked here: grant it to the new admin key first, then revoke"
              + " with that key through the policy contract");
    }
    Deployment deployment = Deployment.read(deploymentFile);
    LedgerConfig config =
        new LedgerConfig(rpcUrl, deployment.chainId(), deployment, admin, fees, null);
    try (LedgerClient client = LedgerClient.connect(config)) {
      String item = role + " " + account.checksummed();
      if (!client.policy().hasRole(role, account)) {
        return new Step(item, Outcome.NOT_HELD, "");
      }
      TxResult tx = client.policy().revokeRole(role, account);
      LOG.info(
          "revoked {} from {} in tx {} block {}", role, account, tx.txHash(), tx.blockNumber());
      return new Step(item, Outcome.REVOKED, tx.txHash().toString());
    }
  }

  /**
   * Brings the broker's bond in the broker court up to its minimum from the admin's treasury: the
   * exchange settles nothing for a broker without it.
   */
  private static void bond(LedgerClient client, Address broker, List<Step> steps) {
    if (broker == null) {
      return;
    }
    String item = "bond " + broker.checksummed();
    java.math.BigInteger posted = client.bondFromTreasury(broker);
    if (posted.signum() == 0) {
      steps.add(new Step(item, Outcome.HELD, ""));
      return;
    }
    LOG.info("bonded broker {} with {} token base units", broker, posted);
    steps.add(new Step(item, Outcome.GRANTED, posted + " base units"));
  }

  private static void grant(LedgerClient client, Role role, Address account, List<Step> steps) {
    if (account == null) {
      return;
    }
    String item = role + " " + account.checksummed();
    if (client.policy().hasRole(role, account)) {
      steps.add(new Step(item, Outcome.HELD, ""));
      return;
    }
    TxResult tx = client.policy().grantRole(role, account);
    LOG.info("granted {} to {} in tx {} block {}", role, account, tx.txHash(), tx.blockNumber());
    steps.add(new Step(item, Outcome.GRANTED, tx.txHash().toString()));
  }
}
