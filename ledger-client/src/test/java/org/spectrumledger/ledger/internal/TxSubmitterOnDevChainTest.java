package org.spectrumledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.http.HttpService;

/** The submitter against a real node that loses a transaction from its pool. */
class TxSubmitterOnDevChainTest {

  @Test
  void aTransactionTheNodeDroppedIsOfferedAgainWithinABlockPeriodAndMined() throws Exception {
    onNode(
        (chain, http, web3j, tx) -> {
          rpc(http, "evm_setAutomine", false);
          var sent = tx.sendAsync("transfer", chain.fundedKeys().get(1).address(), "0x", 21_000);
          awaitPooled(http, Duration.ofSeconds(5));

          // as anvil does with a transaction that arrives while it seals a full block
          rpc(http, "anvil_dropAllTransactions");
          assertThat(pooled(http)).isZero();
          long t0 = System.nanoTime();
          awaitPooled(http, Duration.ofSeconds(10));
          long backAfterMs = (System.nanoTime() - t0) / 1_000_000;
          rpc(http, "evm_mine");
          TxResult r = sent.get(10, TimeUnit.SECONDS);

          // the bytes would be offered again anyway after 3 s; a lost transaction holds back every
          // later nonce of the key, so on a 1-second chain it is looked for every half second
          assertThat(backAfterMs).as("ms until the node held it again").isLessThan(2_500);
          assertThat(r.blockNumber()).isPositive();
        });
  }

  @Test
  void transactionsWaitingForABlockAskForTheirReceiptsAsTheHeadMovesNotEveryFewMilliseconds()
      throws Exception {
    onNode(
        (chain, http, web3j, tx) -> {
          var to = chain.fundedKeys().get(1).address();
          tx.send("first", to, "0x", 21_000); // mined at once: found at once
          int before = http.calls("eth_getTransactionReceipt");
          assertThat(before).as("receipt requests for a transaction mined at once").isLessThan(4);

          chain.mineEvery(2);
          List<java.util.concurrent.CompletableFuture<TxResult>> sent = new java.util.ArrayList<>();
          for (int i = 0; i < 20; i++) {
            sent.add(tx.sendAsync("transfer " + i, to, "0x", 21_000));
          }
          long blocks0 = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
          for (var f : sent) {
            assertThat(f.get(20, TimeUnit.SECONDS).blockNumber()).isGreaterThan(blocks0);
          }
          // Each waited up to two seconds for its block. Looking every 100 ms, twenty would have
          // asked about 400 times; asking at the start, when the head moves and every half second
          // while it does not, about 5 times each.
          int receipts = http.calls("eth_getTransactionReceipt") - before;
          assertThat(receipts).as("receipt requests for 20 transactions").isBetween(20, 20 * 7);
          assertThat(http.calls("eth_blockNumber"))
              .as("the head, read by one poller for all (10 a second at most)")
              .isLessThan(60);
        });
  }

  @Test
  void aNodeThatCannotSayItsHeadStillHasItsReceiptsFound() throws Exception {
    onNode(
        (chain, http, web3j, tx) -> {
          chain.mineEvery(1);
          var to = chain.fundedKeys().get(1).address();
          assertThat(tx.sendAsync("first", to, "0x", 21_000).get(10, TimeUnit.SECONDS)).isNotNull();
          // the head was known; now the node stops saying it, and still mines
          http.failing("eth_blockNumber");
          var sent = tx.sendAsync("second", to, "0x", 21_000);
          assertThat(sent.get(10, TimeUnit.SECONDS).blockNumber()).isPositive();
        });
  }

  @Test
  void aReceiptTheNodeShowsOnlyAfterItsBlockIsStillFoundWithNoBlockAfter() throws Exception {
    onNode(
        (chain, http, web3j, tx) -> {
          rpc(http, "evm_setAutomine", false);
          var sent = tx.sendAsync("transfer", chain.fundedKeys().get(1).address(), "0x", 21_000);
          awaitPooled(http, Duration.ofSeconds(5));
          // as a node behind a balancer may: the head moves before the receipt can be read
          http.hideReceiptsFor(Duration.ofMillis(700));
          rpc(http, "evm_mine");
          // no block comes after this one
          assertThat(sent.get(5, TimeUnit.SECONDS).blockNumber()).isPositive();
        });
  }

