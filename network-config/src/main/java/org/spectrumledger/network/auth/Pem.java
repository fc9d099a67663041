package org.spectrumledger.network.auth;

import java.util.Base64;

/** RFC 7468 PEM: a DER body in base64, 64 characters a line, between BEGIN and END lines. */
public final class Pem {

  private Pem() {}

  public static String encode(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /** The DER body of the one {@code label} block in {@code text}. */
  public static byte[] decode(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("no " + label + " block");
    }
    return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
  }
}
