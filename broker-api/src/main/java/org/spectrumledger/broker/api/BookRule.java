package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Signature;

/**
 * The regulator's rule on whether the near-RT markets of {@code band} in {@code cell} ({@code all}:
 * every cell of the band) show their book, signed by the regulator as the EIP-712 {@code
 * BookRule(uint32 band,uint64 cell,bool lit,uint64 sequence)} under the exchange's domain ({@code
 * cell} {@code all} is 2^64 - 1). Sent to {@code POST /v1/rules/books}; the rules in force are in
 * {@code GET /v1/info}, signatures included, so anyone can check that they are the regulator's. A
 * rule on one cell overrides the rule on all cells of its band; a later {@code sequence} replaces
 * an earlier rule on the same cells. Non-RT auctions are sealed until they clear whatever a rule
 * says.
 */
public record BookRule(
    long band, String cell, boolean lit, long sequence, Address regulator, String signature) {

  /** The signed message. */
  public OffChainMessages.BookRule message() {
    return new OffChainMessages.BookRule(
        band, CellId.parse(OrderSubmission.required(cell, "cell")), lit, sequence);
  }

  public Signature signatureValue() {
    return Signature.fromHex(OrderSubmission.required(signature, "signature"));
  }

  /** A rule signed by {@code regulator}'s key under {@code messages}' domain. */
  public static BookRule sign(
      OffChainMessages messages,
      org.spectrumledger.ledger.SigningKey regulator,
      OffChainMessages.BookRule rule) {
    return new BookRule(
        rule.band(),
        rule.cell().toString(),
        rule.lit(),
        rule.sequence(),
        regulator.address(),
        messages.signBookRule(regulator, rule).toHex());
  }
}
