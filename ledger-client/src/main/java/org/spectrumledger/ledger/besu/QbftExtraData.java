package org.spectrumledger.ledger.besu;

import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Hex;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * The {@code extraData} of a QBFT genesis block: {@code RLP([vanity(32), [validators], vote, round,
 * seals])}, as Besu's QBFT codec writes and reads it.
 *
 * <p>QBFT differs from IBFT 2.0 in the empty fields: "no vote" is an empty <em>list</em> ({@code
 * 0xc0}) and the round is an integer scalar, so round 0 is the empty string ({@code 0x80}). IBFT
 * 2.0 writes no vote as the empty string and the round as four bytes ({@code 0x8400000000}); Besu's
 * QBFT decoder rejects that form (it reads a non-list vote as a vote and fails on it), so a genesis
 * built with it does not start.
 */
public final class QbftExtraData {

  private static final int VANITY_LENGTH = 32;

  private QbftExtraData() {}

  /** Encodes the genesis {@code extraData} for these validators, in the order given. */
  public static String encode(List<Address> validators) {
    if (validators.isEmpty()) {
      throw new IllegalArgumentException("a QBFT network needs at least one validator");
    }
    List<RlpType> addresses = new ArrayList<>();
    for (Address a : validators) {
      addresses.add(RlpString.create(a.bytes()));
    }
    RlpList extra =
        new RlpList(
            RlpString.create(new byte[VANITY_LENGTH]),
            new RlpList(addresses),
            new RlpList(),
            RlpString.create(new byte[0]),
            new RlpList());
    return Hex.encode(RlpEncoder.encode(extra));
  }

  /**
   * The validator list in a QBFT genesis {@code extraData}; anything Besu's QBFT codec would not
   * accept as a genesis (another layout, a vote, a round other than 0, seals) is an {@link
   * IllegalArgumentException} saying what is wrong.
   */
  public static List<Address> decodeValidators(String extraData) {
    byte[] raw;
    try {
      raw = Hex.decode(extraData);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("QBFT extraData is not hex: " + e.getMessage(), e);
    }
    RlpList outer;
    try {
      List<RlpType> top = RlpDecoder.decode(raw).getValues();
      if (top.size() != 1 || !(top.get(0) instanceof RlpList list)) {
        throw new IllegalArgumentException("QBFT extraData is not one RLP list");
      }
      outer = list;
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("QBFT extraData is not valid RLP", e);
    }
    List<RlpType> fields = outer.getValues();
    if (fields.size() != 5) {
      throw new IllegalArgumentException("QBFT extraData has 5 fields, this has " + fields.size());
    }
    if (!(fields.get(0) instanceof RlpString vanity) || vanity.getBytes().length != VANITY_LENGTH) {
      throw new IllegalArgumentException("QBFT extraData must start with 32 bytes of vanity");
    }
    if (!(fields.get(1) instanceof RlpList validatorList)) {
      throw new IllegalArgumentException("QBFT extraData's second field must be a list");
    }
    if (!(fields.get(2) instanceof RlpList vote)) {
      throw new IllegalArgumentException(
          "QBFT extraData writes no vote as an empty list (0xc0); this is the IBFT 2.0 layout");
    }
    if (!vote.getValues().isEmpty()) {
      throw new IllegalArgumentException("a QBFT genesis carries no vote");
    }
    if (!(fields.get(3) instanceof RlpString round) || round.getBytes().length != 0) {
      throw new IllegalArgumentException(
          "a QBFT genesis has round 0, written as the empty string (0x80)");
    }
    if (!(fields.get(4) instanceof RlpList seals) || !seals.getValues().isEmpty()) {
      throw new IllegalArgumentException("a QBFT genesis carries no seals");
    }
    List<Address> out = new ArrayList<>();
    for (RlpType t : validatorList.getValues()) {
      if (!(t instanceof RlpString s) || s.getBytes().length != 20) {
        throw new IllegalArgumentException("a QBFT validator is a 20-byte address");
      }
      out.add(Address.of(Hex.encode(s.getBytes())));
    }
    return out;
  }
}
