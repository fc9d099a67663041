package org.spectrumledger.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.spectrumledger.ledger.internal.AbiRegistry;
import org.spectrumledger.ledger.internal.TxSubmitter;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The connection and transaction core the contract clients share: one web3j client, one submitter
 * for the key (so one nonce sequence), and the reads and log queries every contract needs.
 */
final class LedgerCore implements AutoCloseable {

  private static final int LOG_CHUNK = 5_000;

  private final LedgerConfig config;
  private final Web3j web3j;
  private final TxSubmitter submitter;
  private final ReadonlyTransactionManager reader;
  private final DefaultGasProvider gas = new DefaultGasProvider();
  private final Consumer<Exception> explainFailedRead;

  LedgerCore(LedgerConfig config, Web3j web3j) {
    this.config = config;
    this.web3j = web3j;
    this.explainFailedRead = e -> requireContracts(web3j, config.deployment(), config.rpcUrl(), e);
    String from = config.key() == null ? Address.ZERO.hex() : config.key().address().hex();
    this.reader = new ReadonlyTransactionManager(web3j, from);
    this.submitter =
        config.key() == null
            ? null
            : new TxSubmitter(
                web3j,
                InternalKeys.credentials(config.key()),
                config.chainId(),
                config.fees(),
                config.receiptTimeout(),
                config.rpcUrl());
  }

  LedgerConfig config() {
    return config;
  }

  Deployment deployment() {
    return config.deployment();
  }

  long chainId() {
    return config.chainId();
  }

  Web3j web3j() {
    return web3j;
  }

  /** The read-only transaction manager the generated wrappers are loaded with. */
  ReadonlyTransactionManager reader() {
    return reader;
  }

  DefaultGasProvider gas() {
    return gas;
  }

  /** The address transactions are signed by; throws for a read-only client. */
  Address address() {
    return requireKey().address();
  }

  /** The latest block number. */
  long blockNumber() {
    return call(() -> web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
  }

  TxResult send(String operation, Address to, String data) {
    return requireSubmitter().send(operation, to, data, 0);
  }

  TxSubmitter requireSubmitter() {
    requireKey();
    return submitter;
  }

  SigningKey requireKey() {
    if (config.key() == null) {
      throw new IllegalStateException(
          "this ledger client is read-only: it was created without a key");
    }
    return config.key();
  }

  /**
   * Events named {@code name} (of any of the deployment's contracts) whose indexed fields match the
   * given topics (null: any), from the deployment block to the head, in chain order.
   */
  List<LedgerEvent> eventsWhere(String name, String topic1, String topic2, String topic3) {
    return eventsWhere(name, deployment().deploymentBlock(), blockNumber(), topic1, topic2, topic3);
  }

  List<LedgerEvent> eventsWhere(
      String name, long fromBlock, long toBlock, String topic1, String topic2, String topic3) {
    String topic0 = AbiRegistry.shared().eventTopic(name);
    List<Address> contracts =
        List.of(
            deployment().token(),
            deployment().policy(),
            deployment().exchange(),
            deployment().court());
    List<LedgerEvent> out = new ArrayList<>();
    for (Log log :
        logs(
            Math.max(fromBlock, deployment().deploymentBlock()),
            toBlock,
            contracts,
            topic0,
            topic1,
            topic2,
            topic3)) {
      AbiRegistry.shared().decode(log).ifPresent(out::add);
    }
    out.sort(Comparator.comparing(LedgerEvent::position));
    return out;
  }

  /** Logs in [from, to], in chunks a node accepts; topics are null for "any". */
  List<Log> logs(
      long from, long to, List<Address> addresses, String t0, String t1, String t2, String t3) {
    return logs(from, to, addresses, new String[] {t0}, t1, t2, t3);
  }

  /** Logs in [from, to] whose topic-0 is one of {@code topic0s}, in chunks a node accepts. */
  List<Log> logs(long from, long to, List<Address> addresses, List<String> topic0s) {
    return logs(from, to, addresses, topic0s.toArray(String[]::new), null, null, null);
  }

  private List<Log> logs(
      long from, long to, List<Address> addresses, String[] t0s, String t1, String t2, String t3) {
    List<Log> out = new ArrayList<>();
    for (long start = from; start <= to; start += LOG_CHUNK) {
      long end = Math.min(to, start + LOG_CHUNK - 1);
      EthFilter filter =
          new EthFilter(
              DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
              DefaultBlockParameter.valueOf(BigInteger.valueOf(end)),
              addresses.stream().map(Address::hex).toList());
      filter.addOptionalTopics(t0s);
      filter.addOptionalTopics(t1);
      filter.addOptionalTopics(t2);
      filter.addOptionalTopics(t3);
      EthLog result = call(() -> web3j.ethGetLogs(filter).send());
      if (result.hasError()) {
        throw new LedgerException("eth_getLogs failed: " + result.getError().getMessage());
      }
      for (EthLog.LogResult<?> r : result.getLogs()) {
        out.add((Log) r.get());
      }
    }
    return out;
  }

  static void positive(BigInteger amount, String what) {
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException(what + " amount must be positive: " + amount);
    }
  }

