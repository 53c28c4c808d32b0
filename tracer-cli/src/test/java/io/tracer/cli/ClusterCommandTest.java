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
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.UtxoTx;
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

    /**
     * The whole partition, entity by entity. What stays split is what the chain does not reveal
     * to these rules: the exchange's sweep and the advertiser's consolidation and final deposit
     * have one output (no change to find); the controller's cut and every peel hop pay a fresh
     * address of the payer's own type, below the single input, as their change does (so neither
     * optimal-change nor fresh-address can pick one); the CoinJoin participants' three addresses
     * are meant to be unlinkable. The default rule needs optimal-change to be unique, which a
     * one-input payment never is, so it recovers no buyer either.
     */
    @Test
    void defaultHeuristics_exactPartition_everyEntityIntoAsFewClustersAsTheChainReveals() {
      Map<String, Integer> expected = new java.util.TreeMap<>();
      M.entities().keySet().forEach(e -> expected.put(e, e.startsWith("buyer") ? 2 : 1));
      expected.put("exchange", 2); // deposits (swept together) | hot wallet
      expected.put("advertiser", 8); // 3 ad addresses (consolidated) | vault | 6 peel-chain addresses
      expected.put("controller", 3);
      for (String p : List.of("cj-alice", "cj-bob", "cj-carol")) {
        expected.put(p, 3);
      }
      Clustering c = cluster("multi-input,default");
      Map<String, Integer> actual = new java.util.TreeMap<>();
      M.entities().keySet().forEach(e -> actual.put(e, clustersOf(c, e)));
      assertEquals(expected, actual);
      owners(c).forEach((id, who) -> assertEquals(1, who.size(), id + " mixes " + who));
    }

    @Test
    void freshSameTypeChange_exactPartition() {
      Clustering c = cluster("multi-input,unique(fresh-address & address-type)");
      assertEquals(7, clustersOf(c, "advertiser"), 
          "peel hop 2 pays a P2PKH payee, so its change is the one fresh output of the payer's type");
      assertEquals(2, clustersOf(c, "exchange"));
      assertEquals(2, clustersOf(c, "buyer01"));
      assertEquals(2, clustersOf(c, "buyer02"));
      assertEquals(1, clustersOf(c, "buyer14"));
    }

    @Test
    void addingBlocks_prefixClustersKeepTheirIds() {
      List<UtxoTx> all = DemoCase.ledger().transactions().toList();
      Clustering full = cluster("multi-input,default");
      long tip = M.fact("tipHeight");
      for (long h = 100; h <= tip; h++) {
        long height = h;
        List<UtxoTx> prefix = all.stream().filter(t -> t.block().height() <= height).toList();
        Clustering p =
            AddressClustering.builder().heuristics("multi-input,default").build()
                .run(UtxoLedger.builder(Chain.BITCOIN).addAll(prefix).build());
        for (UtxoTx t : prefix) {
          for (var o : t.outputs()) {
            ClusterId before = p.clusterOf(o.address());
            assertEquals(full.clusterOf(before.anchor()), full.clusterOf(o.address()), "split at " + h);
            if (!before.equals(full.clusterOf(o.address()))) {
              assertTrue(p.contains(full.clusterOf(o.address()).anchor()), "new anchor at " + h);
            }
          }
        }
      }
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
    void cluster_maxMembers_capsMembersAndEvidencePerCluster_sizeStaysWhole() throws Exception {
      JsonNode all = json(CliRunner.run("cluster", "--source", "demo", "--explain").out);
      CliRunner r = CliRunner.run("cluster", "--source", "demo", "--explain", "--max-members", "1");
      assertEquals(0, r.code, r.err);
      JsonNode capped = json(r.out);
      assertEquals(all.get("clusters").size(), capped.get("clusters").size());
      JsonNode big = capped.at("/clusters/0");
      JsonNode whole = all.at("/clusters/0");
      assertTrue(big.get("size").asInt() >= 2, "the largest demo cluster has several addresses");
      assertEquals(whole.get("size").asInt(), big.get("size").asInt());
      assertEquals(whole.get("size").asInt(), whole.get("membersListed").asInt());
      assertEquals(1, big.get("membersListed").asInt());
      assertEquals(1, big.get("members").size());
      assertEquals(whole.at("/members/0"), big.at("/members/0"));
      assertEquals(whole.get("evidence").size(), big.get("evidenceMerges").asInt());
      assertEquals(1, big.get("evidence").size());
      assertEquals(ExitCode.USAGE, CliRunner.run("cluster", "--source", "demo", "--max-members", "0").code);
    }

    @Test
    void cluster_intelFlaggedOnly_listsTheControllersCluster(@TempDir Path dir) throws Exception {
      Path intel = DemoCase.copyIntelTo(dir);
      CliRunner r = CliRunner.run("cluster", "--source", "demo", "--intel", intel.toString(),
          "--flagged-only", "--min-size", "1");
      assertEquals(0, r.code, r.err);
      JsonNode j = json(r.out);
      assertTrue(j.get("flaggedOnly").asBoolean());
      assertEquals(5, j.at("/intel/addresses").asInt());
      assertEquals(1, j.get("clustersListed").asInt(), "the controller is the demo's one illicit label");
      JsonNode c = j.at("/clusters/0");
      assertTrue(c.get("flagged").asBoolean());
      assertEquals(M.address("controller").display(), c.at("/labelledMembers/0/address").asText());
      assertEquals("human_trafficking", c.at("/labelledMembers/0/labels/0/category").asText());
    }

    @Test
    void cluster_intel_namesLabelledMembers_servicesAreNotFlagged(@TempDir Path dir) throws Exception {
      Path intel = DemoCase.copyIntelTo(dir);
      JsonNode j = json(CliRunner.run("cluster", "--source", "demo", "--intel", intel.toString()).out);
      int exchangeMembers = 0;
      for (JsonNode c : j.get("clusters")) {
        assertFalse(c.get("flagged").asBoolean(), "no multi-address demo cluster holds an illicit label");
        for (JsonNode m : c.get("labelledMembers")) {
          assertEquals("exchange", m.at("/labels/0/category").asText());
          exchangeMembers++;
        }
      }
      assertEquals(3, exchangeMembers, "the exchange's three deposit addresses cluster together");
      JsonNode one = json(CliRunner.run("cluster", "--source", "demo", "--intel", intel.toString(),
          "--address", M.address("controller").display()).out);
      assertTrue(one.at("/cluster/flagged").asBoolean());
      assertEquals(ExitCode.USAGE, CliRunner.run("cluster", "--source", "demo", "--flagged-only").code);
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
    void cluster_explain_unmergedController_itsOnlySpendWasTheCoinJoin() throws Exception {
      CliRunner r = CliRunner.run("cluster", "--source", "demo", "--address", M.address("controller").value(),
          "--explain");
      assertEquals(0, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals(1, j.at("/cluster/size").asInt(), "the controller stays alone");
      assertEquals(0, j.at("/explanation/path").size());
      JsonNode spends = j.get("spends");
      assertEquals(1, spends.size());
      assertEquals(M.transaction("coinjoin").toString(), spends.at("/0/txid").asText());
      assertEquals("flagged", spends.at("/0/outcome").asText());
      assertTrue(spends.at("/0/detectors").toString().contains("blocksci-coinjoin"), spends.toString());
      // an ad address's consolidation is where it merged
      JsonNode ad = json(CliRunner.run("cluster", "--source", "demo", "--address",
          M.role("advertiserAdAddresses").get(0).value(), "--explain").out);
      boolean merged = false;
      for (JsonNode s : ad.get("spends")) {
        merged |= s.get("txid").asText().equals(M.transaction("consolidation").toString())
            && s.get("outcome").asText().equals("merged");
      }
      assertTrue(merged, ad.get("spends").toString());
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
    void cluster_guardOptions_storedInParameters() throws Exception {
      CliRunner r = CliRunner.run("cluster", "--source", "demo", "--guard-size", "5", "--guard-confidence", "90",
          "--dust-limit", "1000", "--heuristics", "multi-input,unique(fresh-address & address-type)");
      assertEquals(0, r.code, r.err);
      JsonNode p = json(r.out).get("parameters");
      assertTrue(p.at("/superClusterGuard/enabled").asBoolean());
      assertEquals(5, p.at("/superClusterGuard/minClusterSize").asInt());
      assertEquals(90, p.at("/superClusterGuard/minConfidence").asInt());
      assertEquals("1000", p.get("dustLimitSat").asText());
      assertEquals("unique((fresh-address & address-type))", p.get("changeHeuristic").asText());
      assertEquals("chain-order", p.get("changeOrder").asText());
      assertEquals(50, p.get("changeConfidence").asInt());
      CliRunner off = CliRunner.run("cluster", "--source", "demo", "--guard-confidence", "0");
      assertEquals(0, off.code, off.err);
      assertFalse(json(off.out).at("/parameters/superClusterGuard/enabled").asBoolean());
      assertEquals(ExitCode.USAGE, CliRunner.run("cluster", "--source", "demo", "--guard-size", "1").code);
    }

    @Test
    void cluster_defaultRule_parametersSpellItOut() throws Exception {
      JsonNode p = json(CliRunner.run("cluster", "--source", "demo").out).get("parameters");
      assertEquals("((unique(optimal-change) & unique(fresh-address)) & address-type)",
          p.get("changeDefinition").asText());
      assertEquals("DYNAMIC", p.get("changeKind").asText());
    }

    @Test
    void trace_clusterLevel_entityIdsMatchClusterCommand_andParametersIncluded() throws Exception {
      List<Address> ads = M.role("advertiserAdAddresses");
      String cons = M.transaction("consolidation").toString();
      CliRunner r = CliRunner.run("trace", "-s", "demo", "--seed", cons, "--level", "cluster", "--hops", "2");
      assertEquals(0, r.code, r.err);
      JsonNode j = json(r.out);
      assertEquals("default", j.at("/entities/clustering/changeHeuristic").asText());
      String adCluster = json(CliRunner.run("cluster", "--source", "demo", "--address", ads.get(0).value()).out)
          .at("/cluster/id").asText();
      boolean fromAds = false;
      for (JsonNode f : j.at("/entities/flows")) {
        fromAds |= f.get("from").asText().equals(adCluster) && f.get("firstHop").asInt() == 1;
        assertFalse(f.get("from").asText().equals(f.get("to").asText()), "flows inside one entity are left out");
      }
      assertTrue(fromAds, "the consolidation's flow leaves the advertiser's ad-address cluster: " + r.out);
    }

    @Test
    void trace_clusterLevel_heuristicsOption() throws Exception {
      String cons = M.transaction("consolidation").toString();
      CliRunner r = CliRunner.run("trace", "-s", "demo", "--seed", cons, "--level", "cluster",
          "--heuristics", "multi-input");
      assertEquals(0, r.code, r.err);
      assertEquals("none", json(r.out).at("/entities/clustering/changeHeuristic").asText());
      assertEquals(ExitCode.USAGE,
          CliRunner.run("trace", "-s", "demo", "--seed", cons, "--heuristics", "multi-input").code);
      assertEquals(ExitCode.USAGE,
          CliRunner.run("trace", "-s", "demo", "--seed", cons, "--level", "cluster", "--heuristics", "nope").code);
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
