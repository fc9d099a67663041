package org.spectrumledger.network.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.spectrumledger.network.admin.NetworkDirectory;
import org.spectrumledger.network.admin.NodeRpc;
import org.spectrumledger.network.auth.RpcJwtKey;
import org.spectrumledger.network.generate.NetworkGenerator;
import picocli.CommandLine.Option;

/** The options every administrative command shares: the network, its signing key, a timeout. */
public final class AdminOptions {

  @Option(
      names = "--network",
      required = true,
      paramLabel = "DIR",
      description = "the network directory 'network generate' wrote")
  Path network;

  @Option(
      names = "--jwt-key",
      paramLabel = "FILE",
      description =
          "the private key the nodes' JSON-RPC tokens are signed with (default: DIR/"
              + NetworkGenerator.JWT_PRIVATE_KEY
              + ")")
  Path jwtKey;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "S",
      description = "seconds to wait for each node (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  NetworkDirectory network() {
    return NetworkDirectory.open(network);
  }

  /** The authenticated client; reads the key, so a dry run never calls it. */
  NodeRpc rpc() {
    return rpc(network, jwtKey, timeoutSeconds);
  }

  /** {@code --wait S}: 0 (do not wait) or more; a negative one was once read as 0, unsaid. */
  static void requireWait(int waitSeconds) {
    if (waitSeconds < 0) {
      throw new IllegalArgumentException(
          "--wait takes seconds, 0 (do not wait) or more, not " + waitSeconds);
    }
  }

  static NodeRpc rpc(Path network, Path jwtKey, int timeoutSeconds) {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 second");
    }
    Path key = jwtKey != null ? jwtKey : network.resolve(NetworkGenerator.JWT_PRIVATE_KEY);
    return new NodeRpc(RpcJwtKey.read(key), Duration.ofSeconds(timeoutSeconds), Clock.systemUTC());
  }
}
