package org.spectrumledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.DecodedValue;
import org.spectrumledger.ledger.Hex;
import org.spectrumledger.ledger.LedgerEvent;
import org.web3j.protocol.core.methods.response.Log;

/** Events read word by word say exactly what web3j's generic decoder says. */
class AbiRegistryTest {

  private final AbiRegistry registry = AbiRegistry.shared();
  private final Random random = new Random(20261204);

  @Test
  void everyEventOfWordsReadsAsTheGenericDecoderReadsIt() {
    int checked = 0;
    for (var entry : registry.eventsByTopic().entrySet()) {
      AbiRegistry.Entry e = entry.getValue();
      if (!e.inputs().stream().allMatch(p -> wordType(p.type()))) {
        continue;
      }
      for (int round = 0; round < 50; round++) {
        List<String> topics = new ArrayList<>(List.of(entry.getKey()));
        StringBuilder data = new StringBuilder("0x");
        for (AbiRegistry.Param p : e.inputs()) {
          String word = randomWord(p.type(), round);
          if (p.indexed()) {
            topics.add("0x" + word);
          } else {
            data.append(word);
          }
        }
        Log log = log(topics, data.toString());
        List<DecodedValue> fast = registry.decodeWords(e, topics, log.getData()).orElseThrow();
        assertThat(fast).as(e.signature()).isEqualTo(registry.decodeGeneric(e, topics, log));
      }
      checked++;
    }
    // TradeSettled, TransferSingle, MarketCleared, BatchSettled, Deposited and the others
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void anEventWithAFieldOfItsOwnLengthGoesToTheGenericDecoder() {
    var skipped = named("MarketSkipped");
    assertThat(registry.decodeWords(skipped.getValue(), List.of(skipped.getKey()), "0x")).isEmpty();
  }

  @Test
  void dataOfTheWrongLengthIsNotReadWordByWord() {
    var traded = named("TradeSettled");
    List<String> topics = List.of(traded.getKey(), word(1), word(2), word(3));
    assertThat(registry.decodeWords(traded.getValue(), topics, "0x" + "00".repeat(32 * 3)))
        .isEmpty();
    assertThat(registry.decode(log(topics, "0x" + "00".repeat(32 * 3)))).isEmpty();
  }

  @Test
  void aLogIsDecodedWithItsPlaceAndTopicsFilterByName() {
    String topic = registry.eventTopic("FeeChanged");
    LedgerEvent e =
        registry.decode(log(List.of(topic), "0x" + word(25).substring(2))).orElseThrow();
    assertThat(e.name()).isEqualTo("FeeChanged");
    assertThat(e.longValue("feeBps")).isEqualTo(25);
    assertThat(e.position().blockNumber()).isEqualTo(7);
    assertThat(registry.eventTopicsBut(Set.of("FeeChanged")))
        .doesNotContain(topic)
        .contains(registry.eventTopic("Deposited"));
    assertThat(registry.eventTopicsBut(Set.of("NoSuchEvent")))
        .containsExactlyInAnyOrderElementsOf(registry.eventsByTopic().keySet());
  }

  /** The event named {@code name}, with its topic-0. */
  private java.util.Map.Entry<String, AbiRegistry.Entry> named(String name) {
    return registry.eventsByTopic().entrySet().stream()
        .filter(x -> x.getValue().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static boolean wordType(String type) {
    return type.equals("address")
        || type.equals("bool")
        || type.matches("u?int\\d*")
        || type.matches("bytes\\d+");
  }

  /** A random value of {@code type}, ABI-encoded as one word; edge values in the first rounds. */
  private String randomWord(String type, int round) {
    BigInteger v;
    if (type.equals("address")) {
      v = new BigInteger(160, random);
    } else if (type.equals("bool")) {
      v = BigInteger.valueOf(random.nextInt(2));
    } else if (type.startsWith("bytes")) {
      int n = Integer.parseInt(type.substring(5));
      byte[] b = new byte[32];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) random.nextInt(256);
      }
      return Hex.encode(b).substring(2);
    } else {
      boolean signed = type.startsWith("int");
      String w = type.substring(signed ? 3 : 4);
      int bits = w.isEmpty() ? 256 : Integer.parseInt(w);
      v =
          switch (round) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.ONE.shiftLeft(signed ? bits - 1 : bits).subtract(BigInteger.ONE);
            case 2 -> signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ONE;
            default -> {
              BigInteger r = new BigInteger(signed ? bits - 1 : bits, random);
              yield signed && random.nextBoolean() ? r.negate() : r;
            }
          };
      if (v.signum() < 0) {
        v = v.add(BigInteger.ONE.shiftLeft(256));
      }
    }
    String hex = v.toString(16);
    return "0".repeat(64 - hex.length()) + hex;
  }

  private static String word(long v) {
    String hex = Long.toHexString(v);
    return "0x" + "0".repeat(64 - hex.length()) + hex;
  }

  private static Log log(List<String> topics, String data) {
    Log log = new Log();
    log.setTopics(topics);
    log.setData(data);
    log.setBlockNumber("0x7");
    log.setLogIndex("0x0");
    log.setTransactionHash("0x" + "ab".repeat(32));
    log.setAddress("0x" + "11".repeat(20));
    return log;
  }
}