  static DefaultBlockParameter latest() {
    return DefaultBlockParameterName.LATEST;
  }

  /** A read that may fail with an I/O error. */
  @FunctionalInterface
  interface Read<T> {
    T get() throws Exception;
  }

  /**
   * {@code read}, its failures as ledger exceptions. A contract read of an address with no code
   * gets no data back, which web3j reports as an empty value (or, for several return values, as an
   * index out of bounds), not as a missing contract: a read that fails other than by I/O looks for
   * the deployment's contracts, and is a {@link NoContractException} when one is not there (a chain
   * restarted under a running node, a record for another chain). Only failures pay for the look.
   */
  <T> T call(Read<T> read) {
    return call(read, config.rpcUrl(), explainFailedRead);
  }

  static <T> T call(Read<T> read, String rpcUrl) {
    return call(read, rpcUrl, null);
  }

  private static <T> T call(Read<T> read, String rpcUrl, Consumer<Exception> explain) {
    try {
      return read.get();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw notJsonRpc(rpcUrl, " with something other than JSON", e);
    } catch (IOException e) {
      throw new LedgerUnavailableException(
          "the ledger node at " + rpcUrl + " is unreachable: " + describe(e), e);
    } catch (ClientConnectionException e) {
      throw unwelcome(rpcUrl, e);
    } catch (LedgerException | IllegalArgumentException | IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      // a view that reverted was answered by its contract (web3j throws the same class for a
      // revert and for an empty answer, and says which): only other failures look for it
      boolean reverted =
          e instanceof org.web3j.tx.exceptions.ContractCallException
              && String.valueOf(e.getMessage()).contains("reverted");
      if (explain != null && !reverted) {
        try {
          explain.accept(e);
        } catch (LedgerException gone) {
          gone.addSuppressed(e);
          throw gone;
        }
      }
      throw new LedgerException("ledger call failed: " + describe(e), e);
    }
  }

  private static final java.util.regex.Pattern HTTP_STATUS =
      java.util.regex.Pattern.compile("^Invalid response received: (\\d{3})");

  /**
   * An HTTP answer other than 200 (web3j gives the status and the whole body in its message): a
   * node that is up but will not serve now, one that wants credentials, or something that is not a
   * JSON-RPC node at all (a web server, the broker's API).
   */
  private static LedgerUnavailableException unwelcome(String rpcUrl, ClientConnectionException e) {
    java.util.regex.Matcher m = HTTP_STATUS.matcher(String.valueOf(e.getMessage()));
    int status = m.find() ? Integer.parseInt(m.group(1)) : 0;
    return switch (status) {
      case 401, 403 ->
          new LedgerUnavailableException(
              "the ledger node at " + rpcUrl + " refused access (HTTP " + status + ")", e);
      case 429, 502, 503, 504 ->
          new LedgerUnavailableException(
              "the ledger node at " + rpcUrl + " is unavailable (HTTP " + status + ")", e);
      default -> notJsonRpc(rpcUrl, status == 0 ? "" : " HTTP " + status, e);
    };
  }

  private static LedgerUnavailableException notJsonRpc(String rpcUrl, String how, Exception e) {
    // (said the same at connect time, where it is most likely a wrong URL, and mid-run, where a
    // node that answered before may be behind a proxy that now answers for it)
    return new LedgerUnavailableException(
        rpcUrl
            + " answers"
            + how
            + ", not as an Ethereum JSON-RPC node does: is it the chain node's URL (--rpc)?",
        e);
  }

  /**
   * Throws {@link NoContractException} for the first contract of {@code deployment} the node holds
   * no code for; {@code cause} is the failed read that led here, or null.
   */
  static void requireContracts(Web3j web3j, Deployment deployment, String rpcUrl, Exception cause) {
    for (var e : deployment.contracts().entrySet()) {
      Address at = e.getValue().address();
      String code = call(() -> web3j.ethGetCode(at.hex(), latest()).send().getCode(), rpcUrl);
      if (code == null || code.isEmpty() || code.equals("0x")) {
        throw new NoContractException(e.getKey(), at, rpcUrl, cause);
      }
    }
  }

  private static String describe(Throwable e) {
    return org.spectrumledger.ledger.io.ConnectionReasons.of(e);
  }

  static long chainId(Web3j web3j, String rpcUrl) {
    return call(
        () -> {
          var answer = web3j.ethChainId().send();
          if (answer.getError() == null && answer.getResult() == null) {
            // JSON, but neither a result nor an error: not a JSON-RPC answer
            throw notJsonRpc(rpcUrl, " with JSON", null);
          }
          if (answer.getError() != null) {
            throw new LedgerException(
                "the ledger node at "
                    + rpcUrl
                    + " would not give its chain id: "
                    + answer.getError().getMessage());
          }
          return answer.getChainId().longValueExact();
        },
        rpcUrl);
  }

  @Override
  public void close() {
    if (submitter != null) {
      submitter.close();
    }
    web3j.shutdown();
  }
}
