package org.spectrumledger.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Writes {@code contracts/test/vectors/eip712-orders.json}: orders, their struct hashes, digests
 * and signatures under a fixed domain. The Java suite and the forge suite both check them. The keys
 * are derived from fixed seeds, so a rerun writes the same file.
 *
 * <p>Run from the repository root: {@code java -cp <test classpath>
 * org.spectrumledger.ledger.Eip712VectorsGenerator contracts/test/vectors/eip712-orders.json}.
 */
public final class Eip712VectorsGenerator {
  private Eip712VectorsGenerator() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "contracts/test/vectors/eip712-orders.json");
    Eip712Domain domain =
        Eip712Domain.exchange(2018, Address.of("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
    OrderHasher hasher = new OrderHasher(domain);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put(
        "description",
        "EIP-712 order vectors; checked by OrderHashingTest (Java) and OrderLib/hash.t.sol (forge)");
    root.put("chainId", domain.chainId());
    root.put("verifyingContract", domain.verifyingContract().hex());
    root.put("domainSeparator", hasher.domainSeparator().hex());
    ArrayNode vectors = root.putArray("vectors");
    long[][] cases = {
      // side, band, cell, slotStart, slotEnd, quantity, limitPrice, nonce, validUntil, partial
      {
        0,
        4,
        0x0000_0000_0000_0007L,
        1_700_000_000L,
        1_700_003_600L,
        1_500,
        2_400_000,
        0,
        1_700_000_000L,
        1
      },
      {
        1,
        4,
        0x0100_0000_0000_002aL,
        1_700_003_600L,
        1_700_007_200L,
        24_000,
        2_000_000,
        1,
        1_700_003_000L,
        0
      },
      {
        0,
        0xffff_ffffL,
        -1L,
        0,
        1,
        Long.MAX_VALUE,
        Long.MAX_VALUE,
        Long.MAX_VALUE,
        Long.MAX_VALUE,
        1
      },
      {1, 1, 1, 1, Long.MAX_VALUE, 1, 1, 0, 1, 0},
      {
        0,
        77,
        0x0200_0000_00ab_cdefL,
        1_795_593_774L,
        1_795_593_834L,
        3_000,
        123_456_789,
        987_654_321,
        1_795_593_800L,
        1
      },
      {
        1,
        2,
        0x0000_0000_0000_0001L,
        1_800_000_000L,
        1_800_000_060L,
        500,
        2_300_000,
        42,
        1_800_000_000L,
        1
      },
    };
    for (int i = 0; i < cases.length; i++) {
      long[] c = cases[i];
      SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
      seeded.setSeed(new byte[] {(byte) (i + 1), 7});
      SigningKey key = SigningKey.random(seeded);
      Order o =
          new Order(
              key.address(),
              Side.ofCode((int) c[0]),
              new MarketKey(c[1], c[2], c[3], c[4]),
              c[5],
              c[6],
              c[7],
              c[8],
              c[9] == 1);
      ObjectNode v = vectors.addObject();
      v.put("privateKey", key.exportPrivateKey());
      v.put("maker", o.maker().hex());
      v.put("side", o.side().code());
      v.put("band", o.market().band());
      v.put("cell", Long.toUnsignedString(o.market().cell()));
      v.put("slotStart", o.market().slotStart());
      v.put("slotEnd", o.market().slotEnd());
      v.put("quantity", o.quantity());
      v.put("limitPrice", o.limitPrice());
      v.put("nonce", o.nonce());
      v.put("validUntil", o.validUntil());
      v.put("partialFill", o.partialFill());
      v.put("structHash", hasher.orderHash(o).hex());
      v.put("digest", Hex.encode(hasher.digest(o)));
      v.put("signature", key.sign(hasher.digest(o)).toHex());
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), root);
    System.out.println("wrote " + out);
  }
}
