package org.spectrumledger.network.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;
import org.spectrumledger.ledger.io.AtomicFiles;
import org.spectrumledger.network.compose.ComposeFile;
import org.spectrumledger.network.io.Directories;
import org.spectrumledger.network.node.BesuNodeConfig;
import org.spectrumledger.network.node.NodeSpec;

/**
 * The files behind the Compose file's {@code monitoring} profile: Prometheus' configuration, its
 * scrape targets (one JSON file a job, read with {@code file_sd_configs} and re-read when they
 * change, so a target can be edited without a restart), and Grafana's data source, dashboard
 * provider and dashboard, provisioned from files.
 */
public final class MonitoringFiles {

  public static final String PROMETHEUS_DIR = "monitoring/prometheus";
  public static final String PROMETHEUS_DATA_DIR = "monitoring/prometheus-data";
  public static final String GRAFANA_PROVISIONING_DIR = "monitoring/grafana/provisioning";
  public static final String GRAFANA_DASHBOARDS_DIR = "monitoring/grafana/dashboards";

  /** Where the dashboards directory is mounted in the Grafana container. */
  public static final String GRAFANA_DASHBOARDS_MOUNT = "/etc/grafana/dashboards";

  /** Where {@link #PROMETHEUS_DIR} is mounted in the Prometheus container. */
  static final String PROMETHEUS_MOUNT = "/etc/prometheus";

  public static final String BESU_TARGETS = "targets/besu.json";
  public static final String BROKER_TARGETS = "targets/broker.json";
  public static final String OPERATOR_TARGETS = "targets/operators.json";

  /** The provisioned data source's uid, which every dashboard panel names. */
  public static final String DATASOURCE_UID = "spectrum-prometheus";

  public static final String DASHBOARD_FILE = "spectrumledger.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  private MonitoringFiles() {}

  /** Writes every monitoring file into the network directory {@code dir}. */
  public static void write(Path dir, List<NodeSpec> nodes, ScrapeTargets targets) {
    Path prometheus = dir.resolve(PROMETHEUS_DIR);
    Directories.createPrivate(prometheus.resolve("targets"));
    Directories.createPrivate(dir.resolve(PROMETHEUS_DATA_DIR));
    AtomicFiles.writeString(
        prometheus.resolve("prometheus.yml"), prometheusYaml(), AtomicFiles.PUBLIC);
    writeBesuTargets(dir, nodes);
    AtomicFiles.writeString(
        prometheus.resolve(BROKER_TARGETS),
        json(targets(targets.broker(), "service", "broker")),
        AtomicFiles.PUBLIC);
    AtomicFiles.writeString(
        prometheus.resolve(OPERATOR_TARGETS),
        json(targets(targets.operators(), "service", "operator")),
        AtomicFiles.PUBLIC);
    Path provisioning = dir.resolve(GRAFANA_PROVISIONING_DIR);
    Directories.createPrivate(provisioning.resolve("datasources"));
    Directories.createPrivate(provisioning.resolve("dashboards"));
    Directories.createPrivate(dir.resolve(GRAFANA_DASHBOARDS_DIR));
    AtomicFiles.writeString(
        provisioning.resolve("datasources/prometheus.yml"), datasourceYaml(), AtomicFiles.PUBLIC);
    AtomicFiles.writeString(
        provisioning.resolve("dashboards/spectrumledger.yml"),
        dashboardProviderYaml(),
        AtomicFiles.PUBLIC);
    AtomicFiles.writeString(
        dir.resolve(GRAFANA_DASHBOARDS_DIR).resolve(DASHBOARD_FILE),
        json(Dashboard.spectrumLedger(DATASOURCE_UID)),
        AtomicFiles.PUBLIC);
  }

  /** Rewrites the Besu targets, one a node, labelled with its name and role. */
  public static void writeBesuTargets(Path dir, List<NodeSpec> nodes) {
    ArrayNode groups = JSON.createArrayNode();
    for (NodeSpec n : nodes) {
      ObjectNode g = groups.addObject();
      g.putArray("targets").add(n.enode().host() + ":" + BesuNodeConfig.METRICS_PORT);
      g.putObject("labels").put("node", n.name()).put("role", n.role().label());
    }
    AtomicFiles.writeString(
        dir.resolve(PROMETHEUS_DIR).resolve(BESU_TARGETS), json(groups), AtomicFiles.PUBLIC);
  }

  private static ArrayNode targets(List<String> hostPorts, String label, String value) {
    ArrayNode groups = JSON.createArrayNode();
    if (!hostPorts.isEmpty()) {
      ObjectNode g = groups.addObject();
      hostPorts.forEach(g.putArray("targets")::add);
      g.putObject("labels").put(label, value);
    }
    return groups;
  }

  static String prometheusYaml() {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("global").put("scrape_interval", "15s").put("evaluation_interval", "15s");
    ArrayNode jobs = root.putArray("scrape_configs");
    job(jobs, "besu", BESU_TARGETS);
    job(jobs, "broker", BROKER_TARGETS);
    job(jobs, "operator", OPERATOR_TARGETS);
    return "# Written by `spectrum network generate`; targets are in targets/*.json,\n"
        + "# which Prometheus re-reads when they change.\n"
        + yaml(root);
  }

  private static void job(ArrayNode jobs, String name, String targetsFile) {
    ObjectNode j = jobs.addObject();
    j.put("job_name", name);
    j.put("metrics_path", "/metrics");
    j.putArray("file_sd_configs")
        .addObject()
        .putArray("files")
        .add(PROMETHEUS_MOUNT + "/" + targetsFile);
  }

  static String datasourceYaml() {
    ObjectNode root = JSON.createObjectNode().put("apiVersion", 1);
    root.putArray("datasources")
        .addObject()
        .put("name", "Prometheus")
        .put("uid", DATASOURCE_UID)
        .put("type", "prometheus")
        .put("access", "proxy")
        .put("url", "http://127.0.0.1:" + ComposeFile.PROMETHEUS_PORT)
        .put("isDefault", true)
        .put("editable", false);
    return yaml(root);
  }

  static String dashboardProviderYaml() {
    ObjectNode root = JSON.createObjectNode().put("apiVersion", 1);
    ObjectNode p = root.putArray("providers").addObject();
    p.put("name", "spectrumledger").put("type", "file").put("disableDeletion", true);
    p.put("allowUiUpdates", false);
    p.putObject("options").put("path", GRAFANA_DASHBOARDS_MOUNT);
    return yaml(root);
  }

  private static String yaml(ObjectNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a YAML tree always serialises", e);
    }
  }

  private static String json(Object tree) {
    try {
      return JSON.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
