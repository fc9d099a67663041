package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hex text of values: one spelling each, whatever case or prefix it came in. */
class HexTest {

  @Test
  void encodesAndDecodesEveryByteBothWays() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    String hex = Hex.encode(all);
    assertThat(hex).startsWith("0x000102").endsWith("fdfeff").hasSize(2 + 512);
    assertThat(Hex.decode(hex)).isEqualTo(all);
    assertThat(Hex.decode(hex.substring(2).toUpperCase())).isEqualTo(all);
  }

  @Test
  void aBytes32HasOneSpellingWhateverItCameIn() {
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      Bytes32 wrapped = Bytes32.wrap(b);
      String lower = wrapped.hex();
      assertThat(Bytes32.of(lower)).isEqualTo(wrapped);
      assertThat(Bytes32.of("0X" + lower.substring(2).toUpperCase())).isEqualTo(wrapped);
      assertThat(Bytes32.of(" " + lower.substring(2) + "\n")).isEqualTo(wrapped);
      assertThat(Bytes32.of(lower).hex()).isEqualTo(lower);
      assertThat(wrapped.bytes()).isEqualTo(b);
    }
  }

  @Test
  void unicodeDigitsOtherThanAsciiAreNotHex() {
    // Character.digit(c, 16) takes Arabic-Indic and full-width digits: with them one hash would
    // have two spellings, two Bytes32 unequal for the same bytes
    String arabicThree = "\u0663";
    String fullWidthA = "\uFF41";
    String ascii = "3".repeat(64);
    assertThat(Hex.isHex(arabicThree)).isFalse();
    assertThat(Hex.isHex(fullWidthA)).isFalse();
    assertThatThrownBy(() -> Bytes32.of("0x" + arabicThree.repeat(64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a 32-byte hex value");
    assertThatThrownBy(() -> Hex.decode(arabicThree + "3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a hex digit");
    assertThatThrownBy(() -> Address.of("0x" + fullWidthA.repeat(40)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Bytes32.of(ascii).hex()).isEqualTo("0x" + ascii);
  }
}
