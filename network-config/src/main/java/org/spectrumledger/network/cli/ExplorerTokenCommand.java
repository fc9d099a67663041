package org.spectrumledger.network.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.io.AtomicFiles;
import org.spectrumledger.network.auth.RpcJwtKey;
import org.spectrumledger.network.compose.EnvFile;
import org.spectrumledger.network.generate.NetworkGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum network explorer-token}: a new token for Blockscout in {@code .env}. */
@Command(
    name = "explorer-token",
    mixinStandardHelpOptions = true,
    description = {
      "Signs a new token for Blockscout (reads and traces on the explorer node only) and writes it"
          + " into .env, keeping every other line; the token is never printed.",
      "Then restart Blockscout: docker compose --profile explorer up -d blockscout"
    })
public final class ExplorerTokenCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--network", required = true, paramLabel = "DIR", description = "the network")
  Path network;

  @Option(
      names = "--jwt-key",
      paramLabel = "FILE",
      description = "the signing key (default: DIR/" + NetworkGenerator.JWT_PRIVATE_KEY + ")")
  Path jwtKey;

  @Option(
      names = "--days",
      defaultValue = "730",
      paramLabel = "N",
      description = "how long it lasts (default ${DEFAULT-VALUE})")
  int days;

  @Mixin DryRunOption dryRun;

  @Override
  public Integer call() {
    if (days < 1) {
      throw new IllegalArgumentException("--days must be at least 1");
    }
    Path env = network.resolve(EnvFile.FILE);
    if (!Files.isRegularFile(env)) {
      throw new IllegalArgumentException(
          env + " does not exist: only a network generated for one Docker host has an explorer");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (dryRun.print(
        out,
        List.of(
            "sign a token for "
                + NetworkGenerator.EXPLORER_PERMISSIONS
                + ", valid "
                + days
                + " days",
            "replace " + EnvFile.EXPLORER_TOKEN + " in " + env + " (rw-------)"))) {
      return 0;
    }
    Path key = jwtKey != null ? jwtKey : network.resolve(NetworkGenerator.JWT_PRIVATE_KEY);
    Instant now = Instant.now();
    String token =
        RpcJwtKey.read(key)
            .token(NetworkGenerator.EXPLORER_PERMISSIONS, now, now.plus(Duration.ofDays(days)));
    try {
      AtomicFiles.writeString(
          env, EnvFile.withExplorerToken(Files.readString(env), token), AtomicFiles.SECRET);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + env, e);
    }
    out.println(
        "new explorer token in "
            + env
            + ", valid until "
            + now.plus(Duration.ofDays(days))
            + "; restart Blockscout: docker compose --profile explorer up -d blockscout");
    out.flush();
    return 0;
  }
}
