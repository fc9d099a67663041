package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.IntakeReceipt;
import org.spectrumledger.broker.epoch.Timescale;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * T5 through the broker on the dev chain: every accepted order gets an intake receipt the court
 * takes; the auction's book the broker commits holds every order it accepted, so a challenge of an
 * order it kept is answered by the broker itself from its store; an order a broker drops from its
 * book (what the demo's cheating broker does) cannot be shown, and the challenge is upheld.
 */
@ExtendWith(DevChainExtension.class)
class OmissionChallengeTest {

  @Test
  void theBrokerAnswersForAnOrderItKeptAndIsConvictedForOneItLeftOut(
      DevChain chain, @TempDir Path dir) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    SigningKey seller = h.seller("Omission seller", 100_000);
    SigningKey buyer = h.buyer("Omission buyer", 1_000_000_000);
    SigningKey low = h.buyer("Omission low bidder", 1_000_000_000);
    SigningKey dropped = h.buyer("Omission dropped bidder", 1_000_000_000);
    SigningKey watcher =
        ledger.newOperator(
            "Watchtower",
            OperatorKind.MICRO_OPERATOR,
            BigInteger.valueOf(100_000_000),
            BigInteger.ZERO);
    SignedOrder ask = h.order(seller, Side.ASK, h.market, 2_000, 2_000_000, 1);
    SignedOrder bid = h.order(buyer, Side.BID, h.market, 1_000, 2_600_000, 1);
    // out of the money: kept in the book, not filled
    SignedOrder lowBid = h.order(low, Side.BID, h.market, 1_000, 1_000_000, 1);
    // in the money: the broker leaves it out
    SignedOrder droppedBid = h.order(dropped, Side.BID, h.market, 1_000, 2_500_000, 1);
    OffChainMessages messages = new OffChainMessages(ledger.deployment().domain());

    try (BrokerNode broker =
            BrokerNode.start(
                h.fastBroker(dir)
                    .withEpochs(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)));
        LedgerClient challenger = ledger.client(watcher)) {
      IntakeReceipt lowReceipt = null;
      IntakeReceipt droppedReceipt = null;
      for (SignedOrder o : java.util.List.of(ask, bid, lowBid, droppedBid)) {
        IntakeResult r = broker.submit(o, null, null);
        assertThat(r).isInstanceOf(IntakeResult.Accepted.class);
        OrderRecord record = ((IntakeResult.Accepted) r).order();
        IntakeReceipt receipt = broker.answer(record).intakeReceipt();
        assertThat(receipt).as("every accepted order gets an intake receipt").isNotNull();
        assertThat(receipt.sequence()).isEqualTo(record.seq());
        assertThat(messages.intakeSigner(receipt.message(), receipt.signatureValue()))
            .contains(ledger.brokerKey().address());
        if (o == lowBid) {
          lowReceipt = receipt;
        } else if (o == droppedBid) {
          droppedReceipt = receipt;
          broker.engine().forget(record);
        }
      }

      broker.clearNow(Timescale.NON_RT);
      while (!broker.store().clearings(ClearingState.PENDING).isEmpty()
          || !broker.store().clearings(ClearingState.BATCHED).isEmpty()) {
        broker.settleNow();
      }
      var settled = broker.store().clearings(ClearingState.SETTLED);
      assertThat(settled).hasSize(1);
      long cutoff = settled.getFirst().cutoff();
      assertThat(cutoff).isGreaterThanOrEqualTo(droppedReceipt.acceptedAt());

      // the book is published for anyone to check: the one committed, following the rule, its
      // filled orders in full and the rest by hash (an open order's limit stays sealed)
      String path =
          "/v1/markets/"
              + java.net.URLEncoder.encode(
                  h.market.toString(), java.nio.charset.StandardCharsets.UTF_8)
              + "/auctions/";
      var published = h.get(broker.port(), path + cutoff);
      assertThat(published.status()).isEqualTo(200);
      var view =
          org.spectrumledger.broker.api.WireJson.read(
              published.body().toString(), org.spectrumledger.broker.api.AuctionBookView.class);
      assertThat(view.filled()).hasSize(2);
      assertThat(view.rest()).as("the low bid, by hash alone").hasSize(1);
      assertThat(published.body().toString())
          .as("an order still open is not named (T11: its book stays sealed)")
          .doesNotContain(lowReceipt.orderHash().hex().substring(2));
      assertThat(
              challenger
                  .exchange()
                  .bookCommitment(h.market, cutoff, ledger.brokerKey().address())
                  .orElseThrow()
                  .matches(view.book().root(), view.price(), challenger.exchange().feeBps()))
          .isTrue();
      assertThat(view.book().flaws(view.price())).isEmpty();
      assertThat(h.get(broker.port(), path + (cutoff + 1)).status()).isEqualTo(404);
      assertThat(h.get(broker.port(), path + "yesterday").status()).isEqualTo(400);

      // the order the broker kept: challenged, and answered by the broker from its store
      challenger
          .court()
          .challengeOmission(
              lowBid.order(), lowReceipt.message(), lowReceipt.signatureValue(), cutoff);
      Bytes32 kept =
          CourtClient.challengeId(lowReceipt.orderHash(), cutoff, ledger.brokerKey().address());
      broker.answerChallengesNow();
      assertThat(challenger.court().challengeOf(kept).state())
          .isEqualTo(CourtClient.Challenge.State.ANSWERED);
      assertThat(broker.omissionsAnswered()).isEqualTo(1);

      // the order it left out: no leaf to show, upheld once the answer is overdue
      challenger
          .court()
          .challengeOmission(
              droppedBid.order(),
              droppedReceipt.message(),
              droppedReceipt.signatureValue(),
              cutoff);
      Bytes32 left =
          CourtClient.challengeId(droppedReceipt.orderHash(), cutoff, ledger.brokerKey().address());
      broker.answerChallengesNow();
      assertThat(challenger.court().challengeOf(left).state())
          .isEqualTo(CourtClient.Challenge.State.OPEN);
      chain.advanceTime(Duration.ofSeconds(ledger.admin().court().terms().challengeWindow() + 1));
      BigInteger before = ledger.admin().token().tokenBalance(dropped.address());
      challenger.court().convictOmission(left);
      var c = challenger.court().challengeOf(left);
      assertThat(c.state()).isEqualTo(CourtClient.Challenge.State.UPHELD);
      // 1 SRU at the maker's limit of 2.5 tokens, at 100 %
      assertThat(c.paid()).isEqualTo(BigInteger.valueOf(2_500_000));
      assertThat(ledger.admin().token().tokenBalance(dropped.address()).subtract(before))
          .isEqualTo(c.paid());

      // the explorer shows the conviction on the broker's court page
      var court = h.get(broker.port(), "/explorer/api/court").body();
      assertThat(court.at("/omissions")).hasSize(1);
      assertThat(court.at("/omissions/0/orderHash").asText())
          .isEqualTo(droppedReceipt.orderHash().hex());
      assertThat(court.at("/omissions/0/market").asText()).isEqualTo(h.market.toString());
      assertThat(court.at("/omissions/0/compensation").asText()).isEqualTo("2.5");
    }
  }
}
