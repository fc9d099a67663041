package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.contracts.generated.BrokerCourt;
import org.spectrumledger.contracts.generated.SettlementToken;
import org.spectrumledger.contracts.generated.SpectrumExchange;
import org.spectrumledger.contracts.generated.SpectrumPolicy;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.internal.RevertDecoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The contracts on the dev chain through the generated web3j wrappers and web3j's own EIP-712
 * encoder, with no ledger-client code between: deploy, register, license, deposit, sign, settle,
 * read back; and a market with one bad fill that is skipped as a whole.
 */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractsOnDevChainTest {

  private static final BigInteger BAND = BigInteger.valueOf(4);
  private static final BigInteger CELL = BigInteger.valueOf(0x0100_0000_0000_0007L);
  private static final StaticGasProvider FREE_GAS =
      new StaticGasProvider(BigInteger.ZERO, BigInteger.valueOf(8_000_000));

  private Web3j web3j;
  private long chainId;
  private Credentials admin;
  private Credentials seller;
  private Credentials buyer;
  private Credentials broker;
  private SettlementToken token;
  private SpectrumPolicy policy;
  private SpectrumExchange exchange;
  private BigInteger slotStart;
  private BigInteger slotEnd;
  private long nonce;

  @BeforeAll
  void deployAndSetUp(DevChain chain) throws Exception {
    web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    chainId = chain.chainId();
    List<SigningKey> keys = chain.fundedKeys();
    admin = Credentials.create(keys.get(0).exportPrivateKey());
    seller = Credentials.create(keys.get(1).exportPrivateKey());
    buyer = Credentials.create(keys.get(2).exportPrivateKey());
    broker = Credentials.create(keys.get(3).exportPrivateKey());

    token =
        SettlementToken.deploy(
                web3j, manager(admin), FREE_GAS, "Settlement", "SST", admin.getAddress())
            .send();
    policy = SpectrumPolicy.deploy(web3j, manager(admin), FREE_GAS, admin.getAddress()).send();
    exchange =
        SpectrumExchange.deploy(
                web3j,
                manager(admin),
                FREE_GAS,
                policy.getContractAddress(),
                token.getContractAddress(),
                BigInteger.valueOf(60))
            .send();

    policy.bindExchange(exchange.getContractAddress()).send();
    policy.grantRole(policy.BROKER_ROLE().send(), broker.getAddress()).send();
    // The court, bound both ways, and a bond for the broker: nothing settles without them.
    BigInteger bond = BigInteger.valueOf(1_000_000_000L);
    BrokerCourt court =
        BrokerCourt.deploy(
                web3j,
                manager(admin),
                FREE_GAS,
                policy.getContractAddress(),
                token.getContractAddress(),
                bond,
                BigInteger.valueOf(86_400),
                BigInteger.valueOf(259_200),
                BigInteger.valueOf(10_000))
            .send();
    exchange.bindCourt(court.getContractAddress()).send();
    court.bindExchange(exchange.getContractAddress()).send();
    token.mint(admin.getAddress(), bond).send();
    token.approve(court.getContractAddress(), bond).send();
    court.postBond(broker.getAddress(), bond).send();
    policy.registerOperator(seller.getAddress(), BigInteger.ZERO, "North MNO").send();
    policy.registerOperator(buyer.getAddress(), BigInteger.TWO, "Harbour micro").send();
    policy
        .registerBand(
            BAND,
            BigInteger.valueOf(2_110_000),
            BigInteger.valueOf(2_120_000),
            false,
            BigInteger.ZERO,
            BigInteger.valueOf(3600))
        .send();
    BigInteger now = web3j.ethGetBlockByNumber(latest(), false).send().getBlock().getTimestamp();
    BigInteger hour = BigInteger.valueOf(3600);
    slotStart = now.divide(hour).add(BigInteger.ONE).multiply(hour);
    slotEnd = slotStart.add(BigInteger.valueOf(3600));
    policy
        .grantLicence(
            seller.getAddress(),
            BAND,
            CELL,
            BigInteger.valueOf(24_000),
            now,
            now.add(BigInteger.valueOf(86_400)))
        .send();

    token.mint(buyer.getAddress(), BigInteger.valueOf(1_000_000_000)).send();
    SettlementToken asBuyer =
        SettlementToken.load(token.getContractAddress(), web3j, manager(buyer), FREE_GAS);
    asBuyer.approve(exchange.getContractAddress(), BigInteger.valueOf(500_000_000)).send();
    exchange(buyer).deposit(BigInteger.valueOf(500_000_000)).send();
  }

  @Test
  void settlesASignedBatchAndReadsLeasesBalancesAndEventsBack() throws Exception {
    BigInteger sellerEscrow = exchange.escrowOf(seller.getAddress()).send();
    BigInteger buyerEscrow = exchange.escrowOf(buyer.getAddress()).send();
    SpectrumExchange.Fill ask = fill(seller, 1, 10_000, 2_000_000, 10_000);
    SpectrumExchange.Fill bid = fill(buyer, 0, 10_000, 2_500_000, 10_000);
    BigInteger price = BigInteger.valueOf(2_250_000);

    TransactionReceipt receipt =
        exchange(broker)
            .settleBatch(BigInteger.valueOf(1), List.of(clearing(price, ask, bid)))
            .send();

    assertThat(receipt.isStatusOK()).isTrue();
    BigInteger market = exchange.marketId(BAND, CELL, slotStart, slotEnd).send();
    assertThat(exchange.balanceOf(buyer.getAddress(), market).send()).isEqualTo(10_000);
    // 10 SRU at 2.25 tokens: 22.5 tokens, no fee set
    assertThat(exchange.escrowOf(buyer.getAddress()).send())
        .isEqualTo(buyerEscrow.subtract(BigInteger.valueOf(22_500_000)));
    assertThat(exchange.escrowOf(seller.getAddress()).send())
        .isEqualTo(sellerEscrow.add(BigInteger.valueOf(22_500_000)));
    assertThat(exchange.holdings(seller.getAddress(), BAND, CELL, slotStart, slotEnd).send())
        .isEqualTo(14_000);

    var trades = SpectrumExchange.getTradeSettledEvents(receipt);
    assertThat(trades).hasSize(2);
    assertThat(trades)
        .extracting(t -> t.maker.toLowerCase())
        .containsExactlyInAnyOrder(seller.getAddress(), buyer.getAddress());
    assertThat(trades).allSatisfy(t -> assertThat(t.price).isEqualTo(price));
    // the lease granted is ERC-1155's mint; the seller sold licence capacity, not a lease, so
    // nothing is burnt
    var leases = SpectrumExchange.getTransferSingleEvents(receipt);
    assertThat(leases)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.from).isEqualTo("0x0000000000000000000000000000000000000000");
              assertThat(l.to).isEqualToIgnoringCase(buyer.getAddress());
              assertThat(l.value).isEqualTo(BigInteger.valueOf(10_000));
              assertThat(l.id).isEqualTo(market);
            });
    assertThat(SpectrumExchange.getBatchSettledEvents(receipt))
        .singleElement()
        .satisfies(b -> assertThat(b.fills).isEqualTo(2));
    assertThat(exchange.isBatchSettled(BigInteger.ONE).send()).isTrue();
  }

  @Test
  void aMarketWithOneBadFillIsSkippedWholeAndItsErrorDecodesByName() throws Exception {
    SpectrumExchange.Fill ask = fill(seller, 1, 5_000, 2_000_000, 5_000);
    SpectrumExchange.Fill goodBid = fill(buyer, 0, 2_000, 2_500_000, 2_000);
    SpectrumExchange.Fill badBid = fill(buyer, 0, 3_000, 2_500_000, 3_000);
    badBid.r[5] ^= 1; // corrupt the signature
    SpectrumExchange.Fill forged =
        new SpectrumExchange.Fill(
            badBid.maker,
            badBid.side,
            badBid.quantity,
            badBid.limitPrice,
            badBid.nonce,
            badBid.validUntil,
            badBid.partialFill,
            badBid.fillQuantity,
            badBid.r,
            badBid.vs);
    BigInteger sellerEscrow = exchange.escrowOf(seller.getAddress()).send();
    BigInteger buyerEscrow = exchange.escrowOf(buyer.getAddress()).send();
    BigInteger market = exchange.marketId(BAND, CELL, slotStart, slotEnd).send();
    BigInteger leases = exchange.balanceOf(buyer.getAddress(), market).send();
    var batch = List.of(clearing(BigInteger.valueOf(2_200_000), ask, goodBid, forged));

    TransactionReceipt receipt = exchange(broker).settleBatch(BigInteger.valueOf(2), batch).send();

    assertThat(receipt.isStatusOK()).as("the batch lands; its one market is skipped").isTrue();
    var skipped = SpectrumExchange.getMarketSkippedEvents(receipt);
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0).marketId).isEqualTo(market);
    String reason = org.web3j.utils.Numeric.toHexString(skipped.get(0).reason);
    var decoded =
        RevertDecoder.shared()
            .decode(reason)
            .orElseThrow(() -> new AssertionError("undecodable reason: " + reason));
    assertThat(decoded.error())
        .isInstanceOfSatisfying(
            ContractError.ExchangeInvalidSignature.class,
            e -> assertThat(e.maker()).isEqualTo(Address.of(buyer.getAddress())));

    assertThat(exchange.escrowOf(seller.getAddress()).send()).isEqualTo(sellerEscrow);
    assertThat(exchange.escrowOf(buyer.getAddress()).send()).isEqualTo(buyerEscrow);
    assertThat(exchange.balanceOf(buyer.getAddress(), market).send()).isEqualTo(leases);
    assertThat(exchange.isBatchSettled(BigInteger.valueOf(2)).send()).isTrue();
    assertThat(exchange.orderState(seller.getAddress(), ask.nonce).send().component1())
        .as("the good fills of the skipped market did not fill")
        .isEqualTo(BigInteger.ZERO);
  }

  /** A clearing that is an auction of its own: a cut-off and a book root of its own. */
  private SpectrumExchange.Clearing clearing(BigInteger price, SpectrumExchange.Fill... fills) {
    long cutoff = ++lastCutoff;
    byte[] root = org.web3j.crypto.Hash.sha3(("book " + cutoff).getBytes(StandardCharsets.UTF_8));
    return new SpectrumExchange.Clearing(
        BAND, CELL, slotStart, slotEnd, price, BigInteger.valueOf(cutoff), root, List.of(fills));
  }

  /** Far in the future, so never stale. */
  private long lastCutoff = 1L << 62;

  /** An order of {@code maker}, signed with web3j's EIP-712 encoder, as a fill. */
  private SpectrumExchange.Fill fill(
      Credentials maker, int side, long quantity, long limitPrice, long fillQuantity)
      throws Exception {
    long orderNonce = ++nonce;
    long validUntil = slotStart.longValue();
    String typedData =
        """
        {"types":{
          "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
            {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
          "Order":[{"name":"maker","type":"address"},{"name":"side","type":"uint8"},
            {"name":"band","type":"uint32"},{"name":"cell","type":"uint64"},
            {"name":"slotStart","type":"uint64"},{"name":"slotEnd","type":"uint64"},
            {"name":"quantity","type":"uint64"},{"name":"limitPrice","type":"uint128"},
            {"name":"nonce","type":"uint64"},{"name":"validUntil","type":"uint64"},
            {"name":"partialFill","type":"bool"}]},
         "primaryType":"Order",
         "domain":{"name":"SpectrumLedger Exchange","version":"1","chainId":%d,
           "verifyingContract":"%s"},
         "message":{"maker":"%s","side":%d,"band":%s,"cell":%s,"slotStart":%s,"slotEnd":%s,
           "quantity":%d,"limitPrice":%d,"nonce":%d,"validUntil":%d,"partialFill":true}}
        """
            .formatted(
                chainId,
                exchange.getContractAddress(),
                maker.getAddress(),
                side,
                BAND,
                CELL,
                slotStart,
                slotEnd,
                quantity,
                limitPrice,
                orderNonce,
                validUntil);
    byte[] digest = new StructuredDataEncoder(typedData).hashStructuredData();
    Sign.SignatureData sig = Sign.signMessage(digest, maker.getEcKeyPair(), false);
    Signature signature =
        new Signature(Bytes32.wrap(sig.getR()), Bytes32.wrap(sig.getS()), sig.getV()[0] & 0xff);
    return new SpectrumExchange.Fill(
        maker.getAddress(),
        BigInteger.valueOf(side),
        BigInteger.valueOf(quantity),
        BigInteger.valueOf(limitPrice),
        BigInteger.valueOf(orderNonce),
        BigInteger.valueOf(validUntil),
        true,
        BigInteger.valueOf(fillQuantity),
        sig.getR(),
        signature.vs().bytes());
  }

  private SpectrumExchange exchange(Credentials as) {
    return SpectrumExchange.load(exchange.getContractAddress(), web3j, manager(as), FREE_GAS);
  }

  private RawTransactionManager manager(Credentials credentials) {
    return new RawTransactionManager(
        web3j, credentials, chainId, new PollingTransactionReceiptProcessor(web3j, 50, 400));
  }

  private static DefaultBlockParameter latest() {
    return DefaultBlockParameter.valueOf("latest");
  }
}
