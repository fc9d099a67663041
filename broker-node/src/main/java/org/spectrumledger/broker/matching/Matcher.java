package org.spectrumledger.broker.matching;

/**
 * Clears one market for one epoch: a uniform-price double auction (call market) over the orders in
 * a {@link MatchInput}.
 *
 * <p>Every implementation follows the same rules, so they return equal results for equal input:
 *
 * <ol>
 *   <li><b>Volume</b>: the price maximises the matched volume {@code min(D(p), S(p))}, where {@code
 *       D(p)} is the quantity of bids with limit at or above {@code p} and {@code S(p)} the
 *       quantity of asks with limit at or below it. Prices are on the market's tick and positive.
 *   <li><b>Imbalance</b>: among those prices, the ones with the least {@code |D(p) - S(p)|}.
 *   <li><b>No order better than the price is rationed</b>: among those, the prices where {@code
 *       D(p) = S(p)} if any; otherwise the highest price where bids are in surplus and the lowest
 *       where asks are. At such a price every order strictly better than {@code p} fills whole and
 *       only orders limited exactly at {@code p} can be cut.
 *   <li><b>Midpoint</b>: the volume is found at the midpoint of what remains, rounded down to the
 *       tick.
 *   <li><b>Allocation</b>: the short side fills whole; the long side fills in priority order (best
 *       limit, then lowest sequence, then lowest id) and the last order reached fills in part.
 *   <li><b>All-or-none</b>: if that partly filled order is all-or-none, it is excluded from this
 *       epoch's auction and steps 1–5 run again without it, until no all-or-none order would be
 *       partly filled. Excluded orders are listed in {@link MatchResult#excludedAllOrNone()}.
 *   <li><b>Price</b>: the auction clears at the midpoint of its marginal pair — the lowest-ranked
 *       bid and the lowest-ranked ask it fills — rounded down to the tick: {@code ask + (bid - ask)
 *       / tick / 2 * tick}. Every filled bid's limit is at or above it and every filled ask's at or
 *       below it. This is the published rule the broker court checks from the committed book
 *       ({@code AuctionBook}); steps 1–6 fix the fills, which follow rank order on both sides.
 * </ol>
 *
 * <p>A market with no crossing orders clears nothing: {@link MatchResult#traded()} is false.
 */
public interface Matcher {

  /** Clears the orders of {@code input}; the input is not modified. */
  MatchResult clear(MatchInput input);
}
