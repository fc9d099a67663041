package org.spectrumledger.broker.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.spectrumledger.ledger.Side;

/**
 * Checks a clearing against exactly what {@code SpectrumExchange.settleBatch} checks of one
 * market's price and fills, so the broker never submits a batch that the chain would revert:
 *
 * <ul>
 *   <li>one price, positive when anything trades ({@link MatchResult} holds a single price);
 *   <li>every filled bid's limit ≥ price ≥ every filled ask's limit;
 *   <li>Σ bid fills = Σ ask fills;
 *   <li>every fill positive and at most its order's open quantity;
 *   <li>every all-or-none order filled whole or not at all;
 * </ul>
 *
 * and that every fill names a distinct order of the input on its own side. Signatures, expiry,
 * escrow, holdings and policy are the chain's to check against its own state. Lot and tick are not
 * checked: the chain does not require them.
 */
public final class MatchValidator {

  private MatchValidator() {}

  /**
   * Validates {@code result} as a clearing of {@code input}.
   *
   * @throws IllegalArgumentException if two orders of the input share an id, so a fill could name
   *     either
   */
  public static MatchValidation validate(MatchInput input, MatchResult result) {
    Map<Long, Integer> byId = new HashMap<>(input.size() * 2);
    for (int i = 0; i < input.size(); i++) {
      if (byId.put(input.id(i), i) != null) {
        throw new IllegalArgumentException("two orders of the input have the id " + input.id(i));
      }
    }
    List<Violation> violations = new ArrayList<>();
    long price = result.price();
    if (result.traded() && price <= 0) {
      violations.add(
          new Violation(
              Violation.Kind.NON_POSITIVE_PRICE,
              OptionalLong.empty(),
              "orders trade at price " + price));
    }
    Set<Long> filled = new HashSet<>();
    long bidTotal = 0;
    long askTotal = 0;
    boolean overflow = false;
    for (int f = 0; f < result.fillCount(); f++) {
      long id = result.orderId(f);
      long q = result.quantity(f);
      Side side = result.side(f);
      OptionalLong at = OptionalLong.of(id);
      if (q <= 0) {
        violations.add(
            new Violation(Violation.Kind.NON_POSITIVE_FILL, at, "order " + id + " is filled " + q));
      }
      try {
        if (side == Side.BID) {
          bidTotal = Math.addExact(bidTotal, q);
        } else {
          askTotal = Math.addExact(askTotal, q);
        }
      } catch (ArithmeticException e) {
        overflow = true;
      }
      if (!filled.add(id)) {
        violations.add(
            new Violation(
                Violation.Kind.DUPLICATE_FILL, at, "order " + id + " is filled more than once"));
      }
      Integer i = byId.get(id);
      if (i == null) {
        violations.add(
            new Violation(Violation.Kind.UNKNOWN_ORDER, at, "order " + id + " is not in the book"));
        continue;
      }
      MatchOrder o = input.order(i);
      if (o.side() != side) {
        violations.add(
            new Violation(
                Violation.Kind.WRONG_SIDE,
                at,
                "order " + id + " is a " + o.side() + " filled as a " + side));
        continue;
      }
      if (side == Side.BID && o.limitPrice() < price) {
        violations.add(
            new Violation(
                Violation.Kind.BID_BELOW_PRICE,
                at,
                "bid " + id + " limit " + o.limitPrice() + " is below the price " + price));
      }
      if (side == Side.ASK && o.limitPrice() > price) {
        violations.add(
            new Violation(
                Violation.Kind.ASK_ABOVE_PRICE,
                at,
                "ask " + id + " limit " + o.limitPrice() + " is above the price " + price));
      }
      if (q > o.quantity()) {
        violations.add(
            new Violation(
                Violation.Kind.OVERFILL,
                at,
                "order " + id + " is filled " + q + " of " + o.quantity() + " open"));
      }
      if (o.allOrNone() && q > 0 && q < o.quantity()) {
        violations.add(
            new Violation(
                Violation.Kind.PARTIAL_ALL_OR_NONE,
                at,
                "all-or-none order " + id + " is filled " + q + " of " + o.quantity()));
      }
    }
    if (overflow || bidTotal != askTotal) {
      violations.add(
          new Violation(
              Violation.Kind.UNBALANCED,
              OptionalLong.empty(),
              overflow
                  ? "the fills of one side overflow a long"
                  : "bid fills total " + bidTotal + ", ask fills " + askTotal));
    }
    return new MatchValidation(violations);
  }
}
