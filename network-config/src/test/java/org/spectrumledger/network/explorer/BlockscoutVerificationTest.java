package org.spectrumledger.network.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.internal.ContractArtifacts;
import org.spectrumledger.network.cli.Cli;

/**
 * Export and submission against an in-process stand-in for Blockscout's API that parses each
 * multipart request and checks it as Blockscout's verification controller would read it.
 */
class BlockscoutVerificationTest {

  private static final Pattern SUBMIT =
      Pattern.compile("/api/v2/smart-contracts/(0x[0-9a-f]{40})/verification/via/standard-input");
  private static final Pattern STATUS = Pattern.compile("/api/v2/smart-contracts/(0x[0-9a-f]{40})");

  private HttpServer server;
  private final List<Map<String, Part>> submissions = new ArrayList<>();
  private final Set<String> verified = ConcurrentHashMap.newKeySet();
  private final List<String> problems = new ArrayList<>();
  private volatile int refuseWith;

  record Part(String filename, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI explorer() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    // Blockscout (Phoenix) reads the whole multipart body before its controller answers; a
    // stand-in that answered first would close the connection under a client still writing.
    byte[] request = ex.getRequestBody().readAllBytes();
    String path = ex.getRequestURI().getPath();
    Matcher submit = SUBMIT.matcher(path);
    Matcher status = STATUS.matcher(path);
    if (submit.matches() && ex.getRequestMethod().equals("POST")) {
      if (refuseWith != 0) {
        reply(ex, refuseWith, "{\"message\":\"Not a smart contract\"}");
        return;
      }
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      Matcher b = Pattern.compile("multipart/form-data; boundary=(\\S+)").matcher(type);
      if (!b.matches()) {
        problems.add("not multipart: " + type);
        reply(ex, 415, "{\"message\":\"multipart expected\"}");
        return;
      }
      Map<String, Part> parts = parse(request, b.group(1));
      parts.put("_address", new Part(null, null, submit.group(1).getBytes(StandardCharsets.UTF_8)));
      submissions.add(parts);
      verified.add(submit.group(1));
      reply(ex, 200, "{\"message\":\"Smart-contract verification started\"}");
    } else if (status.matches() && ex.getRequestMethod().equals("GET")) {
      reply(ex, 200, "{\"is_verified\":" + verified.contains(status.group(1)) + "}");
    } else {
      problems.add("unexpected " + ex.getRequestMethod() + " " + path);
      reply(ex, 404, "{\"message\":\"Not found\"}");
    }
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  /** A strict RFC 7578 reader: CRLF line ends, one Content-Disposition per part, closing marker. */
  static Map<String, Part> parse(byte[] body, String boundary) {
    String all = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    if (!all.startsWith(delimiter + "\r\n") || !all.endsWith(delimiter + "--\r\n")) {
      throw new AssertionError("multipart body is not framed by its boundary");
    }
    Map<String, Part> parts = new LinkedHashMap<>();
    String inner = all.substring(0, all.length() - (delimiter + "--\r\n").length());
    for (String chunk : inner.split(Pattern.quote(delimiter + "\r\n"))) {
      if (chunk.isEmpty()) {
        continue;
      }
      int headerEnd = chunk.indexOf("\r\n\r\n");
      String headers = chunk.substring(0, headerEnd);
      String content = chunk.substring(headerEnd + 4, chunk.length() - 2);
      Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(headers);
      Matcher file = Pattern.compile("filename=\"([^\"]+)\"").matcher(headers);
      Matcher type = Pattern.compile("Content-Type: (\\S+)").matcher(headers);
      if (!headers.startsWith("Content-Disposition: form-data;") || !name.find()) {
        throw new AssertionError("bad part headers: " + headers);
      }
      parts.put(
          name.group(1),
          new Part(
              file.find() ? file.group(1) : null,
              type.find() ? type.group(1) : null,
              content.getBytes(StandardCharsets.ISO_8859_1)));
    }
    return parts;
  }

  private static Deployment deployment() {
    Map<String, Deployment.DeployedContract> contracts = new LinkedHashMap<>();
    int i = 1;
    for (String name : ContractArtifacts.DEPLOYABLE) {
      contracts.put(
          name,
          new Deployment.DeployedContract(
              Address.of("0x" + String.format("%040x", 0xabc000 + i)),
              Bytes32.wrap(new byte[32]),
              i,
              "0x" + String.format("%064x", 0x1000 + i)));
      i++;
    }
    return new Deployment(
        2018,
        contracts,
        1,
        Address.of("0x" + "11".repeat(20)),
        60,
        ContractArtifacts.buildInfo(),
        "2026-01-01T00:00:00Z");
  }

  @Test
  void exportWritesEachContractsStandardInputConstructorArgumentsAndCompiler(@TempDir Path tmp)
      throws Exception {
    Deployment d = deployment();
    List<VerificationEntry> entries = VerificationBundle.export(d, tmp);
    assertThat(entries)
        .extracting(VerificationEntry::contract)
        .containsExactlyInAnyOrderElementsOf(ContractArtifacts.DEPLOYABLE);
    for (VerificationEntry e : entries) {
      Path dir = tmp.resolve(e.contract());
      assertThat(Files.readString(dir.resolve("standard-input.json")))
          .isEqualTo(ContractArtifacts.standardJsonInput(e.contract()));
      assertThat(Files.readString(dir.resolve("constructor-args.txt")).strip())
          .isEqualTo(d.contracts().get(e.contract()).constructorArguments().substring(2));
      assertThat(e.compilerVersion()).isEqualTo("v0.8.37+commit.f401782d");
      assertThat(e.evmVersion()).isEqualTo("cancun");
      assertThat(e.licenseType()).isEqualTo("apache_2_0");
      assertThat(e.fullyQualifiedName()).isEqualTo("src/" + e.contract() + ".sol:" + e.contract());
      var json = new ObjectMapper().readTree(Files.readString(dir.resolve("standard-input.json")));
      assertThat(json.path("sources").has("src/" + e.contract() + ".sol")).isTrue();
      // the court is built for size (its own settings), the others for the gas of their calls
      assertThat(json.path("settings").path("optimizer").path("runs").asInt())
          .isEqualTo(e.contract().equals("BrokerCourt") ? 200 : 10_000);
    }
  }

  @Test
  void exportRefusesADeploymentBuiltWithAnotherCompiler(@TempDir Path tmp) {
    Deployment d = deployment();
    var other = ContractArtifacts.buildInfo().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) other)
        .put("compiler", "v0.8.20+commit.a1b79de6");
    Deployment older =
        new Deployment(d.chainId(), d.contracts(), 1, d.admin(), 60, other, d.deployedAt());
    assertThatThrownBy(() -> VerificationBundle.export(older, tmp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v0.8.20");
  }

  @Test
  void submitSendsTheMultipartFormBlockscoutReadsAndSkipsVerifiedContractsNextTime(
      @TempDir Path tmp) throws Exception {
    Deployment d = deployment();
    Path record = tmp.resolve("deployment.json");
    d.write(record);
    Cli.Run export =
        Cli.network(
            "verify",
            "export",
            "--deployment",
            record.toString(),
            "--out",
            tmp.resolve("bundle").toString());
    assertThat(export.exitCode()).as(export.err()).isZero();

    Cli.Run submit =
        Cli.network(
            "verify",
            "submit",
            "--bundle",
            tmp.resolve("bundle").toString(),
            "--explorer",
            explorer().toString(),
            "--wait",
            "5");
    assertThat(submit.exitCode()).as(submit.err()).isZero();
    assertThat(problems).isEmpty();
    assertThat(submissions).hasSize(ContractArtifacts.DEPLOYABLE.size());
    for (Map<String, Part> s : submissions) {
      Address address = Address.of(s.get("_address").text());
      var entry =
          d.contracts().entrySet().stream()
              .filter(e -> e.getValue().address().equals(address))
              .findFirst()
              .orElseThrow();
      assertThat(s.get("compiler_version").text()).isEqualTo("v0.8.37+commit.f401782d");
      assertThat(s.get("contract_name").text()).isEqualTo(entry.getKey());
      assertThat(s.get("autodetect_constructor_args").text()).isEqualTo("false");
      assertThat(s.get("constructor_args").text())
          .isEqualTo(entry.getValue().constructorArguments().substring(2));
      assertThat(s.get("license_type").text()).isEqualTo("apache_2_0");
      Part file = s.get("files[0]");
      assertThat(file.filename()).isEqualTo("standard-input.json");
      assertThat(file.contentType()).isEqualTo("application/json");
      assertThat(file.text()).isEqualTo(ContractArtifacts.standardJsonInput(entry.getKey()));
    }
    assertThat(submit.out()).contains("Smart-contract verification started").contains("verified");

    Cli.Run again =
        Cli.network(
            "verify",
            "submit",
            "--bundle",
            tmp.resolve("bundle").toString(),
            "--explorer",
            explorer().toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already verified");
    assertThat(submissions)
        .as("nothing is submitted twice")
        .hasSize(ContractArtifacts.DEPLOYABLE.size());
  }

  @Test
  void aRefusalIsAnErrorCarryingBlockscoutsMessage(@TempDir Path tmp) {
    VerificationBundle.export(deployment(), tmp);
    refuseWith = 400;
    VerificationBundle.Item item = VerificationBundle.read(tmp).get(0);
    BlockscoutClient client = new BlockscoutClient(explorer(), Duration.ofSeconds(5));
    assertThatThrownBy(() -> client.submit(item.entry(), item.standardInput()))
        .isInstanceOf(ExplorerException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("Not a smart contract");
  }

  @Test
  void anUnreachableExplorerIsAClearError() {
    BlockscoutClient client =
        new BlockscoutClient(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2));
    assertThatThrownBy(() -> client.isVerified(Address.of("0x" + "22".repeat(20))))
        .isInstanceOf(ExplorerException.Unreachable.class)
        .hasMessage("Blockscout at http://127.0.0.1:1 is unreachable: connection refused");
  }
}
