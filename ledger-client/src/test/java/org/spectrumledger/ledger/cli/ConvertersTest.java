package org.spectrumledger.ledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.MarketKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ConvertersTest {

  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Option(names = "--operator", converter = AddressConverter.class)
    Address operator;

    @Option(names = "--market", converter = MarketKeyConverter.class)
    MarketKey market;

    @Option(names = "--quantity", converter = SruQuantityConverter.class)
    long quantity;

    @Override
    public void run() {}
  }

  /** The probe after parsing {@code args}, or the usage error it printed. */
  private static Object parse(String... args) {
    Probe probe = new Probe();
    StringWriter err = new StringWriter();
    int code = new CommandLine(probe).setErr(new PrintWriter(err)).execute(args);
    return code == 0 ? probe : err.toString();
  }

  private static String refusal(String... args) {
    Object r = parse(args);
    assertThat(r).as("refused").isInstanceOf(String.class);
    return (String) r;
  }

  @Test
  void takesAnAddressInOneCaseOrWithAMatchingChecksum() {
    Address a = Address.of("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    for (String text :
        new String[] {
          "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
          "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
          "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
          "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
          "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
        }) {
      assertThat(parse("--operator", text)).as(text).isInstanceOf(Probe.class);
    }
    assertThat(((Probe) parse("--operator", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).operator)
        .isEqualTo(a);
  }

  @Test
  void refusesAMixedCaseAddressWhoseChecksumIsWrong() {
    // the last letter's case flipped
    assertThat(refusal("--operator", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))
        .contains("Invalid value for option '--operator'")
        .contains("fails its EIP-55 checksum")
        .contains("mistyped");
    // one digit mistyped in a checksummed address
    assertThat(refusal("--operator", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAee"))
        .contains("fails its EIP-55 checksum");
  }

  @Test
  void refusesWhatIsNotAnAddress() {
    assertThat(refusal("--operator", "0x1234")).contains("not an address (40 hex digits");
    assertThat(refusal("--operator", "0x" + "zz".repeat(20))).contains("not an address");
    assertThat(refusal("--operator", "")).contains("not an address");
  }

  @Test
  void readsAMarketKeyAsItIsPrinted() {
    MarketKey m = new MarketKey(4, 0x7, 1_700_000_000, 1_700_003_600);
    assertThat(((Probe) parse("--market", m.toString())).market).isEqualTo(m);
    assertThat(((Probe) parse("--market", "4/7/1700000000-1700003600")).market)
        .as("a decimal cell")
        .isEqualTo(m);
  }

  @Test
  void refusesAMalformedMarketKey() {
    assertThat(refusal("--market", "4/0x7"))
        .contains("Invalid value for option '--market'")
        .contains("band/cell/slotStart-slotEnd");
    assertThat(refusal("--market", "4/0x7/1700000000")).contains("slot must look like start-end");
    assertThat(refusal("--market", "4/0xzz/1-2"))
        .contains(
            "not a cell id: '0xzz'; the market's cell is a cell id, hex (0x7) or decimal (7)");
    assertThat(refusal("--market", "four/0x7/1-2")).contains("not a market key");
    assertThat(refusal("--market", "4/0x7/2000-1000")).contains("non-empty range");
    assertThat(refusal("--market", "5000000000/0x7/1-2")).contains("32 unsigned bits");
    // a slot in milliseconds is on no band's grid: what it looks like is what is said
    assertThat(refusal("--market", "4/0x7/1796529600000-1796533200000"))
        .contains("slot start 1796529600000 looks like milliseconds")
        .contains("give unix seconds (1796529600)");
  }

  @Test
  void readsAQuantityInSruOrMilliSruByItsUnit() {
    assertThat(((Probe) parse("--quantity", "24SRU")).quantity).isEqualTo(24_000);
    assertThat(((Probe) parse("--quantity", "2.5SRU")).quantity).isEqualTo(2_500);
    assertThat(((Probe) parse("--quantity", "0.001sru")).quantity).isEqualTo(1);
    assertThat(((Probe) parse("--quantity", "24000mSRU")).quantity).isEqualTo(24_000);
    assertThat(((Probe) parse("--quantity", "24 SRU")).quantity).isEqualTo(24_000);
    assertThat(((Probe) parse("--quantity", "0")).quantity).as("nothing in either unit").isZero();
  }

  @Test
  void refusesABareQuantityWithBothReadingsAndAnyOtherWithTheFormsTaken() {
    assertThat(refusal("--quantity", "24000"))
        .contains("'--quantity': '24000' has no unit: write 24000mSRU (24 SRU) or 24000SRU");
    assertThat(refusal("--quantity", "2.5"))
        .contains("'2.5' has no unit: write 2.5SRU")
        .doesNotContain("2.5mSRU"); // a fraction of a milli-SRU is no quantity
    assertThat(refusal("--quantity", "1.0005SRU")).contains("more than 3 decimals");
    assertThat(refusal("--quantity", "2.5mSRU")).contains("not a whole number of milli-SRU");
    assertThat(refusal("--quantity", "-1SRU")).contains("a quantity is 0 or more, not '-1SRU'");
    assertThat(refusal("--quantity", "24MSRU"))
        .contains("write it with its unit, 24SRU or 24000mSRU");
    assertThat(refusal("--quantity", "24 kg")).contains("is not a quantity");
    assertThat(refusal("--quantity", "99999999999999999999mSRU")).contains("is too large");
    assertThat(refusal("--quantity", "24000")).doesNotContain("long", "BigDecimal");
  }

  /** The same reading for a quantity inside a compound option, its refusal naming no option. */
  @Test
  void readsAQuantityOutsideAnOptionAsTheConverterDoes() {
    assertThat(SruQuantityConverter.milliSru("24SRU")).isEqualTo(24_000);
    assertThat(SruQuantityConverter.milliSru("24000mSRU")).isEqualTo(24_000);
    assertThatThrownBy(() -> SruQuantityConverter.milliSru("24000"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("'24000' has no unit: write 24000mSRU (24 SRU) or 24000SRU");
    // a fraction cannot have meant milli-SRU: only the reading it can have is offered
    assertThatThrownBy(() -> SruQuantityConverter.milliSru("2.5"))
        .hasMessage("'2.5' has no unit: write 2.5SRU");
  }

  @Test
  void readsATimeInSecondsAndSaysWhatAnyOtherLooksLike() {
    assertThat(UnixTimeConverter.parse("1796529600")).isEqualTo(1_796_529_600L);
    assertThat(UnixTimeConverter.parse("2026-12-06T04:00:00Z")).isEqualTo(1_796_529_600L);
    assertThatThrownBy(() -> UnixTimeConverter.parse("1796529600000"))
        .hasMessageContaining("looks like milliseconds (2026-12-06T04:00:00Z)");
    assertThatThrownBy(() -> UnixTimeConverter.parse("2026-12-06"))
        .hasMessageContaining("give a full timestamp with its zone (2026-12-06T00:00:00Z)");
    assertThatThrownBy(() -> UnixTimeConverter.parse("2026-12-06T04:00"))
        .hasMessageContaining("has no zone")
        .hasMessageContaining("(2026-12-06T04:00:00Z)");
    assertThatThrownBy(() -> UnixTimeConverter.parse("99999999999999999999"))
        .hasMessageContaining("unix seconds run from 0 to 99999999999");
    assertThatThrownBy(() -> UnixTimeConverter.seconds(1_796_529_600_000L, "--first-slot"))
        .hasMessageStartingWith("--first-slot 1796529600000 looks like milliseconds");
  }
}
