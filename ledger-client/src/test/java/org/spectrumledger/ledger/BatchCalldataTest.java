package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spectrumledger.contracts.generated.SpectrumExchange;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;

/** The settler's hand-made batch calldata is web3j's, byte for byte. */
class BatchCalldataTest {

  private final Random random = new Random(42);

  /** The generated wrapper, for its encoder only: nothing is sent through it. */
  private final SpectrumExchange wrapper =
      SpectrumExchange.load(
          "0x" + "00".repeat(20),
          Web3j.build(new HttpService("http://127.0.0.1:1")),
          Credentials.create("0x" + "11".repeat(32)),
          new DefaultGasProvider());

  @Test
  void aBatchOfManyPartsReadsAsWeb3jWritesIt() {
    List<Clearing> clearings =
        List.of(clearing(market(1, 7), 1), clearing(market(2, 9), 2), clearing(market(3, 11), 256));
    assertSameAsWeb3j(81, clearings);
  }

  @Test
  void unsignedFieldsPastTwoToTheSixtyThreeAndZeroBytesReadAsWeb3jWritesThem() {
    MarketKey edge = new MarketKey(Integer.MAX_VALUE, -1L, 0, Long.MAX_VALUE);
    List<Clearing> clearings = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clearings.add(clearing(edge, 3));
    }
    assertSameAsWeb3j(-1L, clearings);
    assertSameAsWeb3j(0, List.of(clearing(market(1, 0), 1)));
  }

  @Test
  void aNegativeValueOfAnUnsignedFieldIsRefusedByName() {
    Clearing c = clearing(market(1, 1), 1);
    Clearing backDated = new Clearing(c.market(), c.price(), -1, c.bookRoot(), c.fills());
    assertThatThrownBy(() -> BatchCalldata.encode("0x12345678", 1, List.of(backDated)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cut-off cannot be negative: -1");
  }

  private void assertSameAsWeb3j(long batchId, List<Clearing> clearings) {
    List<SpectrumExchange.Clearing> list =
        clearings.stream().map(ExchangeClient::wrapperClearing).toList();
    String settle =
        wrapper.settleBatch(Unsigned64.toBigInteger(batchId), list).encodeFunctionCall();
    String probe = wrapper.probeBatch(Unsigned64.toBigInteger(batchId), list).encodeFunctionCall();
    assertThat(BatchCalldata.encode(settle.substring(0, 10), batchId, clearings)).isEqualTo(settle);
    assertThat(BatchCalldata.encode(probe.substring(0, 10), batchId, clearings)).isEqualTo(probe);
  }

  private static MarketKey market(long band, long cell) {
    return new MarketKey(band, cell, 1_800_000_000L, 1_800_000_060L);
  }

  /** {@code n} fills of orders with random fields and random (unchecked) signatures. */
  private Clearing clearing(MarketKey m, int n) {
    List<Fill> fills = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long quantity = 1 + random.nextInt(1_000_000);
      Order o =
          new Order(
              Address.of("0x" + hex(20)),
              random.nextBoolean() ? Side.BID : Side.ASK,
              m,
              quantity,
              1 + (random.nextLong() >>> 1),
              i % 3 == 0 ? -1L - random.nextInt(1000) : random.nextLong() >>> 1,
              i % 2 == 0 ? -1L : 1 + (random.nextLong() >>> 1),
              random.nextBoolean());
      Signature s =
          new Signature(
              Bytes32.of("0x" + hex(32)),
              Bytes32.of("0x" + (i % 4 == 0 ? "00".repeat(32) : hex(32))),
              27 + random.nextInt(2));
      fills.add(new Fill(new SignedOrder(o, s), 1 + random.nextInt((int) quantity)));
    }
    long price = 1 + (random.nextLong() >>> 1);
    long cutoff = random.nextLong() >>> 1;
    return new Clearing(m, price, cutoff, Bytes32.of("0x" + hex(32)), fills);
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Hex.encode(b).substring(2);
  }
}
