package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.bitcoin.demo.DemoCase;
import io.tracer.bitcoin.demo.DemoManifest;
import io.tracer.core.cluster.AddressClustering;
import io.tracer.core.cluster.ClusterId;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.cluster.Explanation;
import io.tracer.core.model.Address;
import io.tracer.core.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracer cluster} and the clustering engine on the built-in demo case (ground truth). */
class ClusterCommandTest {
  private static final DemoManifest M = DemoCase.manifest();

  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }

  private static Clustering cluster(String heuristics) {
    return AddressClustering.builder().heuristics(heuristics).build().run(DemoCase.ledger());
  }

  /** Owner entities per cluster, for every address of the manifest. */
  private static Map<ClusterId, Set<String>> owners(Clustering c) {
    Map<ClusterId, Set<String>> owners = new HashMap<>();
    M.entities().forEach((entity, addrs) -> addrs.forEach(
        a -> owners.computeIfAbsent(c.clusterOf(a), k -> new TreeSet<>()).add(entity)));
    return owners;
  }

  private static int clustersOf(Clustering c, String entity) {
    Set<ClusterId> ids = new HashSet<>();
    M.entity(entity).forEach(a -> ids.add(c.clusterOf(a)));
    return ids.size();
  }

  @Nested
  class DemoGroundTruth {
    @Test
    void defaultHeuristics_noClusterSpansTwoEntities() {
      Clustering c = cluster("multi-input,default");
      owners(c).forEach((id, who) -> assertEquals(1, who.size(), id + " mixes " + who));
    }

    @Test
    void defaultHeuristics_coSpentAddressesMerged_coinJoinNot() {
      Clustering c = cluster("multi-input,default");
      List<Address> ads = M.role("advertiserAdAddresses");
      ClusterId adCluster = c.clusterOf(ads.get(0));
      ads.forEach(a -> assertEquals(adCluster, c.clusterOf(a), "consolidation merges the ad addresses"));
      List<Address> deposits = M.role("exchangeDeposits");
      deposits.forEach(a -> assertEquals(c.clusterOf(deposits.get(0)), c.clusterOf(a), "the sweep merges deposits"));
      // The coinjoin is flagged and its four inputs stay four clusters.
      assertEquals(List.of(M.transaction("coinjoin")),
          c.flaggedTransactions().stream().map(f -> f.tx()).toList());
      Set<ClusterId> cjInputs = new HashSet<>();
      M.role("coinjoinParticipants").forEach(a -> cjInputs.add(c.clusterOf(a)));
      assertEquals(M.role("coinjoinParticipants").size(), cjInputs.size());
      for (String p : List.of("cj-alice", "cj-bob", "cj-carol")) {
        assertEquals(3, clustersOf(c, p), p + ": mixed output, change and input are not linkable");
      }
    }

    @Test
    void explain_adAddress_pathNamesTheConsolidation() {
      Clustering c = cluster("multi-input,default");
      List<Address> ads = M.role("advertiserAdAddresses");
      Explanation e = c.explain(ads.get(ads.size() - 1));
      assertFalse(e.path().isEmpty());
      e.path().forEach(m -> assertEquals(M.transaction("consolidation"), m.tx()));
      assertEquals("multi-input", e.path().get(0).heuristic());
    }

    @Test
    void freshSameTypeChange_recoversBuyersWithFreshPayees_stillNoFalseMerge() {
      Clustering c = cluster("multi-input,unique(fresh-address & address-type)");
      owners(c).forEach((id, who) -> assertEquals(1, who.size(), id + " mixes " + who));
      int recovered = 0;
      for (int i = 1; i <= M.fact("buyerCount"); i++) {
        recovered += clustersOf(c, String.format("buyer%02d", i)) == 1 ? 1 : 0;
      }
      // buyer01/02 pay ad addresses seen for the first time, so two outputs are fresh: no unique change.
      assertEquals(M.fact("buyerCount") - 2, recovered);
    }

    @Test
    void run_twice_sameIdsEverywhere() {
      Clustering a = cluster("multi-input,default");
      Clustering b = cluster("multi-input,default");
      M.entities().values().forEach(l -> l.forEach(x -> assertEquals(a.clusterOf(x).value(), b.clusterOf(x).value())));
    }
  }

  @Nested
  class Command {
    @Test
    void cluster_demo_jsonWithParametersStatsClustersAndFlagged() throws Exception {
      CliRunner r = CliRunner.run("cluster", "--source", "demo");
      assertEquals(0, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals("tracer-clusters/1", j.get("format").asText());
      assertEquals("default", j.at("/parameters/changeHeuristic").asText());
      assertEquals(80, j.at("/parameters/superClusterGuard/minConfidence").asInt());
      assertEquals(1, j.at("/stats/flaggedTransactions").asInt());
      assertEquals(M.transaction("coinjoin").toString(), j.at("/flaggedTransactions/0/txid").asText());
      assertTrue(j.get("clusters").size() >= 2);
      assertTrue(j.at("/clusters/0/id").asText().startsWith("cl-"));
    }

    @Test
    void cluster_addressExplain_givesPathWithTxids() throws Exception {
      Address ad = M.role("advertiserAdAddresses").get(2);
      CliRunner r = CliRunner.run("cluster", "--source", "demo", "--address", ad.value(), "--explain");
      assertEquals(0, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals(ad.value(), j.get("address").asText());
      JsonNode path = j.at("/explanation/path");
      assertTrue(path.size() >= 1);
      assertEquals(M.transaction("consolidation").toString(), path.get(0).get("txid").asText());
      assertEquals("multi-input", path.get(0).get("rule").asText());
      assertEquals(80, path.get(0).get("confidence").asInt());
      assertTrue(j.at("/cluster/evidence").size() >= 2);
    }

    @Test
    void cluster_link_namesTheJoiningTransaction() throws Exception {
      List<Address> ads = M.role("advertiserAdAddresses");
      CliRunner r = CliRunner.run("cluster", "--source", "demo", "--address", ads.get(0).value(),
          "--link", ads.get(1).value());
      assertEquals(0, r.code, r.err);
      JsonNode j = json(r.out);
      assertTrue(j.get("linked").asBoolean());
      assertEquals(M.transaction("consolidation").toString(), j.at("/path/0/txid").asText());
    }

    @Test
    void cluster_outFile_written(@TempDir Path dir) throws Exception {
      Path f = dir.resolve("clusters.json");
      CliRunner r = CliRunner.run("cluster", "--source", "demo", "--out", f.toString());
      assertEquals(0, r.code, r.err);
      assertEquals("", r.out);
      assertEquals("tracer-clusters/1", json(Files.readString(f)).get("format").asText());
    }

    @Test
    void cluster_badHeuristics_exit2WithMessage() {
      CliRunner r = CliRunner.run("cluster", "--source", "demo", "--heuristics", "multi-input,nope");
      assertEquals(ExitCode.USAGE, r.code);
      assertTrue(r.err.contains("unknown change heuristic"), r.err);
      CliRunner two = CliRunner.run("cluster", "--source", "demo", "--heuristics", "locktime,optimal-change");
      assertEquals(ExitCode.USAGE, two.code);
      CliRunner guard = CliRunner.run("cluster", "--source", "demo", "--guard-confidence", "101");
      assertEquals(ExitCode.USAGE, guard.code);
      CliRunner link = CliRunner.run("cluster", "--source", "demo", "--link", "x");
      assertEquals(ExitCode.USAGE, link.code);
    }

    @Test
    void cluster_unknownAddress_exit1OneLine() {
      CliRunner r = CliRunner.run("cluster", "--source", "demo", "--address", "bcrt1qnotthere");
      assertEquals(ExitCode.ERROR, r.code);
      assertEquals(1, r.err.strip().lines().count(), r.err);
    }

    @Test
    void cluster_help_exit0() {
      CliRunner r = CliRunner.run("cluster", "--help");
      assertEquals(0, r.code);
      assertTrue(r.out.contains("--heuristics"));
    }
  }
}
