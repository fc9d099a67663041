package org.spectrumledger.ledger.devchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

class AnvilChainTest {

  @Test
  void startsWithBesuLikeSettingsAndFundedKeys() throws Exception {
    try (AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(3))) {
      Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
      assertThat(chain.rpcUrl()).startsWith("http://127.0.0.1:");
      assertThat(web3j.ethChainId().send().getChainId()).isEqualTo(2018);
      assertThat(web3j.ethGasPrice().send().getGasPrice()).isZero();
      var block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
      assertThat(block.getBlock().getBaseFeePerGas()).isZero();
      assertThat(chain.fundedKeys()).hasSize(3);
      for (var key : chain.fundedKeys()) {
        var balance =
            web3j.ethGetBalance(key.address().hex(), DefaultBlockParameterName.LATEST).send();
        assertThat(balance.getBalance()).isPositive();
      }
      web3j.shutdown();
    }
  }

  @Test
  void closingStopsTheProcessAndItsPort() throws Exception {
    AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(1));
    ProcessHandle watchdog = ProcessHandle.of(chain.pid()).orElseThrow();
    List<ProcessHandle> tree = watchdog.descendants().toList();
    chain.close();
    assertThat(chain.isRunning()).isFalse();
    awaitAllGone(tree);
    assertThatThrownBy(() -> JsonRpcProbe.chainId(chain.rpcUrl()))
        .isInstanceOf(DevChainException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void noAnvilOutlivesAJvmKilledWithSigkill() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), AnvilKillProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      String url = null;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("READY ")) {
          url = line.substring(6);
          break;
        }
      }
      assertThat(url).as("the child JVM started anvil").isNotNull();
      List<ProcessHandle> descendants = child.toHandle().descendants().toList();
      assertThat(descendants)
          .anySatisfy(p -> assertThat(p.info().command().orElse("")).endsWith("anvil"));

      child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

      awaitAllGone(descendants);
      String deadUrl = url;
      assertThatThrownBy(() -> JsonRpcProbe.chainId(deadUrl)).isInstanceOf(DevChainException.class);
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void restartKeepsTheChainState(@TempDir Path dir) throws Exception {
    try (AnvilChain chain =
        AnvilChain.start(
            DevChainOptions.defaults().withAccounts(2).withStatePath(dir.resolve("state.json")))) {
      chain.mine();
      chain.mine();
      Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
      long before = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
      String url = chain.rpcUrl();
      chain.restart();
      assertThat(chain.rpcUrl()).isEqualTo(url);
      long after = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
      assertThat(after).isGreaterThanOrEqualTo(before).isGreaterThanOrEqualTo(2);
      web3j.shutdown();
    }
  }

  @Test
  void advanceTimeWaitsForTheClockOfAChainThatCannotTravelInTime() {
    try (AnvilChain anvil = AnvilChain.start(DevChainOptions.defaults().withBlockTime(1))) {
      RpcChain node = new RpcChain(anvil.rpcUrl(), anvil.chainId(), anvil.fundedKeys());
      assertThat(node.supportsTimeTravel()).isFalse();
      long before = JsonRpcProbe.latestBlockTimestamp(node.rpcUrl());
      long started = System.nanoTime();
      node.advanceTime(Duration.ofSeconds(2));
      assertThat(JsonRpcProbe.latestBlockTimestamp(node.rpcUrl()))
          .isGreaterThanOrEqualTo(before + 2);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThan(Duration.ofMillis(900));
    }
  }

  @Test
  void unknownChainSpecIsAClearError() {
    assertThatThrownBy(() -> DevChains.start("ganache", DevChainOptions.defaults()))
        .isInstanceOf(DevChainException.class)
        .hasMessageContaining("use anvil, besu or rpc:URL");
  }

  private static void awaitAllGone(List<ProcessHandle> processes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && processes.stream().anyMatch(ProcessHandle::isAlive)) {
      Thread.sleep(50);
    }
    assertThat(processes).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void aPortInUseIsSaidSoAtOnce() throws Exception {
    try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      long t0 = System.nanoTime();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> AnvilChain.start(DevChainOptions.defaults(), taken.getLocalPort()))
          .isInstanceOf(DevChainException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " is already in use")
          .hasMessageNotContaining("did not start within");
      assertThat((System.nanoTime() - t0) / 1_000_000_000).as("seconds").isLessThan(20);
    }
  }
}
