package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.cli.CascadingDefaultProvider;
import picocli.CommandLine;

/**
 * {@code explore}'s node and deployment record are settled as the operator's are: flag, then
 * environment, then the {@code --config} file (under the operator's keys), then the default.
 */
class ExploreSettingsTest {

  private static final String MARKET = "4/0x7/1800000000-1800003600";

  @TempDir Path dir;
  private final Map<String, String> env = new HashMap<>();

  private ExploreCommand.Market parse(String... args) {
    ExploreCommand.Market market = new ExploreCommand.Market();
    CommandLine cli = new CommandLine(market);
    cli.setDefaultValueProvider(new CascadingDefaultProvider(env::get));
    cli.parseArgs(args);
    return market;
  }

  private Path config() throws Exception {
    Path f = dir.resolve("settings.json");
    Files.writeString(
        f, "{\"rpcUrl\": \"http://file:8545\", \"deployment\": \"/file/deployment.json\"}");
    return f;
  }

  @Test
  void theDefaultsWhenNothingElseSaysSo() {
    ExploreCommand.Market m = parse(MARKET);
    assertThat(m.rpc).isEqualTo("http://127.0.0.1:8545");
    assertThat(m.deployment).isEqualTo(Path.of(".spectrum/deployment.json"));
  }

  @Test
  void theConfigFileOverTheDefaults() throws Exception {
    ExploreCommand.Market m = parse("--config", config().toString(), MARKET);
    assertThat(m.rpc).isEqualTo("http://file:8545");
    assertThat(m.deployment).isEqualTo(Path.of("/file/deployment.json"));
  }

  @Test
  void theEnvironmentOverTheFileAndTheFlagOverBoth() throws Exception {
    env.put("SPECTRUM_RPC", "http://env:8545");
    env.put("SPECTRUM_DEPLOYMENT", "/env/deployment.json");
    ExploreCommand.Market fromEnv = parse("--config", config().toString(), MARKET);
    assertThat(fromEnv.rpc).isEqualTo("http://env:8545");
    assertThat(fromEnv.deployment).isEqualTo(Path.of("/env/deployment.json"));

    ExploreCommand.Market fromFlags =
        parse(
            "--config",
            config().toString(),
            "--rpc",
            "http://flag:8545",
            "--deployment",
            "/flag/deployment.json",
            MARKET);
    assertThat(fromFlags.rpc).isEqualTo("http://flag:8545");
    assertThat(fromFlags.deployment).isEqualTo(Path.of("/flag/deployment.json"));
  }

  @Test
  void everyViewOfTheLauncherReadsTheConfigFile() throws Exception {
    assumeTrue(
        System.getenv("SPECTRUM_RPC") == null && System.getenv("SPECTRUM_DEPLOYMENT") == null);
    String file = config().toString();
    Map<String, String[]> views =
        Map.of(
            "tx", new String[] {"explore", "tx", "--config", file, "0x" + "11".repeat(32)},
            "operator",
                new String[] {"explore", "operator", "--config", file, "0x" + "11".repeat(20)},
            "market", new String[] {"explore", "market", "--config", file, MARKET});
    for (Map.Entry<String, String[]> v : views.entrySet()) {
      CommandLine.ParseResult parsed = SpectrumCli.commandLine().parseArgs(v.getValue());
      ExploreCommand.Common view =
          parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
      assertThat(view.rpc).as(v.getKey()).isEqualTo("http://file:8545");
      assertThat(view.deployment).as(v.getKey()).isEqualTo(Path.of("/file/deployment.json"));
    }
  }

  @Test
  void aMissingRecordNamedByTheFileIsRefusedAsUsage() throws Exception {
    assumeTrue(
        System.getenv("SPECTRUM_RPC") == null && System.getenv("SPECTRUM_DEPLOYMENT") == null);
    CliRunner r = CliRunner.run("explore", "market", "--config", config().toString(), MARKET);
    r.assertFailedCleanly(2, "deployment record not found");
    assertThat(r.err()).contains("/file/deployment.json");
  }
}
