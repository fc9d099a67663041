package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * Every command checks all of its input before it sends anything: a refused command leaves the
 * chain as it was, so running it again, corrected, just works.
 */
@ExtendWith(DevChainExtension.class)
class CommandsCheckInputFirstTest {

  @Test
  void badInputIsRefusedBeforeAnythingIsSent(DevChain chain, @TempDir Path home) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    admin.policy().registerBand(4, 2_110_000, 2_155_000, false, 0, 3_600);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "checking password");
    Path regulator = Files.createDirectories(home.resolve("regulator"));
    Path regulatorKeys = OrderCliTest.importKey(regulator, ledger.adminKey(), pw);
    String[] common = {
      "--rpc", chain.rpcUrl(),
      "--deployment", deployment.toString(),
      "--password-file", pw.toString(),
      "--gas", "free"
    };
    Address fresh = SigningKey.random(new java.security.SecureRandom()).address();
    long now = admin.chainTime();

    // a malformed licence is refused before the registration is sent
    CliRunner malformed = register(common, fresh, regulatorKeys, "--licence", "4:0x7:abc");
    malformed.assertFailedCleanly(2, "--licence must be BAND:CELL:QUANTITY:FROM:UNTIL");
    assertThat(admin.policy().operatorInfo(fresh).registered()).isFalse();
    CliRunner wordy =
        register(
            common, fresh, regulatorKeys, "--licence", "4:0x7:abc:" + now + ":" + (now + 3_600));
    wordy.assertFailedCleanly(2, "--licence QUANTITY 'abc' is not a quantity");
    assertThat(admin.policy().operatorInfo(fresh).registered()).isFalse();
    // a bare number, once read as milli-SRU, is refused with both readings, as regulator licence's
    CliRunner bare =
        register(
            common, fresh, regulatorKeys, "--licence", "4:0x7:12000:" + now + ":" + (now + 3_600));
    bare.assertFailedCleanly(
        2, "--licence QUANTITY '12000' has no unit: write 12000mSRU (12 SRU) or 12000SRU");
    assertThat(admin.policy().operatorInfo(fresh).registered()).isFalse();
    CliRunner corrected =
        register(
            common, fresh, regulatorKeys, "--licence", "4:0x7:12SRU:" + now + ":" + (now + 3_600));
    assertThat(corrected.exitCode()).as(corrected.toString()).isZero();
    assertThat(corrected.out()).contains("licence of 12 SRU (12000 milli-SRU) per slot granted");
    assertThat(admin.policy().operatorInfo(fresh).registered()).isTrue();
    CliRunner again = register(common, fresh, regulatorKeys);
    again.assertFailedCleanly(2, "is registered already; grant it a licence with");

    // a negative quantity is a plain message, not an ABI encoder's
    CliRunner negative =
        OrderCliTest.run(
            common,
            "regulator",
            "licence",
            "--operator",
            fresh.hex(),
            "--band",
            "4",
            "--cell",
            "0x7",
            "--quantity",
            "-1",
            "--from",
            Long.toString(now),
            "--until",
            Long.toString(now + 3_600),
            "--keystore",
            regulatorKeys);
    negative.assertFailedCleanly(2, "'--quantity': a quantity is 0 or more, not '-1'");
    assertThat(negative.err()).doesNotContain("Bit size");

    // a mistyped EIP-55 address is refused, by the operator's, regulator's and network commands
    String badChecksum = flipOneLetter(fresh.checksummed());
    CliRunner licence =
        OrderCliTest.run(
            common,
            "regulator",
            "licence",
            "--operator",
            badChecksum,
            "--band",
            "4",
            "--cell",
            "0x7",
            "--quantity",
            "1SRU",
            "--from",
            Long.toString(now),
            "--until",
            Long.toString(now + 3_600),
            "--keystore",
            regulatorKeys);
    licence.assertFailedCleanly(2, "fails its EIP-55 checksum");
    CliRunner revoke =
        CliRunner.run(
            "network",
            "revoke",
            "--account",
            badChecksum,
            "--role",
            "sensor",
            "--rpc",
            chain.rpcUrl());
    revoke.assertFailedCleanly(2, "fails its EIP-55 checksum");

    // more than the free escrow is refused before a request is sent
    SigningKey campus =
        ledger.newOperator(
            "Funded",
            OperatorKind.MICRO_OPERATOR,
            new BigInteger("50000000"),
            new BigInteger("40500000"));
    Path campusHome = Files.createDirectories(home.resolve("campus"));
    Path campusKeys = OrderCliTest.importKey(campusHome, campus, pw);
    CliRunner tooMuch =
        OrderCliTest.run(
            common, "operator", "withdraw", "--amount", "999999", "--keystore", campusKeys);
    assertThat(tooMuch.exitCode()).as(tooMuch.toString()).isEqualTo(4);
    assertThat(tooMuch.err())
        .contains("has 40.5 tokens (40500000 base units) in free escrow")
        .contains("needs 999999 tokens");
    assertThat(admin.exchange().pendingWithdrawal(campus.address()).exists()).isFalse();
    CliRunner exponent =
        OrderCliTest.run(
            common, "operator", "withdraw", "--amount", "1e1", "--keystore", campusKeys);
    exponent.assertFailedCleanly(2, "not a token amount: '1e1'");
    assertThat(admin.exchange().pendingWithdrawal(campus.address()).exists()).isFalse();
  }

  private static String flipOneLetter(String checksummed) {
    char[] c = checksummed.toCharArray();
    for (int i = 2; i < c.length; i++) {
      if (Character.isLetter(c[i])) {
        c[i] =
            Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
        String flipped = new String(c);
        String digits = flipped.substring(2);
        if (!digits.equals(digits.toLowerCase()) && !digits.equals(digits.toUpperCase())) {
          return flipped;
        }
        c[i] =
            Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
      }
    }
    throw new IllegalStateException("no letter to flip in " + checksummed);
  }

  /**
   * {@code operator register} of {@code operator} as a micro operator, with the regulator's keys.
   */
  private static CliRunner register(
      String[] common, Address operator, Path regulatorKeys, String... more) {
    List<Object> args =
        new ArrayList<>(
            List.of(
                "operator",
                "register",
                "--operator",
                operator.hex(),
                "--kind",
                "MICRO_OPERATOR",
                "--name",
                "Campus",
                "--keystore",
                regulatorKeys));
    args.addAll(List.of(more));
    return OrderCliTest.run(common, args.toArray());
  }
}
