package org.spectrumledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
    try (AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(2))) {
      HttpService http = new HttpService(chain.rpcUrl());
      Web3j web3j = Web3j.build(http);
      rpc(http, "evm_setAutomine", false);
      try (TxSubmitter tx =
          new TxSubmitter(
              web3j,
              org.web3j.crypto.Credentials.create(chain.fundedKeys().getFirst().exportPrivateKey()),
              chain.chainId(),
              GasFees.free(),
              Duration.ofSeconds(30),
              chain.rpcUrl())) {
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
      } finally {
        web3j.shutdown();
      }
    }
  }

  private static void awaitPooled(HttpService http, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (pooled(http) == 0) {
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

  /** {@code txpool_status}: counts by pool, as hex strings. */
  public static final class TxPoolStatus extends org.web3j.protocol.core.Response<Object> {}
}
