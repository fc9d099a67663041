package org.spectrumledger.ledger;

/** Hex encoding without allocation-heavy detours; lowercase out, either case in. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** {@code 0x} followed by the lowercase hex of {@code bytes}. */
  public static String encode(byte[] bytes) {
    // bytes, not chars: the string is Latin-1 inside, and this skips the compression pass
    byte[] out = new byte[2 + bytes.length * 2];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      out[2 + 2 * i] = (byte) DIGITS[(bytes[i] >> 4) & 0xf];
      out[3 + 2 * i] = (byte) DIGITS[bytes[i] & 0xf];
    }
    return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * Decodes hex digits (ASCII 0-9, a-f, A-F), with or without {@code 0x}; an odd length or any
   * other character throws.
   */
  public static byte[] decode(String hex) {
    int start = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
    int n = hex.length() - start;
    if (n % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits");
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(hex.charAt(start + 2 * i));
      int lo = digit(hex.charAt(start + 2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not a hex digit near position " + (start + 2 * i));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /**
   * Whether {@code s} is non-empty and holds only hex digits, ASCII 0-9, a-f and A-F (no prefix).
   * Unicode's other digits (Arabic-Indic, full-width) are not hex here, though {@link
   * Character#digit} takes them: each value has one spelling.
   */
  public static boolean isHex(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (digit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s} is {@code 0x} and then only lowercase hex digits, {@code digits} of them. */
  static boolean isLowerHex(String s, int digits) {
    if (s.length() != 2 + digits || s.charAt(0) != '0' || s.charAt(1) != 'x') {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
