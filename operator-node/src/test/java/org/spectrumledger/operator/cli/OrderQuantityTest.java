package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code operator order --quantity}: SRU as a bare number, as it always was, and also written with
 * its unit, as {@code regulator licence --quantity} and {@code operator register --licence} need
 * it.
 */
class OrderQuantityTest {

  @Test
  void aBareNumberIsSruAndOneWithItsUnitIsReadByItsUnit() {
    assertThat(OrderCommand.quantityMilliSru("2.5")).isEqualTo(2_500);
    assertThat(OrderCommand.quantityMilliSru("2.5SRU")).isEqualTo(2_500);
    assertThat(OrderCommand.quantityMilliSru(" 2.5 sru ")).isEqualTo(2_500);
    assertThat(OrderCommand.quantityMilliSru("2500mSRU")).isEqualTo(2_500);
    assertThat(OrderCommand.quantityMilliSru("0.001SRU")).isEqualTo(1);
  }

  @Test
  void whatIsNoPositiveQuantityIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> OrderCommand.quantityMilliSru("0SRU"))
        .hasMessageContaining("--quantity must be positive");
    assertThatThrownBy(() -> OrderCommand.quantityMilliSru("0"))
        .hasMessageContaining("--quantity must be positive");
    assertThatThrownBy(() -> OrderCommand.quantityMilliSru("2.5005SRU"))
        .hasMessageStartingWith("--quantity ")
        .hasMessageContaining("more than 3 decimals");
    assertThatThrownBy(() -> OrderCommand.quantityMilliSru("1.5mSRU"))
        .hasMessageContaining("not a whole number of milli-SRU");
    assertThatThrownBy(() -> OrderCommand.quantityMilliSru("1e1"))
        .hasMessageContaining("--quantity must be a positive number of SRU");
    assertThatThrownBy(() -> OrderCommand.quantityMilliSru("2.5 MSRU"))
        .hasMessageContaining("--quantity must be a positive number of SRU");
  }
}
