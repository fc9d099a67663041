package org.spectrumledger.ledger;

import java.util.List;

/**
 * The calldata of {@code settleBatch(uint64, Clearing[])} and {@code probeBatch} (the same
 * arguments), ABI-encoded straight into hex. web3j's generic encoder builds a typed object for
 * every field of every fill and walks them by reflection; for a part of 256 fills that is the
 * largest piece of the settler's work between two sends. The layout is the ABI's: the batch id, the
 * offset of the clearings, their count and offsets, then each clearing's seven fields, the offset
 * of its fills (eight words past its start), their count and ten words a fill. {@code
 * BatchCalldataTest} holds the output to web3j's, byte for byte.
 */
final class BatchCalldata {

  private static final int WORD = 64;
  private static final int CLEARING_HEAD_WORDS = 8;
  private static final int FILL_WORDS = 10;
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private final char[] out;
  private int at;

  private BatchCalldata(int words) {
    out = new char[10 + words * WORD];
  }

  /** {@code selector} (0x and 8 hex digits) followed by the encoded (batchId, clearings). */
  static String encode(String selector, long batchId, List<Clearing> clearings) {
    int words = 3 + clearings.size();
    for (Clearing c : clearings) {
      words += CLEARING_HEAD_WORDS + 1 + FILL_WORDS * c.fills().size();
    }
    BatchCalldata w = new BatchCalldata(words);
    selector.getChars(0, 10, w.out, 0);
    w.at = 10;
    w.unsigned(batchId);
    w.unsigned(0x40);
    w.unsigned(clearings.size());
    long offset = 32L * clearings.size();
    for (Clearing c : clearings) {
      w.unsigned(offset);
      offset += 32L * (CLEARING_HEAD_WORDS + 1 + FILL_WORDS * c.fills().size());
    }
    for (Clearing c : clearings) {
      MarketKey m = c.market();
      w.nonNegative(m.band(), "band");
      w.unsigned(m.cell());
      w.nonNegative(m.slotStart(), "slot start");
      w.nonNegative(m.slotEnd(), "slot end");
      w.nonNegative(c.price(), "price");
      w.nonNegative(c.cutoff(), "cut-off");
      w.bytes32(c.bookRoot().bytes());
      w.unsigned(32L * CLEARING_HEAD_WORDS);
      w.unsigned(c.fills().size());
      for (Fill f : c.fills()) {
        Order o = f.order().order();
        Signature s = f.order().signature();
        w.address(o.maker().bytes());
        w.unsigned(o.side().code());
        w.nonNegative(o.quantity(), "quantity");
        w.nonNegative(o.limitPrice(), "limit price");
        w.unsigned(o.nonce());
        w.unsigned(o.validUntil());
        w.unsigned(o.partialFill() ? 1 : 0);
        w.nonNegative(f.quantity(), "fill quantity");
        w.bytes32(s.r().bytes());
        w.bytes32(s.vs().bytes());
      }
    }
    return new String(w.out);
  }

  /** A field the ABI types as unsigned and Java holds in a signed long. */
  private void nonNegative(long v, String what) {
    if (v < 0) {
      throw new IllegalArgumentException(what + " cannot be negative: " + v);
    }
    unsigned(v);
  }

  /** {@code v} read as an unsigned 64-bit number, in one word. */
  private void unsigned(long v) {
    java.util.Arrays.fill(out, at, at + WORD - 16, '0');
    for (int i = 0; i < 16; i++) {
      out[at + WORD - 1 - i] = DIGITS[(int) (v >>> (4 * i)) & 0xf];
    }
    at += WORD;
  }

  private void address(byte[] a) {
    java.util.Arrays.fill(out, at, at + WORD - 40, '0');
    at += WORD - 40;
    hex(a);
  }

  private void bytes32(byte[] b) {
    if (b.length != 32) {
      throw new IllegalArgumentException("a bytes32 field takes 32 bytes, not " + b.length);
    }
    hex(b);
  }

  private void hex(byte[] b) {
    for (byte x : b) {
      out[at++] = DIGITS[(x >> 4) & 0xf];
      out[at++] = DIGITS[x & 0xf];
    }
  }
}
