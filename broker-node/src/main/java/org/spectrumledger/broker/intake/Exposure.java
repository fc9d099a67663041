package org.spectrumledger.broker.intake;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Fees;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;

/**
 * What a maker's accepted, not yet settled orders already claim: escrow for bids (the most each can
 * pay, fee included: its limit is all-in) and the SRU they would lease, per market, and SRU for
 * asks, per market. Intake adds a new order's claim to these before comparing with the chain, so a
 * maker cannot promise the same escrow or SRU twice, nor be on both sides of one market. Sums are
 * kept per maker, so a check costs the same however many orders are open.
 */
public final class Exposure {

  private record Claim(
      Address maker, MarketKey market, Side side, long quantity, BigInteger amount) {}

  /** A maker in one market; a record key, not a string, as every order looks up a few. */
  private record MakerMarket(Address maker, MarketKey market) {}

  private record MakerSide(Address maker, MarketKey market, Side side) {}

  private final Map<Bytes32, Claim> claims = new HashMap<>();
  private final Map<Address, BigInteger> escrowClaimed = new HashMap<>();
  private final Map<MakerMarket, Long> holdingsClaimed = new HashMap<>();
  private final Map<MakerMarket, Long> leasesClaimed = new HashMap<>();
  private final Map<MakerSide, Integer> ordersPerSide = new HashMap<>();

  /** Escrow the maker's open bids can need. */
  public synchronized BigInteger escrowClaimed(Address maker) {
    return escrowClaimed.getOrDefault(maker, BigInteger.ZERO);
  }

  public synchronized long holdingsClaimed(Address maker, MarketKey market) {
    return holdingsClaimed.getOrDefault(new MakerMarket(maker, market), 0L);
  }

  /** Milli-SRU the maker's open bids in {@code market} would lease, were they all filled. */
  public synchronized long leasesClaimed(Address maker, MarketKey market) {
    return leasesClaimed.getOrDefault(new MakerMarket(maker, market), 0L);
  }

  /**
   * Whether the maker has an order on the side opposite {@code side} in {@code market} that may
   * still trade or settle: the exchange refuses a maker on both sides of one market.
   */
  public synchronized boolean tradesOppositeSide(Address maker, MarketKey market, Side side) {
    Side other = side == Side.BID ? Side.ASK : Side.BID;
    return ordersPerSide.getOrDefault(new MakerSide(maker, market, other), 0) > 0;
  }

  /** Sets the unsettled quantity {@code order} claims (0 removes the claim). */
  public synchronized void claim(Bytes32 orderHash, Order order, long unsettled) {
    release(orderHash);
    if (unsettled <= 0) {
      return;
    }
    BigInteger amount =
        order.side() == Side.BID
            ? Fees.mostABidPays(order.limitPrice(), unsettled)
            : BigInteger.ZERO;
    Claim c = new Claim(order.maker(), order.market(), order.side(), unsettled, amount);
    claims.put(orderHash, c);
    ordersPerSide.merge(new MakerSide(c.maker(), c.market(), c.side()), 1, Integer::sum);
    if (c.side() == Side.ASK) {
      holdingsClaimed.merge(new MakerMarket(c.maker(), c.market()), unsettled, Long::sum);
    } else {
      escrowClaimed.merge(c.maker(), amount, BigInteger::add);
      leasesClaimed.merge(new MakerMarket(c.maker(), c.market()), unsettled, Long::sum);
    }
  }

  /** Drops {@code orderHash}'s claim (settled, cancelled, expired or rejected). */
  public synchronized void release(Bytes32 orderHash) {
    Claim c = claims.remove(orderHash);
    if (c == null) {
      return;
    }
    ordersPerSide.merge(new MakerSide(c.maker(), c.market(), c.side()), -1, Integer::sum);
    if (c.side() == Side.ASK) {
      holdingsClaimed.merge(new MakerMarket(c.maker(), c.market()), -c.quantity(), Long::sum);
    } else {
      escrowClaimed.merge(c.maker(), c.amount().negate(), BigInteger::add);
      leasesClaimed.merge(new MakerMarket(c.maker(), c.market()), -c.quantity(), Long::sum);
    }
  }
}
