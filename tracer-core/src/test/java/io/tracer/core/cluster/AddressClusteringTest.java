package io.tracer.core.cluster;

import static io.tracer.core.heuristic.TestTx.addr;
import static io.tracer.core.heuristic.TestTx.pkh;
import static io.tracer.core.heuristic.TestTx.tx;
import static io.tracer.core.heuristic.TestTx.wpkh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.heuristic.change.ChangeCandidates;
import io.tracer.core.heuristic.change.ChangeHeuristic;
import io.tracer.core.heuristic.change.ChangeHeuristics;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.TxId;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.Txs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressClusteringTest {

  static UtxoLedger ledger(List<UtxoTx> txs) {
    return UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
  }

  static Clustering run(AddressClustering e, UtxoTx... txs) {
    return e.run(ledger(List.of(txs)));
  }

  static AddressClustering multiInputOnly() {
    return AddressClustering.builder().build();
  }

  /**
   * A change rule that names output {@code index} of transaction {@code only} (of every
   * transaction if null), for driving the engine in tests.
   */
  record Fixed(int index, int confidence, TxId only) implements ChangeHeuristic {
    Fixed(int index, int confidence) {
      this(index, confidence, null);
    }

    @Override
    public ChangeCandidates candidates(UtxoTx tx, LedgerView view) {
      if (only != null && !only.equals(tx.id())) {
        return ChangeCandidates.none(name(), confidence, "not the test transaction");
      }
      return new ChangeCandidates(name(), confidence, List.of(index), "fixed for the test");
    }

    @Override
    public String name() {
      return "fixed";
    }

    @Override
    public HeuristicKind kind() {
      return HeuristicKind.STATIC;
    }
  }

  @Nested
  class MultiInput {
    @Test
    void run_sharedInputs_transitivelyOneCluster() {
      UtxoTx t1 = tx("t1").height(10).in("a", 10_000).in("b", 20_000).out("x", 29_000).build();
      UtxoTx t2 = tx("t2").height(11).in("b", 5_000).in("c", 6_000).out("y", 10_000).build();
      Clustering c = run(multiInputOnly(), t1, t2);
      assertEquals(c.clusterOf(addr("a")), c.clusterOf(addr("c")));
      assertEquals(3, c.sizeOf(addr("c")));
      assertNotEquals(c.clusterOf(addr("a")), c.clusterOf(addr("x")));
      assertEquals(2, c.stats().multiInputMerges());
      assertEquals(List.of(addr("a"), addr("b"), addr("c")), c.members(c.clusterOf(addr("b"))));
    }

    @Test
    void run_coinJoin_neverMerged_andReported() {
      UtxoTx cj = tx("cj").ins(3, "i", 200_000).outs(3, "o", 100_000).out("c1", 91_000).out("c2", 92_000).build();
      Clustering c = run(multiInputOnly(), cj);
      assertEquals(1, c.sizeOf(addr(wpkh("i0"))));
      assertEquals(1, c.flaggedTransactions().size());
      assertEquals(cj.id(), c.flaggedTransactions().get(0).tx());
      assertTrue(c.flaggedTransactions().get(0).detectors().contains("blocksci-coinjoin"));
      assertEquals(0, c.stats().multiInputMerges());
    }

    @Test
    void run_stonewallShape_mergedAtReducedConfidence_noChangeMerge() {
      UtxoTx sw = tx("sw").ins(3, "i", 1_000_000).out(wpkh("pa"), 500_000).out(wpkh("pb"), 500_000)
          .out(wpkh("c"), 1_234_567).build();
      AddressClustering e = AddressClustering.builder().changeHeuristic(new Fixed(2, 100)).build();
      Clustering c = run(e, sw);
      assertEquals(3, c.sizeOf(addr(wpkh("i0"))));
      assertEquals(1, c.stats().stonewallShaped());
      assertEquals(0, c.stats().changeMerges());
      Merge m = c.evidence(c.clusterOf(addr(wpkh("i0")))).get(0);
      assertEquals(AddressClustering.MULTI_INPUT_STONEWALL, m.heuristic());
      assertEquals(AddressClustering.STONEWALL_MULTI_INPUT_CONFIDENCE, m.confidence());
    }

    @Test
    void run_dustInputAtLimit_notMerged_abovelimitMerged() {
      UtxoTx t = tx("dust").in("a", 10_000).in("dust546", 546).in("d547", 547).out("x", 9_000).build();
      Clustering c = run(multiInputOnly(), t);
      assertEquals(1, c.sizeOf(addr("dust546")));
      assertEquals(c.clusterOf(addr("a")), c.clusterOf(addr("d547")));
      assertEquals(1, c.stats().dustInputs());
    }

    @Test
    void run_unresolvedInputs_countedNotMerged() {
      UtxoTx t = tx("u").in("a", 10_000).unresolvedIn().in("b", 10_000).out("x", 9_000).build();
      Clustering c = run(multiInputOnly(), t);
      assertEquals(1, c.stats().unresolvedInputs());
      assertEquals(2, c.sizeOf(addr("a")));
    }

    @Test
    void run_coinbase_noMerge() {
      UtxoTx cb = tx("cb").coinbase().out("miner", 5_000_000_000L).build();
      Clustering c = run(multiInputOnly(), cb);
      assertEquals(1, c.stats().addresses());
      assertEquals(1, c.stats().clusters());
    }
  }

  @Nested
  class StableIds {
    private final UtxoTx t1 = tx("s1").height(10).in("a", 10_000).in("b", 20_000).out("x", 29_000).build();
    private final UtxoTx t2 = tx("s2").height(11).in("c", 5_000).in("d", 6_000).out("y", 10_000).build();

    @Test
    void clusterOf_isEarliestAddress_sameAcrossRunsAndInsertionOrder() {
      Clustering a = run(multiInputOnly(), t1, t2);
      Clustering b = run(multiInputOnly(), t2, t1);
      assertEquals(ClusterId.of(addr("a")), a.clusterOf(addr("b")));
      assertEquals(a.clusterOf(addr("d")), b.clusterOf(addr("d")));
      assertEquals(a.clusterOf(addr("d")).value(), b.clusterOf(addr("d")).value());
      assertTrue(a.clusterOf(addr("a")).value().matches("cl-[0-9a-f]{16}"));
    }

    @Test
    void clusterOf_laterBlockMergesClusters_olderIdSurvives() {
      Clustering before = run(multiInputOnly(), t1, t2);
      UtxoTx t3 = tx("s3").height(12).in("d", 1_000).in("b", 1_000).out("z", 1_500).build();
      Clustering after = run(multiInputOnly(), t1, t2, t3);
      assertEquals(before.clusterOf(addr("a")), after.clusterOf(addr("c")));
      assertEquals(before.clusterOf(addr("a")), after.clusterOf(addr("a")));
    }

    @Test
    void clusterOf_guardOn_laterBlocksCannotSplitAnEarlierChangeMerge() {
      // Prefix: st2's change merge joins b0 and c (both clusters of 1). Later blocks grow both
      // sides to guard size with strong multi-input links. Merging change in chain order keeps
      // the early merge; a change pass after all multi-input merges would see two clusters of 2,
      // refuse the weak link and give c a new id.
      SuperClusterGuard g = new SuperClusterGuard(2, 80);
      AddressClustering e =
          AddressClustering.builder().changeHeuristic(new Fixed(1, 70, Txs.id("st2"))).guard(g).build();
      UtxoTx st2 = tx("st2").height(11).in("b0", 10_000).out("pay", 4_000).out("c", 5_000).build();
      UtxoTx st3 = tx("st3").height(12).in("b0", 1_000).in("b1", 1_000).out("y", 1_500).build();
      UtxoTx st4 = tx("st4").height(13).in("c", 5_000).in("c1", 1_000).out("z", 5_500).build();
      Clustering before = run(e, st2);
      Clustering after = run(e, st2, st3, st4);
      assertEquals(ClusterId.of(addr("b0")), before.clusterOf(addr("c")));
      assertEquals(before.clusterOf(addr("c")), after.clusterOf(addr("c")));
      assertEquals(4, after.sizeOf(addr("c")));
      assertEquals(List.of(), after.refusedMerges());
      assertEquals("chain-order", after.params().changeOrder());
    }

    /**
     * The default rule changes no answer when blocks are added, and in chain order its change
     * address is always a fresh singleton, so the guard never sees it; the static rule without
     * {@code fresh-address} links into reused addresses, where the guard does refuse merges.
     */
    @ParameterizedTest
    @ValueSource(strings = {"multi-input,default", "multi-input,unique(optimal-change & address-type)"})
    void clusterOf_randomChainGrowing_prefixClustersNeverSplitAndKeepIdsUnlessJoined(String heuristics) {
      List<UtxoTx> chain = RandomChain.generate(new java.util.Random(7), 400);
      AddressClustering e =
          AddressClustering.builder().heuristics(heuristics).guard(new SuperClusterGuard(3, 80)).build();
      Clustering full = e.run(ledger(chain));
      assertTrue(full.stats().changeMerges() > 5, "the chain must exercise the change rule");
      assertTrue(full.stats().multiInputMerges() > 10, "the chain must exercise multi-input");
      if (!heuristics.endsWith("default")) {
        assertTrue(full.stats().refusedMerges() > 0, "the chain must exercise the guard");
      }
      for (int cut : new int[] {50, 120, 200, 300, 399}) {
        Clustering prefix = e.run(ledger(chain.subList(0, cut)));
        for (UtxoTx t : chain.subList(0, cut)) {
          for (Address a : RandomChain.addresses(t)) {
            ClusterId p = prefix.clusterOf(a);
            ClusterId f = full.clusterOf(a);
            assertEquals(full.clusterOf(p.anchor()), f, "prefix cluster split at cut " + cut);
            if (!f.anchor().equals(p.anchor())) {
              // The id changed only because the cluster joined an older one.
              assertTrue(prefix.contains(f.anchor()), cut + ": " + a);
              assertNotEquals(p, prefix.clusterOf(f.anchor()), cut + ": " + a);
            }
          }
        }
      }
    }

    @Test
    void clusterOf_unseenAddress_ownSingleton() {
      Clustering c = run(multiInputOnly(), t1);
      assertFalse(c.contains(addr("never")));
      assertEquals(ClusterId.of(addr("never")), c.clusterOf(addr("never")));
      assertEquals(1, c.sizeOf(addr("never")));
      assertEquals(List.of(), c.members(ClusterId.of(addr("never"))));
    }

    @Test
    void findCluster_byTextId_roundTrips() {
      Clustering c = run(multiInputOnly(), t1, t2);
      ClusterId id = c.clusterOf(addr("d"));
      assertEquals(id, c.findCluster(id.value()).orElseThrow());
      assertTrue(c.findCluster("cl-0000000000000000").isEmpty());
    }
  }

  @Nested
  class Explain {
    @Test
    void explain_pathToAnchor_namesEveryLinkingTransaction() {
      UtxoTx t1 = tx("e1").height(10).in("a", 10_000).in("b", 20_000).out("x", 29_000).build();
      UtxoTx t2 = tx("e2").height(11).in("b", 5_000).in("c", 6_000).out("y", 10_000).build();
      UtxoTx t3 = tx("e3").height(12).in("c", 5_000).in("d", 6_000).out("z", 10_000).build();
      Clustering c = run(multiInputOnly(), t1, t2, t3);
      Explanation e = c.explain(addr("d"));
      assertEquals(ClusterId.of(addr("a")), e.cluster());
      assertEquals(4, e.size());
      assertEquals(List.of(t3.id(), t2.id(), t1.id()), e.path().stream().map(Merge::tx).toList());
      assertEquals(AddressClustering.MULTI_INPUT, e.path().get(0).heuristic());
      assertEquals(80, e.weakestConfidence());
    }

    @Test
    void link_twoFormerClusters_givesTheJoiningTransaction() {
      UtxoTx t1 = tx("l1").height(10).in("a", 10_000).in("b", 20_000).out("x", 29_000).build();
      UtxoTx t2 = tx("l2").height(11).in("c", 5_000).in("d", 6_000).out("y", 10_000).build();
      UtxoTx join = tx("l3").height(12).in("b", 1_000).in("c", 1_000).out("z", 1_500).build();
      Clustering c = run(multiInputOnly(), t1, t2, join);
      List<Merge> path = c.link(addr("b"), addr("c")).orElseThrow();
      assertEquals(1, path.size());
      assertEquals(join.id(), path.get(0).tx());
      assertEquals(List.of(), c.link(addr("a"), addr("a")).orElseThrow());
      assertTrue(c.link(addr("a"), addr("x")).isEmpty());
    }

    @Test
    void evidence_onePerSuccessfulMerge() {
      UtxoTx t1 = tx("v1").height(10).in("a", 10_000).in("b", 20_000).in("a", 1_000).out("x", 29_000).build();
      UtxoTx t2 = tx("v2").height(11).in("a", 5_000).in("b", 6_000).out("y", 10_000).build();
      Clustering c = run(multiInputOnly(), t1, t2);
      assertEquals(1, c.evidence(c.clusterOf(addr("a"))).size());
    }
  }

  @Nested
  class Change {
    @Test
    void run_defaultRule_mergesFreshChangeWithFirstInput() {
      UtxoTx before = tx("pb").height(60).in("z", 90_000).out(pkh("shop"), 80_000).build();
      UtxoTx pay = tx("pay").height(70).in(wpkh("w1"), 10_000).in(wpkh("w2"), 50_000)
          .out(pkh("shop"), 40_000).out(wpkh("chg"), 5_000).build();
      AddressClustering e = AddressClustering.builder().changeHeuristic(ChangeHeuristics.defaultRule()).build();
      Clustering c = run(e, before, pay);
      assertEquals(c.clusterOf(addr(wpkh("w1"))), c.clusterOf(addr(wpkh("chg"))));
      assertNotEquals(c.clusterOf(addr(wpkh("w1"))), c.clusterOf(addr(pkh("shop"))));
      assertEquals(1, c.stats().changeMerges());
      Merge m = c.link(addr(wpkh("w1")), addr(wpkh("chg"))).orElseThrow().get(0);
      assertEquals("default", m.heuristic());
      assertEquals(70, m.confidence());
      assertEquals("default", c.params().changeHeuristic());
      assertEquals("DYNAMIC", c.params().changeKind());
    }

    @Test
    void run_singleOutput_noChangeMerge() {
      UtxoTx sweep = tx("one").in("a", 10_000).out("deposit", 9_000).build();
      Clustering c = run(AddressClustering.builder().changeHeuristic(new Fixed(0, 100)).build(), sweep);
      assertEquals(1, c.sizeOf(addr("deposit")));
    }

    @Test
    void run_changeOnFlaggedTransaction_neverMerged() {
      UtxoTx cj = tx("cjc").ins(3, "i", 200_000).outs(3, "o", 100_000).out("c1", 91_000).out("c2", 92_000).build();
      AddressClustering e = AddressClustering.builder().changeHeuristic(new Fixed(3, 100)).build();
      Clustering c = run(e, cj);
      assertEquals(1, c.sizeOf(addr("c1")));
      assertEquals(0, c.stats().changeMerges());
    }

    @Test
    void run_multiInputChange_seesCompleteMultiInputClusters() {
      // t1 pays "k" as change-like output; only t2 (later) puts k into w's multi-input cluster.
      UtxoTx t1 = tx("m1").height(10).in("w", 10_000).out("p", 4_000).out("k", 5_000).build();
      UtxoTx t2 = tx("m2").height(11).in("k", 5_000).in("w2", 1_000).out("q", 5_500).build();
      UtxoTx t3 = tx("m3").height(12).in("w", 1_000).in("w2", 1_000).out("r", 1_500).build();
      AddressClustering e =
          AddressClustering.builder().changeHeuristic(ChangeHeuristics.multiInputChange()).build();
      Clustering c = run(e, t1, t2, t3);
      assertEquals(c.clusterOf(addr("w")), c.clusterOf(addr("k")));
      assertNotEquals(c.clusterOf(addr("w")), c.clusterOf(addr("p")));
    }
  }

  @Nested
  class Guard {
    /** Two clusters of {@code k} addresses (a*, b*), then a link tx from a0 whose output 0 is b0. */
    private Clustering run(int k, SuperClusterGuard g, int linkConfidence) {
      List<UtxoTx> txs = new ArrayList<>();
      var ta = tx("ga").height(10);
      var tb = tx("gb").height(11);
      for (int i = 0; i < k; i++) {
        ta.in("a" + i, 10_000);
        tb.in("b" + i, 10_000);
      }
      txs.add(ta.out("xa", 1_000).build());
      txs.add(tb.out("xb", 1_000).build());
      txs.add(tx("glink").height(12).in("a0", 5_000).out("b0", 4_000).out("pay", 500).build());
      AddressClustering e =
          AddressClustering.builder().changeHeuristic(new Fixed(0, linkConfidence, Txs.id("glink"))).guard(g).build();
      return e.run(ledger(txs));
    }

    @Test
    void guard_bothClustersAtMinSize_weakLinkRefusedAndReported() {
      Clustering c = run(5, new SuperClusterGuard(5, 80), 79);
      assertNotEquals(c.clusterOf(addr("a1")), c.clusterOf(addr("b1")));
      assertEquals(1, c.refusedMerges().size());
      RefusedMerge r = c.refusedMerges().get(0);
      assertEquals(Txs.id("glink"), r.link().tx());
      assertEquals(5, r.sizeA());
      assertEquals(5, r.sizeB());
      assertEquals(1, c.stats().refusedMerges());
    }

    @Test
    void guard_clusterOneBelowMinSize_merged() {
      Clustering c = run(5, new SuperClusterGuard(6, 80), 79);
      assertEquals(c.clusterOf(addr("a1")), c.clusterOf(addr("b1")));
      assertEquals(List.of(), c.refusedMerges());
    }

    @Test
    void guard_confidenceAtMinimum_merged() {
      Clustering c = run(5, new SuperClusterGuard(5, 80), 80);
      assertEquals(c.clusterOf(addr("a1")), c.clusterOf(addr("b1")));
    }

    @Test
    void guard_disabled_neverRefuses() {
      Clustering c = run(5, SuperClusterGuard.disabled(), 1);
      assertEquals(c.clusterOf(addr("a1")), c.clusterOf(addr("b1")));
      assertFalse(c.params().guard().isEnabled());
    }

    @Test
    void guard_badSettings_rejected() {
      assertThrows(IllegalArgumentException.class, () -> new SuperClusterGuard(1, 80));
      assertThrows(IllegalArgumentException.class, () -> new SuperClusterGuard(10, 101));
      assertThrows(IllegalArgumentException.class, () -> new SuperClusterGuard(10, -1));
    }
  }

  @Nested
  class Builder {
    @Test
    void build_nothingEnabled_rejected() {
      assertThrows(IllegalStateException.class, () -> AddressClustering.builder().multiInput(false).build());
    }

    @Test
    void build_multiInputChangeWithoutMultiInput_rejected() {
      assertThrows(
          IllegalStateException.class,
          () -> AddressClustering.builder().multiInput(false)
              .changeHeuristic(ChangeHeuristics.multiInputChange()).build());
    }

    @Test
    void build_graphsenseConsensusWithoutMultiInput_rejected() {
      // graphsense contains multi-input-change, which could never fire without multi-input.
      assertThrows(
          IllegalStateException.class,
          () -> AddressClustering.builder().heuristics("graphsense").build());
      assertTrue(ChangeHeuristics.graphSense().needsMultiInputClusters());
      assertFalse(ChangeHeuristics.defaultRule().needsMultiInputClusters());
    }

    @Test
    void params_changeRuleSpelledOutWithOrderAndConfidence() {
      ClusteringParams d = AddressClustering.builder().heuristics("multi-input,default").build().params();
      assertEquals("default", d.changeHeuristic());
      assertEquals("((unique(optimal-change) & unique(fresh-address)) & address-type)", d.changeDefinition());
      assertEquals(70, d.changeConfidence());
      assertEquals("chain-order", d.changeOrder());
      ClusteringParams g = AddressClustering.builder().heuristics("multi-input,graphsense").build().params();
      assertEquals("after-multi-input", g.changeOrder());
      assertEquals("consensus(one-time-change, direct-change, multi-input-change)", g.changeDefinition());
      ClusteringParams none = AddressClustering.builder().build().params();
      assertEquals(-1, none.changeConfidence());
      assertEquals(null, none.toMap().get("changeConfidence"));
    }

    @Test
    void build_badValues_rejected() {
      assertThrows(IllegalArgumentException.class, () -> AddressClustering.builder().dustLimitSat(-1));
      assertThrows(IllegalArgumentException.class, () -> AddressClustering.builder().multiInputConfidence(101));
      assertThrows(NullPointerException.class, () -> AddressClustering.builder().guard(null));
    }

    @Test
    void params_storedWithResult() {
      Clustering c = run(AddressClustering.builder().dustLimitSat(1_000).build(),
          tx("p").in("a", 1).out("b", 1).build());
      ClusteringParams p = c.params();
      assertTrue(p.multiInput());
      assertEquals(1_000, p.dustLimitSat());
      assertEquals("none", p.changeHeuristic());
      assertTrue(p.coinJoinDetectors().contains("whirlpool-mix"));
      assertEquals("1000", p.toMap().get("dustLimitSat"));
    }
  }

  @Nested
  class Primitives {
    @Test
    void unionFind_tracksSizeAndSmallestMember() {
      UnionFind uf = new UnionFind(4);
      uf.ensure(10);
      assertTrue(uf.union(7, 3));
      assertTrue(uf.union(9, 7));
      assertFalse(uf.union(3, 9));
      int r = uf.find(9);
      assertEquals(3, uf.setSize(r));
      assertEquals(3, uf.setMin(r));
      assertEquals(8, uf.countSets());
    }

    @Test
    void addressIndex_manyAddresses_denseIdsInFirstSeenOrder() {
      AddressIndex idx = new AddressIndex(4);
      List<Address> all = new ArrayList<>();
      for (int i = 0; i < 50_000; i++) {
        all.add(addr("addr" + i));
      }
      for (Address a : all) {
        idx.intern(a);
      }
      Collections.shuffle(all, new java.util.Random(1));
      for (Address a : all) {
        assertEquals(Integer.parseInt(a.value().substring(4)), idx.id(a));
        assertEquals(a, idx.address(idx.intern(a)));
      }
      assertEquals(50_000, idx.size());
      assertEquals(-1, idx.id(addr("missing")));
    }
  }
}
