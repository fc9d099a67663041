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
 * seals])}, with no vote (empty string), round 0 as four bytes, and no seals, as Besu reads it.
 */
public final class QbftExtraData {

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
            RlpString.create(new byte[32]),
            new RlpList(addresses),
            RlpString.create(new byte[0]),
            RlpString.create(new byte[4]),
            new RlpList());
    return Hex.encode(RlpEncoder.encode(extra));
  }

  /** The validator list in a QBFT {@code extraData}. */
  public static List<Address> decodeValidators(String extraData) {
    RlpList outer = (RlpList) RlpDecoder.decode(Hex.decode(extraData)).getValues().get(0);
    if (outer.getValues().size() != 5) {
      throw new IllegalArgumentException(
          "QBFT extraData has 5 fields, this has " + outer.getValues().size());
    }
    List<Address> out = new ArrayList<>();
    for (RlpType t : ((RlpList) outer.getValues().get(1)).getValues()) {
      out.add(Address.of(Hex.encode(((RlpString) t).getBytes())));
    }
    return out;
  }
}
