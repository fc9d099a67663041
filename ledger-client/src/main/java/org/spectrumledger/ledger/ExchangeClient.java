package org.spectrumledger.ledger;

import static org.spectrumledger.ledger.LedgerCore.positive;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.spectrumledger.contracts.generated.SpectrumExchange;
import org.spectrumledger.ledger.internal.AbiRegistry;
import org.spectrumledger.ledger.internal.RevertDecoder;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The exchange contract: escrow, orders and their cancellation, batch settlement, leases and fees.
 * Obtained from {@link LedgerClient#exchange()}; shares its connection and key. Orders are signed
 * under the exchange's EIP-712 domain.
 */
public final class ExchangeClient {

  private final LedgerCore core;
  private final PolicyClient policy;
  private final TokenClient token;
  private final SpectrumExchange exchange;
  private final OrderSigner signer;

  /** The selectors of settleBatch and probeBatch, as the generated wrapper names them. */
  private final String settleSelector;

  private final String probeSelector;

  ExchangeClient(LedgerCore core, PolicyClient policy, TokenClient token) {
    this.core = core;
    this.policy = policy;
    this.token = token;
    this.exchange =
        SpectrumExchange.load(
            core.deployment().exchange().hex(), core.web3j(), core.reader(), core.gas());
    this.signer = new OrderSigner(core.deployment().domain());
    this.settleSelector =
        exchange.settleBatch(BigInteger.ZERO, List.of()).encodeFunctionCall().substring(0, 10);
    this.probeSelector =
        exchange.probeBatch(BigInteger.ZERO, List.of()).encodeFunctionCall().substring(0, 10);
  }

  // ------------------------------------------------------------------ orders

  /** Signs and recovers orders under this deployment's EIP-712 domain. */
  public OrderSigner orderSigner() {
    return signer;
  }

  /** Signs {@code order} with this client's key. */
  public SignedOrder sign(Order order) {
    return signer.sign(order, core.requireKey());
  }

  // ------------------------------------------------------------------ escrow

  /**
   * Deposits {@code amount} into this key's escrow, approving the exchange first when the allowance
   * is short. Checks the token balance first: a short balance is an {@link
   * InsufficientFundsException}, not a revert.
   */
  public TxResult deposit(BigInteger amount) {
    positive(amount, "deposit");
    Address me = core.address();
    BigInteger balance = token.tokenBalance(me);
    if (balance.compareTo(amount) < 0) {
      throw new InsufficientFundsException(me, "its wallet", amount, balance);
    }
    BigInteger allowance = token.allowance(me, core.deployment().exchange());
    if (allowance.compareTo(amount) < 0) {
      token.approve(core.deployment().exchange(), amount);
    }
    return core.send(
        "deposit", core.deployment().exchange(), exchange.deposit(amount).encodeFunctionCall());
  }

  /** Deposits with an ERC-2612 permit signed by this key: one transaction, no approval. */
  public TxResult depositWithPermit(BigInteger amount, long deadline) {
    positive(amount, "deposit");
    Address me = core.address();
    BigInteger balance = token.tokenBalance(me);
    if (balance.compareTo(amount) < 0) {
      throw new InsufficientFundsException(me, "its wallet", amount, balance);
    }
    BigInteger nonce = token.permitNonce(me);
    String name = token.name();
    Signature sig =
        Permits.sign(
            core.requireKey(),
            name,
            core.chainId(),
            core.deployment().token(),
            core.deployment().exchange(),
            amount,
            nonce,
            deadline);
    return core.send(
        "depositWithPermit",
        core.deployment().exchange(),
        exchange
            .depositWithPermit(
                amount,
                BigInteger.valueOf(deadline),
                BigInteger.valueOf(sig.v()),
                sig.r().bytes(),
                sig.s().bytes())
            .encodeFunctionCall());
  }

  /**
   * Sets {@code amount} of this key's free escrow aside, to withdraw after the settlement window.
   * Checks the free escrow first (together with a pending request, which this one replaces): an
   * amount beyond it is an {@link InsufficientFundsException}, not a request that would then block
   * the key's bids.
   */
  public TxResult requestWithdrawal(BigInteger amount) {
    positive(amount, "withdrawal");
    Address me = core.address();
    BigInteger available = escrowOf(me).add(pendingWithdrawal(me).amount());
    if (available.compareTo(amount) < 0) {
      throw new InsufficientFundsException(me, "free escrow", amount, available);
    }
    return core.send(
        "requestWithdrawal",
        core.deployment().exchange(),
        exchange.requestWithdrawal(amount).encodeFunctionCall());
  }

  public TxResult cancelWithdrawal() {
    return core.send(
        "cancelWithdrawal",
        core.deployment().exchange(),
        exchange.cancelWithdrawal().encodeFunctionCall());
  }

  public TxResult withdraw() {
    return core.send(
        "withdraw", core.deployment().exchange(), exchange.withdraw().encodeFunctionCall());
  }

  public TxResult cancelOrders(List<Long> nonces) {
    if (nonces.isEmpty()) {
      throw new IllegalArgumentException("no nonces to cancel");
    }
    return core.send(
        "cancelOrders",
        core.deployment().exchange(),
        exchange
            .cancelOrders(nonces.stream().map(Unsigned64::toBigInteger).toList())
            .encodeFunctionCall());
  }

  public TxResult cancelUpTo(long minValidNonce) {
    return core.send(
        "cancelUpTo",
        core.deployment().exchange(),
        exchange.cancelUpTo(Unsigned64.toBigInteger(minValidNonce)).encodeFunctionCall());
  }

  // ------------------------------------------------------------------ settlement

  /**
   * Settles a batch; the key must hold the broker role. A market that cannot settle is skipped and
   * the rest settle: the receipt's {@code MarketSkipped} events say which and why ({@link
   * #skippedMarkets}).
   */
  public TxResult settleBatch(long batchId, List<Clearing> clearings) {
    policy.requireRole(Role.BROKER);
    return core.send(
        "settleBatch " + batchId,
        core.deployment().exchange(),
        encodeSettleBatch(batchId, clearings));
  }

  /** Sends a batch and returns at once; the future completes with its receipt. */
  public CompletableFuture<TxResult> settleBatchAsync(
      long batchId, List<Clearing> clearings, long gasLimit) {
    return core.requireSubmitter()
        .sendAsync(
            "settleBatch " + batchId,
            core.deployment().exchange(),
            encodeSettleBatch(batchId, clearings),
            gasLimit);
  }

  /**
   * Simulates a batch as this key at the latest block: empty when it would settle, the decoded
   * revert when the whole batch would not. Nothing is sent. Markets that would be skipped do not
   * make the batch revert: {@link #marketsToSkip} finds them.
   */
  public Optional<ContractRevertedException> simulateSettleBatch(
      long batchId, List<Clearing> clearings) {
    return core.requireSubmitter()
        .simulate(
            "settleBatch " + batchId,
            core.deployment().exchange(),
            encodeSettleBatch(batchId, clearings));
  }

  /**
   * The clearings of a batch that would be skipped if it were settled now, each with the decoded
   * error that would stop it, by index in {@code clearings}. Nothing is sent; see {@link
   * #probeBatch}.
   */
  public Map<Integer, ContractRevertedException> marketsToSkip(
      long batchId, List<Clearing> clearings) {
    return probeBatch(batchId, clearings).toSkip();
  }

  /**
   * Runs a batch as the exchange would settle it now, with nothing sent and nothing kept (the
   * exchange's {@code probeBatch}, one execution): the clearings it would skip, each with the
   * decoded error that would stop it (each simulated alone from the exchange's own address, which
   * is how the exchange calls it, to learn why), and the gas the batch's execution used. Throws the
   * decoded revert when the batch as a whole would revert.
   */
  public BatchProbe probeBatch(long batchId, List<Clearing> clearings) {
    String operation = "settleBatch " + batchId;
    String data = BatchCalldata.encode(probeSelector, batchId, clearings);
    Optional<String> reverted =
        core.requireSubmitter().revertData(core.deployment().exchange(), data);
    if (reverted.isEmpty()) {
      throw new LedgerException(
          "the exchange's probeBatch returned instead of reporting: is "
              + core.deployment().exchange()
              + " an exchange of this version?");
    }
    ContractRevertedException e = core.requireSubmitter().decodeRevert(operation, reverted.get());
    if (!(e.error() instanceof ContractError.ExchangeBatchProbed probed)) {
      throw e;
    }
    BigInteger skipped = probed.skipped();
    long gasUsed = probed.gasUsed().longValueExact();
    Map<Integer, ContractRevertedException> out = new java.util.TreeMap<>();
    if (skipped.signum() != 0) {
      int fee = feeBps();
      for (int i = 0; i < clearings.size(); i++) {
        if (skipped.testBit(i)) {
          out.put(i, explainMarket(batchId, fee, clearings.get(i)));
        }
      }
    }
    return new BatchProbe(out, gasUsed);
  }

  /**
   * Sends a batch with a gas limit made from what {@link #probeBatch} found: the transaction's
   * intrinsic and calldata gas, the probed execution gas, the 1/64 of it that a call keeps back
   * from the market it calls (EIP-150), and a margin for the state moving between the probe and the
   * block. One execution instead of an estimate's search, which on a dev chain runs the batch
   * several times.
   */
  public CompletableFuture<TxResult> settleProbedBatchAsync(
      long batchId, List<Clearing> clearings, long probedGas) {
    String data = encodeSettleBatch(batchId, clearings);
    return core.requireSubmitter()
        .sendAsync(
            "settleBatch " + batchId,
            core.deployment().exchange(),
            data,
            gasLimitAfterProbe(data, probedGas));
  }

  /** The gas limit {@link #settleProbedBatchAsync} gives a batch with {@code calldata}. */
  static long gasLimitAfterProbe(String calldata, long probedGas) {
    long intrinsic = 21_000;
    for (int i = 2; i + 1 < calldata.length(); i += 2) {
      boolean zero = calldata.charAt(i) == '0' && calldata.charAt(i + 1) == '0';
      intrinsic += zero ? 4 : 16;
    }
    long execution = probedGas + probedGas / 63;
    return intrinsic + execution + execution / 50 + 20_000;
  }

  private ContractRevertedException explainMarket(long batchId, int feeBps, Clearing clearing) {
    String data =
        exchange
            .settleMarket(
                BigInteger.valueOf(batchId), BigInteger.valueOf(feeBps), wrapperClearing(clearing))
            .encodeFunctionCall();
    Optional<ContractRevertedException> e =
        core.requireSubmitter()
            .simulateAs(
                "settleMarket " + clearing.market(),
                core.deployment().exchange(),
                core.deployment().exchange(),
                data);
    return e.orElseGet(
        () ->
            RevertDecoder.shared()
                .exception(
                    "settleMarket " + clearing.market(),
                    null,
                    "it would be skipped for a reason that has passed since",
                    null));
  }

  /**
   * The markets a settled batch skipped, from its receipt's {@code MarketSkipped} events: each
   * market with the decoded error that stopped it.
   */
  public Map<MarketKey, ContractRevertedException> skippedMarkets(TxResult settled) {
    return skipped(settled.events("MarketSkipped"), settled.txHash());
  }

  /**
   * The markets batch {@code batchId} skipped, found from its {@code MarketSkipped} events on chain
   * (after a restart, when the receipt is gone).
   */
  public Map<MarketKey, ContractRevertedException> skippedMarkets(long batchId) {
    List<LedgerEvent> events =
        core.eventsWhere(
            "MarketSkipped", LedgerClient.topic(BigInteger.valueOf(batchId)), null, null);
    return skipped(events, events.isEmpty() ? null : events.get(0).position().txHash());
  }

  private static Map<MarketKey, ContractRevertedException> skipped(
      List<LedgerEvent> events, Bytes32 txHash) {
    Map<MarketKey, ContractRevertedException> out = new java.util.LinkedHashMap<>();
    for (LedgerEvent e : events) {
      out.put(
          e.market(),
          RevertDecoder.shared()
              .exception("settleBatch market " + e.market(), e.text("reason"), null, txHash));
    }
    return out;
  }

  /** Sends a batch with a fixed gas limit, skipping simulation: a revert then happens on chain. */
  public TxResult settleBatchUnchecked(long batchId, List<Clearing> clearings, long gasLimit) {
    return core.requireSubmitter()
        .send(
            "settleBatch " + batchId,
            core.deployment().exchange(),
            encodeSettleBatch(batchId, clearings),
            gasLimit);
  }

  /** The calldata of {@code settleBatch(batchId, clearings)}. */
  public String encodeSettleBatch(long batchId, List<Clearing> clearings) {
    return BatchCalldata.encode(settleSelector, batchId, clearings);
  }

  /** {@code c} as the generated wrapper takes it (for the calls encoded by web3j). */
  static SpectrumExchange.Clearing wrapperClearing(Clearing c) {
    List<SpectrumExchange.Fill> fills = new ArrayList<>();
    for (Fill f : c.fills()) {
      Order o = f.order().order();
      Signature s = f.order().signature();
      fills.add(
          new SpectrumExchange.Fill(
              o.maker().hex(),
              BigInteger.valueOf(o.side().code()),
              BigInteger.valueOf(o.quantity()),
              BigInteger.valueOf(o.limitPrice()),
              Unsigned64.toBigInteger(o.nonce()),
              Unsigned64.toBigInteger(o.validUntil()),
              o.partialFill(),
              BigInteger.valueOf(f.quantity()),
              s.r().bytes(),
              s.vs().bytes()));
    }
    MarketKey m = c.market();
    return new SpectrumExchange.Clearing(
        BigInteger.valueOf(m.band()),
        Unsigned64.toBigInteger(m.cell()),
        BigInteger.valueOf(m.slotStart()),
        BigInteger.valueOf(m.slotEnd()),
        BigInteger.valueOf(c.price()),
        BigInteger.valueOf(c.cutoff()),
        c.bookRoot().bytes(),
        fills);
  }

  public TxResult setFee(int feeBps) {
    policy.requireRole(Role.ADMIN);
    return core.send(
        "setFee",
        core.deployment().exchange(),
        exchange.setFee(BigInteger.valueOf(feeBps)).encodeFunctionCall());
  }

  public TxResult collectFees(Address to, BigInteger amount) {
    policy.requireRole(Role.ADMIN);
    return core.send(
        "collectFees",
        core.deployment().exchange(),
        exchange.collectFees(to.hex(), amount).encodeFunctionCall());
  }

  // ------------------------------------------------------------------ queries

  public BigInteger escrowOf(Address operator) {
    return core.call(() -> exchange.escrowOf(operator.hex()).send());
  }

  public PendingWithdrawal pendingWithdrawal(Address operator) {
    var t = core.call(() -> exchange.pendingWithdrawal(operator.hex()).send());
    return new PendingWithdrawal(t.component1(), t.component2().longValueExact());
  }

  public long minValidNonce(Address maker) {
    return Unsigned64.fromBigInteger(core.call(() -> exchange.minValidNonce(maker.hex()).send()));
  }

  public OrderStatus orderStatus(Address maker, long nonce) {
    var t =
        core.call(() -> exchange.orderState(maker.hex(), Unsigned64.toBigInteger(nonce)).send());
    long cancelsAt =
        core.call(
                () ->
                    exchange
                        .pendingCancellation(maker.hex(), Unsigned64.toBigInteger(nonce))
                        .send())
            .longValueExact();
    return new OrderStatus(
        OrderStatus.State.values()[t.component1().intValueExact()],
        t.component2().longValueExact(),
        cancelsAt);
  }

  /** Seconds between an on-chain cancellation or withdrawal request and its effect. */
  public long settlementWindow() {
    return core.call(() -> exchange.settlementWindow().send()).longValueExact();
  }

  /** Milli-SRU of licence capacity {@code operator} has sold in {@code market}. */
  public long licenceSold(Address operator, MarketKey market) {
    return core.call(() -> exchange.position(operator.hex(), market.id()).send())
        .component2()
        .longValueExact();
  }

  /**
   * Milli-SRU of order ({@code maker}, {@code nonce}) filled on chain so far, or {@code complete}
   * once filled whole. Unlike {@link #orderStatus}, a later cancellation does not hide the fills
   * made before it.
   */
  public FillProgress filledOf(Address maker, long nonce) {
    var t = core.call(() -> exchange.filledOf(maker.hex(), Unsigned64.toBigInteger(nonce)).send());
    return new FillProgress(t.component1().longValueExact(), t.component2());
  }

  /** What the chain shows of one order filled: milli-SRU, or all of it. */
  public record FillProgress(long filled, boolean complete) {
    /** Milli-SRU filled, given the order's quantity. */
    public long of(long quantity) {
      return complete ? quantity : filled;
    }
  }

  /** Milli-SRU of {@code order} still fillable on chain (0 once filled, cancelled or expired). */
  public long remainingQuantity(Order order) {
    return core.call(() -> exchange.remainingQuantity(wrapperOrder(order)).send()).longValueExact();
  }

  /** The exchange's own EIP-712 digest of {@code order} (what the maker must sign). */
  public Bytes32 onChainDigest(Order order) {
    return Bytes32.wrap(core.call(() -> exchange.hashOrder(wrapperOrder(order)).send()));
  }

  /** Milli-SRU {@code operator} may sell in {@code market}: leases held plus unsold licence. */
  public long holdings(Address operator, MarketKey market) {
    return core.call(
            () ->
                exchange
                    .holdings(
                        operator.hex(),
                        BigInteger.valueOf(market.band()),
                        Unsigned64.toBigInteger(market.cell()),
                        BigInteger.valueOf(market.slotStart()),
                        BigInteger.valueOf(market.slotEnd()))
                    .send())
        .longValueExact();
  }

  /** Milli-SRU {@code operator} holds by lease in {@code market} (its ERC-1155 balance). */
  public long leaseBalance(Address operator, MarketKey market) {
    return core.call(() -> exchange.balanceOf(operator.hex(), market.id()).send()).longValueExact();
  }

  /**
   * What {@code broker} committed for the auction of {@code market} cut off at {@code cutoff}: the
   * first 24 bytes of {@code keccak256(abi.encode(bookRoot, price, feeBps))} and when (unix
   * seconds), or empty when it committed nothing.
   */
  public java.util.Optional<BookCommitment> bookCommitment(
      MarketKey market, long cutoff, Address broker) {
    var t =
        core.call(
            () ->
                exchange
                    .bookCommitment(market.id(), BigInteger.valueOf(cutoff), broker.hex())
                    .send());
    long at = t.component2().longValueExact();
    return at == 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(new BookCommitment(t.component1(), at));
  }

  /** An auction's book commitment on chain. */
  public record BookCommitment(byte[] bookHash, long committedAt) {
    /** Whether this commitment is of {@code root} at {@code price} under {@code feeBps}. */
    public boolean matches(Bytes32 root, long price, int feeBps) {
      byte[] buf = new byte[96];
      System.arraycopy(root.bytes(), 0, buf, 0, 32);
      byte[] p = BigInteger.valueOf(price).toByteArray();
      System.arraycopy(p, 0, buf, 64 - p.length, p.length);
      buf[94] = (byte) (feeBps >>> 8);
      buf[95] = (byte) feeBps;
      return java.util.Arrays.equals(
          java.util.Arrays.copyOf(OrderHasher.keccak(buf), 24), bookHash);
    }
  }

  public boolean isBatchSettled(long batchId) {
    return core.call(() -> exchange.isBatchSettled(BigInteger.valueOf(batchId)).send());
  }

  public int feeBps() {
    return core.call(() -> exchange.feeBps().send()).intValueExact();
  }

  public BigInteger feesAccrued() {
    return core.call(() -> exchange.feesAccrued().send());
  }

  /**
   * The leases {@code operator} holds in markets whose slot contains unix time {@code at}, sorted
   * by market, one page of them. Markets are found from the lease events; balances are read from
   * the exchange, so a lease sold on is not counted.
   */
  public Page<Lease> leases(Address operator, long at, int page, int pageSize) {
    return Page.of(leases(operator).stream().filter(l -> l.activeAt(at)).toList(), page, pageSize);
  }

  /** Every lease {@code operator} holds now or ahead, in any market, sorted by slot then market. */
  public List<Lease> leases(Address operator) {
    String topic = AbiRegistry.shared().eventTopic("TransferSingle");
    String to = "0x" + "0".repeat(24) + operator.hex().substring(2);
    Set<MarketKey> markets = new LinkedHashSet<>();
    for (Log log :
        core.logs(
            core.deployment().deploymentBlock(),
            core.blockNumber(),
            List.of(core.deployment().exchange()),
            topic,
            null,
            null,
            to)) {
      markets.add(MarketKey.fromId(new BigInteger(log.getData().substring(2, 66), 16)));
    }
    List<Lease> out = new ArrayList<>();
    for (MarketKey m : markets) {
      long q = leaseBalance(operator, m);
      if (q > 0) {
        out.add(new Lease(operator, m, q));
      }
    }
    out.sort(
        Comparator.comparingLong((Lease l) -> l.market().slotStart())
            .thenComparing(l -> l.market().id()));
    return out;
  }

  /** Where batch {@code batchId} was settled: its {@code BatchSettled} event, if any. */
  public Optional<LedgerEvent> findBatchSettlement(long batchId) {
    String topic = AbiRegistry.shared().eventTopic("BatchSettled");
    String id = String.format("0x%064x", batchId);
    for (Log log :
        core.logs(
            core.deployment().deploymentBlock(),
            core.blockNumber(),
            List.of(core.deployment().exchange()),
            topic,
            id,
            null,
            null)) {
      Optional<LedgerEvent> e = AbiRegistry.shared().decode(log);
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }

  private SpectrumExchange.Order wrapperOrder(Order o) {
    MarketKey m = o.market();
    return new SpectrumExchange.Order(
        o.maker().hex(),
        BigInteger.valueOf(o.side().code()),
        BigInteger.valueOf(m.band()),
        Unsigned64.toBigInteger(m.cell()),
        BigInteger.valueOf(m.slotStart()),
        BigInteger.valueOf(m.slotEnd()),
        BigInteger.valueOf(o.quantity()),
        BigInteger.valueOf(o.limitPrice()),
        Unsigned64.toBigInteger(o.nonce()),
        Unsigned64.toBigInteger(o.validUntil()),
        o.partialFill());
  }
}
