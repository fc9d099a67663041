package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.internal.AbiRegistry;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The court's and the exchange's commitment events read as their typed records: logs encoded as the
 * contracts emit them, decoded with the contracts' ABIs, then mapped by {@link ChainEvent#of}. No
 * chain.
 */
class ChainEventTest {

  private static final MarketKey MARKET = new MarketKey(4, 0x8000_0000_0000_0123L, 1_800, 2_700);
  private static final Address BROKER = Address.of("0x00000000000000000000000000000000000000b1");
  private static final Address MAKER = Address.of("0x00000000000000000000000000000000000000a1");
  private static final Address CHALLENGER =
      Address.of("0x00000000000000000000000000000000000000c1");
  private static final Bytes32 CHALLENGE = Bytes32.of(String.format("0x%064x", 0xc0ffeeL));
  private static final Bytes32 ORDER = Bytes32.of(String.format("0x%064x", 0xabcdefL));
  private static final Bytes32 ROOT = Bytes32.of("0x" + "7e".repeat(32));

  @Test
  void anOmissionChallengeReadsAsItsRecord() {
    ChainEvent e =
        decode(
            "OmissionChallenged",
            List.of(topic(CHALLENGE), topic(BROKER), topic(MAKER)),
            new org.web3j.abi.datatypes.generated.Bytes32(ORDER.bytes()),
            new Uint256(MARKET.id()),
            new Uint64(2_100_000L),
            new org.web3j.abi.datatypes.Address(CHALLENGER.hex()),
            new Uint64(1_900L));

    assertThat(e)
        .isEqualTo(
            new ChainEvent.OmissionChallenged(
                e.position(),
                CHALLENGE,
                BROKER,
                MAKER,
                ORDER,
                MARKET,
                2_100_000L,
                CHALLENGER,
                1_900L));
    assertThat(e.position().blockNumber()).isEqualTo(7);
  }

  @Test
  void aBookCommitmentReadsAsItsRecord() {
    ChainEvent e =
        decode(
            "BookCommitted",
            List.of(topic(MARKET.id()), topic(BigInteger.valueOf(2_100_000L)), topic(BROKER)),
            new org.web3j.abi.datatypes.generated.Bytes32(ROOT.bytes()),
            new Uint128(BigInteger.valueOf(1_250_000L)),
            new Uint16(45));

    assertThat(e)
        .isEqualTo(
            new ChainEvent.BookCommitted(
                e.position(), MARKET, 2_100_000L, BROKER, ROOT, 1_250_000L, 45));
  }

  @Test
  void anEventAskedForByNameReadsAsThatRecordAndAnyOtherIsRefused() {
    LedgerEvent committed =
        log(
            "BookCommitted",
            List.of(topic(MARKET.id()), topic(BigInteger.valueOf(2_100_000L)), topic(BROKER)),
            new org.web3j.abi.datatypes.generated.Bytes32(ROOT.bytes()),
            new Uint128(BigInteger.valueOf(1_250_000L)),
            new Uint16(45));

    assertThat(ChainEvent.of(committed, ChainEvent.BookCommitted.class).feeBps()).isEqualTo(45);
    assertThatThrownBy(() -> ChainEvent.of(committed, ChainEvent.OmissionChallenged.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expected a OmissionChallenged event, got BookCommitted");
  }

  @Test
  void aCitedFillReadsAsItsRecordWithItsSignature() {
    byte[] signature = new byte[65];
    for (int i = 0; i < signature.length; i++) {
      signature[i] = (byte) (i + 1);
    }
    ChainEvent e =
        decode(
            "FillCited",
            List.of(topic(CHALLENGE), topic(ORDER)),
            new Uint64(3_000L),
            new Uint64(5_000L),
            new Uint128(BigInteger.valueOf(1_250_000L)),
            new Uint64(42L),
            new Uint64(2_400L),
            new DynamicBytes(signature),
            new Uint64(3_600L));

    assertThat(e)
        .isEqualTo(
            new ChainEvent.FillCited(
                e.position(),
                CHALLENGE,
                ORDER,
                3_000L,
                5_000L,
                1_250_000L,
                42L,
                2_400L,
                Hex.encode(signature),
                3_600L));
  }

  /** A log of event {@code name} with indexed {@code topics} and {@code data}, typed. */
  private static ChainEvent decode(String name, List<String> topics, Type<?>... data) {
    return ChainEvent.of(log(name, topics, data));
  }

  /** A log of event {@code name} with indexed {@code topics} and {@code data}, decoded. */
  private static LedgerEvent log(String name, List<String> topics, Type<?>... data) {
    List<String> all = new ArrayList<>();
    all.add(AbiRegistry.shared().eventTopic(name));
    all.addAll(topics);
    Log log = new Log();
    log.setTopics(all);
    log.setData("0x" + FunctionEncoder.encodeConstructor(List.of(data)));
    log.setBlockNumber("0x7");
    log.setLogIndex("0x0");
    log.setTransactionHash("0x" + "ab".repeat(32));
    log.setAddress("0x" + "11".repeat(20));
    LedgerEvent decoded = AbiRegistry.shared().decode(log).orElseThrow();
    assertThat(decoded.name()).isEqualTo(name);
    return decoded;
  }

  private static String topic(Bytes32 value) {
    return value.hex();
  }

  private static String topic(Address value) {
    return "0x" + TypeEncoder.encode(new org.web3j.abi.datatypes.Address(value.hex()));
  }

  private static String topic(BigInteger value) {
    return "0x" + TypeEncoder.encode(new Uint256(value));
  }
}
