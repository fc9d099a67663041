package org.spectrumledger.ledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CascadingDefaultProviderTest {

  /** Options shared the way the operator's account options are: a mixin that mixes in --config. */
  static final class Shared {
    @Mixin ConfigOptions config;

    @Option(names = "--rpc", defaultValue = "http://127.0.0.1:8545")
    @Setting(env = "TEST_RPC", key = "rpcUrl")
    String rpc;
  }

  @Command(name = "probe", mixinStandardHelpOptions = true)
  static final class Probe implements Runnable {
    @Mixin Shared shared;

    @Option(names = "--port", defaultValue = "8080")
    @Setting(env = "TEST_PORT")
    int port;

    @Option(names = "--data-dir")
    Path dataDir;

    @Option(names = "--bands", split = ",")
    long[] bands;

    @Option(names = "--sensing")
    boolean sensing;

    @Override
    public void run() {}
  }

  @TempDir Path dir;
  private final Map<String, String> env = new HashMap<>();

  private Probe parse(String... args) {
    Probe probe = new Probe();
    CommandLine cli = new CommandLine(probe);
    cli.setDefaultValueProvider(new CascadingDefaultProvider(env::get));
    cli.parseArgs(args);
    return probe;
  }

  private Path file(String json) throws Exception {
    Path f = dir.resolve("settings.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void theDefaultWhenNothingElseSaysSo() {
    Probe p = parse();
    assertThat(p.shared.rpc).isEqualTo("http://127.0.0.1:8545");
    assertThat(p.port).isEqualTo(8080);
    assertThat(p.dataDir).isNull();
  }

  @Test
  void theFileOverTheDefault() throws Exception {
    Path f = file("{\"rpcUrl\": \"http://file:8545\", \"port\": 9000, \"dataDir\": \"/d\"}");
    Probe p = parse("--config", f.toString());
    assertThat(p.shared.rpc).isEqualTo("http://file:8545");
    assertThat(p.port).isEqualTo(9000);
    assertThat(p.dataDir).isEqualTo(Path.of("/d"));
  }

  @Test
  void theEnvironmentOverTheFile() throws Exception {
    Path f = file("{\"rpcUrl\": \"http://file:8545\", \"port\": 9000}");
    env.put("TEST_RPC", "http://env:8545");
    env.put("TEST_PORT", "9100");
    Probe p = parse("--config", f.toString());
    assertThat(p.shared.rpc).isEqualTo("http://env:8545");
    assertThat(p.port).isEqualTo(9100);
  }

  @Test
  void theEnvironmentOverTheDefaultWithoutAFile() {
    env.put("TEST_RPC", "http://env:8545");
    assertThat(parse().shared.rpc).isEqualTo("http://env:8545");
  }

  @Test
  void theFlagOverEverything() throws Exception {
    Path f = file("{\"rpcUrl\": \"http://file:8545\", \"port\": 9000}");
    env.put("TEST_RPC", "http://env:8545");
    env.put("TEST_PORT", "9100");
    Probe p = parse("--config", f.toString(), "--rpc", "http://flag:8545", "--port", "9200");
    assertThat(p.shared.rpc).isEqualTo("http://flag:8545");
    assertThat(p.port).isEqualTo(9200);
  }

  @Test
  void anEmptyEnvironmentVariableIsUnset() throws Exception {
    Path f = file("{\"port\": 9000}");
    env.put("TEST_PORT", " ");
    assertThat(parse("--config", f.toString()).port).isEqualTo(9000);
  }

  @Test
  void listsAndBooleansInTheFile() throws Exception {
    Path f = file("{\"bands\": [13, 4], \"sensing\": true}");
    Probe p = parse("--config", f.toString());
    assertThat(p.bands).containsExactly(13, 4);
    assertThat(p.sensing).isTrue();
  }

  @Test
  void refusesAKeyThatNamesNoOptionAndSaysWhichAreKnown() throws Exception {
    // --rpc's key is rpcUrl, so "rpc" is unknown
    Path f = file("{\"rpc\": \"http://file:8545\"}");
    assertThatThrownBy(() -> parse("--config", f.toString()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("config file " + f)
        .hasMessageContaining("unknown setting \"rpc\"")
        .hasMessageContaining("known: rpcUrl, port, dataDir, bands, sensing");
  }

  @Test
  void refusesAFileThatIsNotAnObjectOfValues() throws Exception {
    assertThatThrownBy(() -> parse("--config", file("[1, 2]").toString()))
        .hasMessageContaining("must hold one JSON object");
    assertThatThrownBy(() -> parse("--config", file("{\"port\": 90,\n \"x\"").toString()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> parse("--config", file("{\"port\": {\"n\": 1}}").toString()))
        .hasMessageContaining("\"port\" must be a single value");
    assertThatThrownBy(() -> parse("--config", file("{\"port\": [1, 2]}").toString()))
        .hasMessageContaining("\"port\" must be a single value");
    assertThatThrownBy(() -> parse("--config", dir.resolve("none.json").toString()))
        .hasMessageContaining("no such file");
  }

  @Test
  void valuesFromTheFileOrTheEnvironmentMeetTheFlagsConverters() throws Exception {
    Path f = file("{\"port\": \"eighty\"}");
    assertThatThrownBy(() -> parse("--config", f.toString()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--port")
        .hasMessageContaining("eighty");
    env.put("TEST_PORT", "ninety");
    assertThatThrownBy(this::parse).hasMessageContaining("ninety");
  }

  @Test
  void mixingInTheConfigOptionsIsAllACommandDoesToGetTheCascade() throws Exception {
    Path f = file("{\"rpcUrl\": \"http://file:8545\"}");
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs("--config", f.toString());
    assertThat(probe.shared.rpc).isEqualTo("http://file:8545");
  }

  @Test
  void keysAndEnvironmentVariablesComeFromTheOptions() {
    var spec = new CommandLine(new Probe()).getCommandSpec();
    assertThat(CascadingDefaultProvider.key(spec.findOption("--data-dir"))).isEqualTo("dataDir");
    assertThat(CascadingDefaultProvider.key(spec.findOption("--rpc"))).isEqualTo("rpcUrl");
    assertThat(CascadingDefaultProvider.environmentVariable(spec.findOption("--rpc")))
        .isEqualTo("TEST_RPC");
    assertThat(CascadingDefaultProvider.environmentVariable(spec.findOption("--data-dir")))
        .isNull();
  }
}
