package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.bitcoin.demo.DemoCase;
import io.tracer.bitcoin.demo.DemoManifest;
import io.tracer.core.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAndTraceIntegrationTest {
  static final DemoManifest DEMO = DemoCase.manifest();

  @Test
  void demo_printsSummary_writesReports_andIsDeterministic(@TempDir Path dir) throws Exception {
    CliRunner r = CliRunner.run("demo", "--out", dir.resolve("a").toString());
    assertEquals(ExitCode.OK, r.code, r.err);
    assertTrue(r.out.contains("14 buyers paid the advertiser 5,950,000 sat"), r.out);
    assertTrue(r.out.contains("FLAGGED   " + DEMO.address("controller").display() + " [human_trafficking"), r.out);
    assertTrue(r.out.contains("3 of 3 deposit addresses reached"), r.out);
    // The Ethereum/USDT leg, replayed offline from the ganache recording.
    assertTrue(r.out.contains("3 victims paid the collector 4.25 ETH and 5000 USDT"), r.out);
    assertTrue(r.out.contains("0x28a8746e75304c0780E011BEd21C72cD78cd535E reached at hop 2"), r.out);
    assertTrue(r.out.contains("haircut from the victims: 0.8 ETH and 5000 USDT reached the exchange deposit"), r.out);
    assertTrue(Files.size(dir.resolve("a/eth-trace.json")) > 0);
    for (String f : new String[] {"trace.json", "trace.html", "trace.dot", "taint.json", "screen.json", "clusters.json", "demo-intel.csv"}) {
      assertTrue(Files.size(dir.resolve("a").resolve(f)) > 0, f);
    }
    JsonNode trace = Json.mapper().readTree(dir.resolve("a/trace.json").toFile());
    boolean flaggedNode = false;
    for (JsonNode n : trace.get("nodes")) {
      if (n.get("address").asText().equals(DEMO.address("controller").display())) {
        flaggedNode = n.path("flagged").asBoolean();
        assertEquals("human_trafficking", n.at("/labels/0/category").asText());
      }
    }
    assertTrue(flaggedNode);
    assertTrue(trace.at("/entities/flows").size() > 0);

    CliRunner again = CliRunner.run("demo", "--out", dir.resolve("b").toString());
    assertEquals(ExitCode.OK, again.code);
    assertEquals(Files.readString(dir.resolve("a/trace.json")), Files.readString(dir.resolve("b/trace.json")));
    assertEquals(Files.readString(dir.resolve("a/screen.json")), Files.readString(dir.resolve("b/screen.json")));
  }

  @Test
  void trace_withIntel_marksHits_andStopsAtServices(@TempDir Path dir) throws Exception {
    Path intel = DemoCase.copyIntelTo(dir);
    String consolidation = DEMO.transaction("consolidation").toString();
    CliRunner r = CliRunner.run("trace", "-s", "demo", "--seed", consolidation, "--hops", "12", "--intel", intel.toString());
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = Json.mapper().readTree(r.out);
    Set<String> stopped = new HashSet<>();
    for (JsonNode n : j.get("nodes")) {
      if ("service".equals(n.path("stop").asText())) {
        stopped.add(n.get("address").asText());
      }
    }
    Set<String> deposits = new HashSet<>();
    DEMO.role("exchangeDeposits").forEach(a -> deposits.add(a.display()));
    assertEquals(deposits, stopped);
    // Never past the exchange: the hot wallet the deposits are swept into is not reached.
    for (JsonNode n : j.get("nodes")) {
      assertTrue(!n.get("address").asText().equals(DEMO.address("exchangeHot").display()));
    }

    CliRunner through =
        CliRunner.run("trace", "-s", "demo", "--seed", consolidation, "--hops", "12", "--intel", intel.toString(), "--through-services");
    assertTrue(through.out.contains(DEMO.address("exchangeHot").display()), "with --through-services the sweep is followed");
  }

  @Test
  void trace_withTaint_annotatesEdges_haircutAtHopOneIsExact() throws Exception {
    String consolidation = DEMO.transaction("consolidation").toString();
    CliRunner r = CliRunner.run("trace", "-s", "demo", "--seed", consolidation, "--hops", "2", "--taint", "haircut");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = Json.mapper().readTree(r.out);
    JsonNode first = j.at("/edges/0");
    assertEquals(1, first.get("hop").asInt());
    // The seed transaction's outputs are the taint seeds: fully tainted.
    assertEquals(first.get("value").asText(), first.get("tainted").asText());
  }

  @Test
  void trace_taintBackward_orUnknownModel_isUsageError() {
    String c = DEMO.transaction("consolidation").toString();
    assertEquals(ExitCode.USAGE, CliRunner.run("trace", "-s", "demo", "--seed", c, "--taint", "haircut", "--direction", "backward").code);
    assertEquals(ExitCode.USAGE, CliRunner.run("trace", "-s", "demo", "--seed", c, "--taint", "nonsense").code);
    // an account-only model on a UTXO source
    CliRunner r = CliRunner.run("trace", "-s", "demo", "--seed", c, "--taint", "taint_first");
    assertEquals(ExitCode.USAGE, r.code, r.err);
    assertTrue(r.err.contains("lifo_reverse_out"), r.err);
  }

  @Test
  void trace_withTaintFifo_everyEdgeEqualsTheTaintCommandsOutput() throws Exception {
    String seed = DEMO.transaction("consolidation") + ":0";
    CliRunner tr = CliRunner.run("trace", "-s", "demo", "--seed", seed, "--hops", "6", "--taint", "fifo");
    assertEquals(ExitCode.OK, tr.code, tr.err);
    CliRunner ta = CliRunner.run("taint", "-s", "demo", "--seed", seed, "--model", "fifo");
    assertEquals(ExitCode.OK, ta.code, ta.err);
    java.util.Map<String, String> byOutput = new java.util.HashMap<>();
    for (JsonNode o : Json.mapper().readTree(ta.out).get("outputs")) {
      byOutput.put(o.get("output").asText(), o.get("tainted").asText());
    }
    JsonNode edges = Json.mapper().readTree(tr.out).get("edges");
    assertTrue(edges.size() > 20, tr.out);
    for (JsonNode e : edges) {
      String out = e.get("txid").asText() + ":" + e.get("output").asInt();
      String expected = byOutput.getOrDefault(out, "0");
      assertEquals(expected, e.path("tainted").asText(null), e.toString());
    }
  }

  @Test
  void trace_clusterLevel_addsEntityIdsAndFlows() throws Exception {
    String c = DEMO.transaction("consolidation").toString();
    CliRunner r = CliRunner.run("trace", "-s", "demo", "--seed", c, "--level", "cluster");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = Json.mapper().readTree(r.out);
    assertTrue(j.at("/nodes/0/cluster").asText().startsWith("cl-"), r.out);
    assertEquals("cluster", j.at("/entities/level").asText());
  }
}