  @Test
  void closingTheSubmitterEndsItsWaitsAtOnce() throws Exception {
    onNode(
        (chain, http, web3j, tx) -> {
          rpc(http, "evm_setAutomine", false); // nothing is mined
          var sent = tx.sendAsync("transfer", chain.fundedKeys().get(1).address(), "0x", 21_000);
          awaitPooled(http, Duration.ofSeconds(5));
          Thread.sleep(200); // past its first looks
          tx.close();
          assertThatThrownBy(() -> sent.get(2, TimeUnit.SECONDS))
              .isInstanceOf(java.util.concurrent.ExecutionException.class);
        });
  }

  @Test
  void aTransactionBehindAGapIsNotOfferedAgainOnlyTheMissingOneIs() throws Exception {
    onNode(
        (chain, http, web3j, tx) -> {
          rpc(http, "evm_setAutomine", false);
          // only the drop check may offer a transaction again here, not the periodic re-broadcast
          tx.rebroadcastAfter(Duration.ofMinutes(1));
          Two sent = twoPooled(chain, http, tx);
          var first = sent.first();
          var second = sent.second();
          String firstRaw = http.raws().get(0);
          String secondRaw = http.raws().get(1);

          // the node loses both, and then hears of the later one again (from a peer, on a network),
          // which it keeps queued behind the gap: only the lower nonce is missing
          rpc(http, "anvil_dropAllTransactions");
          rpc(new HttpService(chain.rpcUrl()), "eth_sendRawTransaction", secondRaw);
          // (a drop check may have found the second missing in between, rightly: count from here)
          long secondSends = http.sends(secondRaw);
          awaitPooled(http, 2, Duration.ofSeconds(5));
          Thread.sleep(1_100); // two drop checks more
          rpc(http, "evm_mine");
          assertThat(first.get(10, TimeUnit.SECONDS).blockNumber()).isPositive();
          assertThat(second.get(10, TimeUnit.SECONDS).blockNumber()).isPositive();
          assertThat(http.sends(firstRaw)).as("the lost one offered again").isGreaterThan(1);
          assertThat(http.sends(secondRaw))
              .as("the one the node kept queued, not offered again")
              .isEqualTo(secondSends);
        });
  }

  /**
   * A node that loses a transaction while it seals a block: the loss is looked for as soon as a
   * receipt shows the block, not at the next periodic check, so the transaction still makes the
   * next block.
   */
  @Test
  void aTransactionLostAsABlockIsSealedIsOfferedAgainOnceAReceiptShowsTheBlock() throws Exception {
    onNode(
        (chain, http, web3j, tx) -> {
          rpc(http, "evm_setAutomine", false);
          // neither the periodic drop check nor the re-broadcast comes within this test
          tx.dropCheckEvery(Duration.ofMinutes(1));
          tx.rebroadcastAfter(Duration.ofMinutes(1));
          Two sent = twoPooled(chain, http, tx);
          var first = sent.first();
          var second = sent.second();
          String firstRaw = http.raws().get(0);

          // the block is sealed with the first, and the second is lost
          rpc(http, "anvil_dropAllTransactions");
          rpc(new HttpService(chain.rpcUrl()), "eth_sendRawTransaction", firstRaw);
          rpc(http, "evm_mine");
          long t0 = System.nanoTime();
          assertThat(first.get(10, TimeUnit.SECONDS).blockNumber()).isPositive();
          awaitPooled(http, 1, Duration.ofSeconds(5));
          long backAfterMs = (System.nanoTime() - t0) / 1_000_000;
          rpc(http, "evm_mine");
          assertThat(second.get(10, TimeUnit.SECONDS).blockNumber()).isPositive();
          assertThat(backAfterMs)
              .as("ms from the block to the lost one back in the pool")
              .isLessThan(1_500);
        });
  }

  /** Two transfers of the key, sent and held in the node's pool (a chain that mines when told). */
  private record Two(
      java.util.concurrent.CompletableFuture<TxResult> first,
      java.util.concurrent.CompletableFuture<TxResult> second) {}

  private static Two twoPooled(AnvilChain chain, HttpService http, TxSubmitter tx)
      throws Exception {
    var to = chain.fundedKeys().get(1).address();
    var first = tx.sendAsync("first", to, "0x", 21_000);
    var second = tx.sendAsync("second", to, "0x", 21_000);
    awaitPooled(http, 2, Duration.ofSeconds(5));
    return new Two(first, second);
  }

