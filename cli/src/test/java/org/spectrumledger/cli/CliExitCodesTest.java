package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * The README's exit codes for what a new user runs into first: a key without the role the command
 * needs is a refusal (4) that names the role and how it is granted; a deployment record the chain
 * does not hold, and a URL that answers but is no chain node, leave the chain unusable (3).
 */
@ExtendWith(DevChainExtension.class)
class CliExitCodesTest {

  private static final String TREASURY_ROLE_HASH =
      "0xe1dcbdb91df27212a29bc27177c840cf2f819ecf2187432e1fac86c2dd5dfca9";

  @Test
  void aKeyWithoutTheRoleIsARefusalThatSaysHowTheRoleIsGranted(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    SigningKey operator = SigningKey.random(new SecureRandom());
    Path key = home.resolve("operator.key");
    Files.writeString(key, operator.exportPrivateKey());
    String[] common = {
      "--rpc",
      chain.rpcUrl(),
      "--deployment",
      deployment.toString(),
      "--key",
      key.toString(),
      "--gas",
      "free"
    };

    CliRunner band =
        run(
            common,
            "regulator",
            "band",
            "register",
            "--band",
            "4",
            "--low-khz",
            "2110000",
            "--high-khz",
            "2155000",
            "--grid",
            "3600");
    band.assertFailedCleanly(4, operator.address() + " does not hold REGULATOR");
    assertThat(band.err())
        .contains("./spectrum network deploy --key ADMIN_KEY --regulator " + operator.address());

    CliRunner mint =
        run(common, "regulator", "mint", "--to", operator.address().toString(), "--amount", "1");
    mint.assertFailedCleanly(4, "does not hold the TREASURY role");
    assertThat(mint.err())
        .contains(operator.address().toString())
        .contains("the deployment's admin key holds it")
        .doesNotContain("AccessControlUnauthorizedAccount")
        .doesNotContain(TREASURY_ROLE_HASH);

    CliRunner broker =
        CliRunner.run(
            "broker",
            "run",
            "--rpc",
            chain.rpcUrl(),
            "--deployment",
            deployment.toString(),
            "--key",
            key.toString(),
            "--gas",
            "free",
            "--port",
            "0",
            "--data-dir",
            home.resolve("broker").toString());
    broker.assertFailedCleanly(4, operator.address() + " does not hold BROKER");
    assertThat(broker.err())
        .contains("./spectrum network deploy --key ADMIN_KEY --broker " + operator.address());
  }

  @Test
  void aDeploymentRecordTheChainDoesNotHoldLeavesTheChainUnusable(
      DevChain chain, @TempDir Path home) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    // the record of another chain: the same contracts, at addresses this one has nothing at
    String json = ledger.deployment().toJson();
    int n = 0;
    for (Deployment.DeployedContract c : ledger.deployment().contracts().values()) {
      json = json.replace(c.address().hex(), "0x" + "12".repeat(19) + "0" + n++);
    }
    Path deployment = home.resolve("deployment.json");
    Files.writeString(deployment, json);
    Path key = home.resolve("admin.key");
    Files.writeString(key, ledger.adminKey().exportPrivateKey());

    CliRunner status =
        CliRunner.run(
            "operator",
            "status",
            "--rpc",
            chain.rpcUrl(),
            "--deployment",
            deployment.toString(),
            "--address",
            ledger.adminKey().address().toString());
    status.assertFailedCleanly(3, "contract at 0x1212");

    CliRunner deploy =
        CliRunner.run(
            "network",
            "deploy",
            "--rpc",
            chain.rpcUrl(),
            "--deployment",
            deployment.toString(),
            "--key",
            key.toString(),
            "--gas",
            "free");
    deploy.assertFailedCleanly(3, "move the record away to deploy afresh");
  }

  @Test
  void aUrlThatAnswersButIsNoChainNodeIsSaidPlainly(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    // answers as the broker's API does at a path it does not serve
    HttpServer notANode = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    notANode.createContext(
        "/",
        exchange -> {
          byte[] body =
              "{\"type\":\"https://spectrumledger.org/problems/not-found\",\"status\":404}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
          exchange.sendResponseHeaders(404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    notANode.start();
    try {
      String url = "http://127.0.0.1:" + notANode.getAddress().getPort();
      CliRunner status =
          CliRunner.run(
              "operator",
              "status",
              "--rpc",
              url,
              "--deployment",
              deployment.toString(),
              "--address",
              ledger.adminKey().address().toString());
      status.assertFailedCleanly(
          3, url + " answers HTTP 404, not as an Ethereum JSON-RPC node does: is it the chain");
      assertThat(status.err()).doesNotContain("problems/not-found").doesNotContain("Invalid");
    } finally {
      notANode.stop(0);
    }
  }

  private static CliRunner run(String[] common, String... command) {
    String[] all = new String[command.length + common.length];
    System.arraycopy(command, 0, all, 0, command.length);
    System.arraycopy(common, 0, all, command.length, common.length);
    return CliRunner.run(all);
  }
}
