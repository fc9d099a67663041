package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.spectrumledger.operator.cli.RegisterCommand.LicenceGrant;

/**
 * {@code operator register --licence}'s QUANTITY is read as {@code regulator licence --quantity}
 * is: with its unit, a bare number refused with both readings.
 */
class RegisterLicenceTest {

  private static final long FROM = 1_796_529_600L;
  private static final long UNTIL = FROM + 86_400;

  private static String licence(String quantity) {
    return "4:0x7:" + quantity + ":" + FROM + ":" + UNTIL;
  }

  @Test
  void readsTheQuantityInSruOrMilliSruByItsUnit() {
    assertThat(LicenceGrant.parse(licence("24SRU")))
        .isEqualTo(new LicenceGrant(4, 7, 24_000, FROM, UNTIL));
    assertThat(LicenceGrant.parse(licence("24000mSRU")).milliSru()).isEqualTo(24_000);
    assertThat(LicenceGrant.parse(licence("2.5SRU")).milliSru()).isEqualTo(2_500);
  }

  @Test
  void refusesABareQuantityWithBothReadings() {
    assertThatThrownBy(() -> LicenceGrant.parse(licence("24000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--licence QUANTITY '24000' has no unit: write 24000mSRU (24 SRU) or 24000SRU in '"
                + licence("24000")
                + "'");
  }

  @Test
  void refusesAQuantityOfNothingOrInAnotherFormInTheConvertersWords() {
    assertThatThrownBy(() -> LicenceGrant.parse(licence("0")))
        .hasMessageStartingWith("--licence grants no SRU (QUANTITY is 0)");
    assertThatThrownBy(() -> LicenceGrant.parse(licence("0SRU")))
        .hasMessageStartingWith("--licence grants no SRU (QUANTITY is 0)");
    assertThatThrownBy(() -> LicenceGrant.parse(licence("abc")))
        .hasMessageStartingWith(
            "--licence QUANTITY 'abc' is not a quantity: write it with its unit, 24SRU or"
                + " 24000mSRU");
    assertThatThrownBy(() -> LicenceGrant.parse(licence("1.0005SRU")))
        .hasMessageContaining("more than 3 decimals");
    assertThatThrownBy(() -> LicenceGrant.parse("4:0x7:24SRU"))
        .hasMessageStartingWith("--licence must be BAND:CELL:QUANTITY:FROM:UNTIL (5 fields)");
  }

  @Test
  void refusesABandOrCellTheLicenceCouldNotBeGrantedInBeforeAnythingIsSent() {
    assertThatThrownBy(() -> LicenceGrant.parse("4294967296:0x7:5SRU:" + FROM + ":" + UNTIL))
        .hasMessageStartingWith("--licence BAND must be 0 .. 4294967295, got 4294967296");
    assertThat(LicenceGrant.parse("4294967295:0x7:5SRU:" + FROM + ":" + UNTIL).band())
        .isEqualTo(4_294_967_295L);
    assertThatThrownBy(() -> LicenceGrant.parse("4:all:5SRU:" + FROM + ":" + UNTIL))
        .hasMessageContaining("--licence CELL takes one cell id");
  }
}
