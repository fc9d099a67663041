package org.spectrumledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.contracts.generated.SettlementToken;
import org.spectrumledger.contracts.generated.SpectrumExchange;
import org.spectrumledger.contracts.generated.SpectrumPolicy;
import org.spectrumledger.ledger.internal.AbiRegistry;
import org.spectrumledger.ledger.internal.ContractArtifacts;
import org.spectrumledger.ledger.internal.RevertDecoder;
import org.spectrumledger.ledger.internal.TransactionDecoder;
import org.spectrumledger.ledger.internal.TxSubmitter;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The typed API every node uses to talk to the ledger: one client per (node, deployment, key).
 *
 * <p>web3j and the generated contract wrappers stay behind this class: its methods take and return
 * the project's own records, and every failure is a {@link LedgerException} saying what went wrong
 * (an unreachable node, the wrong chain, no contract at an address, a revert decoded by its custom
 * error's name, a key without the role an operation needs).
 */
public final class LedgerClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerClient.class);
  private static final int LOG_CHUNK = 5_000;

  private final LedgerConfig config;
  private final Web3j web3j;
  private final SpectrumExchange exchange;
  private final SpectrumPolicy policy;
  private final SettlementToken token;
  private final OrderSigner signer;
  private final TxSubmitter submitter;

  private LedgerClient(LedgerConfig config, Web3j web3j) {
    this.config = config;
    this.web3j = web3j;
    Deployment d = config.deployment();
    String from = config.key() == null ? Address.ZERO.hex() : config.key().address().hex();
    ReadonlyTransactionManager reader = new ReadonlyTransactionManager(web3j, from);
    DefaultGasProvider gas = new DefaultGasProvider();
    this.exchange = SpectrumExchange.load(d.exchange().hex(), web3j, reader, gas);
    this.policy = SpectrumPolicy.load(d.policy().hex(), web3j, reader, gas);
    this.token = SettlementToken.load(d.token().hex(), web3j, reader, gas);
    this.signer = new OrderSigner(d.domain());
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

  /**
   * Connects and checks the node: it must answer, serve the configured chain, and hold contract
   * code at every address of the deployment record.
   */
  public static LedgerClient connect(LedgerConfig config) {
    if (config.deployment().chainId() != config.chainId()) {
      throw new WrongChainException(
          config.chainId(), config.deployment().chainId(), "the deployment record");
    }
    Web3j web3j = Web3j.build(new HttpService(config.rpcUrl()));
    try {
      long actual = chainId(web3j, config.rpcUrl());
      if (actual != config.chainId()) {
        throw new WrongChainException(config.chainId(), actual, "the node at " + config.rpcUrl());
      }
      for (var e : config.deployment().contracts().entrySet()) {
        String code =
            call(
                () -> web3j.ethGetCode(e.getValue().address().hex(), latest()).send().getCode(),
                config.rpcUrl());
        if (code == null || code.equals("0x") || code.isEmpty()) {
          throw new NoContractException(e.getKey(), e.getValue().address(), config.rpcUrl());
        }
      }
    } catch (RuntimeException e) {
      web3j.shutdown();
      throw e;
    }
    return new LedgerClient(config, web3j);
  }

  /**
   * Deploys the token, the policy and the exchange with {@code admin}, grants the roles the options
   * name, and returns the deployment record.
   */
  public static Deployment deploy(
      String rpcUrl, SigningKey admin, GasFees fees, DeployOptions options) {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    try (TxSubmitter tx =
        new TxSubmitter(
            web3j,
            InternalKeys.credentials(admin),
            chainId(web3j, rpcUrl),
            fees,
            Duration.ofSeconds(120),
            rpcUrl)) {
      long chainId = chainId(web3j, rpcUrl);
      Map<String, Deployment.DeployedContract> contracts = new HashMap<>();
      String tokenArgs =
          FunctionEncoder.encodeConstructor(
              List.<Type>of(
                  new Utf8String(options.tokenName()),
                  new Utf8String(options.tokenSymbol()),
                  new org.web3j.abi.datatypes.Address(admin.address().hex())));
      TxResult t = create(tx, "SettlementToken", tokenArgs);
      contracts.put("SettlementToken", deployed(t, tokenArgs));
      String policyArgs =
          FunctionEncoder.encodeConstructor(
              List.<Type>of(new org.web3j.abi.datatypes.Address(admin.address().hex())));
      TxResult p = create(tx, "SpectrumPolicy", policyArgs);
      contracts.put("SpectrumPolicy", deployed(p, policyArgs));
      String exchangeArgs =
          FunctionEncoder.encodeConstructor(
              List.<Type>of(
                  new org.web3j.abi.datatypes.Address(p.contractAddress().hex()),
                  new org.web3j.abi.datatypes.Address(t.contractAddress().hex()),
                  new Uint64(options.settlementWindowSeconds())));
      TxResult x = create(tx, "SpectrumExchange", exchangeArgs);
      contracts.put("SpectrumExchange", deployed(x, exchangeArgs));
      // The policy serves this exchange for life: no second exchange can sell a licence again.
      tx.send(
          "bindExchange",
          p.contractAddress(),
          FunctionEncoder.encode(
              new org.web3j.abi.datatypes.Function(
                  "bindExchange",
                  List.<Type>of(new org.web3j.abi.datatypes.Address(x.contractAddress().hex())),
                  List.of())),
          0);
      JsonNode build = ContractArtifacts.buildInfo();
      Deployment deployment =
          new Deployment(
              chainId,
              contracts,
              t.blockNumber(),
              admin.address(),
              options.settlementWindowSeconds(),
              build,
              Instant.now().toString());
      try (LedgerClient client =
          new LedgerClient(
              new LedgerConfig(rpcUrl, chainId, deployment, admin, fees, Duration.ofSeconds(120)),
              web3j)) {
        if (options.broker() != null) {
          client.grantRole(Role.BROKER, options.broker());
        }
        if (options.sensor() != null) {
          client.grantRole(Role.SENSOR, options.sensor());
        }
      }
      LOG.info("deployed the ledger on chain {}: exchange {}", chainId, x.contractAddress());
      return deployment;
    } finally {
      web3j.shutdown();
    }
  }

  private static TxResult create(TxSubmitter tx, String contract, String constructorArgs) {
    return tx.send(
        "deploy " + contract, null, ContractArtifacts.bytecode(contract) + constructorArgs, 0);
  }

  private static Deployment.DeployedContract deployed(TxResult r, String args) {
    return new Deployment.DeployedContract(
        r.contractAddress(), r.txHash(), r.blockNumber(), "0x" + args);
  }

  // ------------------------------------------------------------------ identity

  public LedgerConfig config() {
    return config;
  }

  public Deployment deployment() {
    return config.deployment();
  }

  public long chainId() {
    return config.chainId();
  }

  public String rpcUrl() {
    return config.rpcUrl();
  }

  /** The address transactions are signed by; throws for a read-only client. */
  public Address address() {
    return requireKey().address();
  }

  /** Signs and recovers orders under this deployment's EIP-712 domain. */
  public OrderSigner orderSigner() {
    return signer;
  }

  /** Signs {@code order} with this client's key. */
  public SignedOrder sign(Order order) {
    return signer.sign(order, requireKey());
  }

  /** The latest block number. */
  public long blockNumber() {
    return call(() -> web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
  }

  /** The latest block's timestamp (unix seconds): the chain's clock. */
  public long chainTime() {
    return call(
        () ->
            web3j
                .ethGetBlockByNumber(latest(), false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact());
  }

  // ------------------------------------------------------------------ roles

  public boolean hasRole(Role role, Address account) {
    return call(() -> policy.hasRole(role.id(), account.hex()).send());
  }

  public TxResult grantRole(Role role, Address account) {
    requireRole(Role.ADMIN);
    return send(
        "grantRole " + role,
        deployment().policy(),
        policy.grantRole(role.id(), account.hex()).encodeFunctionCall());
  }

  public TxResult revokeRole(Role role, Address account) {
    requireRole(Role.ADMIN);
    return send(
        "revokeRole " + role,
        deployment().policy(),
        policy.revokeRole(role.id(), account.hex()).encodeFunctionCall());
  }

  // ------------------------------------------------------------------ regulator

  public TxResult registerOperator(Address operator, OperatorKind kind, String name) {
    requireRole(Role.REGULATOR);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an operator needs a name");
    }
    return send(
        "registerOperator",
        deployment().policy(),
        policy
            .registerOperator(operator.hex(), BigInteger.valueOf(kind.ordinal()), name)
            .encodeFunctionCall());
  }

  public TxResult setOperatorSuspended(Address operator, boolean suspended) {
    requireRole(Role.REGULATOR);
    return send(
        suspended ? "suspendOperator" : "reinstateOperator",
        deployment().policy(),
        policy.setOperatorSuspended(operator.hex(), suspended).encodeFunctionCall());
  }

  /**
   * Registers {@code band} with its slot grid: its markets last {@code slotSeconds} and start on
   * multiples of it. A band never trades without a grid.
   */
  public TxResult registerBand(
      long band,
      long lowKHz,
      long highKHz,
      boolean sensingRequired,
      long maxReportAgeSeconds,
      long slotSeconds) {
    requireRole(Role.REGULATOR);
    if (slotSeconds <= 0) {
      throw new IllegalArgumentException(
          "a band needs a slot grid of at least 1 s: " + slotSeconds);
    }
    return send(
        "registerBand",
        deployment().policy(),
        policy
            .registerBand(
                BigInteger.valueOf(band),
                BigInteger.valueOf(lowKHz),
                BigInteger.valueOf(highKHz),
                sensingRequired,
                BigInteger.valueOf(maxReportAgeSeconds),
                BigInteger.valueOf(slotSeconds))
            .encodeFunctionCall());
  }

  public TxResult updateBand(
      long band, boolean sensingRequired, long maxReportAgeSeconds, boolean active) {
    requireRole(Role.REGULATOR);
    return send(
        "updateBand",
        deployment().policy(),
        policy
            .updateBand(
                BigInteger.valueOf(band),
                sensingRequired,
                BigInteger.valueOf(maxReportAgeSeconds),
                active)
            .encodeFunctionCall());
  }

  /**
   * Moves {@code band} to a grid of {@code slotSeconds} from unix time {@code from} on. {@code
   * from} must lie on the current grid and no earlier than the end of every slot already settled
   * ({@link SlotGrid#earliestChange}); the current grid keeps serving the slots that end by it.
   */
  public TxResult setSlotGrid(long band, long slotSeconds, long from) {
    requireRole(Role.REGULATOR);
    if (slotSeconds <= 0) {
      throw new IllegalArgumentException(
          "a slot grid needs a step of at least 1 s: " + slotSeconds);
    }
    return send(
        "setSlotGrid",
        deployment().policy(),
        policy
            .setSlotGrid(
                BigInteger.valueOf(band), BigInteger.valueOf(slotSeconds), BigInteger.valueOf(from))
            .encodeFunctionCall());
  }

  public TxResult grantLicence(
      Address operator, long band, long cell, long quantity, long validFrom, long validUntil) {
    requireRole(Role.REGULATOR);
    return send(
        "grantLicence",
        deployment().policy(),
        policy
            .grantLicence(
                operator.hex(),
                BigInteger.valueOf(band),
                unsigned(cell),
                BigInteger.valueOf(quantity),
                BigInteger.valueOf(validFrom),
                BigInteger.valueOf(validUntil))
            .encodeFunctionCall());
  }

  /** Protects {@code band} in {@code cell} over [from, until); returns the zone id. */
  public long addProtectionZone(long band, long cell, long from, long until) {
    requireRole(Role.REGULATOR);
    TxResult r =
        send(
            "addProtectionZone",
            deployment().policy(),
            policy
                .addProtectionZone(
                    BigInteger.valueOf(band),
                    unsigned(cell),
                    BigInteger.valueOf(from),
                    BigInteger.valueOf(until))
                .encodeFunctionCall());
    return r.events("ProtectionZoneAdded").get(0).longValue("zoneId");
  }

  public TxResult removeProtectionZone(long band, long cell, long zoneId) {
    requireRole(Role.REGULATOR);
    return send(
        "removeProtectionZone",
        deployment().policy(),
        policy
            .removeProtectionZone(
                BigInteger.valueOf(band), unsigned(cell), BigInteger.valueOf(zoneId))
            .encodeFunctionCall());
  }

  // ------------------------------------------------------------------ sensors

  public TxResult submitSensingReports(List<SensingObservation> observations) {
    requireRole(Role.SENSOR);
    List<SpectrumPolicy.SensingObservation> list = new ArrayList<>();
    for (SensingObservation o : observations) {
      list.add(
          new SpectrumPolicy.SensingObservation(
              BigInteger.valueOf(o.band()), unsigned(o.cell()), o.idle()));
    }
    return send(
        "submitSensingReports",
        deployment().policy(),
        policy.submitSensingReports(list).encodeFunctionCall());
  }

  // ------------------------------------------------------------------ token and escrow

  /** Mints settlement tokens (treasury role of the token). */
  public TxResult mint(Address to, BigInteger amount) {
    return send("mint", deployment().token(), token.mint(to.hex(), amount).encodeFunctionCall());
  }

  public BigInteger tokenBalance(Address account) {
    return call(() -> token.balanceOf(account.hex()).send());
  }

  /**
   * Deposits {@code amount} into this key's escrow, approving the exchange first when the allowance
   * is short. Checks the token balance first: a short balance is an {@link
   * InsufficientFundsException}, not a revert.
   */
  public TxResult deposit(BigInteger amount) {
    positive(amount, "deposit");
    Address me = address();
    BigInteger balance = tokenBalance(me);
    if (balance.compareTo(amount) < 0) {
      throw new InsufficientFundsException(me, "settlement tokens", amount, balance);
    }
    BigInteger allowance =
        call(() -> token.allowance(me.hex(), deployment().exchange().hex()).send());
    if (allowance.compareTo(amount) < 0) {
      send(
          "approve",
          deployment().token(),
          token.approve(deployment().exchange().hex(), amount).encodeFunctionCall());
    }
    return send("deposit", deployment().exchange(), exchange.deposit(amount).encodeFunctionCall());
  }

  /** Deposits with an ERC-2612 permit signed by this key: one transaction, no approval. */
  public TxResult depositWithPermit(BigInteger amount, long deadline) {
    positive(amount, "deposit");
    Address me = address();
    BigInteger balance = tokenBalance(me);
    if (balance.compareTo(amount) < 0) {
      throw new InsufficientFundsException(me, "settlement tokens", amount, balance);
    }
    BigInteger nonce = call(() -> token.nonces(me.hex()).send());
    String name = call(() -> token.name().send());
    Signature sig =
        Permits.sign(
            requireKey(),
            name,
            chainId(),
            deployment().token(),
            deployment().exchange(),
            amount,
            nonce,
            deadline);
    return send(
        "depositWithPermit",
        deployment().exchange(),
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
    Address me = address();
    BigInteger available = escrowOf(me).add(pendingWithdrawal(me).amount());
    if (available.compareTo(amount) < 0) {
      throw new InsufficientFundsException(me, "escrow", amount, available);
    }
    return send(
        "requestWithdrawal",
        deployment().exchange(),
        exchange.requestWithdrawal(amount).encodeFunctionCall());
  }

  public TxResult cancelWithdrawal() {
    return send(
        "cancelWithdrawal",
        deployment().exchange(),
        exchange.cancelWithdrawal().encodeFunctionCall());
  }

  public TxResult withdraw() {
    return send("withdraw", deployment().exchange(), exchange.withdraw().encodeFunctionCall());
  }

  public TxResult cancelOrders(List<Long> nonces) {
    if (nonces.isEmpty()) {
      throw new IllegalArgumentException("no nonces to cancel");
    }
    return send(
        "cancelOrders",
        deployment().exchange(),
        exchange
            .cancelOrders(nonces.stream().map(Unsigned64::toBigInteger).toList())
            .encodeFunctionCall());
  }

  public TxResult cancelUpTo(long minValidNonce) {
    return send(
        "cancelUpTo",
        deployment().exchange(),
        exchange.cancelUpTo(Unsigned64.toBigInteger(minValidNonce)).encodeFunctionCall());
  }

  // ------------------------------------------------------------------ settlement

  /**
   * Settles a batch; the key must hold the broker role. A market that cannot settle is skipped and
   * the rest settle: the receipt's {@code MarketSkipped} events say which and why ({@link
   * #skippedMarkets}).
   */
  public TxResult settleBatch(long batchId, List<Clearing> clearings) {
    requireRole(Role.BROKER);
    return send(
        "settleBatch " + batchId, deployment().exchange(), encodeSettleBatch(batchId, clearings));
  }

  /** Sends a batch and returns at once; the future completes with its receipt. */
  public CompletableFuture<TxResult> settleBatchAsync(
      long batchId, List<Clearing> clearings, long gasLimit) {
    return requireSubmitter()
        .sendAsync(
            "settleBatch " + batchId,
            deployment().exchange(),
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
    return requireSubmitter()
        .simulate(
            "settleBatch " + batchId,
            deployment().exchange(),
            encodeSettleBatch(batchId, clearings));
  }

  /**
   * The clearings of a batch that would be skipped if it were settled now, each with the decoded
   * error that would stop it, by index in {@code clearings}. Nothing is sent: the batch is
   * simulated, then each market that would be skipped is simulated alone from the exchange's own
   * address, which is how the exchange calls it, to learn why.
   */
  public Map<Integer, ContractRevertedException> marketsToSkip(
      long batchId, List<Clearing> clearings) {
    Map<Integer, ContractRevertedException> out = new java.util.TreeMap<>();
    BigInteger skipped = simulateSkipped(batchId, clearings);
    int fee = feeBps();
    for (int i = 0; i < clearings.size(); i++) {
      if (skipped.testBit(i)) {
        out.put(i, explainMarket(batchId, fee, clearings.get(i)));
      }
    }
    return out;
  }

  private BigInteger simulateSkipped(long batchId, List<Clearing> clearings) {
    String result =
        requireSubmitter()
            .callAs(
                "settleBatch " + batchId,
                address(),
                deployment().exchange(),
                encodeSettleBatch(batchId, clearings));
    return result == null || result.length() <= 2
        ? BigInteger.ZERO
        : new BigInteger(result.substring(2, Math.min(result.length(), 66)), 16);
  }

  private ContractRevertedException explainMarket(long batchId, int feeBps, Clearing clearing) {
    String data =
        exchange
            .settleMarket(
                BigInteger.valueOf(batchId), BigInteger.valueOf(feeBps), wrapperClearing(clearing))
            .encodeFunctionCall();
    Optional<ContractRevertedException> e =
        requireSubmitter()
            .simulateAs(
                "settleMarket " + clearing.market(),
                deployment().exchange(),
                deployment().exchange(),
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
        eventsWhere("MarketSkipped", topic(BigInteger.valueOf(batchId)), null, null);
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
    return requireSubmitter()
        .send(
            "settleBatch " + batchId,
            deployment().exchange(),
            encodeSettleBatch(batchId, clearings),
            gasLimit);
  }

  /** The calldata of {@code settleBatch(batchId, clearings)}. */
  public String encodeSettleBatch(long batchId, List<Clearing> clearings) {
    List<SpectrumExchange.Clearing> list = new ArrayList<>();
    for (Clearing c : clearings) {
      list.add(wrapperClearing(c));
    }
    return exchange.settleBatch(BigInteger.valueOf(batchId), list).encodeFunctionCall();
  }

  private static SpectrumExchange.Clearing wrapperClearing(Clearing c) {
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
        unsigned(m.cell()),
        BigInteger.valueOf(m.slotStart()),
        BigInteger.valueOf(m.slotEnd()),
        BigInteger.valueOf(c.price()),
        fills);
  }

  public TxResult setFee(int feeBps) {
    requireRole(Role.ADMIN);
    return send(
        "setFee",
        deployment().exchange(),
        exchange.setFee(BigInteger.valueOf(feeBps)).encodeFunctionCall());
  }

  public TxResult collectFees(Address to, BigInteger amount) {
    requireRole(Role.ADMIN);
    return send(
        "collectFees",
        deployment().exchange(),
        exchange.collectFees(to.hex(), amount).encodeFunctionCall());
  }

  // ------------------------------------------------------------------ queries

  public BigInteger escrowOf(Address operator) {
    return call(() -> exchange.escrowOf(operator.hex()).send());
  }

  public PendingWithdrawal pendingWithdrawal(Address operator) {
    var t = call(() -> exchange.pendingWithdrawal(operator.hex()).send());
    return new PendingWithdrawal(t.component1(), t.component2().longValueExact());
  }

  public long minValidNonce(Address maker) {
    return Unsigned64.fromBigInteger(call(() -> exchange.minValidNonce(maker.hex()).send()));
  }

  public OrderStatus orderStatus(Address maker, long nonce) {
    var t = call(() -> exchange.orderState(maker.hex(), Unsigned64.toBigInteger(nonce)).send());
    long cancelsAt =
        call(() -> exchange.pendingCancellation(maker.hex(), Unsigned64.toBigInteger(nonce)).send())
            .longValueExact();
    return new OrderStatus(
        OrderStatus.State.values()[t.component1().intValueExact()],
        t.component2().longValueExact(),
        cancelsAt);
  }

  /** Seconds between an on-chain cancellation or withdrawal request and its effect. */
  public long settlementWindow() {
    return call(() -> exchange.settlementWindow().send()).longValueExact();
  }

  /** Milli-SRU of licence capacity {@code operator} has sold in {@code market}. */
  public long licenceSold(Address operator, MarketKey market) {
    return call(() -> exchange.position(operator.hex(), market.id()).send())
        .component2()
        .longValueExact();
  }

  /** Milli-SRU of {@code order} still fillable on chain (0 once filled, cancelled or expired). */
  public long remainingQuantity(Order order) {
    return call(() -> exchange.remainingQuantity(wrapperOrder(order)).send()).longValueExact();
  }

  /** The exchange's own EIP-712 digest of {@code order} (what the maker must sign). */
  public Bytes32 onChainDigest(Order order) {
    return Bytes32.wrap(call(() -> exchange.hashOrder(wrapperOrder(order)).send()));
  }

  /** Milli-SRU {@code operator} may sell in {@code market}: leases held plus unsold licence. */
  public long holdings(Address operator, MarketKey market) {
    return call(() ->
            exchange
                .holdings(
                    operator.hex(),
                    BigInteger.valueOf(market.band()),
                    unsigned(market.cell()),
                    BigInteger.valueOf(market.slotStart()),
                    BigInteger.valueOf(market.slotEnd()))
                .send())
        .longValueExact();
  }

  /** Milli-SRU {@code operator} holds by lease in {@code market} (its ERC-1155 balance). */
  public long leaseBalance(Address operator, MarketKey market) {
    return call(() -> exchange.balanceOf(operator.hex(), market.id()).send()).longValueExact();
  }

  public boolean isBatchSettled(long batchId) {
    return call(() -> exchange.isBatchSettled(BigInteger.valueOf(batchId)).send());
  }

  public int feeBps() {
    return call(() -> exchange.feeBps().send()).intValueExact();
  }

  public BigInteger feesAccrued() {
    return call(() -> exchange.feesAccrued().send());
  }

  public OperatorInfo operatorInfo(Address operator) {
    var o = call(() -> policy.operatorInfo(operator.hex()).send());
    return new OperatorInfo(
        operator,
        OperatorKind.ofCode(o.kind.intValueExact()),
        o.registered,
        o.suspended,
        o.registeredAt.longValueExact(),
        o.name);
  }

  public BandInfo bandInfo(long band) {
    var b = call(() -> policy.bandInfo(BigInteger.valueOf(band)).send());
    var g = call(() -> policy.slotGrid(BigInteger.valueOf(band)).send());
    return new BandInfo(
        band,
        b.lowKHz.longValueExact(),
        b.highKHz.longValueExact(),
        b.sensingRequired,
        b.maxReportAge.longValueExact(),
        b.active,
        new SlotGrid(
            g.slotSeconds.longValueExact(),
            g.from.longValueExact(),
            g.prevSlotSeconds.longValueExact(),
            g.prevFrom.longValueExact(),
            g.tradedUntil.longValueExact()));
  }

  public Licence licence(Address operator, long band, long cell) {
    var l =
        call(
            () ->
                policy.licenceOf(operator.hex(), BigInteger.valueOf(band), unsigned(cell)).send());
    return new Licence(
        operator,
        band,
        cell,
        l.quantity.longValueExact(),
        l.validFrom.longValueExact(),
        l.validUntil.longValueExact());
  }

  /** The zones of {@code band} in {@code cell}, and those covering all its cells. */
  public List<ProtectionZone> protectionZones(long band, long cell) {
    List<ProtectionZone> out = new ArrayList<>();
    Set<Long> cells = new LinkedHashSet<>(List.of(cell, CellId.ALL_CELLS.value()));
    for (long c : cells) {
      List<?> zones =
          call(() -> policy.protectionZones(BigInteger.valueOf(band), unsigned(c)).send());
      for (Object z : zones) {
        var zone = (SpectrumPolicy.ProtectionZone) z;
        out.add(
            new ProtectionZone(
                zone.id.longValueExact(),
                band,
                c,
                zone.from.longValueExact(),
                zone.until.longValueExact()));
      }
    }
    return out;
  }

  public SensingReport sensingReport(long band, long cell) {
    var r = call(() -> policy.sensingReport(BigInteger.valueOf(band), unsigned(cell)).send());
    return new SensingReport(
        band, cell, r.idleAt.longValueExact(), r.busyAt.longValueExact(), Address.of(r.busySensor));
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
        logs(
            deployment().deploymentBlock(),
            blockNumber(),
            List.of(deployment().exchange()),
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
        logs(
            deployment().deploymentBlock(),
            blockNumber(),
            List.of(deployment().exchange()),
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

  /** How many of this key's transactions the node holds unmined (pending nonce minus mined). */
  public long pendingTransactionCount() {
    Address me = address();
    long pending =
        call(
            () ->
                web3j
                    .ethGetTransactionCount(me.hex(), DefaultBlockParameterName.PENDING)
                    .send()
                    .getTransactionCount()
                    .longValueExact());
    long mined =
        call(
            () ->
                web3j
                    .ethGetTransactionCount(me.hex(), DefaultBlockParameterName.LATEST)
                    .send()
                    .getTransactionCount()
                    .longValueExact());
    return Math.max(0, pending - mined);
  }

  // ------------------------------------------------------------------ events

  /** The project's events in blocks [fromBlock, toBlock], in chain order. */
  public List<LedgerEvent> events(long fromBlock, long toBlock) {
    List<LedgerEvent> out = new ArrayList<>();
    List<Address> contracts =
        List.of(deployment().token(), deployment().policy(), deployment().exchange());
    for (Log log : logs(fromBlock, toBlock, contracts, null, null, null, null)) {
      AbiRegistry.shared().decode(log).ifPresent(out::add);
    }
    out.sort(Comparator.comparing(LedgerEvent::position));
    return out;
  }

  /**
   * Events named {@code name} (of any of the deployment's contracts) whose indexed fields match the
   * given topics (null: any), from the deployment block to the head, in chain order.
   */
  public List<LedgerEvent> eventsWhere(String name, String topic1, String topic2, String topic3) {
    String topic0 = AbiRegistry.shared().eventTopic(name);
    List<Address> contracts =
        List.of(deployment().token(), deployment().policy(), deployment().exchange());
    List<LedgerEvent> out = new ArrayList<>();
    for (Log log :
        logs(
            deployment().deploymentBlock(),
            blockNumber(),
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

  /** An address as an indexed-topic value. */
  public static String topic(Address a) {
    return "0x" + "0".repeat(24) + a.hex().substring(2);
  }

  /** A number as an indexed-topic value. */
  public static String topic(BigInteger v) {
    return String.format("0x%064x", v);
  }

  /** The latest {@code n} blocks, newest first. */
  public List<BlockSummary> latestBlocks(int n) {
    long head = blockNumber();
    List<BlockSummary> out = new ArrayList<>();
    for (long b = head; b >= 0 && b > head - n; b--) {
      long number = b;
      var block =
          call(
              () ->
                  web3j
                      .ethGetBlockByNumber(
                          DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                      .send()
                      .getBlock());
      List<Bytes32> txs = new ArrayList<>();
      for (var t : block.getTransactions()) {
        txs.add(Bytes32.of(String.valueOf(t.get())));
      }
      out.add(
          new BlockSummary(
              number,
              Bytes32.of(block.getHash()),
              block.getTimestamp().longValueExact(),
              block.getGasUsed().longValueExact(),
              txs));
    }
    return out;
  }

  /**
   * A stream of the project's events strictly after {@code cursor}; see {@link LedgerEventStream}.
   */
  public LedgerEventStream eventStream(EventCursor cursor) {
    return new LedgerEventStream(this, cursor);
  }

  /** Logs in [from, to], in chunks a node accepts; topics are null for "any". */
  List<Log> logs(
      long from, long to, List<Address> addresses, String t0, String t1, String t2, String t3) {
    List<Log> out = new ArrayList<>();
    for (long start = from; start <= to; start += LOG_CHUNK) {
      long end = Math.min(to, start + LOG_CHUNK - 1);
      EthFilter filter =
          new EthFilter(
              DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
              DefaultBlockParameter.valueOf(BigInteger.valueOf(end)),
              addresses.stream().map(Address::hex).toList());
      filter.addOptionalTopics(t0);
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

  // ------------------------------------------------------------------ decoding

  /**
   * A readable view of transaction {@code txHash}: the call, its arguments, events, status, gas.
   */
  public TransactionView decodeTransaction(Bytes32 txHash) {
    return new TransactionDecoder(web3j, config.rpcUrl(), config.chainId()).decode(txHash);
  }

  // ------------------------------------------------------------------ plumbing

  private TxResult send(String operation, Address to, String data) {
    return requireSubmitter().send(operation, to, data, 0);
  }

  private TxSubmitter requireSubmitter() {
    requireKey();
    return submitter;
  }

  private SigningKey requireKey() {
    if (config.key() == null) {
      throw new IllegalStateException(
          "this ledger client is read-only: it was created without a key");
    }
    return config.key();
  }

  private void requireRole(Role role) {
    Address me = address();
    if (!hasRole(role, me)) {
      throw new RoleMismatchException(me, role, deployment().policy());
    }
  }

  private static void positive(BigInteger amount, String what) {
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException(what + " amount must be positive: " + amount);
    }
  }

  private SpectrumExchange.Order wrapperOrder(Order o) {
    MarketKey m = o.market();
    return new SpectrumExchange.Order(
        o.maker().hex(),
        BigInteger.valueOf(o.side().code()),
        BigInteger.valueOf(m.band()),
        unsigned(m.cell()),
        BigInteger.valueOf(m.slotStart()),
        BigInteger.valueOf(m.slotEnd()),
        BigInteger.valueOf(o.quantity()),
        BigInteger.valueOf(o.limitPrice()),
        Unsigned64.toBigInteger(o.nonce()),
        Unsigned64.toBigInteger(o.validUntil()),
        o.partialFill());
  }

  static BigInteger unsigned(long v) {
    return new BigInteger(Long.toUnsignedString(v));
  }

  private static DefaultBlockParameter latest() {
    return DefaultBlockParameterName.LATEST;
  }

  /** A read that may fail with an I/O error. */
  @FunctionalInterface
  interface Read<T> {
    T get() throws Exception;
  }

  private <T> T call(Read<T> read) {
    return call(read, config.rpcUrl());
  }

  static <T> T call(Read<T> read, String rpcUrl) {
    try {
      return read.get();
    } catch (IOException e) {
      throw new LedgerUnavailableException(
          "the ledger node at " + rpcUrl + " is unreachable: " + describe(e), e);
    } catch (LedgerException | IllegalArgumentException | IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new LedgerException("ledger call failed: " + describe(e), e);
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof ConnectException) {
      return "connection refused";
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static long chainId(Web3j web3j, String rpcUrl) {
    return call(() -> web3j.ethChainId().send().getChainId().longValueExact(), rpcUrl);
  }

  @Override
  public void close() {
    if (submitter != null) {
      submitter.close();
    }
    web3j.shutdown();
  }

  /** The web3j client, for the event stream and the decoder in this package. */
  Web3j web3j() {
    return web3j;
  }
}
