package io.tracer.core.report;

import static io.tracer.core.testing.Txs.addr;
import static io.tracer.core.testing.Txs.id;
import static io.tracer.core.testing.Txs.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.trace.Seed;
import io.tracer.core.trace.TraceResult;
import io.tracer.core.trace.Tracer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class TraceReportTest {
  static final String HOSTILE = "<script>alert(1)</script> & \"x\" =HYPERLINK(\"evil\")";

  static TraceReport report() {
    UtxoLedger l =
        UtxoLedger.builder(Chain.BITCOIN)
            .add(tx("a").height(1).coinbase().out("alice", 5000).build())
            .add(tx("b").height(2).in("a", 0, "alice", 5000).out("bob", 4900).build())
            .build();
    TraceResult r = Tracer.builder().build().trace(l, Seed.transaction(id("b")));
    return TraceReport.of(r)
        .annotateNodes(
            (n, j) -> {
              if (n.address().equals(addr("bob"))) {
                j.putArray("labels").addObject().put("category", "scam").put("label", HOSTILE);
              }
            })
        .annotateEdges((e, j) -> j.put("tainted", "42"));
  }

  @Test
  void json_amountsAreStrings_annotationsPresent_deterministic() throws Exception {
    JsonNode j = Json.mapper().readTree(report().json());
    assertTrue(j.at("/edges/0/value").isTextual());
    assertEquals("4900", j.at("/edges/0/value").asText());
    assertEquals("42", j.at("/edges/0/tainted").asText());
    assertEquals(report().json(), report().json());
  }

  @Test
  void html_escapesHostileLabels_andHasNoScript() {
    String h = report().html();
    assertFalse(h.contains("<script>"), h);
    assertTrue(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(h.contains("Content-Security-Policy"));
  }

  @Test
  void csv_neutralisesFormulaAndQuotes() {
    String c = report().csv();
    String row = c.lines().skip(1).findFirst().orElseThrow();
    assertTrue(row.endsWith("\"scam: <script>alert(1)</script> & \"\"x\"\" =HYPERLINK(\"\"evil\"\")\""), row);
    assertEquals("\"'=cmd\"", TraceReport.csvCell("=cmd"));
    assertEquals("plain", TraceReport.csvCell("plain"));
  }

  @Test
  void graphml_isWellFormedXml_withEscapedLabel() throws Exception {
    String g = report().graphml();
    var f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    var doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(g.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(2, doc.getElementsByTagName("node").getLength());
    assertTrue(g.contains("&lt;script&gt;"));
  }

  @Test
  void dot_quotesIdentifiers() {
    String d = report().dot();
    assertTrue(d.startsWith("digraph trace {"));
    assertTrue(d.contains("\\\"x\\\""), d);
  }
}
