package org.spectrumledger.ledger.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.Hex;
import org.spectrumledger.ledger.InsufficientFundsException;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.OrderHasher;
import org.spectrumledger.ledger.TransactionTimeoutException;
import org.spectrumledger.ledger.TxResult;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends transactions from one key: simulates first (a revert costs nothing and comes back decoded),
 * assigns nonces locally so many transactions can be in flight, signs, broadcasts, and waits for
 * the receipt.
 *
 * <p>Retries never submit twice: a transaction is signed once and only those exact bytes are ever
 * re-broadcast (their hash is the transaction's identity). A new signature with a fresh nonce is
 * made only when the node says the old nonce is taken and the old hash is unknown to it, so the old
 * bytes can never be mined.
 */
public final class TxSubmitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TxSubmitter.class);
  private static final BigInteger DEFAULT_MAX_GAS = BigInteger.valueOf(30_000_000);

  private final Web3j web3j;
  private final Credentials credentials;
  private final Address from;
  private final long chainId;
  private final GasFees fees;
  private final Duration receiptTimeout;
  private final String rpcUrl;
  private final ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * Held while a transaction is signed and offered to the node (the nonce is taken in order). A
   * lock, not a monitor: it is held across a call to the node, by virtual threads, which a monitor
   * pins to their carrier on Java 21.
   */
  private final ReentrantLock sendLock = new ReentrantLock();

  private long nextNonce = -1;

  public TxSubmitter(
      Web3j web3j,
      Credentials credentials,
      long chainId,
      GasFees fees,
      Duration receiptTimeout,
      String rpcUrl) {
    this.web3j = web3j;
    this.credentials = credentials;
    this.from = Address.of(credentials.getAddress());
    this.chainId = chainId;
    this.fees = fees;
    this.receiptTimeout = receiptTimeout;
    this.rpcUrl = rpcUrl;
  }

  public Address from() {
    return from;
  }

  /** Sends a call to {@code to} (null creates a contract) and waits for its receipt. */
  public TxResult send(String operation, Address to, String data, long gasLimit) {
    return await(operation, submit(operation, to, data, gasLimit));
  }

  /** Sends and returns at once; the future completes with the receipt. */
  public CompletableFuture<TxResult> sendAsync(
      String operation, Address to, String data, long gasLimit) {
    Signed signed = submit(operation, to, data, gasLimit);
    return CompletableFuture.supplyAsync(() -> await(operation, signed), waiters);
  }

  /**
   * Simulates the call as this key at the latest block; empty when it would succeed, the decoded
   * revert when it would not.
   */
  public Optional<ContractRevertedException> simulate(String operation, Address to, String data) {
    return simulateAs(operation, from, to, data);
  }

  /**
   * Simulates the call as {@code caller} (an {@code eth_call} needs no signature, so any address, a
   * contract's own included) at the latest block; empty when it would succeed.
   */
  public Optional<ContractRevertedException> simulateAs(
      String operation, Address caller, Address to, String data) {
    EthCall call = ethCall(caller, to, data);
    if (call.hasError() || call.isReverted()) {
      String revertData =
          call.getError() == null ? null : String.valueOf(call.getError().getData());
      return Optional.of(revert(operation, revertData, call.getRevertReason(), null));
    }
    return Optional.empty();
  }

  /**
   * The return data of the call as {@code caller} at the latest block, 0x hex; throws the decoded
   * revert when it would revert.
   */
  public String callAs(String operation, Address caller, Address to, String data) {
    EthCall call = ethCall(caller, to, data);
    if (call.hasError() || call.isReverted()) {
      String revertData =
          call.getError() == null ? null : String.valueOf(call.getError().getData());
      throw revert(operation, revertData, call.getRevertReason(), null);
    }
    return call.getValue();
  }

  /**
   * The call as this key at the latest block: empty when it returns, else its revert data as 0x hex
   * ("0x" when the revert carries none).
   */
  public Optional<String> revertData(Address to, String data) {
    EthCall call = ethCall(from, to, data);
    if (call.hasError() || call.isReverted()) {
      Object d = call.getError() == null ? null : call.getError().getData();
      return Optional.of(d == null ? "0x" : String.valueOf(d));
    }
    return Optional.empty();
  }

  /** Decodes the revert {@code data} of {@code operation} into its typed exception. */
  public ContractRevertedException decodeRevert(String operation, String data) {
    return revert(operation, data, null, null);
  }

  private EthCall ethCall(Address caller, Address to, String data) {
    try {
      return web3j
          .ethCall(
              Transaction.createEthCallTransaction(caller.hex(), to.hex(), data),
              DefaultBlockParameterName.LATEST)
          .send();
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  private record Signed(Bytes32 hash, String raw, long nonce, long sentAtNanos) {}

  private Signed submit(String operation, Address to, String data, long gasLimit) {
    BigInteger gas = gasLimit > 0 ? BigInteger.valueOf(gasLimit) : estimate(operation, to, data);
    sendLock.lock();
    try {
      if (nextNonce < 0) {
        nextNonce = pendingNonce();
      }
      for (int attempt = 0; ; attempt++) {
        long nonce = nextNonce;
        String raw = sign(to, data, gas, nonce);
        Bytes32 hash = Bytes32.wrap(OrderHasher.keccak(Hex.decode(raw)));
        Optional<String> error = broadcast(raw);
        if (error.isEmpty()) {
          nextNonce = nonce + 1;
          LOG.debug("{}: sent {} (nonce {})", operation, hash, nonce);
          return new Signed(hash, raw, nonce, System.nanoTime());
        }
        String message = error.get().toLowerCase(Locale.ROOT);
        if (message.contains("already known") || message.contains("known transaction")) {
          nextNonce = nonce + 1;
          return new Signed(hash, raw, nonce, System.nanoTime());
        }
        if ((message.contains("nonce too low") || message.contains("nonce is too low"))
            && attempt < 3) {
          // The nonce is taken, and not by these bytes (they were never sent): resync, re-sign.
          nextNonce = pendingNonce();
          continue;
        }
        if (message.contains("insufficient funds")) {
          throw new InsufficientFundsException(from, operation + ": " + error.get(), null);
        }
        if (message.contains("revert")) {
          throw revert(operation, null, error.get(), null);
        }
        nextNonce = -1; // unknown state: ask the node next time
        throw new LedgerException(operation + " was refused by the node: " + error.get());
      }
    } finally {
      sendLock.unlock();
    }
  }

  private BigInteger estimate(String operation, Address to, String data) {
    EthEstimateGas estimate;
    try {
      estimate =
          web3j
              .ethEstimateGas(
                  Transaction.createFunctionCallTransaction(
                      from.hex(), null, null, null, to == null ? null : to.hex(), data))
              .send();
    } catch (IOException e) {
      throw unavailable(e);
    }
    if (estimate.hasError()) {
      Response.Error err = estimate.getError();
      String msg = err.getMessage() == null ? "" : err.getMessage();
      if (msg.toLowerCase(Locale.ROOT).contains("insufficient funds")) {
        throw new InsufficientFundsException(from, operation + ": " + msg, null);
      }
      throw revert(
          operation, err.getData() == null ? null : String.valueOf(err.getData()), msg, null);
    }
    BigInteger used = estimate.getAmountUsed();
    BigInteger padded =
        used.multiply(BigInteger.valueOf(5))
            .divide(BigInteger.valueOf(4))
            .add(BigInteger.valueOf(20_000));
    return padded.min(DEFAULT_MAX_GAS.max(used));
  }

  private String sign(Address to, String data, BigInteger gas, long nonce) {
    String target = to == null ? "" : to.hex();
    RawTransaction tx;
    switch (fees.mode()) {
      case FREE ->
          tx =
              RawTransaction.createTransaction(
                  BigInteger.valueOf(nonce), BigInteger.ZERO, gas, target, BigInteger.ZERO, data);
      case EIP1559 ->
          tx =
              RawTransaction.createTransaction(
                  chainId,
                  BigInteger.valueOf(nonce),
                  gas,
                  target,
                  BigInteger.ZERO,
                  data,
                  fees.maxPriorityFeePerGas(),
                  fees.maxFeePerGas());
      default -> {
        BigInteger baseFee = latestBaseFee();
        if (baseFee.signum() == 0) {
          tx =
              RawTransaction.createTransaction(
                  BigInteger.valueOf(nonce), BigInteger.ZERO, gas, target, BigInteger.ZERO, data);
        } else {
          BigInteger tip = suggestedTip();
          tx =
              RawTransaction.createTransaction(
                  chainId,
                  BigInteger.valueOf(nonce),
                  gas,
                  target,
                  BigInteger.ZERO,
                  data,
                  tip,
                  baseFee.shiftLeft(1).add(tip));
        }
      }
    }
    byte[] signed =
        tx.getType().isLegacy()
            ? TransactionEncoder.signMessage(tx, chainId, credentials)
            : TransactionEncoder.signMessage(tx, credentials);
    return Hex.encode(signed);
  }

  /** Broadcasts; empty on success, the node's error message otherwise. Retries on I/O errors. */
  private Optional<String> broadcast(String raw) {
    IOException last = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      try {
        EthSendTransaction sent = web3j.ethSendRawTransaction(raw).send();
        if (sent.hasError()) {
          return Optional.of(String.valueOf(sent.getError().getMessage()));
        }
        return Optional.empty();
      } catch (IOException e) {
        last = e;
        sleep(200L << attempt);
      }
    }
    nextNonce = -1;
    throw unavailable(last);
  }

  /** How long a sent transaction may go unmined before its bytes are offered again. */
  private static final Duration REBROADCAST = Duration.ofSeconds(3);

  private volatile Duration rebroadcast = REBROADCAST;

  /** Sets how long an unmined transaction waits before its bytes are offered again (tests). */
  void rebroadcastAfter(Duration after) {
    this.rebroadcast = after;
  }

  /**
   * How often a transaction still unmined is looked for in the node's pool: one the node dropped is
   * offered again at once, not {@link #REBROADCAST} later (on a 1-second chain that is blocks in
   * which every later nonce of this key waits behind it). It is also looked for as soon as a
   * receipt shows a new block: a node loses a transaction while it seals a block (seen on anvil),
   * and one found then still makes the next block.
   */
  private static final Duration DROP_CHECK = Duration.ofMillis(500);

  private volatile Duration dropCheck = DROP_CHECK;

  /** The newest block a receipt of this key was found in; 0 before the first. */
  private final AtomicLong newestBlock = new AtomicLong();

  /** Sets how often an unmined transaction is looked for in the node's pool (tests). */
  void dropCheckEvery(Duration every) {
    this.dropCheck = every;
  }

  /** How often the shared poller reads the chain's head while transactions wait. */
  private static final long HEAD_PERIOD_MILLIS = 100;

  /** A receipt is looked for at once, then 5, 15 and 35 ms later, then as the head moves. */
  private static final long FAST_LOOKS_MILLIS = 40;

  /** The longest pause between two turns of the wait (a drop check may be due at each). */
  private static final long MOST_PAUSE_MILLIS = 500;

  /**
   * The longest a waiting transaction goes without asking for its receipt, head moving or not: a
   * node behind a balancer may show the head before the receipt, and a head read that hangs leaves
   * the head as it was.
   */
  private static final long LOOK_AT_LEAST_NANOS = 2_000_000_000L;

  private final HeadWatch heads = new HeadWatch(this::blockNumber, HEAD_PERIOD_MILLIS);

  private long blockNumber() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  private TxResult await(String operation, Signed signed) {
    long deadline = System.nanoTime() + receiptTimeout.toNanos();
    long pause = 5;
    long rebroadcastAt = System.nanoTime() + rebroadcast.toNanos();
    long dropCheckAt = System.nanoTime() + dropCheck.toNanos();
    // read before the receipt is looked for, so a block sealed in between wakes the wait below
    long head = heads.head();
    long checkedAtBlock = Math.max(newestBlock.get(), head);
    boolean look = true;
    long lookedAt = 0;
    while (true) {
      if (look) {
        lookedAt = System.nanoTime();
        Optional<TransactionReceipt> receipt = receipt(signed.hash());
        if (receipt.isPresent()) {
          return result(operation, signed, receipt.get());
        }
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new TransactionTimeoutException(signed.hash(), receiptTimeout.toSeconds());
      }
      boolean dropped = false;
      // a block sealed since the last look, seen by a receipt or by the head itself: a node that
      // lost this transaction while sealing it holds back every later nonce of the key
      long block = Math.max(newestBlock.get(), head);
      if (now > dropCheckAt || block > checkedAtBlock) {
        dropped = droppedByNode(signed, block);
        dropCheckAt = now + dropCheck.toNanos();
        checkedAtBlock = block;
      }
      if (dropped || now > rebroadcastAt) {
        // A node may drop a pending transaction (restart, full pool, a transaction that arrived
        // while it sealed a full block: seen on anvil), and every later nonce of this key waits
        // behind it: offer the same bytes again (a node that has them answers "already known").
        if (dropped) {
          LOG.debug(
              "{}: {} not ready in the node's pool (dropped, or behind a gap); offered again",
              operation,
              signed.hash());
        }
        broadcastQuietly(signed.raw());
        rebroadcastAt = now + rebroadcast.toNanos();
      }
      // A receipt comes with a block: look again when the head moves. The first looks come after
      // short pauses whatever the head (a node that mines each transaction at once may answer
      // before it has the receipt); later pauses keep the drop checks on time while no block
      // comes. Without a block, look again while the node cannot say its head, and every
      // LOOK_AT_LEAST_NANOS all the same.
      long seen = head;
      head = awaitHead(seen, pause, signed);
      look =
          head != seen
              || head < 0
              || pause < FAST_LOOKS_MILLIS
              || System.nanoTime() - lookedAt >= LOOK_AT_LEAST_NANOS;
      pause =
          pause < FAST_LOOKS_MILLIS ? pause * 2 : Math.min(MOST_PAUSE_MILLIS, dropCheck.toMillis());
    }
  }

  private long awaitHead(long seen, long maxMillis, Signed signed) {
    try {
      return heads.awaitChange(seen, maxMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted while waiting for the ledger", e);
    } catch (HeadWatch.Closed e) {
      throw new LedgerException(
          "the submitter was closed while " + signed.hash() + " waited for its receipt", e);
    }
  }

  /**
   * The node's next nonce for this key counting its pool, when it was read (nanoTime), and the
   * newest block a receipt had shown by then.
   */
  private record PoolNonce(long next, long readAt, long afterBlock) {}

  /** The last {@link PoolNonce} read, shared by every transaction this key waits on. */
  private volatile PoolNonce poolNonce;

  /**
   * Whether the node no longer holds {@code signed}: its next nonce for this key, counting the
   * pool, is the transaction's (the receipt was looked for just before). One reading serves every
   * transaction of the key waiting within {@link #DROP_CHECK}, unless a receipt has shown a newer
   * block than {@code block} since: a reading from before a block cannot tell what the block's
   * sealing lost. A transaction further on, behind the gap, is asked for by its hash: nodes keep
   * those queued (Besu, anvil), and only one the node lost is offered again. False when the node
   * cannot say.
   */
  private boolean droppedByNode(Signed signed, long block) {
    PoolNonce known = poolNonce;
    long now = System.nanoTime();
    if (known == null || now - known.readAt() > dropCheck.toNanos() || known.afterBlock() < block) {
      try {
        known = new PoolNonce(pendingNonce(), now, block);
      } catch (RuntimeException e) { // unreachable, or an answer that is no nonce
        return false;
      }
      poolNonce = known;
    }
    if (known.next() != signed.nonce()) {
      return known.next() < signed.nonce() && !nodeHolds(signed.hash());
    }
    return true;
  }

  /** Whether the node knows the transaction, pooled or mined; true when it cannot say. */
  private boolean nodeHolds(Bytes32 hash) {
    try {
      return web3j.ethGetTransactionByHash(hash.hex()).send().getTransaction().isPresent();
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private void broadcastQuietly(String raw) {
    try {
      web3j.ethSendRawTransaction(raw).send();
    } catch (IOException e) {
      LOG.debug("re-broadcast failed: {}", e.getMessage());
    }
  }

  private Optional<TransactionReceipt> receipt(Bytes32 hash) {
    for (int attempt = 0; ; attempt++) {
      try {
        return web3j.ethGetTransactionReceipt(hash.hex()).send().getTransactionReceipt();
      } catch (IOException e) {
        if (attempt >= 20) {
          throw unavailable(e);
        }
        sleep(Math.min(2000, 100L << Math.min(attempt, 4)));
      }
    }
  }

  private TxResult result(String operation, Signed signed, TransactionReceipt r) {
    long block = r.getBlockNumber().longValueExact();
    newestBlock.accumulateAndGet(block, Math::max);
    ReceiptEvents events = new ReceiptEvents(r.getLogs());
    Address created = r.getContractAddress() == null ? null : Address.of(r.getContractAddress());
    if (!r.isStatusOK()) {
      String data = r.getRevertReason();
      if (data == null || !data.startsWith("0x")) {
        data = replayRevertData(r);
      }
      throw revert(operation, data, r.getRevertReason(), signed.hash());
    }
    TxResult result =
        new TxResult(
            signed.hash(),
            block,
            r.getGasUsed().longValueExact(),
            created,
            events,
            System.nanoTime() - signed.sentAtNanos());
    LOG.info("{}: tx {} in block {}, gas {}", operation, signed.hash(), block, result.gasUsed());
    return result;
  }

  /** The revert data of a mined, failed transaction, by replaying it on the parent block. */
  private String replayRevertData(TransactionReceipt r) {
    try {
      var tx = web3j.ethGetTransactionByHash(r.getTransactionHash()).send().getTransaction();
      if (tx.isEmpty()) {
        return null;
      }
      EthCall call =
          web3j
              .ethCall(
                  Transaction.createFunctionCallTransaction(
                      tx.get().getFrom(),
                      null,
                      null,
                      tx.get().getGas(),
                      tx.get().getTo(),
                      tx.get().getInput()),
                  DefaultBlockParameter.valueOf(r.getBlockNumber().subtract(BigInteger.ONE)))
              .send();
      return call.getError() == null ? null : String.valueOf(call.getError().getData());
    } catch (IOException e) {
      return null;
    }
  }

  private ContractRevertedException revert(
      String operation, String data, String message, Bytes32 txHash) {
    return RevertDecoder.shared().exception(operation, data, message, txHash);
  }

  private long pendingNonce() {
    try {
      return web3j
          .ethGetTransactionCount(from.hex(), DefaultBlockParameterName.PENDING)
          .send()
          .getTransactionCount()
          .longValueExact();
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  private BigInteger latestBaseFee() {
    try {
      BigInteger fee =
          web3j
              .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
              .send()
              .getBlock()
              .getBaseFeePerGas();
      return fee == null ? BigInteger.ZERO : fee;
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  private BigInteger suggestedTip() {
    try {
      return web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  private LedgerUnavailableException unavailable(IOException e) {
    return new LedgerUnavailableException(
        "the ledger node at " + rpcUrl + " is unreachable: " + e.getMessage(), e);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted while waiting for the ledger", e);
    }
  }

  @Override
  public void close() {
    heads.close();
    waiters.shutdownNow();
  }
}
