package org.spectrumledger.broker.intake;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.spectrumledger.broker.matching.MarketRules;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.broker.store.OrderState;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Fees;
import org.spectrumledger.ledger.Lease;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.NoContractException;
import org.spectrumledger.ledger.OperatorInfo;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.OrderSigner;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.TokenAmounts;

/**
 * Checks a signed order before the broker accepts it, in the order of cost: the cheap checks first
 * (sizes, expiry), then the signature under this deployment's domain, then chain state from the
 * {@link ChainView} cache (operator, nonce, escrow or holdings, the market's policy). An accepted
 * order is stored before it is acknowledged, so an acknowledged order survives a crash.
 */
public final class OrderIntake {

  private final OrderSigner signer;
  private final IntakeChain chain;
  private final Exposure exposure;
  private final IntakeSettings settings;
  private final Consumer<OrderRecord> onAccepted;
  private final AtomicLong seq;
  private final Object checkAndClaim = new Object();
  private final OrderLog writer;
  private final Set<String> makerNonces;
  private final Clock clock;

  /**
   * @param clock the wall clock: an order is checked against the later of it and the chain's clock,
   *     so an idle chain (no block for a while) does not keep an expired order alive
   */
  public OrderIntake(
      OrderSigner signer,
      IntakeChain chain,
      OrderLog orders,
      Exposure exposure,
      IntakeSettings settings,
      Consumer<OrderRecord> onAccepted,
      Clock clock) {
    this.signer = signer;
    this.chain = chain;
    this.exposure = exposure;
    this.settings = settings;
    this.onAccepted = onAccepted;
    this.seq = new AtomicLong(orders.maxSeq());
    this.writer = orders;
    this.makerNonces = orders.makerNonces();
    this.clock = clock;
  }

  /**
   * An amount as its maker wrote it and as it is signed: {@code 2.5 tokens (2500000 base units)}.
   */
  private static String tokens(BigInteger baseUnits) {
    return TokenAmounts.format(baseUnits) + " tokens (" + baseUnits + " base units)";
  }

  private static String tokens(long baseUnits) {
    return tokens(BigInteger.valueOf(baseUnits));
  }

  /**
   * Why {@code o} lies beyond the horizon (its slot starts, or its validUntil lies, more than
   * {@link IntakeSettings#horizonSeconds} after {@code now}), or null. A value that reads as a time
   * near now once divided by 1000 is said to be milliseconds.
   */
  private String beyondHorizon(Order o, long now) {
    long horizon = settings.horizonSeconds();
    long last = now + horizon;
    String what;
    long value;
    if (o.market().slotStart() > last) {
      what = "slot starts";
      value = o.market().slotStart();
    } else if (Long.compareUnsigned(o.validUntil(), last) > 0) {
      what = "validUntil";
      value = o.validUntil();
    } else {
      return null;
    }
    String said = Long.toUnsignedString(value);
    String at =
        Long.compareUnsigned(value, Instant.MAX.getEpochSecond()) <= 0
            ? " (" + Instant.ofEpochSecond(value) + ")"
            : "";
    String refusal =
        what
            + " "
            + said
            + at
            + ", more than "
            + (horizon % 86_400 == 0 ? horizon / 86_400 + " days" : horizon + " s")
            + " after now ("
            + Instant.ofEpochSecond(now)
            + "): the broker takes orders up to that far ahead";
    long asMillis = Long.divideUnsigned(value, 1_000);
    if (Math.abs(asMillis - now) <= horizon) {
      refusal +=
          "; "
              + said
              + " looks like unix milliseconds, and slot bounds and validUntil are unix seconds ("
              + asMillis
              + ")";
    }
    return refusal;
  }

