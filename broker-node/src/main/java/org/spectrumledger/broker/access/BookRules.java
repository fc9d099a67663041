package org.spectrumledger.broker.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.spectrumledger.broker.api.BookRule;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.broker.epoch.Timescale;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;

/**
 * Which books are lit: the regulator's signed rules. A non-RT auction is sealed until it clears,
 * whatever a rule says; a near-RT market is sealed unless a rule lights it, a rule on its cell
 * overriding the rule on all cells of its band.
 *
 * <p>The rules live at the broker, not on chain: a rule is an EIP-712 message the regulator signs
 * ({@link OffChainMessages#BOOK_RULE_TYPE}), checked here against the policy's regulator role and
 * kept in the broker's store; {@code /v1/info} shows each with its signature, so anyone can check
 * the broker shows the regulator's rules. Putting them in the policy contract would add storage and
 * a role check to every settlement for something only the broker acts on. A rule's sequence must be
 * above every rule's before it, so an old rule cannot be replayed over a newer one.
 */
public final class BookRules {

  /**
   * Where the rules in force are kept across restarts (the broker's store): each rule's JSON under
   * a key naming its band and cells, which a later rule on the same cells overwrites.
   */
  public interface RuleStore {
    /** Every rule's JSON. */
    java.util.Collection<String> load();

    void save(String key, String json);
  }

  /** The outcome of a submitted rule. */
  public sealed interface Outcome {
    record Accepted(List<BookRule> rules) implements Outcome {}

    record Refused(int status, String reason, String title, String detail) implements Outcome {}
  }

  private record Cells(long band, long cell) {}

  private final OffChainMessages messages;
  private final Predicate<Address> isRegulator;
  private final RuleStore store;
  private volatile Map<Cells, BookRule> rules;

  /**
   * @param isRegulator whether an account holds the regulator role now (a chain read; it may throw
   *     when the chain cannot be reached)
   */
  public BookRules(OffChainMessages messages, Predicate<Address> isRegulator, RuleStore store) {
    this.messages = messages;
    this.isRegulator = isRegulator;
    this.store = store;
    Map<Cells, BookRule> loaded = new HashMap<>();
    for (String json : store.load()) {
      BookRule r = WireJson.read(json, BookRule.class);
      loaded.put(cells(r), r);
    }
    this.rules = Map.copyOf(loaded);
  }

  /** The rules in force, oldest first. */
  public List<BookRule> rules() {
    List<BookRule> out = new ArrayList<>(rules.values());
    out.sort(Comparator.comparingLong(BookRule::sequence));
    return out;
  }

  /** Whether the book of {@code market}, of timescale {@code ts}, may be shown. */
  public boolean lit(MarketKey market, Timescale ts) {
    if (ts != Timescale.NEAR_RT) {
      return false;
    }
    Map<Cells, BookRule> r = rules;
    BookRule rule = r.get(new Cells(market.band(), market.cell()));
    if (rule == null) {
      rule = r.get(new Cells(market.band(), CellId.ALL_CELLS.value()));
    }
    return rule != null && rule.lit();
  }

  /** Checks and, if it is the regulator's and newer than every rule, puts {@code rule} in force. */
  public synchronized Outcome submit(BookRule rule) {
    OffChainMessages.BookRule message;
    org.spectrumledger.ledger.Signature signature;
    try {
      if (rule.regulator() == null) {
        throw new IllegalArgumentException("regulator is required");
      }
      if (rule.band() < 0 || rule.band() > 0xffff_ffffL) {
        throw new IllegalArgumentException("band must be a uint32: " + rule.band());
      }
      if (rule.sequence() <= 0) {
        throw new IllegalArgumentException("sequence must be positive");
      }
      message = rule.message();
      signature = rule.signatureValue();
    } catch (IllegalArgumentException e) {
      return new Outcome.Refused(400, "malformed", "malformed rule", e.getMessage());
    }
    Optional<Address> signer = messages.bookRuleSigner(message, signature);
    if (signer.isEmpty() || !signer.get().equals(rule.regulator())) {
      return new Outcome.Refused(
          400,
          "bad-signature",
          "bad signature",
          "the rule is not signed by "
              + rule.regulator()
              + " under this deployment's domain ("
              + OffChainMessages.BOOK_RULE_TYPE
              + ")");
    }
    boolean regulator;
    try {
      regulator = isRegulator.test(rule.regulator());
    } catch (org.spectrumledger.ledger.NoContractException e) {
      // (its message names the broker's node, which is not the client's business)
      return new Outcome.Refused(
          503,
          "chain-unavailable",
          "the chain cannot be read",
          "cannot check the regulator role now: the deployment's contracts are not on the chain"
              + " the broker's ledger node serves (a restarted chain, or a deployment record for"
              + " another chain)");
    } catch (RuntimeException e) {
      return new Outcome.Refused(
          503,
          "chain-unavailable",
          "the chain cannot be read",
          "cannot check the regulator role now: " + e.getMessage());
    }
    if (!regulator) {
      return new Outcome.Refused(
          403,
          "not-regulator",
          "only the regulator sets book rules",
          rule.regulator() + " does not hold the regulator role in the policy");
    }
    long last = 0;
    for (BookRule r : rules.values()) {
      last = Math.max(last, r.sequence());
    }
    if (rule.sequence() <= last) {
      return new Outcome.Refused(
          409,
          "stale-rule",
          "a later rule is in force",
          "sequence " + rule.sequence() + " is not above the last rule's, " + last);
    }
    Map<Cells, BookRule> next = new HashMap<>(rules);
    // the canonical form of the cell, so the rules shown read the same however they were sent
    BookRule kept =
        new BookRule(
            rule.band(),
            message.cell().toString(),
            rule.lit(),
            rule.sequence(),
            rule.regulator(),
            signature.toHex());
    next.put(cells(kept), kept);
    List<BookRule> ordered = new ArrayList<>(next.values());
    ordered.sort(Comparator.comparingLong(BookRule::sequence));
    store.save("book_rule:" + kept.band() + ":" + kept.cell(), WireJson.write(kept));
    rules = Map.copyOf(next);
    return new Outcome.Accepted(ordered);
  }

  private static Cells cells(BookRule r) {
    return new Cells(r.band(), CellId.parse(r.cell()).value());
  }
}
