package io.tracer.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.model.BlockRef;
import io.tracer.core.trace.TraceEdge;
import io.tracer.core.trace.TraceNode;
import io.tracer.core.trace.TraceParameters;
import io.tracer.core.trace.TraceResult;
import io.tracer.core.trace.TraceStop;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Writes a {@link TraceResult} as JSON, CSV, GraphML or Graphviz DOT. Other engines enrich the
 * output through annotators (labels from a watchlist on nodes, tainted amounts on edges, cluster
 * ids), which add fields to each node's or edge's JSON object; CSV, GraphML and DOT carry the
 * {@code labels}, {@code tainted} and {@code cluster} fields when present.
 */
public final class TraceReport {
  private final TraceResult result;
  private final List<BiConsumer<TraceNode, ObjectNode>> nodeAnnotators = new ArrayList<>();
  private final List<BiConsumer<TraceEdge, ObjectNode>> edgeAnnotators = new ArrayList<>();

  private TraceReport(TraceResult result) {
    this.result = Objects.requireNonNull(result, "result");
  }

  public static TraceReport of(TraceResult result) {
    return new TraceReport(result);
  }

  /** Adds fields to every node's JSON object (e.g. {@code labels}). */
  public TraceReport annotateNodes(BiConsumer<TraceNode, ObjectNode> annotator) {
    nodeAnnotators.add(annotator);
    return this;
  }

