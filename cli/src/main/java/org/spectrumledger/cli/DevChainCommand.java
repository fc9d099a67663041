package org.spectrumledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spectrum devchain}: runs the dev chain in the foreground until interrupted. */
@Command(
    name = "devchain",
    mixinStandardHelpOptions = true,
    description =
        "Runs a local dev chain (anvil, chain id 2018, free gas, cancun) until Ctrl-C, and prints"
            + " its URL and funded dev keys (test keys: never use them on a real network).")
final class DevChainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--block-time",
      defaultValue = "0",
      description = "seconds per block; 0 mines each transaction at once")
  int blockTime;

  @Option(names = "--accounts", defaultValue = "10", description = "funded accounts")
  int accounts;

  @Option(
      names = "--port",
      defaultValue = "8545",
      description =
          "port on 127.0.0.1 (default ${DEFAULT-VALUE}, where every command looks by default;"
              + " 0 picks a free one)")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try (AnvilChain chain =
        AnvilChain.start(
            DevChainOptions.defaults().withAccounts(accounts).withBlockTime(blockTime), port)) {
      out.println("rpc: " + chain.rpcUrl());
      out.println("chain id: " + chain.chainId());
      out.println("dev keys (public test keys, funded on this chain only):");
      for (SigningKey k : chain.fundedKeys()) {
        out.println("  " + k.address() + "  " + k.exportPrivateKey());
      }
      printNextSteps(out, chain.rpcUrl(), chain.fundedKeys());
      out.println("Ctrl-C stops it.");
      out.flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }

  /**
   * The README's quick start in short: the admin deploys and grants the broker role to the second
   * dev key, which the broker then runs with (a broker whose key lacks the role does not start).
   */
  static void printNextSteps(PrintWriter out, String rpcUrl, java.util.List<SigningKey> keys) {
    SigningKey admin = keys.get(0);
    SigningKey broker = keys.size() > 1 ? keys.get(1) : admin;
    out.println(
        "next, in another shell (the first dev key is the admin, the second the broker's; --rpc"
            + " may be");
    out.println(
        "left out when the chain is on 127.0.0.1:8545, and the record goes to"
            + " .spectrum/deployment.json):");
    out.println("  export SPECTRUM_ADMIN_KEY=" + admin.exportPrivateKey());
    out.println("  export SPECTRUM_BROKER_KEY=" + broker.exportPrivateKey());
    out.println(
        "  ./spectrum network deploy --rpc "
            + rpcUrl
            + " --key env:SPECTRUM_ADMIN_KEY --gas free --broker "
            + broker.address());
    out.println(
        "  ./spectrum broker run --rpc " + rpcUrl + " --key env:SPECTRUM_BROKER_KEY --gas free");
  }
}
