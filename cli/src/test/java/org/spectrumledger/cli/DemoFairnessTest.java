package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with near-RT markets, honest and with a broker that withholds fills it signed receipts
 * for: the operators audit every receipt; the honest broker is never convicted, the cheating one is
 * caught, slashed, and the wronged operators are paid what was slashed.
 */
class DemoFairnessTest {

  private static final Path DATA = Path.of("..", "data", "nist-prosas");

  @Test
  void anHonestNearRtDemoAuditsEveryReceiptAndUpholdsNothing(@TempDir Path dir) throws Exception {
    JsonNode f = demo(dir, "--near-rt").get("fairness");
    assertThat(f.get("receiptsAudited").asInt()).as("%s", f).isPositive();
    assertThat(f.get("receiptsSettled").asInt()).isEqualTo(f.get("receiptsAudited").asInt());
    assertThat(f.get("fillsWithheld").asInt()).isZero();
    assertThat(f.get("challenges").asInt()).isZero();
    assertThat(f.get("upheld").asInt()).isZero();
    assertThat(f.get("bondSlashed").asDouble()).isZero();
    assertThat(f.get("compensated").asDouble()).isZero();
  }

  @Test
  void aBrokerThatWithholdsFillsIsCaughtSlashedAndPaysTheOperators(@TempDir Path dir)
      throws Exception {
    JsonNode f = demo(dir, "--broker-cheats", "withhold").get("fairness");
    assertThat(f.get("fillsWithheld").asInt()).as("%s", f).isPositive();
    // A withheld fill is claimed unless a later fill of the same order made up for it on chain.
    assertThat(f.get("upheld").asInt()).as("%s", f).isBetween(1, f.get("fillsWithheld").asInt());
    assertThat(f.get("receiptsSettled").asInt() + f.get("upheld").asInt())
        .isEqualTo(f.get("receiptsAudited").asInt());
    assertThat(f.get("bondSlashed").asDouble()).isPositive();
    assertThat(f.get("compensated").asDouble()).isEqualTo(f.get("bondSlashed").asDouble());
  }

  @Test
  void anHonestDemoAuditsEveryAuctionAgainstItsIntakeReceiptsAndChallengesNothing(@TempDir Path dir)
      throws Exception {
    JsonNode f = demoOver(dir, "24").get("fairness");
    assertThat(f.get("intakeReceipts").asInt()).as("%s", f).isPositive();
    assertThat(f.get("auctionsAudited").asInt()).as("%s", f).isPositive();
    assertThat(f.get("ordersOmitted").asInt()).isZero();
    assertThat(f.get("omissionChallenges").asInt()).isZero();
    assertThat(f.get("booksChecked").asInt())
        .as("every committed auction's published book checked against the rule")
        .isPositive();
    assertThat(f.get("auctionsConvicted").asInt()).isZero();
    assertThat(f.get("challenges").asInt()).isZero();
    assertThat(f.get("upheld").asInt()).isZero();
    assertThat(f.get("bondSlashed").asDouble()).isZero();
  }

  @Test
  void aBrokerThatLeavesAnOrderOutOfItsBookIsCaughtSlashedAndPaysTheMaker(@TempDir Path dir)
      throws Exception {
    JsonNode f = demoOver(dir, "24", "--broker-cheats", "omit").get("fairness");
    assertThat(f.get("ordersOmitted").asInt()).as("%s", f).isPositive();
    // every order left out while in the money is challenged by its maker's daemon and upheld:
    // the broker has no leaf to show for it
    assertThat(f.get("omissionChallenges").asInt()).isEqualTo(f.get("ordersOmitted").asInt());
    assertThat(f.get("upheld").asInt()).isEqualTo(f.get("ordersOmitted").asInt());
    assertThat(f.get("omissionsAnswered").asInt()).isZero();
    assertThat(f.get("bondSlashed").asDouble()).isPositive();
    assertThat(f.get("compensated").asDouble()).isEqualTo(f.get("bondSlashed").asDouble());
  }

  @Test
  void aBrokerThatPassesAnOrderOverIsCaughtSlashedAndPaysTheMaker(@TempDir Path dir)
      throws Exception {
    JsonNode f = demoOver(dir, "24", "--broker-cheats", "passover").get("fairness");
    assertThat(f.get("ordersPassedOver").asInt()).as("%s", f).isPositive();
    assertThat(f.get("ordersOmitted").asInt()).isZero();
    // the order is in the committed book, so the broker's node answers, and the court refuses the
    // answer: the order outranks the last bid (or ask) its side filled. Every challenge is upheld
    // (an order passed over stays among the rest of its market's later auctions: it may be
    // challenged, and upheld, for more than one of them).
    assertThat(f.get("omissionChallenges").asInt())
        .isGreaterThanOrEqualTo(f.get("ordersPassedOver").asInt());
    assertThat(f.get("upheld").asInt()).isEqualTo(f.get("omissionChallenges").asInt());
    assertThat(f.get("omissionsAnswered").asInt()).isZero();
    assertThat(f.get("bondSlashed").asDouble()).isPositive();
    assertThat(f.get("compensated").asDouble()).isEqualTo(f.get("bondSlashed").asDouble());
  }

  @Test
  void aBrokerThatMispricesAnAuctionIsConvictedAndRepaysTheBuyers(@TempDir Path dir)
      throws Exception {
    JsonNode f = demoOver(dir, "24", "--broker-cheats", "misprice").get("fairness");
    assertThat(f.get("auctionsMispriced").asInt()).as("%s", f).isPositive();
    // every mispriced auction's book shows it: one operator proves it, the buyers claim
    assertThat(f.get("auctionsConvicted").asInt()).isEqualTo(f.get("auctionsMispriced").asInt());
    assertThat(f.get("auctionClaimsPaid").asInt()).isPositive();
    // a convicted book vouches for no rank: an order it left unfilled while in the money at its
    // price is challenged, and the broker's answer refused
    assertThat(f.get("omissionsAnswered").asInt()).isZero();
    assertThat(f.get("upheld").asInt())
        .isEqualTo(f.get("auctionsMispriced").asInt() + f.get("omissionChallenges").asInt());
    assertThat(f.get("bondSlashed").asDouble()).isPositive();
    assertThat(f.get("compensated").asDouble()).isEqualTo(f.get("bondSlashed").asDouble());
  }

  @Test
  void aCheatTheDemoDoesNotKnowIsRefusedClearly() {
    CliRunner r = CliRunner.run("demo", "--broker-cheats", "front-run", "--data", DATA.toString());
    r.assertFailedCleanly(2, "'withhold', 'omit', 'passover' or 'misprice' can be shown");
  }

  private static JsonNode demo(Path dir, String... options) throws Exception {
    return demoOver(dir, "10", options);
  }

  private static JsonNode demoOver(Path dir, String steps, String... options) throws Exception {
    Path report = dir.resolve("report.json");
    String[] args = new String[6 + options.length];
    args[0] = "demo";
    args[1] = "--steps";
    args[2] = steps;
    args[3] = "--report";
    args[4] = report.toString();
    args[5] = "--data=" + DATA;
    System.arraycopy(options, 0, args, 6, options.length);
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return new ObjectMapper().readTree(report.toFile());
  }
}