  /** Adds fields to every edge's JSON object (e.g. {@code tainted}). */
  public TraceReport annotateEdges(BiConsumer<TraceEdge, ObjectNode> annotator) {
    edgeAnnotators.add(annotator);
    return this;
  }

  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put("seed", result.seed().toString());
    root.put("seedKind", result.seed().kind().name().toLowerCase(Locale.ROOT));
    root.set("parameters", parameters(result.parameters()));
    ObjectNode summary = root.putObject("summary");
    summary.put("nodes", result.nodes().size());
    summary.put("edges", result.edges().size());
    summary.put("transactions", result.transactions());
    summary.put("truncated", result.truncated());
    ArrayNode nodes = root.putArray("nodes");
    for (TraceNode n : result.nodes()) {
      nodes.add(node(n));
    }
    ArrayNode edges = root.putArray("edges");
    for (TraceEdge e : result.edges()) {
      edges.add(edge(e));
    }
    ArrayNode stops = root.putArray("stops");
    for (TraceStop s : result.stops()) {
      ObjectNode j = stops.addObject();
      j.put("reason", s.reason());
      j.put("at", s.at());
      j.put("hop", s.hop());
    }
    return root;
  }

  public String json() {
    return Json.write(toJson());
  }

  private static ObjectNode parameters(TraceParameters p) {
    ObjectNode j = Json.object();
    j.put("direction", p.direction().name().toLowerCase(Locale.ROOT));
    j.put("maxHops", p.maxHops());
    j.put("valueFloor", p.valueFloor().toString());
    j.put("fanOutLimit", p.fanOutLimit());
    j.put("maxTransactions", p.maxTransactions());
    if (p.from() != null) {
      j.put("from", p.from().toString());
    }
    if (p.to() != null) {
      j.put("to", p.to().toString());
    }
    return j;
  }

  private ObjectNode node(TraceNode n) {
    ObjectNode j = Json.object();
    j.put("address", Json.address(n.address()));
    j.put("chain", n.address().chain().id());
    j.put("hop", n.hop());
    if (n.seed()) {
      j.put("seed", true);
    }
    if (n.stopReason() != null) {
      j.put("stop", n.stopReason());
    }
    for (BiConsumer<TraceNode, ObjectNode> a : nodeAnnotators) {
      a.accept(n, j);
    }
    return j;
  }

  private ObjectNode edge(TraceEdge e) {
    ObjectNode j = Json.object();
    j.put("txid", e.asset().chain().isEvm() ? e.txId().toHex0x() : e.txId().toString());
    j.put("hop", e.hop());
    j.put("from", Json.address(e.from()));
    j.put("to", Json.address(e.to()));
    if (e.output() != null) {
      j.put("output", e.output().index());
    }
    if (e.position() >= 0) {
      j.put("position", e.position());
    }
    j.put("value", e.value().toString());
    if (e.attributed() != null) {
      j.put("attributed", e.attributed().toString());
    } else {
      j.putNull("attributed");
    }
    j.put("asset", e.asset().toString());
    BlockRef b = e.block();
    j.put("height", b.height());
    j.put("time", b.time().toString());
    for (BiConsumer<TraceEdge, ObjectNode> a : edgeAnnotators) {
      a.accept(e, j);
    }
    return j;
  }

  /** One row per edge: hop,txid,output,from,to,value,attributed,asset,height,time,tainted,labels. */
  public String csv() {
    StringBuilder sb = new StringBuilder("hop,txid,output,from,to,value,attributed,asset,height,time,tainted,to_labels\n");
    ObjectNode json = toJson();
    java.util.Map<String, String> labels = new java.util.HashMap<>();
    json.get("nodes").forEach(n -> labels.put(n.get("address").asText(), labelText(n)));
    json.get("edges")
        .forEach(
            e -> {
              sb.append(e.get("hop").asInt()).append(',');
              sb.append(csvCell(e.get("txid").asText())).append(',');
              sb.append(e.has("output") ? e.get("output").asText() : "").append(',');
              sb.append(csvCell(e.get("from").asText())).append(',');
              sb.append(csvCell(e.get("to").asText())).append(',');
              sb.append(e.get("value").asText()).append(',');
              sb.append(e.get("attributed").isNull() ? "" : e.get("attributed").asText()).append(',');
              sb.append(csvCell(e.get("asset").asText())).append(',');
              sb.append(e.get("height").asText()).append(',');
              sb.append(e.get("time").asText()).append(',');
              sb.append(e.has("tainted") ? e.get("tainted").asText() : "").append(',');
              sb.append(csvCell(labels.getOrDefault(e.get("to").asText(), ""))).append('\n');
            });
    return sb.toString();
  }

  /** GraphML for Gephi, yEd, Cytoscape: address nodes, transaction edges. */
  public String graphml() {
    ObjectNode json = toJson();
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    sb.append("  <key id=\"hop\" for=\"node\" attr.name=\"hop\" attr.type=\"int\"/>\n");
    sb.append("  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n");
    sb.append("  <key id=\"stop\" for=\"node\" attr.name=\"stop\" attr.type=\"string\"/>\n");
    sb.append("  <key id=\"txid\" for=\"edge\" attr.name=\"txid\" attr.type=\"string\"/>\n");
    sb.append("  <key id=\"value\" for=\"edge\" attr.name=\"value\" attr.type=\"string\"/>\n");
    sb.append("  <key id=\"attributed\" for=\"edge\" attr.name=\"attributed\" attr.type=\"string\"/>\n");
    sb.append("  <key id=\"tainted\" for=\"edge\" attr.name=\"tainted\" attr.type=\"string\"/>\n");
    sb.append("  <key id=\"asset\" for=\"edge\" attr.name=\"asset\" attr.type=\"string\"/>\n");
    sb.append("  <key id=\"ehop\" for=\"edge\" attr.name=\"hop\" attr.type=\"int\"/>\n");
    sb.append("  <graph id=\"trace\" edgedefault=\"directed\">\n");
    json.get("nodes")
        .forEach(
            n -> {
              sb.append("    <node id=\"").append(xml(n.get("address").asText())).append("\">");
              sb.append("<data key=\"hop\">").append(n.get("hop").asInt()).append("</data>");
              String l = labelText(n);
              if (!l.isEmpty()) {
                sb.append("<data key=\"labels\">").append(xml(l)).append("</data>");
              }
              if (n.has("stop")) {
                sb.append("<data key=\"stop\">").append(xml(n.get("stop").asText())).append("</data>");
              }
              sb.append("</node>\n");
            });
    int[] i = {0};
    json.get("edges")
        .forEach(
            e -> {
              sb.append("    <edge id=\"e").append(i[0]++).append("\" source=\"")
                  .append(xml(e.get("from").asText())).append("\" target=\"")
                  .append(xml(e.get("to").asText())).append("\">");
              sb.append("<data key=\"txid\">").append(xml(e.get("txid").asText())).append("</data>");
              sb.append("<data key=\"value\">").append(e.get("value").asText()).append("</data>");
              if (!e.get("attributed").isNull()) {
                sb.append("<data key=\"attributed\">").append(e.get("attributed").asText()).append("</data>");
              }
              if (e.has("tainted")) {
                sb.append("<data key=\"tainted\">").append(xml(e.get("tainted").asText())).append("</data>");
              }
              sb.append("<data key=\"asset\">").append(xml(e.get("asset").asText())).append("</data>");
              sb.append("<data key=\"ehop\">").append(e.get("hop").asInt()).append("</data>");
              sb.append("</edge>\n");
            });
    sb.append("  </graph>\n</graphml>\n");
    return sb.toString();
  }

  /** Graphviz DOT: {@code dot -Tsvg trace.dot > trace.svg}. */
  public String dot() {
    ObjectNode json = toJson();
    StringBuilder sb = new StringBuilder("digraph trace {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
    json.get("nodes")
        .forEach(
            n -> {
              String addr = n.get("address").asText();
              String l = labelText(n);
              sb.append("  ").append(dotId(addr)).append(" [label=").append(dotId(shortAddr(addr)
                  + "\\nhop " + n.get("hop").asInt() + (l.isEmpty() ? "" : "\\n" + l)));
              if (!l.isEmpty()) {
                sb.append(", color=red, penwidth=2");
              } else if (n.has("stop")) {
                sb.append(", style=dashed");
              }
              sb.append("];\n");
            });
    json.get("edges")
        .forEach(
            e -> {
              String amount = e.get("attributed").isNull() ? e.get("value").asText() : e.get("attributed").asText();
              sb.append("  ").append(dotId(e.get("from").asText())).append(" -> ")
                  .append(dotId(e.get("to").asText())).append(" [label=")
                  .append(dotId(amount + (e.has("tainted") ? " (tainted " + e.get("tainted").asText() + ")" : "")
                      + "\\n" + e.get("txid").asText().substring(0, Math.min(12, e.get("txid").asText().length()))))
                  .append("];\n");
            });
    sb.append("}\n");
    return sb.toString();
  }

  /**
   * A self-contained HTML page (no scripts, no external resources): summary, nodes with labels and
   * hops, edges with amounts. Every value is HTML-escaped, so labels from hostile intel files are
   * shown as text, never interpreted.
   */
  public String html() {
    ObjectNode json = toJson();
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    sb.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    sb.append("<title>tracer: trace from ").append(xml(json.get("seed").asText())).append("</title>\n");
    sb.append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:2px 6px;font-family:monospace;font-size:12px}"
        + "tr.flag td{background:#fdd}</style></head><body>\n");
    sb.append("<h1>Trace from <code>").append(xml(json.get("seed").asText())).append("</code></h1>\n");
    com.fasterxml.jackson.databind.JsonNode sum = json.get("summary");
    com.fasterxml.jackson.databind.JsonNode par = json.get("parameters");
    sb.append("<p>").append(xml(par.get("direction").asText())).append(", at most ")
        .append(par.get("maxHops").asInt()).append(" hops: ").append(sum.get("nodes").asInt())
        .append(" addresses, ").append(sum.get("edges").asInt()).append(" edges, ")
        .append(sum.get("transactions").asInt()).append(" transactions")
        .append(sum.get("truncated").asBoolean() ? " (truncated: budget reached)" : "").append(".</p>\n");
    sb.append("<h2>Addresses</h2>\n<table><tr><th>hop</th><th>address</th><th>labels</th><th>stop</th></tr>\n");
    json.get("nodes").forEach(n -> {
      String l = labelText(n);
      sb.append(l.isEmpty() ? "<tr>" : "<tr class=\"flag\">");
      sb.append("<td>").append(n.get("hop").asInt()).append("</td><td>").append(xml(n.get("address").asText()))
          .append("</td><td>").append(xml(l)).append("</td><td>")
          .append(n.has("stop") ? xml(n.get("stop").asText()) : "").append("</td></tr>\n");
    });
    sb.append("</table>\n<h2>Transfers</h2>\n<table><tr><th>hop</th><th>txid</th><th>from</th><th>to</th>"
        + "<th>value</th><th>attributed</th><th>tainted</th><th>asset</th><th>time</th></tr>\n");
    json.get("edges").forEach(e -> {
      sb.append("<tr><td>").append(e.get("hop").asInt()).append("</td><td>").append(xml(e.get("txid").asText()))
          .append(e.has("output") ? ":" + e.get("output").asInt() : "").append("</td><td>")
          .append(xml(e.get("from").asText())).append("</td><td>").append(xml(e.get("to").asText()))
          .append("</td><td>").append(xml(e.get("value").asText())).append("</td><td>")
          .append(e.get("attributed").isNull() ? "" : xml(e.get("attributed").asText())).append("</td><td>")
          .append(e.has("tainted") ? xml(e.get("tainted").asText()) : "").append("</td><td>")
          .append(xml(e.get("asset").asText())).append("</td><td>").append(xml(e.get("time").asText()))
          .append("</td></tr>\n");
    });
    sb.append("</table>\n");
    if (json.get("stops").size() > 0) {
      sb.append("<h2>Where the trace stopped</h2>\n<ul>\n");
      json.get("stops").forEach(st -> sb.append("<li>").append(xml(st.get("reason").asText())).append(" at <code>")
          .append(xml(st.get("at").asText())).append("</code> (hop ").append(st.get("hop").asInt()).append(")</li>\n"));
      sb.append("</ul>\n");
    }
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static String labelText(com.fasterxml.jackson.databind.JsonNode n) {
    if (!n.has("labels")) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    n.get("labels")
        .forEach(
            l -> {
              if (l.isTextual()) {
                parts.add(l.asText());
              } else if (l.has("category")) {
                parts.add(l.get("category").asText() + (l.has("label") ? ": " + l.get("label").asText() : ""));
              }
            });
    return String.join("; ", parts);
  }

  private static String shortAddr(String a) {
    return a.length() <= 20 ? a : a.substring(0, 10) + "…" + a.substring(a.length() - 6);
  }

  /** Quotes a CSV cell; neutralises spreadsheet formulas (=, +, -, @) from hostile labels. */
  static String csvCell(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(s)) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '&': sb.append("&amp;"); break;
        case '"': sb.append("&quot;"); break;
        case '\'': sb.append("&apos;"); break;
        default:
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            sb.append("&#xFFFD;");
          } else {
            sb.append(c);
          }
      }
    }
    return sb.toString();
  }

  static String dotId(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || (c == '\\' && !(i + 1 < s.length() && s.charAt(i + 1) == 'n'))) {
        sb.append('\\');
      }
      if (c < 0x20) {
        sb.append(' ');
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
