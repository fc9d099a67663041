package org.spectrumledger.network.generate;

import java.util.List;
import org.spectrumledger.ledger.keys.Keystore;
import org.spectrumledger.network.monitoring.ScrapeTargets;
import org.spectrumledger.network.node.RpcAccess;

/** Generator options for tests: chain 2018, 2 s blocks, defaults elsewhere, cheap keystores. */
public final class TestOptions {

  private TestOptions() {}

  /** On one Docker host when {@code hosts} is null or empty. */
  public static GenerateOptions of(int validators, int members, List<String> hosts) {
    return of(2018, validators, members, hosts, null, null);
  }

  public static GenerateOptions of(
      long chainId,
      int validators,
      int members,
      List<String> hosts,
      RpcAccess access,
      ScrapeTargets targets) {
    return new GenerateOptions(
        validators,
        members,
        chainId,
        2,
        0,
        30_000,
        100_000_000,
        24_576,
        "172.16.240.0/24",
        hosts,
        Keystore.Kdf.LIGHT,
        access,
        targets);
  }
}
