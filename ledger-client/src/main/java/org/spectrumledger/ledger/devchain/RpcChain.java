package org.spectrumledger.ledger.devchain;

import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.ledger.SigningKey;

/**
 * A node someone else runs, reached at a JSON-RPC URL ({@code -Dledger.chain=rpc:URL}). Funded keys
 * come from {@code ledger.keys} (comma-separated private keys); closing leaves the node alone.
 */
public final class RpcChain implements DevChain {

  private final String url;
  private final long chainId;
  private final List<SigningKey> keys;

  public RpcChain(String url, long chainId, List<SigningKey> keys) {
    this.url = url;
    this.chainId = chainId;
    this.keys = List.copyOf(keys);
  }

  /** The chain at {@code url}, asking it for its chain id; keys from {@code ledger.keys}. */
  public static RpcChain connect(String url) {
    long id = JsonRpcProbe.chainId(url);
    List<SigningKey> keys = new ArrayList<>();
    String property = System.getProperty("ledger.keys", System.getenv("LEDGER_KEYS"));
    if (property != null && !property.isBlank()) {
      for (String k : property.split(",")) {
        keys.add(SigningKey.fromPrivateKey(k.strip()));
      }
    }
    return new RpcChain(url, id, keys);
  }

  @Override
  public String kind() {
    return "rpc";
  }

  @Override
  public String rpcUrl() {
    return url;
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public List<SigningKey> fundedKeys() {
    return keys;
  }

  @Override
  public void close() {}
}
