package org.spectrumledger.network.monitoring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Grafana dashboard of the network: the chain (Besu's own metrics, named by EIP-2159), the
 * broker ({@code broker_*}, served at its {@code /metrics}) and the operator daemons ({@code
 * operator_*}).
 */
final class Dashboard {

  private static final int WIDTH = 12;
  private static final int HEIGHT = 8;

  private Dashboard() {}

  static ObjectNode spectrumLedger(String datasourceUid) {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("uid", "spectrumledger");
    d.put("title", "SpectrumLedger");
    d.put("schemaVersion", 39);
    d.put("refresh", "30s");
    d.putObject("time").put("from", "now-6h").put("to", "now");
    ArrayNode panels = d.putArray("panels");
    Panels p = new Panels(panels, datasourceUid);
    p.add("Block height by node", "ethereum_blockchain_height{job=\"besu\"}", "{{node}}");
    p.add("Peers by node", "ethereum_peer_count{job=\"besu\"}", "{{node}}");
    p.add("Nodes up", "up{job=\"besu\"}", "{{node}}");
    p.add("Orders accepted per second", "sum(rate(broker_orders_accepted_total[5m]))", "accepted");
    p.add(
        "Orders rejected per second by reason",
        "sum by (reason) (rate(broker_orders_rejected_total[5m]))",
        "{{reason}}");
    p.add("Trades settled per second", "rate(broker_trades_settled_total[5m])", "trades");
    p.add(
        "Settlement latency (mean, s)",
        "rate(broker_settlement_latency_seconds_sum[5m])"
            + " / rate(broker_settlement_latency_seconds_count[5m])",
        "latency");
    p.add("Open orders", "broker_open_orders", "open orders");
    p.add("Operator profit (tokens)", "operator_profit_tokens", "{{instance}}");
    p.add(
        "Operator intervals per minute", "rate(operator_intervals_total[5m]) * 60", "{{instance}}");
    return d;
  }

  /** Lays out time-series panels two a row. */
  private static final class Panels {
    private final ArrayNode panels;
    private final String datasourceUid;
    private int next;

    Panels(ArrayNode panels, String datasourceUid) {
      this.panels = panels;
      this.datasourceUid = datasourceUid;
    }

    void add(String title, String expr, String legend) {
      ObjectNode panel = panels.addObject();
      panel.put("id", next + 1);
      panel.put("type", "timeseries");
      panel.put("title", title);
      panel
          .putObject("gridPos")
          .put("x", (next % 2) * WIDTH)
          .put("y", (next / 2) * HEIGHT)
          .put("w", WIDTH)
          .put("h", HEIGHT);
      datasource(panel);
      ObjectNode target = panel.putArray("targets").addObject();
      datasource(target);
      target.put("refId", "A").put("expr", expr).put("legendFormat", legend);
      next++;
    }

    private void datasource(ObjectNode node) {
      node.putObject("datasource").put("type", "prometheus").put("uid", datasourceUid);
    }
  }
}
