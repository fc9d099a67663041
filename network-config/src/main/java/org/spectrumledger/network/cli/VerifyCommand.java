package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.network.explorer.BlockscoutClient;
import org.spectrumledger.network.explorer.ExplorerException;
import org.spectrumledger.network.explorer.VerificationBundle;
import org.spectrumledger.network.explorer.VerificationEntry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spectrum network verify export|submit}: the contracts' sources in an explorer. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Explorer verification: export each deployed contract's standard-JSON input and"
            + " constructor arguments, and submit them to Blockscout.",
    subcommands = {VerifyCommand.Export.class, VerifyCommand.Submit.class})
public final class VerifyCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code verify export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Writes, for each contract of a deployment, standard-input.json, constructor-args.txt"
              + " and verification.json into OUT/<contract>/.")
  static final class Export implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--deployment",
        required = true,
        paramLabel = "FILE",
        description = "the deployment record")
    Path deployment;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "where to write (default: explorer/ beside the deployment record)")
    Path out;

    @Override
    public Integer call() {
      Deployment d = Deployment.read(deployment);
      Path dir = out != null ? out : deployment.toAbsolutePath().getParent().resolve("explorer");
      List<VerificationEntry> entries = VerificationBundle.export(d, dir);
      PrintWriter w = spec.commandLine().getOut();
      TextTable t = new TextTable("contract", "address", "compiler", "licence", "constructor args");
      for (VerificationEntry e : entries) {
        t.row(
            e.contract(),
            e.address().checksummed(),
            e.compilerVersion(),
            e.licenseType(),
            e.constructorArguments().length() / 2 + " bytes");
      }
      w.print(t);
      w.println("written to " + dir.toAbsolutePath());
      w.println("submit with: spectrum network verify submit --bundle " + dir + " --explorer URL");
      w.flush();
      return 0;
    }
  }

  /** {@code verify submit}. */
  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description =
          "Submits an exported bundle to Blockscout's verification API"
              + " (/api/v2/smart-contracts/ADDRESS/verification/via/standard-input); contracts"
              + " already verified are skipped.")
  static final class Submit implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--bundle",
        required = true,
        paramLabel = "DIR",
        description = "what 'verify export' wrote")
    Path bundle;

    @Option(
        names = "--explorer",
        required = true,
        paramLabel = "URL",
        description = "Blockscout's API root, e.g. http://localhost:4000")
    URI explorer;

    @Option(
        names = "--wait",
        defaultValue = "0",
        paramLabel = "S",
        description = "seconds to wait for each contract to show as verified (default: no wait)")
    int waitSeconds;

    @Override
    public Integer call() throws InterruptedException {
      AdminOptions.requireWait(waitSeconds);
      List<VerificationBundle.Item> items = VerificationBundle.read(bundle);
      BlockscoutClient client = new BlockscoutClient(explorer, Duration.ofSeconds(60));
      PrintWriter w = spec.commandLine().getOut();
      for (VerificationBundle.Item item : items) {
        VerificationEntry e = item.entry();
        String label = e.contract() + " " + e.address().checksummed();
        if (client.isVerified(e.address())) {
          w.println(label + ": already verified");
          continue;
        }
        w.println(label + ": " + client.submit(e, item.standardInput()));
        if (waitSeconds > 0) {
          long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
          while (!client.isVerified(e.address())) {
            if (System.nanoTime() > deadline) {
              throw new ExplorerException(
                  label + " is not verified after " + waitSeconds + " s; see Blockscout's logs");
            }
            Thread.sleep(1_000);
          }
          w.println(label + ": verified");
        }
        w.flush();
      }
      w.flush();
      return 0;
    }
  }
}
