package org.spectrumledger.broker.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.api.BookRule;
import org.spectrumledger.broker.epoch.Timescale;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Eip712Domain;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.SigningKey;

/** The regulator's rules on lit books: who may set them, which wins, what they can never light. */
class BookRulesTest {

  private static final SecureRandom RANDOM = new SecureRandom(new byte[] {3});
  private static final SigningKey REGULATOR = SigningKey.random(RANDOM);
  private static final SigningKey OPERATOR = SigningKey.random(RANDOM);
  private static final OffChainMessages MESSAGES =
      new OffChainMessages(Eip712Domain.exchange(2018, Address.of("0x" + "ee".repeat(20))));
  private static final MarketKey NEAR_RT = new MarketKey(4, 7, 1_795_600_000, 1_795_600_030);
  private static final MarketKey OTHER_CELL = new MarketKey(4, 8, 1_795_600_000, 1_795_600_030);
  private static final MarketKey NON_RT = new MarketKey(4, 7, 1_795_600_000, 1_795_603_600);

  private final Map<String, String> saved = new TreeMap<>();
  private final BookRules.RuleStore store =
      new BookRules.RuleStore() {
        @Override
        public Collection<String> load() {
          return saved.values();
        }

        @Override
        public void save(String key, String json) {
          saved.put(key, json);
        }
      };
  private final BookRules rules =
      new BookRules(MESSAGES, a -> a.equals(REGULATOR.address()), store);

  private static BookRule rule(SigningKey by, long band, CellId cell, boolean lit, long seq) {
    return BookRule.sign(MESSAGES, by, new OffChainMessages.BookRule(band, cell, lit, seq));
  }

  @Test
  void everyBookIsSealedWithoutARule() {
    assertThat(rules.lit(NEAR_RT, Timescale.NEAR_RT)).isFalse();
    assertThat(rules.lit(NON_RT, Timescale.NON_RT)).isFalse();
    assertThat(rules.rules()).isEmpty();
  }

  @Test
  void aRuleOnABandLightsItsNearRtBooksButNeverANonRtAuction() {
    assertThat(rules.submit(rule(REGULATOR, 4, CellId.ALL_CELLS, true, 1)))
        .isInstanceOf(BookRules.Outcome.Accepted.class);
    assertThat(rules.lit(NEAR_RT, Timescale.NEAR_RT)).isTrue();
    assertThat(rules.lit(OTHER_CELL, Timescale.NEAR_RT)).isTrue();
    assertThat(rules.lit(NON_RT, Timescale.NON_RT)).isFalse();
    assertThat(rules.lit(new MarketKey(5, 7, 0, 30), Timescale.NEAR_RT)).isFalse();
  }

  @Test
  void aRuleOnACellOverridesTheRuleOnItsBand() {
    rules.submit(rule(REGULATOR, 4, CellId.ALL_CELLS, true, 1));
    rules.submit(rule(REGULATOR, 4, new CellId(7), false, 2));
    assertThat(rules.lit(NEAR_RT, Timescale.NEAR_RT)).isFalse();
    assertThat(rules.lit(OTHER_CELL, Timescale.NEAR_RT)).isTrue();
    assertThat(rules.rules()).extracting(BookRule::sequence).containsExactly(1L, 2L);
  }

  @Test
  void aLaterRuleOnTheSameCellsReplacesTheEarlierOne() {
    rules.submit(rule(REGULATOR, 4, CellId.ALL_CELLS, true, 1));
    rules.submit(rule(REGULATOR, 4, CellId.ALL_CELLS, false, 2));
    assertThat(rules.lit(NEAR_RT, Timescale.NEAR_RT)).isFalse();
    assertThat(rules.rules()).hasSize(1);
  }

  @Test
  void anOperatorCannotLightABook() {
    var out = rules.submit(rule(OPERATOR, 4, CellId.ALL_CELLS, true, 1));
    assertThat(out).isInstanceOf(BookRules.Outcome.Refused.class);
    assertThat(((BookRules.Outcome.Refused) out).status()).isEqualTo(403);
    assertThat(((BookRules.Outcome.Refused) out).reason()).isEqualTo("not-regulator");
    assertThat(rules.lit(NEAR_RT, Timescale.NEAR_RT)).isFalse();
  }

  @Test
  void aRuleNamingTheRegulatorButSignedByAnotherKeyIsRefused() {
    BookRule signedByOperator = rule(OPERATOR, 4, CellId.ALL_CELLS, true, 1);
    BookRule forged =
        new BookRule(4, "all", true, 1, REGULATOR.address(), signedByOperator.signature());
    var out = rules.submit(forged);
    assertThat(((BookRules.Outcome.Refused) out).reason()).isEqualTo("bad-signature");
    // and a genuine rule altered after signing
    BookRule genuine = rule(REGULATOR, 4, CellId.ALL_CELLS, false, 1);
    BookRule altered = new BookRule(4, "all", true, 1, REGULATOR.address(), genuine.signature());
    assertThat(((BookRules.Outcome.Refused) rules.submit(altered)).reason())
        .isEqualTo("bad-signature");
  }

  @Test
  void anOldRuleCannotBeReplayedOverANewerOne() {
    BookRule lit = rule(REGULATOR, 4, CellId.ALL_CELLS, true, 1);
    rules.submit(lit);
    rules.submit(rule(REGULATOR, 4, CellId.ALL_CELLS, false, 2));
    var out = rules.submit(lit);
    assertThat(((BookRules.Outcome.Refused) out).status()).isEqualTo(409);
    assertThat(((BookRules.Outcome.Refused) out).reason()).isEqualTo("stale-rule");
    assertThat(rules.lit(NEAR_RT, Timescale.NEAR_RT)).isFalse();
  }

  @Test
  void anUnreadableChainIsA503NotARefusal() {
    BookRules offline =
        new BookRules(
            MESSAGES,
            a -> {
              throw new IllegalStateException("connection refused");
            },
            store);
    var out = offline.submit(rule(REGULATOR, 4, CellId.ALL_CELLS, true, 1));
    assertThat(((BookRules.Outcome.Refused) out).status()).isEqualTo(503);
  }

  @Test
  void theRulesInForceAreKeptAcrossRestarts() {
    rules.submit(rule(REGULATOR, 4, CellId.ALL_CELLS, true, 1));
    rules.submit(rule(REGULATOR, 4, new CellId(7), false, 2));
    BookRules reloaded = new BookRules(MESSAGES, a -> false, store);
    assertThat(reloaded.rules()).isEqualTo(rules.rules());
    assertThat(reloaded.lit(OTHER_CELL, Timescale.NEAR_RT)).isTrue();
    assertThat(reloaded.lit(NEAR_RT, Timescale.NEAR_RT)).isFalse();
    assertThat(saved.values()).allSatisfy(json -> assertThat(json.length()).isLessThan(400));
  }
}
