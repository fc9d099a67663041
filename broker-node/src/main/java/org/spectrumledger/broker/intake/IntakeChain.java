package org.spectrumledger.broker.intake;

import java.math.BigInteger;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorInfo;

/**
 * The chain state {@link OrderIntake} checks an order against: the port it is tested through with a
 * fake, and that {@link ChainView} serves from a cache. A call may throw {@link
 * org.spectrumledger.ledger.LedgerUnavailableException} when the node cannot be reached, {@link
 * org.spectrumledger.ledger.NoContractException} when the node's chain does not hold the
 * deployment's contracts (restarted under the broker, or another chain).
 */
public interface IntakeChain {

  OperatorInfo operator(Address maker);

  /** Escrow settlement can count on for bids matched from now on, base units. */
  BigInteger spendableEscrow(Address maker);

  long minValidNonce(Address maker);

  /** Milli-SRU of {@code market} the maker holds. */
  long holdings(Address maker, MarketKey market);

  /** Why {@code market} may not trade now, or null when it may. */
  String marketRefusal(MarketKey market);

  /** The chain's clock, seconds. */
  long chainTime();

  /** The exchange's fee, basis points. */
  int feeBps();
}
