package org.spectrumledger.broker.intake;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorInfo;
import org.spectrumledger.ledger.ProtectionZone;
import org.spectrumledger.ledger.SensingReport;

/**
 * The chain state intake checks orders against, cached: operators, escrow and pending withdrawals,
 * holdings per market, minimum nonces, and whether a market may trade. Entries expire after a short
 * time and are dropped at once when an event says they changed, so intake stays fast (no chain call
 * per order) and fresh.
 */
public final class ChainView {

  private record Entry<T>(T value, long loadedAtMillis) {}

  private final LedgerClient chain;
  private final long ttlMillis;
  private final Map<Address, Entry<OperatorInfo>> operators = new ConcurrentHashMap<>();
  private final Map<Address, Entry<BigInteger>> spendable = new ConcurrentHashMap<>();
  private final Map<Address, Entry<Long>> minNonces = new ConcurrentHashMap<>();
  private final Map<String, Entry<Long>> holdings = new ConcurrentHashMap<>();
  private final Map<MarketKey, Entry<String>> marketVerdicts = new ConcurrentHashMap<>();
  private volatile Entry<Long> chainTime;
  private volatile Entry<Integer> feeBps;

  public ChainView(LedgerClient chain, long ttlMillis) {
    this.chain = chain;
    this.ttlMillis = ttlMillis;
  }

  private <K, T> T cached(Map<K, Entry<T>> map, K key, Supplier<T> load) {
    long now = System.currentTimeMillis();
    Entry<T> e = map.get(key);
    if (e == null || now - e.loadedAtMillis() > ttlMillis) {
      e = new Entry<>(load.get(), now);
      map.put(key, e);
    }
    return e.value();
  }

  public OperatorInfo operator(Address a) {
    return cached(operators, a, () -> chain.operatorInfo(a));
  }

  /**
   * The free escrow: what settlement can count on for bids matched from now on. An amount set aside
   * for a withdrawal is not in it (settlement may spend that only for bids matched before the
   * request, while its window is open).
   */
  public BigInteger spendableEscrow(Address a) {
    return cached(spendable, a, () -> chain.escrowOf(a));
  }

  public long minValidNonce(Address a) {
    return cached(minNonces, a, () -> chain.minValidNonce(a));
  }

  public long holdings(Address a, MarketKey m) {
    return cached(holdings, a.hex() + "/" + m, () -> chain.holdings(a, m));
  }

  /** Null when the market may trade, otherwise why not. */
  public String marketRefusal(MarketKey m) {
    return cached(
            marketVerdicts,
            m,
            () -> {
              BandInfo band = chain.bandInfo(m.band());
              if (!band.registered()) {
                return "band " + m.band() + " is not registered";
              }
              if (!band.active()) {
                return "band " + m.band() + " is inactive";
              }
              if (!band.onGrid(m.slotStart(), m.slotEnd())) {
                return "slot ["
                    + m.slotStart()
                    + ", "
                    + m.slotEnd()
                    + ") is off band "
                    + m.band()
                    + "'s grid of "
                    + band.grid().stepAt(m.slotStart())
                    + " s";
              }
              for (ProtectionZone z : chain.protectionZones(m.band(), m.cell())) {
                if (z.overlaps(m)) {
                  return "protection zone "
                      + z.id()
                      + " covers ["
                      + z.from()
                      + ", "
                      + z.until()
                      + ")";
                }
              }
              if (band.sensingRequired()) {
                SensingReport r = chain.sensingReport(m.band(), m.cell());
                String refusal = r.refusal(m.slotStart(), chainTime(), band.maxReportAge());
                if (refusal != null) {
                  return refusal;
                }
              }
              return "";
            })
        .transform(s -> s.isEmpty() ? null : s);
  }

  /** The chain's clock, refreshed every second. */
  public long chainTime() {
    long now = System.currentTimeMillis();
    Entry<Long> t = chainTime;
    if (t == null || now - t.loadedAtMillis() > 1_000) {
      t = new Entry<>(chain.chainTime(), now);
      chainTime = t;
    }
    return t.value() + (now - t.loadedAtMillis()) / 1_000;
  }

  public int feeBps() {
    Entry<Integer> f = feeBps;
    long now = System.currentTimeMillis();
    if (f == null || now - f.loadedAtMillis() > ttlMillis) {
      f = new Entry<>(chain.feeBps(), now);
      feeBps = f;
    }
    return f.value();
  }

  /** Forgets every market verdict (the chain refused a market's clearing). */
  public void invalidateMarkets() {
    marketVerdicts.clear();
  }

  /** Drops whatever {@code event} changed. */
  public void onEvent(LedgerEvent e) {
    switch (e.name()) {
      case "OperatorRegistered", "OperatorSuspensionChanged" ->
          operators.remove(e.address("operator"));
      case "Deposited", "Withdrawn", "WithdrawalRequested", "WithdrawalCancelled" ->
          spendable.remove(e.address("operator"));
      case "TradeSettled" -> {
        Address maker = e.address("maker");
        spendable.remove(maker);
        holdings.remove(maker.hex() + "/" + e.market());
      }
      case "LicenceGranted" -> {
        String prefix = e.address("operator").hex() + "/";
        holdings.keySet().removeIf(k -> k.startsWith(prefix));
      }
      case "NoncesInvalidated" -> minNonces.remove(e.address("maker"));
      case "SensingReported",
          "ProtectionZoneAdded",
          "ProtectionZoneRemoved",
          "BandRegistered",
          "BandUpdated",
          "BandSlotGridSet" ->
          marketVerdicts.clear();
      case "FeeChanged" -> feeBps = null;
      default -> {}
    }
  }
}