  /**
   * Checks and, if it passes, stores and books {@code signed}. {@code chainId} and {@code exchange}
   * are what the client says it signed for (null when it does not say).
   */
  public IntakeResult submit(SignedOrder signed, Long chainId, Address exchange) {
    Order o = signed.order();
    var domain = signer.domain();
    if (chainId != null && chainId != domain.chainId()) {
      return IntakeResult.refused(
          Rejection.WRONG_DOMAIN,
          "signed for chain " + chainId + "; this broker settles on chain " + domain.chainId());
    }
    if (exchange != null && !exchange.equals(domain.verifyingContract())) {
      return IntakeResult.refused(
          Rejection.WRONG_DOMAIN,
          "signed for exchange "
              + exchange
              + "; this broker settles on "
              + domain.verifyingContract());
    }
    MarketRules rules = settings.rules();
    if (!rules.isValidQuantity(o.quantity())) {
      return IntakeResult.refused(
          Rejection.LOT_SIZE,
          "quantity "
              + TokenAmounts.sruAndMilli(o.quantity())
              + " is not a positive multiple of the lot, "
              + TokenAmounts.sruAndMilli(rules.lotSize()));
    }
    if (o.quantity() > Lease.MAX_POSITION) {
      return IntakeResult.refused(
          Rejection.TOO_LARGE,
          "quantity "
              + TokenAmounts.sruAndMilli(o.quantity())
              + " is more than one operator can hold, or sell of its licence, in one market: "
              + TokenAmounts.sruAndMilli(Lease.MAX_POSITION)
              + " (quantities are in milli-SRU)");
    }
    if (!rules.isValidPrice(o.limitPrice())) {
      return IntakeResult.refused(
          Rejection.TICK_SIZE,
          "limit price "
              + tokens(o.limitPrice())
              + " a SRU is not a positive multiple of the tick, "
              + tokens(rules.tickSize())
              + ", at most "
              + tokens(rules.maxPrice()));
    }
    byte[] digest = signer.hasher().digest(o);
    if (!signer.signedBy(o.maker(), digest, signed.signature())) {
      if (signed.signature().isHighS()) {
        return IntakeResult.refused(
            Rejection.BAD_SIGNATURE,
            "the signature's s is in the upper half of the curve order; sign again, or use n - s"
                + " and flip v (27 <-> 28): the exchange accepts only low-s signatures (EIP-2)");
      }
      Optional<Address> recovered = OrderSigner.recover(digest, signed.signature());
      return IntakeResult.refused(
          Rejection.BAD_SIGNATURE,
          "signature recovers to "
              + recovered.map(Address::toString).orElse("no address")
              + ", not the maker "
              + o.maker()
              + ", under chain "
              + domain.chainId()
              + " and exchange "
              + domain.verifyingContract());
    }
    OrderRecord accepted;
    try {
      long chainNow = chain.chainTime();
      long wallNow = clock.instant().getEpochSecond();
      long now = Math.max(chainNow, wallNow);
      if (!o.validAt(now + settings.minValiditySeconds())) {
        return IntakeResult.refused(
            Rejection.EXPIRED,
            "valid until "
                + Instant.ofEpochSecond(o.validUntil())
                + " ("
                + o.validUntil()
                + "); it must stay valid at least "
                + settings.minValiditySeconds()
                + " s past "
                + (wallNow >= chainNow ? "now, " : "the chain's time, ")
                + Instant.ofEpochSecond(now));
      }
      if (o.market().slotEnd() <= now) {
        return IntakeResult.refused(Rejection.SLOT_ENDED, "slot ended at " + o.market().slotEnd());
      }
      String tooFar = beyondHorizon(o, now);
      if (tooFar != null) {
        return IntakeResult.refused(Rejection.TOO_FAR_AHEAD, tooFar);
      }
      OperatorInfo op = chain.operator(o.maker());
      if (!op.registered()) {
        return IntakeResult.refused(Rejection.UNKNOWN_OPERATOR, o.maker() + " is not registered");
      }
      if (op.suspended()) {
        return IntakeResult.refused(Rejection.SUSPENDED, o.maker() + " is suspended");
      }
      if (Long.compareUnsigned(o.nonce(), chain.minValidNonce(o.maker())) < 0) {
        return IntakeResult.refused(
            Rejection.NONCE_CANCELLED,
            "nonce "
                + Long.toUnsignedString(o.nonce())
                + " is below the maker's minimum "
                + Long.toUnsignedString(chain.minValidNonce(o.maker())));
      }
      String closed = chain.marketRefusal(o.market());
      if (closed != null) {
        return IntakeResult.refused(Rejection.MARKET_CLOSED, closed);
      }
      Bytes32 orderHash = Bytes32.wrap(digest);
      OrderRecord record;
      // Chain values first, outside the lock (a cache refresh may call the node); then check and
      // claim under one lock, so two orders of one maker cannot both pass on the same funds.
      int fee = chain.feeBps();
      if (o.side() == Side.BID && Fees.highestPrice(o.limitPrice(), fee) < rules.tickSize()) {
        return IntakeResult.refused(
            Rejection.LIMIT_BELOW_FEE,
            "limit "
                + tokens(o.limitPrice())
                + " a SRU is all-in: with the fee of "
                + fee
                + " bps it does not cover a price of one tick, "
                + tokens(rules.tickSize()));
      }
      BigInteger spendable =
          o.side() == Side.BID ? chain.spendableEscrow(o.maker()) : BigInteger.ZERO;
      long holdings = o.side() == Side.ASK ? chain.holdings(o.maker(), o.market()) : 0;
      synchronized (checkAndClaim) {
        if (exposure.tradesOppositeSide(o.maker(), o.market(), o.side())) {
          return IntakeResult.refused(
              Rejection.SELF_TRADE,
              "maker "
                  + o.maker()
                  + " already has "
                  + (o.side() == Side.BID ? "an ask" : "a bid")
                  + " in "
                  + o.market()
                  + " that may still trade; the exchange refuses a maker on both sides");
        }
        if (o.side() == Side.BID) {
          // the exchange keeps at most MAX_POSITION of one operator's leases in a market: open
          // bids that would pass it together cannot all settle (leases held already are not
          // counted here; the exchange refuses the fill that would pass it)
          long leases = exposure.leasesClaimed(o.maker(), o.market()) + o.quantity();
          if (leases > Lease.MAX_POSITION) {
            return IntakeResult.refused(
                Rejection.TOO_LARGE,
                "open bids with this one would lease "
                    + TokenAmounts.sruAndMilli(leases)
                    + " in "
                    + o.market()
                    + "; one operator holds at most "
                    + TokenAmounts.sruAndMilli(Lease.MAX_POSITION)
                    + " in a market");
          }
          BigInteger need =
              exposure
                  .escrowClaimed(o.maker())
                  .add(Fees.mostABidPays(o.limitPrice(), o.quantity()));
          if (need.compareTo(spendable) > 0) {
            return IntakeResult.refused(
                Rejection.INSUFFICIENT_ESCROW,
                "open bids with this one need "
                    + tokens(need)
                    + "; spendable escrow is "
                    + tokens(spendable));
          }
        } else {
          long need = exposure.holdingsClaimed(o.maker(), o.market()) + o.quantity();
          if (need > holdings) {
            return IntakeResult.refused(
                Rejection.INSUFFICIENT_HOLDINGS,
                "open asks with this one sell "
                    + TokenAmounts.sruAndMilli(need)
                    + " of "
                    + o.market()
                    + "; holdings are "
                    + TokenAmounts.sruAndMilli(holdings));
          }
        }
        String key = o.maker().hex() + "/" + o.nonce();
        if (!makerNonces.add(key)) {
          return IntakeResult.refused(
              Rejection.DUPLICATE,
              "maker " + o.maker() + " already has an order with nonce " + o.nonce());
        }
        record =
            new OrderRecord(
                orderHash,
                signed,
                seq.incrementAndGet(),
                clock.millis(),
                OrderState.OPEN,
                0,
                0,
                null);
        exposure.claim(orderHash, o, o.quantity());
      }
      // Durable before acknowledged; the write is shared with the orders arriving meanwhile.
      boolean stored;
      try {
        stored = writer.insert(record).join();
      } catch (java.util.concurrent.CompletionException e) {
        exposure.release(orderHash);
        synchronized (checkAndClaim) {
          makerNonces.remove(o.maker().hex() + "/" + o.nonce());
        }
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
      if (!stored) {
        exposure.release(orderHash);
        return IntakeResult.refused(
            Rejection.DUPLICATE,
            "maker " + o.maker() + " already has an order with nonce " + o.nonce());
      }
      accepted = record;
    } catch (LedgerUnavailableException e) {
      // (the node's address is the broker's own business, not the client's)
      return IntakeResult.refused(
          Rejection.CHAIN_UNAVAILABLE,
          "the broker cannot reach its ledger node to check the order; nothing was stored, send it"
              + " again shortly");
    } catch (NoContractException e) {
      // the node answers, but for a chain without the deployment (restarted, or another one)
      return IntakeResult.refused(
          Rejection.CHAIN_UNAVAILABLE,
          "the deployment's contracts are not on the chain the broker's ledger node serves (a"
              + " restarted chain, or a deployment record for another chain), so the order cannot"
              + " be checked; nothing was stored, send it again shortly");
    }
    // stored: whatever booking it does, it is never answered as "nothing was stored"
    onAccepted.accept(accepted);
    return new IntakeResult.Accepted(accepted);
  }
}
