package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.network.admin.NetworkDirectory;
import org.spectrumledger.network.admin.NodeBackup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum network backup}: one stopped node's directory, chain data included. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Archives a node's directory (chain data, key, configuration, allowlists) into one zip file,"
          + " owner-only. The node must be stopped: a running node's database is refused.",
      "The archive holds the node key: encrypt it before it leaves the machine."
    })
public final class BackupCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--network", required = true, paramLabel = "DIR", description = "the network")
  Path network;

  @Option(names = "--node", required = true, paramLabel = "NAME", description = "which node")
  String node;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "the archive (default: DIR/backups/NAME-DATE.zip)")
  Path out;

  @Mixin DryRunOption dryRun;

  @Override
  public Integer call() {
    NetworkDirectory net = NetworkDirectory.open(network);
    String name = net.node(node).name();
    Path nodeDir = net.nodeDir(name);
    Path archive =
        out != null
            ? out
            : net.dir()
                .resolve("backups")
                .resolve(name + "-" + LocalDate.now(ZoneOffset.UTC) + ".zip");
    PrintWriter w = spec.commandLine().getOut();
    NodeBackup.Contents contents = NodeBackup.contents(nodeDir);
    if (dryRun.print(
        w,
        List.of(
            "check that "
                + name
                + " is stopped (no process holds "
                + nodeDir.resolve("data/database/LOCK")
                + ")",
            "archive "
                + contents.files().size()
                + " files ("
                + contents.bytes()
                + " bytes) of "
                + nodeDir
                + " into "
                + archive
                + " (rw-------)"))) {
      return 0;
    }
    if (out == null) {
      org.spectrumledger.network.io.Directories.createPrivate(archive.getParent());
    }
    NodeBackup.Contents written = NodeBackup.write(nodeDir, name, archive);
    w.println(
        "backed up "
            + name
            + ": "
            + written.files().size()
            + " files, "
            + written.bytes()
            + " bytes, into "
            + archive);
    w.println("it holds the node key: encrypt it before it leaves this machine");
    w.flush();
    return 0;
  }
}
