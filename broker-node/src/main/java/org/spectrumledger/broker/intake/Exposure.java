package org.spectrumledger.broker.intake;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;

/**
 * What a maker's accepted, not yet settled orders already claim: escrow for bids (at their limit
 * price, plus the fee) and SRU for asks, per market. Intake adds a new order's claim to these
 * before comparing with the chain, so a maker cannot promise the same escrow or SRU twice. Sums are
 * kept per maker, so a check costs the same however many orders are open.
 */
public final class Exposure {

  private record Claim(
      Address maker, MarketKey market, Side side, long quantity, BigInteger amount) {}

  private static final BigInteger MILLI = BigInteger.valueOf(1000);

  private final Map<Bytes32, Claim> claims = new HashMap<>();
  private final Map<Address, BigInteger> escrowClaimed = new HashMap<>();
  private final Map<Address, Integer> bidsClaimed = new HashMap<>();
  private final Map<String, Long> holdingsClaimed = new HashMap<>();

  /**
   * The price part of a bid: {@code quantity × limitPrice / 1000}, rounded up as the chain does.
   */
  static BigInteger amount(long quantity, long limitPrice) {
    return BigInteger.valueOf(quantity)
        .multiply(BigInteger.valueOf(limitPrice))
        .add(BigInteger.valueOf(999))
        .divide(MILLI);
  }

  /** Escrow a bid of {@code quantity} at {@code limitPrice} can need: price rounded up plus fee. */
  public static BigInteger cost(long quantity, long limitPrice, int feeBps) {
    return withFee(amount(quantity, limitPrice), 1, feeBps);
  }

  private static BigInteger withFee(BigInteger amount, int bids, int feeBps) {
    // Each fill rounds its fee up, so allow one unit per bid on top of the fee on the sum.
    BigInteger fee =
        amount
            .multiply(BigInteger.valueOf(feeBps))
            .add(BigInteger.valueOf(9_999))
            .divide(BigInteger.valueOf(10_000));
    return amount.add(fee).add(feeBps == 0 ? BigInteger.ZERO : BigInteger.valueOf(bids));
  }

  /** Escrow the maker's open bids can need. */
  public synchronized BigInteger escrowClaimed(Address maker, int feeBps) {
    BigInteger sum = escrowClaimed.get(maker);
    return sum == null ? BigInteger.ZERO : withFee(sum, bidsClaimed.getOrDefault(maker, 0), feeBps);
  }

  public synchronized long holdingsClaimed(Address maker, MarketKey market) {
    return holdingsClaimed.getOrDefault(key(maker, market), 0L);
  }

  /** Sets the unsettled quantity {@code order} claims (0 removes the claim). */
  public synchronized void claim(Bytes32 orderHash, Order order, long unsettled) {
    release(orderHash);
    if (unsettled <= 0) {
      return;
    }
    BigInteger amount =
        order.side() == Side.BID ? amount(unsettled, order.limitPrice()) : BigInteger.ZERO;
    Claim c = new Claim(order.maker(), order.market(), order.side(), unsettled, amount);
    claims.put(orderHash, c);
    if (c.side() == Side.ASK) {
      holdingsClaimed.merge(key(c.maker(), c.market()), unsettled, Long::sum);
    } else {
      escrowClaimed.merge(c.maker(), amount, BigInteger::add);
      bidsClaimed.merge(c.maker(), 1, Integer::sum);
    }
  }

  /** Drops {@code orderHash}'s claim (settled, cancelled, expired or rejected). */
  public synchronized void release(Bytes32 orderHash) {
    Claim c = claims.remove(orderHash);
    if (c == null) {
      return;
    }
    if (c.side() == Side.ASK) {
      holdingsClaimed.merge(key(c.maker(), c.market()), -c.quantity(), Long::sum);
    } else {
      escrowClaimed.merge(c.maker(), c.amount().negate(), BigInteger::add);
      bidsClaimed.merge(c.maker(), -1, Integer::sum);
    }
  }

  private static String key(Address maker, MarketKey market) {
    return maker.hex() + "/" + market;
  }
}
