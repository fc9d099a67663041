package org.spectrumledger.ledger.bench;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Eip712Domain;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.OrderHasher;
import org.spectrumledger.ledger.OrderSigner;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.internal.KeyRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * EIP-712 order hashing, signing and signer recovery on one thread: rounds of a fixed number of
 * operations after a warm-up, reporting the median rate over the rounds. Recovery is measured with
 * Bouncy Castle and with libsecp256k1 side by side (each recovery hashes its order too).
 */
@Command(
    name = "eip712",
    mixinStandardHelpOptions = true,
    description = "EIP-712 order hashing, signing and recovery rates on one core.")
public final class Eip712Bench implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--rounds",
      defaultValue = "7",
      description = "measured rounds (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--ops",
      defaultValue = "4000",
      description = "operations per round (default ${DEFAULT-VALUE})")
  int ops;

  private volatile Object sink;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SecureRandom random = new SecureRandom(new byte[] {42});
    OrderSigner signer =
        new OrderSigner(
            Eip712Domain.exchange(2018, Address.of("0x5fbdb2315678afecb367f032d93f642f64180aa3")));
    int keys = 64;
    SigningKey[] makers = new SigningKey[keys];
    for (int i = 0; i < keys; i++) {
      makers[i] = SigningKey.random(random);
    }
    Order[] orders = new Order[ops];
    SignedOrder[] signed = new SignedOrder[ops];
    for (int i = 0; i < ops; i++) {
      SigningKey k = makers[i % keys];
      orders[i] =
          new Order(
              k.address(),
              i % 2 == 0 ? Side.BID : Side.ASK,
              new MarketKey(4, 7, 1_800_000_000L, 1_800_003_600L),
              1_500,
              2_000_000 + i,
              i,
              1_800_000_000L,
              true);
      signed[i] = signer.sign(orders[i], k);
    }
    OrderHasher hasher = signer.hasher();
    double hash =
        rate(
            () -> {
              for (Order o : orders) {
                sink = hasher.digest(o);
              }
            });
    double sign =
        rate(
            () -> {
              for (int i = 0; i < ops; i++) {
                sink = makers[i % keys].sign(hasher.digest(orders[i]));
              }
            });
    KeyRecovery bc = KeyRecovery.bouncyCastle();
    KeyRecovery lib = KeyRecovery.nativeLibrary();
    double recoverBc = rate(() -> recoverAll(bc, hasher, signed));
    double recoverNative = lib == null ? Double.NaN : rate(() -> recoverAll(lib, hasher, signed));
    double recover = KeyRecovery.best() == lib ? recoverNative : recoverBc;
    for (SignedOrder s : signed) {
      signer.signedBy(s.order().maker(), hasher.digest(s.order()), s.signature());
    }
    double verify =
        rate(
            () -> {
              for (SignedOrder s : signed) {
                if (!signer.signedBy(s.order().maker(), hasher.digest(s.order()), s.signature())) {
                  throw new IllegalStateException("verification failed");
                }
              }
            });
    TextTable table = new TextTable("operation", "per second (median)", "µs each");
    table.row("hash (struct + digest)", Math.round(hash), String.format("%.2f", 1e6 / hash));
    table.row("sign", Math.round(sign), String.format("%.2f", 1e6 / sign));
    table.row(
        "recover signer (" + KeyRecovery.best().name() + ")",
        Math.round(recover),
        String.format("%.2f", 1e6 / recover));
    table.row(
        "hash + check a known signer (intake)",
        Math.round(verify),
        String.format("%.2f", 1e6 / verify));
    out.print(table);
    out.println();
    TextTable sideBySide =
        new TextTable("signer recovery", "bouncycastle /s", "libsecp256k1 /s", "native / bc");
    sideBySide.row(
        "median of " + rounds + " rounds of " + ops,
        Math.round(recoverBc),
        lib == null ? "not loaded" : Long.toString(Math.round(recoverNative)),
        lib == null ? "-" : String.format("%.1fx", recoverNative / recoverBc));
    out.print(sideBySide);
    out.println();
    out.printf("recover per second, bouncycastle: %d%n", Math.round(recoverBc));
    out.println(
        "recover per second, libsecp256k1: "
            + (lib == null ? "not loaded" : Long.toString(Math.round(recoverNative))));
    out.println("recover per second: " + Math.round(recover));
    out.flush();
    Signature unused = signed[0].signature();
    sink = unused;
    return 0;
  }

  private double rate(Runnable round) {
    for (int i = 0; i < 2; i++) {
      round.run();
    }
    double[] rates = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      round.run();
      rates[i] = ops / ((System.nanoTime() - t0) / 1e9);
    }
    Arrays.sort(rates);
    return rates[rounds / 2];
  }

  /** Recovers every signer with {@code recovery} and checks it is the maker. */
  private void recoverAll(KeyRecovery recovery, OrderHasher hasher, SignedOrder[] signed) {
    for (SignedOrder s : signed) {
      Optional<Address> who =
          OrderSigner.recover(recovery, hasher.digest(s.order()), s.signature());
      if (who.isEmpty() || !who.get().equals(s.order().maker())) {
        throw new IllegalStateException(recovery.name() + " recovered the wrong signer");
      }
      sink = who;
    }
  }
}
