package org.spectrumledger.ledger.besu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Address;

class QbftExtraDataTest {

  /** The four validators of the worked example in Besu's QBFT documentation ("Extra data"). */
  private static final List<Address> BESU_DOCS_VALIDATORS =
      List.of(
          Address.of("0x4592c8e45706cc08b8f44b11e43cba0cfc5892cb"),
          Address.of("0x06e23768a0f59cf365e18c2e0c89e151bcdedc70"),
          Address.of("0xc5327f96ee02d7bcbc1bf1236b8c15148971e1de"),
          Address.of("0xab5e7f4061c605820d3744227eed91ff8e2c8908"));

  /** What {@code besu rlp encode --type=QBFT_EXTRA_DATA} gives for them, as the docs print it. */
  private static final String BESU_DOCS_EXTRA_DATA =
      "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f854944592c8e45706cc"
          + "08b8f44b11e43cba0cfc5892cb9406e23768a0f59cf365e18c2e0c89e151bcdedc7094c5327f96ee02d7bcbc"
          + "1bf1236b8c15148971e1de94ab5e7f4061c605820d3744227eed91ff8e2c8908c080c0";

  @Test
  void encodesBesusDocumentedFourValidatorExampleByteForByte() {
    assertThat(QbftExtraData.encode(BESU_DOCS_VALIDATORS)).isEqualTo(BESU_DOCS_EXTRA_DATA);
  }

  @Test
  void decodesBesusDocumentedExampleBackToItsValidatorsInOrder() {
    assertThat(QbftExtraData.decodeValidators(BESU_DOCS_EXTRA_DATA))
        .containsExactlyElementsOf(BESU_DOCS_VALIDATORS);
  }

  @Test
  void encodesOneValidatorWithAnEmptyVoteListRoundZeroAndNoSeals() {
    // 0xf83a: a 58-byte list = 33 (vanity) + 22 (one address) + c0 (vote) 80 (round) c0 (seals)
    assertThat(
            QbftExtraData.encode(List.of(Address.of("0xc2ab482b506de561668e07f04547232a72897daf"))))
        .isEqualTo(
            "0xf83aa00000000000000000000000000000000000000000000000000000000000000000"
                + "d594c2ab482b506de561668e07f04547232a72897dafc080c0");
  }

  @Test
  void rejectsTheIbft2LayoutThatBesusQbftCodecCannotRead() {
    // Besu's IBFT 2.0 documentation example: no vote as 0x80, round as four bytes.
    String ibft2 =
        "0xf83ea00000000000000000000000000000000000000000000000000000000000000000"
            + "d594c2ab482b506de561668e07f04547232a72897daf808400000000c0";
    assertThatThrownBy(() -> QbftExtraData.decodeValidators(ibft2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IBFT 2.0");
  }

  @Test
  void rejectsAnEmptyValidatorList() {
    assertThatThrownBy(() -> QbftExtraData.encode(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one validator");
  }

  @Test
  void rejectsTextThatIsNotRlp() {
    assertThatThrownBy(() -> QbftExtraData.decodeValidators("0xzz"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