  /** The body of a test, on a fresh anvil whose requests are counted, with a submitter. */
  private interface OnNode {
    void run(AnvilChain chain, CountingHttpService http, Web3j web3j, TxSubmitter tx)
        throws Exception;
  }

  private static void onNode(OnNode body) throws Exception {
    try (AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(2))) {
      CountingHttpService http = new CountingHttpService(chain.rpcUrl());
      Web3j web3j = Web3j.build(http);
      try (TxSubmitter tx = submitter(chain, web3j)) {
        body.run(chain, http, web3j, tx);
      } finally {
        web3j.shutdown();
      }
    }
  }

  /** A submitter for the chain's first funded key, fees free, over {@code web3j}. */
  private static TxSubmitter submitter(AnvilChain chain, Web3j web3j) {
    return new TxSubmitter(
        web3j,
        org.web3j.crypto.Credentials.create(chain.fundedKeys().getFirst().exportPrivateKey()),
        chain.chainId(),
        GasFees.free(),
        Duration.ofSeconds(30),
        chain.rpcUrl());
  }

  private static void awaitPooled(HttpService http, Duration within) throws Exception {
    awaitPooled(http, 1, within);
  }

  private static void awaitPooled(HttpService http, long count, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (pooled(http) < count) {
      assertThat(System.nanoTime()).as("the transaction back in the pool").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** Transactions the node holds ready to mine. */
  private static long pooled(HttpService http) throws Exception {
    var status = new Request<>("txpool_status", List.of(), http, TxPoolStatus.class).send();
    return Long.decode(String.valueOf(((java.util.Map<?, ?>) status.getResult()).get("pending")));
  }

  private static void rpc(HttpService http, String method, Object... params) throws Exception {
    var res = new Request<>(method, List.of(params), http, EthBlockNumber.class).send();
    assertThat(res.getError()).as(method).isNull();
  }

  /** Counts the raw transactions offered to the node, by their bytes. */
  static final class CountingHttpService extends HttpService {
    private final java.util.List<String> raws =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    CountingHttpService(String url) {
      super(url);
    }

    @Override
    protected java.io.InputStream performIO(String payload) throws java.io.IOException {
      var m =
          java.util.regex.Pattern.compile("eth_sendRawTransaction\",\"params\":\\[\"(0x[0-9a-f]+)")
              .matcher(payload);
      if (m.find()) {
        raws.add(m.group(1));
      }
      var method = java.util.regex.Pattern.compile("\"method\":\"(\\w+)\"").matcher(payload);
      if (payload.contains("\"eth_getTransactionReceipt\"") && System.nanoTime() < hiddenUntil) {
        var id = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(payload);
        String answer =
            "{\"jsonrpc\":\"2.0\",\"id\":" + (id.find() ? id.group(1) : "0") + ",\"result\":null}";
        return new java.io.ByteArrayInputStream(
            answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      while (method.find()) {
        calls.merge(method.group(1), 1, Integer::sum);
        if (method.group(1).equals(failing)) {
          throw new java.io.IOException(failing + " fails on this node");
        }
      }
      return super.performIO(payload);
    }

    private volatile String failing;

    private volatile long hiddenUntil;

    /** Answers every receipt request "not yet" for {@code span} from now. */
    void hideReceiptsFor(Duration span) {
      this.hiddenUntil = System.nanoTime() + span.toNanos();
    }

    /** Makes every request of JSON-RPC method {@code name} fail as an unreachable node's does. */
    void failing(String name) {
      this.failing = name;
    }

    private final java.util.Map<String, Integer> calls =
        new java.util.concurrent.ConcurrentHashMap<>();

    /** Requests of JSON-RPC method {@code name} so far. */
    int calls(String name) {
      return calls.getOrDefault(name, 0);
    }

    List<String> raws() {
      return List.copyOf(raws);
    }

    long sends(String raw) {
      return raws().stream().filter(raw::equals).count();
    }
  }

  /** {@code txpool_status}: counts by pool, as hex strings. */
  public static final class TxPoolStatus extends org.web3j.protocol.core.Response<Object> {}
}
