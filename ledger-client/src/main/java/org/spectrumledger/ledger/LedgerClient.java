package org.spectrumledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.internal.AbiRegistry;
import org.spectrumledger.ledger.internal.ContractArtifacts;
import org.spectrumledger.ledger.internal.TransactionDecoder;
import org.spectrumledger.ledger.internal.TxSubmitter;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;

/**
 * The typed API every node uses to talk to the ledger: one client per (node, deployment, key).
 *
 * <p>A façade over one connection and one transaction submitter (so one nonce sequence per key),
 * shared by the contract clients it hands out: {@link #exchange()}, {@link #policy()} and {@link
 * #token()}. It keeps what belongs to no single contract: the chain and its clock, the deployment,
 * connecting, deploying, and the events of every contract.
 *
 * <p>web3j and the generated contract wrappers stay behind these classes: their methods take and
 * return the project's own records, and every failure is a {@link LedgerException} saying what went
 * wrong (an unreachable node, the wrong chain, no contract at an address, a revert decoded into a
 * typed {@link ContractError}, a key without the role an operation needs).
 */
public final class LedgerClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerClient.class);

  private final LedgerCore core;
  private final PolicyClient policy;
  private final TokenClient token;
  private final CourtClient court;
  private final ExchangeClient exchange;

  private LedgerClient(LedgerConfig config, Web3j web3j) {
    this.core = new LedgerCore(config, web3j);
    this.policy = new PolicyClient(core);
    this.token = new TokenClient(core);
    this.court = new CourtClient(core, token);
    this.exchange = new ExchangeClient(core, policy, token);
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
      long actual = LedgerCore.chainId(web3j, config.rpcUrl());
      if (actual != config.chainId()) {
        throw new WrongChainException(config.chainId(), actual, "the node at " + config.rpcUrl());
      }
      LedgerCore.requireContracts(web3j, config.deployment(), config.rpcUrl(), null);
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
            LedgerCore.chainId(web3j, rpcUrl),
            fees,
            Duration.ofSeconds(120),
            rpcUrl)) {
      long chainId = LedgerCore.chainId(web3j, rpcUrl);
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
      bind(tx, p, "bindExchange", x);
      String courtArgs =
          FunctionEncoder.encodeConstructor(
              List.<Type>of(
                  new org.web3j.abi.datatypes.Address(p.contractAddress().hex()),
                  new org.web3j.abi.datatypes.Address(t.contractAddress().hex()),
                  new org.web3j.abi.datatypes.generated.Uint256(options.bondMinimum()),
                  new Uint64(options.challengeWindowSeconds()),
                  new Uint64(options.bondDelaySeconds()),
                  new org.web3j.abi.datatypes.generated.Uint16(options.compensationBps())));
      TxResult c = create(tx, "BrokerCourt", courtArgs);
      contracts.put("BrokerCourt", deployed(c, courtArgs));
      // Nothing settles until the exchange and the court are bound to each other.
      bind(tx, x, "bindCourt", c);
      bind(tx, c, "bindExchange", x);
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
          client.policy().grantRole(Role.BROKER, options.broker());
          client.bondFromTreasury(options.broker());
        }
        if (options.sensor() != null) {
          client.policy().grantRole(Role.SENSOR, options.sensor());
        }
      }
      LOG.info("deployed the ledger on chain {}: exchange {}", chainId, x.contractAddress());
      return deployment;
    } finally {
      web3j.shutdown();
    }
  }

  /** Calls {@code function(address)} on {@code contract} with {@code other}'s address. */
  private static void bind(TxSubmitter tx, TxResult contract, String function, TxResult other) {
    tx.send(
        function,
        contract.contractAddress(),
        FunctionEncoder.encode(
            new org.web3j.abi.datatypes.Function(
                function,
                List.<Type>of(new org.web3j.abi.datatypes.Address(other.contractAddress().hex())),
                List.of())),
        0);
  }

  private static TxResult create(TxSubmitter tx, String contract, String constructorArgs) {
    return tx.send(
        "deploy " + contract, null, ContractArtifacts.bytecode(contract) + constructorArgs, 0);
  }

  private static Deployment.DeployedContract deployed(TxResult r, String args) {
    return new Deployment.DeployedContract(
        r.contractAddress(), r.txHash(), r.blockNumber(), "0x" + args);
  }

  // ------------------------------------------------------------------ contracts

  /** The exchange: escrow, orders, settlement, leases, fees. */
  public ExchangeClient exchange() {
    return exchange;
  }

  /** The policy: roles, operators, bands, licences, protection zones, sensing. */
  public PolicyClient policy() {
    return policy;
  }

  /** The settlement token. */
  public TokenClient token() {
    return token;
  }

  /** The broker court: bonds and claims. */
  public CourtClient court() {
    return court;
  }

  /**
   * Brings {@code broker}'s bond up to the court's minimum with tokens this key mints (the token's
   * treasury role): how a consortium backs the broker it appoints. Sends nothing when the bond is
   * there already; returns the amount posted.
   */
  public BigInteger bondFromTreasury(Address broker) {
    BigInteger minimum = court.terms().bondMinimum();
    BigInteger active = court.bondOf(broker).active();
    BigInteger missing = minimum.subtract(active);
    if (missing.signum() <= 0) {
      return BigInteger.ZERO;
    }
    token.mint(config().key().address(), missing);
    court.postBond(broker, missing);
    return missing;
  }

  // ------------------------------------------------------------------ identity

  public LedgerConfig config() {
    return core.config();
  }

  public Deployment deployment() {
    return core.deployment();
  }

  public long chainId() {
    return core.chainId();
  }

  public String rpcUrl() {
    return core.config().rpcUrl();
  }

  /** The address transactions are signed by; throws for a read-only client. */
  public Address address() {
    return core.address();
  }

  /**
   * Checks that the node still holds code at every address of the deployment record, as {@link
   * #connect} did: throws {@link NoContractException} for the first it does not (the chain was
   * restarted or reset under this client), {@link LedgerUnavailableException} when the node cannot
   * be reached.
   */
  public void requireContracts() {
    LedgerCore.requireContracts(core.web3j(), core.deployment(), core.config().rpcUrl(), null);
  }

  /** The latest block number. */
  public long blockNumber() {
    return core.blockNumber();
  }

  /**
   * Now, in unix seconds, for checking that a time a command is given has not passed: the later of
   * the chain's clock and the wall clock (an idle chain's latest block can be hours old).
   */
  public long now() {
    return Math.max(chainTime(), java.time.Instant.now().getEpochSecond());
  }

  /** The latest block's timestamp (unix seconds): the chain's clock. */
  public long chainTime() {
    return core.call(
        () ->
            core.web3j()
                .ethGetBlockByNumber(LedgerCore.latest(), false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact());
  }

  /** The timestamp (unix seconds) of block {@code number}. */
  public long blockTime(long number) {
    return core.call(
        () ->
            core.web3j()
                .ethGetBlockByNumber(
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact());
  }

  /** How many of this key's transactions the node holds unmined (pending nonce minus mined). */
  public long pendingTransactionCount() {
    Address me = address();
    long pending =
        core.call(
            () ->
                core.web3j()
                    .ethGetTransactionCount(me.hex(), DefaultBlockParameterName.PENDING)
                    .send()
                    .getTransactionCount()
                    .longValueExact());
    long mined =
        core.call(
            () ->
                core.web3j()
                    .ethGetTransactionCount(me.hex(), DefaultBlockParameterName.LATEST)
                    .send()
                    .getTransactionCount()
                    .longValueExact());
    return Math.max(0, pending - mined);
  }

  // ------------------------------------------------------------------ events

  /** The project's events in blocks [fromBlock, toBlock], in chain order. */
  public List<LedgerEvent> events(long fromBlock, long toBlock) {
    return events(fromBlock, toBlock, Set.of());
  }

  /**
   * The project's events in blocks [fromBlock, toBlock] but those named in {@code skipped}, in
   * chain order. The node leaves the skipped ones out of its answer: a large settlement's ERC-1155
   * {@code TransferSingle} events are a third of its logs, and a reader that has no use for them
   * need neither receive nor decode them.
   */
  public List<LedgerEvent> events(long fromBlock, long toBlock, Set<String> skipped) {
    List<LedgerEvent> out = new ArrayList<>();
    List<Address> contracts =
        List.of(deployment().token(), deployment().policy(), deployment().exchange());
    List<Log> logs =
        skipped.isEmpty()
            ? core.logs(fromBlock, toBlock, contracts, null, null, null, null)
            : core.logs(
                fromBlock, toBlock, contracts, AbiRegistry.shared().eventTopicsBut(skipped));
    for (Log log : logs) {
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
    return core.eventsWhere(name, topic1, topic2, topic3);
  }

  /** As {@link #eventsWhere(String, String, String, String)}, in blocks [from, to] only. */
  public List<LedgerEvent> eventsWhere(
      String name, long fromBlock, long toBlock, String topic1, String topic2, String topic3) {
    return core.eventsWhere(name, fromBlock, toBlock, topic1, topic2, topic3);
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
      out.add(block(b));
    }
    return out;
  }

  /** Block {@code number}: its time, gas used and limit, and its transactions. */
  public BlockSummary block(long number) {
    var block =
        core.call(
            () ->
                core.web3j()
                    .ethGetBlockByNumber(
                        DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                    .send()
                    .getBlock());
    if (block == null) {
      throw new LedgerException("the node has no block " + number);
    }
    List<Bytes32> txs = new ArrayList<>();
    for (var t : block.getTransactions()) {
      txs.add(Bytes32.of(String.valueOf(t.get())));
    }
    return new BlockSummary(
        number,
        Bytes32.of(block.getHash()),
        block.getTimestamp().longValueExact(),
        block.getGasUsed().longValueExact(),
        block.getGasLimit().longValueExact(),
        txs);
  }

  /**
   * A stream of the project's events strictly after {@code cursor}; see {@link LedgerEventStream}.
   */
  public LedgerEventStream eventStream(EventCursor cursor) {
    return new LedgerEventStream(this, cursor, Set.of());
  }

  /** As {@link #eventStream(EventCursor)}, without the events named in {@code skipped}. */
  public LedgerEventStream eventStream(EventCursor cursor, Set<String> skipped) {
    return new LedgerEventStream(this, cursor, Set.copyOf(skipped));
  }

  // ------------------------------------------------------------------ decoding

  /**
   * A readable view of transaction {@code txHash}: the call, its arguments, events, status, gas.
   */
  public TransactionView decodeTransaction(Bytes32 txHash) {
    return new TransactionDecoder(core.web3j(), core.config().rpcUrl(), core.config().chainId())
        .decode(txHash);
  }

  @Override
  public void close() {
    core.close();
  }

  /** The web3j client, for the event stream and the decoder in this package. */
  Web3j web3j() {
    return core.web3j();
  }
}
