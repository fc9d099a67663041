package org.spectrumledger.broker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.InsufficientFundsException;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.ConfigOptions;
import org.spectrumledger.ledger.cli.Setting;
import org.spectrumledger.ledger.cli.Times;
import org.spectrumledger.ledger.keys.PasswordSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum broker bond status|post|withdraw}: the broker's bond at the broker court. A
 * broker settles only while its active bond reaches the court's minimum; a near-RT fill receipt it
 * signed and did not settle by its deadline is paid to the maker from the bond; taking bond back
 * waits the court's withdrawal delay (longer than the window for claims).
 */
@Command(
    name = "bond",
    mixinStandardHelpOptions = true,
    description =
        "The broker's bond at the broker court: what it holds, whether the broker may settle,"
            + " posting more, and taking it back after the withdrawal delay.",
    subcommands = {BondCommand.Status.class, BondCommand.Post.class, BondCommand.Withdraw.class})
public final class BondCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The chain, the deployment and the key every bond command shares. */
  public static final class ChainOptions {
    @Mixin ConfigOptions config;

    @Option(
        names = "--rpc",
        defaultValue = "http://127.0.0.1:8545",
        description = "ledger node JSON-RPC URL (default ${DEFAULT-VALUE})")
    @Setting(env = "SPECTRUM_RPC", key = "rpcUrl")
    String rpc;

    @Option(
        names = "--deployment",
        defaultValue = ".spectrum/deployment.json",
        description = "deployment record JSON (default ${DEFAULT-VALUE})")
    @Setting(env = "SPECTRUM_DEPLOYMENT")
    Path deployment;

    @Option(
        names = "--key",
        paramLabel = "SOURCE",
        description =
            "the signing key: a V3 keystore, a file holding the hex key, or env:NAME (never the"
                + " key itself; else $"
                + BrokerKey.ENV
                + ", the hex key)")
    @Setting(env = "SPECTRUM_KEY")
    String key;

    @Option(
        names = "--password-file",
        description =
            "file holding the keystore password, trailing newline ignored (else $"
                + PasswordSource.ENV
                + ", else a prompt)")
    Path passwordFile;

    /** The key from {@code --key}, else the hex key in {@code SPECTRUM_BROKER_KEY}; or null. */
    SigningKey keyOrNull() {
      return key != null
          ? BrokerKey.load(key, passwordFile)
          : BrokerKey.fromEnvironmentOrNull(System::getenv);
    }

    SigningKey requireKey(String what) {
      SigningKey k = keyOrNull();
      if (k == null) {
        throw new IllegalArgumentException("no key to " + what + " with: " + BrokerKey.HOW_TO_GIVE);
      }
      return k;
    }

    LedgerClient client(SigningKey signer, String gas) {
      Deployment d = Deployment.read(deployment);
      GasFees fees = gas == null ? GasFees.auto() : GasFees.parse(gas);
      return LedgerClient.connect(new LedgerConfig(rpc, d.chainId(), d, signer, fees, null));
    }
  }

  /** Options of the commands that send a transaction. */
  public static final class GasOption {
    @Option(
        names = "--gas",
        description = "free, auto or eip1559:MAXFEE:TIP ($SPECTRUM_GAS; default auto)")
    @Setting(env = "SPECTRUM_GAS")
    String gas;
  }

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The next block's time: an idle dev chain mines no block, so its latest one may be older than
   * the clock the next transaction is mined at.
   */
  static long now(LedgerClient c) {
    return Math.max(c.chainTime(), System.currentTimeMillis() / 1000);
  }

  static String tokens(BigInteger baseUnits) {
    return TokenAmounts.format(baseUnits) + " tokens";
  }

  /** "may settle" or why not, for {@code active} against the court's minimum. */
  static String standing(BigInteger active, BigInteger minimum) {
    return active.compareTo(minimum) >= 0
        ? "may settle (the minimum is " + tokens(minimum) + ")"
        : "may NOT settle: below the minimum of "
            + tokens(minimum)
            + " (post "
            + tokens(minimum.subtract(active))
            + " more)";
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "The court's terms and a broker's bond: active, pending withdrawal and when it is"
              + " ready, whether the broker may settle, and how often it was convicted.")
  public static final class Status implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ChainOptions chain;

    @Option(
        names = "--broker",
        paramLabel = "ADDRESS",
        converter = AddressConverter.class,
        description = "the broker (default: the address of --key)")
    Address broker;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Address who = broker != null ? broker : chain.requireKey("name the broker").address();
      try (LedgerClient c = chain.client(null, null)) {
        CourtClient court = c.court();
        CourtClient.Terms terms = court.terms();
        CourtClient.Bond bond = court.bondOf(who);
        boolean bonded = court.isBonded(who);
        int convictions =
            c.eventsWhere("FillWithheld", LedgerClient.topic(who), null, null).size()
                + c.eventsWhere("OmissionUpheld", null, LedgerClient.topic(who), null).size()
                + c.eventsWhere("AuctionConvicted", null, LedgerClient.topic(who), null).size();
        long now = now(c);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("broker", who.hex());
          m.put("court", court.address().hex());
          m.put("maySettle", bonded);
          Map<String, Object> b = new LinkedHashMap<>();
          b.put("active", new java.math.BigDecimal(TokenAmounts.format(bond.active())));
          b.put("pending", new java.math.BigDecimal(TokenAmounts.format(bond.pending())));
          b.put(
              "readyAt",
              bond.pending().signum() == 0
                  ? null
                  : Instant.ofEpochSecond(bond.readyAt()).toString());
          b.put("ready", bond.pending().signum() > 0 && bond.readyAt() <= now);
          m.put("bond", b);
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("bondMinimum", new java.math.BigDecimal(TokenAmounts.format(terms.bondMinimum())));
          t.put("challengeWindowSeconds", terms.challengeWindow());
          t.put("withdrawalDelaySeconds", terms.withdrawalDelay());
          t.put("compensationBps", terms.compensationBps());
          m.put("terms", t);
          m.put("convictions", convictions);
          out.println(JSON.writeValueAsString(m));
        } else {
          out.println("broker " + who + ": " + standing(bond.active(), terms.bondMinimum()));
          out.println("  active bond         " + tokens(bond.active()));
          out.println(
              "  pending withdrawal  "
                  + (bond.pending().signum() == 0
                      ? "none"
                      : tokens(bond.pending())
                          + ", ready at "
                          + Times.isoWithDelay(bond.readyAt(), now)));
          out.println(
              "  convictions         "
                  + convictions
                  + " (fills withheld, orders left out of a book; paid from the bond)");
          out.println("court " + court.address());
          out.println("  minimum bond        " + tokens(terms.bondMinimum()));
          out.println(
              "  challenge window    "
                  + terms.challengeWindow()
                  + " s after a fill receipt's deadline or an auction's commitment");
          out.println("  withdrawal delay    " + terms.withdrawalDelay() + " s");
          out.println(
              "  compensation        "
                  + new java.math.BigDecimal(terms.compensationBps())
                      .movePointLeft(2)
                      .stripTrailingZeros()
                      .toPlainString()
                  + " % of a withheld fill's value ("
                  + terms.compensationBps()
                  + " bps)");
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "post",
      mixinStandardHelpOptions = true,
      description =
          "Adds settlement tokens of the key's wallet to a broker's bond (the key's own, or"
              + " --for another broker's, as a backer does).")
  public static final class Post implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ChainOptions chain;
    @Mixin GasOption gas;

    @Option(
        names = "--amount",
        required = true,
        paramLabel = "TOKENS",
        description = "tokens to post, e.g. 1000 or 12.5")
    String amount;

    @Option(
        names = "--for",
        paramLabel = "ADDRESS",
        converter = AddressConverter.class,
        description = "the broker whose bond it is (default: the key's own address)")
    Address forBroker;

    @Override
    public Integer call() {
      BigInteger value = TokenAmounts.parse(amount);
      SigningKey key = chain.requireKey("pay the bond");
      Address who = forBroker != null ? forBroker : key.address();
      try (LedgerClient c = chain.client(key, gas.gas)) {
        BigInteger balance = c.token().tokenBalance(key.address());
        if (balance.compareTo(value) < 0) {
          throw new InsufficientFundsException(key.address(), "its wallet", value, balance);
        }
        TxResult r = c.court().postBond(who, value);
        CourtClient.Bond bond = c.court().bondOf(who);
        BigInteger minimum = c.court().terms().bondMinimum();
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "posted "
                + tokens(value)
                + " ("
                + value
                + " base units) to the bond of "
                + who
                + " in tx "
                + r.txHash()
                + "; active bond now "
                + tokens(bond.active())
                + ": "
                + standing(bond.active(), minimum));
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description =
          "With --request TOKENS: takes that much out of the key's active bond (it stops counting"
              + " at once and can be withdrawn after the court's withdrawal delay). Without: pays"
              + " out a requested withdrawal that is ready.")
  public static final class Withdraw implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ChainOptions chain;
    @Mixin GasOption gas;

    @Option(
        names = "--request",
        paramLabel = "TOKENS",
        description = "tokens of the active bond to request back, e.g. 100 or 12.5")
    String request;

    @Override
    public Integer call() {
      BigInteger value = request == null ? null : TokenAmounts.parse(request);
      SigningKey key = chain.requireKey("withdraw the bond");
      Address me = key.address();
      PrintWriter out = spec.commandLine().getOut();
      try (LedgerClient c = chain.client(key, gas.gas)) {
        CourtClient court = c.court();
        CourtClient.Bond bond = court.bondOf(me);
        if (value != null) {
          if (bond.active().compareTo(value) < 0) {
            throw new InsufficientFundsException(me, "its active bond", value, bond.active());
          }
          TxResult r = court.requestBondWithdrawal(value);
          CourtClient.Bond after = court.bondOf(me);
          out.println(
              "withdrawal of "
                  + tokens(value)
                  + " of the bond requested in tx "
                  + r.txHash()
                  + "; "
                  + tokens(after.pending())
                  + " pending, ready at "
                  + Times.isoWithDelay(after.readyAt(), now(c))
                  + " (claims may still be paid from it until then)");
          out.println(
              "active bond now "
                  + tokens(after.active())
                  + ": "
                  + standing(after.active(), court.terms().bondMinimum()));
        } else {
          if (bond.pending().signum() == 0) {
            throw new IllegalArgumentException(
                "no bond withdrawal is pending for " + me + "; request one with --request TOKENS");
          }
          long now = now(c);
          if (bond.readyAt() > now) {
            throw new IllegalArgumentException(
                "the bond withdrawal of "
                    + tokens(bond.pending())
                    + " is not ready yet: from "
                    + Times.isoWithDelay(bond.readyAt(), now));
          }
          TxResult r = court.withdrawBond();
          out.println(
              "withdrew "
                  + tokens(bond.pending())
                  + " of the bond in tx "
                  + r.txHash()
                  + "; active bond "
                  + tokens(court.bondOf(me).active()));
        }
      }
      out.flush();
      return 0;
    }
  }
}
