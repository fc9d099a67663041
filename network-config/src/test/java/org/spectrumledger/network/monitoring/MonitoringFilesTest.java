package org.spectrumledger.network.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.network.generate.NetworkGenerator;
import org.spectrumledger.network.generate.NetworkManifest;
import org.spectrumledger.network.generate.TestOptions;
import org.spectrumledger.network.node.Enode;

/**
 * The monitoring profile read as Prometheus, Grafana and Compose read it: every Besu node and the
 * ledger's services are scrape targets, the mounts match the paths the configurations name, and
 * every dashboard panel queries the provisioned data source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringFilesTest {

  final ObjectMapper json = new ObjectMapper();
  final YAMLMapper yaml = new YAMLMapper();
  Path dir;
  NetworkManifest manifest;
  JsonNode compose;

  @BeforeAll
  void generate(@TempDir Path tmp) throws Exception {
    dir = tmp.resolve("net");
    manifest =
        new NetworkGenerator(new SecureRandom(), 1_750_000_000L)
            .generate(
                TestOptions.of(
                    2018,
                    4,
                    1,
                    null,
                    null,
                    new ScrapeTargets(null, List.of("127.0.0.1:9101", "127.0.0.1:9102"))),
                dir,
                "monitoring".toCharArray(),
                false)
            .manifest();
    compose = yaml.readTree(dir.resolve("docker-compose.yml").toFile());
  }

  @Test
  void monitoringIsAProfileAndOffByDefault() {
    JsonNode services = compose.path("services");
    for (String s : List.of("prometheus", "grafana")) {
      assertThat(strings(services.path(s).path("profiles"))).as(s).containsExactly("monitoring");
    }
    services
        .properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("prometheus") && !e.getKey().equals("grafana")) {
                assertThat(strings(e.getValue().path("profiles"))).doesNotContain("monitoring");
              }
            });
  }

  @Test
  void prometheusScrapesEveryBesuNodeTheBrokerAndTheOperatorDaemons() throws Exception {
    JsonNode config = yaml.readTree(dir.resolve("monitoring/prometheus/prometheus.yml").toFile());
    String mount = mountTarget("prometheus", "./monitoring/prometheus");
    List<String> jobs = new ArrayList<>();
    for (JsonNode job : config.path("scrape_configs")) {
      jobs.add(job.path("job_name").asText());
      String file = job.path("file_sd_configs").get(0).path("files").get(0).asText();
      assertThat(file).startsWith(mount + "/");
      Path local = dir.resolve("monitoring/prometheus").resolve(file.substring(mount.length() + 1));
      assertThat(json.readTree(local.toFile()).isArray()).as(file).isTrue();
    }
    assertThat(jobs).containsExactly("besu", "broker", "operator");

    JsonNode besu = json.readTree(dir.resolve("monitoring/prometheus/targets/besu.json").toFile());
    List<String> targets = besu.findValuesAsText("node");
    assertThat(targets)
        .containsExactlyElementsOf(
            manifest.nodes().stream().map(NetworkManifest.Node::name).toList());
    for (JsonNode group : besu) {
      String node = group.path("labels").path("node").asText();
      String host =
          Enode.parse(
                  manifest.nodes().stream()
                      .filter(n -> n.name().equals(node))
                      .findFirst()
                      .orElseThrow()
                      .enode())
              .host();
      assertThat(group.path("targets").get(0).asText()).isEqualTo(host + ":9545");
    }
    JsonNode broker =
        json.readTree(dir.resolve("monitoring/prometheus/targets/broker.json").toFile());
    assertThat(broker.get(0).path("targets").get(0).asText()).isEqualTo("127.0.0.1:8080");
    JsonNode ops =
        json.readTree(dir.resolve("monitoring/prometheus/targets/operators.json").toFile());
    assertThat(strings(ops.get(0).path("targets")))
        .containsExactly("127.0.0.1:9101", "127.0.0.1:9102");
  }

  @Test
  void grafanaProvisionsItsDataSourceAndDashboardFromTheMountedFiles() throws Exception {
    String provisioning = mountTarget("grafana", "./monitoring/grafana/provisioning");
    assertThat(
            compose
                .path("services")
                .path("grafana")
                .path("environment")
                .path("GF_PATHS_PROVISIONING")
                .asText())
        .isEqualTo(provisioning);
    JsonNode ds =
        yaml.readTree(
            dir.resolve("monitoring/grafana/provisioning/datasources/prometheus.yml").toFile());
    String uid = ds.path("datasources").get(0).path("uid").asText();
    assertThat(ds.path("datasources").get(0).path("url").asText())
        .isEqualTo(
            "http://"
                + strings(compose.path("services").path("prometheus").path("command")).stream()
                    .filter(c -> c.startsWith("--web.listen-address="))
                    .findFirst()
                    .orElseThrow()
                    .substring("--web.listen-address=".length()));
    JsonNode provider =
        yaml.readTree(
            dir.resolve("monitoring/grafana/provisioning/dashboards/spectrumledger.yml").toFile());
    String dashboards = provider.path("providers").get(0).path("options").path("path").asText();
    assertThat(mountTarget("grafana", "./monitoring/grafana/dashboards")).isEqualTo(dashboards);
    JsonNode dashboard =
        json.readTree(dir.resolve("monitoring/grafana/dashboards/spectrumledger.json").toFile());
    assertThat(dashboard.path("panels")).isNotEmpty();
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(uid);
      for (JsonNode t : panel.path("targets")) {
        assertThat(t.path("datasource").path("uid").asText()).isEqualTo(uid);
        exprs.add(t.path("expr").asText());
      }
    }
    assertThat(String.join("\n", exprs))
        .contains("ethereum_blockchain_height")
        .contains("ethereum_peer_count")
        .contains("broker_")
        .contains("operator_");
  }

  /** The container path {@code service} mounts {@code hostPath} at. */
  private String mountTarget(String service, String hostPath) {
    for (String v : strings(compose.path("services").path(service).path("volumes"))) {
      String[] parts = v.split(":");
      if (parts[0].equals(hostPath)) {
        return parts[1];
      }
    }
    throw new AssertionError(service + " does not mount " + hostPath);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
