package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.spectrumledger.network.explorer.ExplorerException;

/**
 * An explorer nothing answers at is an unreachable service (exit code 3, as a chain node or a
 * broker), and the message says how to point the command at another, not that an operation failed.
 */
class UnreachableExplorerTest {

  @Test
  void anUnreachableExplorerExitsThreeAndNamesExplorer() {
    ExplorerException e =
        new ExplorerException.Unreachable(
            "Blockscout at http://127.0.0.1:1 is unreachable: connection refused",
            new ConnectException());
    var submit =
        SpectrumCli.commandLine()
            .getSubcommands()
            .get("network")
            .getSubcommands()
            .get("verify")
            .getSubcommands()
            .get("submit")
            .getCommandSpec();
    assertThat(ErrorHandler.exitCode(e)).isEqualTo(ErrorHandler.UNAVAILABLE);
    assertThat(ErrorHandler.message(e) + ErrorHandler.whereToPoint(e, submit))
        .isEqualTo(
            "Blockscout at http://127.0.0.1:1 is unreachable: connection refused; point"
                + " --explorer at Blockscout's API");
    // a refusal by a Blockscout that answered is still a failed operation
    assertThat(ErrorHandler.exitCode(new ExplorerException("Blockscout refused it: HTTP 404")))
        .isEqualTo(ErrorHandler.FAILED);
  }
}
