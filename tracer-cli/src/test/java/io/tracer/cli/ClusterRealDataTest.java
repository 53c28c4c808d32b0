package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.blocks.BlockReader;
import io.tracer.core.cluster.AddressClustering;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.cluster.FlaggedTransaction;
import io.tracer.core.cluster.Merge;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.heuristic.change.ChangeHeuristics;
import io.tracer.core.heuristic.coinjoin.CoinJoinScreen;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.model.TxId;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Heuristics, detectors and clustering on real mainnet blocks from ../shared/data (bitcoinj's test
 * blocks). The single blocks have no funding transactions loaded, so most inputs are unresolved
 * and only intra-block spends carry addresses; the figures below are regression values computed
 * with the rules as documented (GraphSense-style per-chain regression outputs).
 */
class ClusterRealDataTest {
  static UtxoLedger load(String... files) {
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN);
    for (String f : files) {
      Path p = SharedData.file("bitcoinj-blocks/" + f);
      BlockReader.builder(p).build().blocks().forEach(bl -> bl.transactions().forEach(b::add));
    }
    return b.build();
  }

  static Clustering cluster(UtxoLedger l) {
    return AddressClustering.builder().heuristics("multi-input,default").build().run(l);
  }

  static Map<String, List<String>> flagged(Clustering c) {
    Map<String, List<String>> m = new TreeMap<>();
    for (FlaggedTransaction f : c.flaggedTransactions()) {
      m.put(f.tx().toString(), f.detectors());
    }
    return m;
  }

  @Test
  void block170_satoshiToHalFinney_changeIsTheReusedInputAddress() {
    UtxoLedger l = load("first-100k-blocks.dat");
    UtxoTx t = l.transaction(TxId.parse("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16")).orElseThrow();
    LedgerView v = LedgerView.of(l);
    assertEquals(List.of(1), ChangeHeuristics.addressReuse().candidates(t, v).outputs());
    assertEquals(List.of(1), ChangeHeuristics.directChange().candidates(t, v).outputs());
    // 10 BTC to Hal, 40 BTC back to the input address: not fresh, so the default rule abstains.
    assertEquals(List.of(), ChangeHeuristics.defaultRule().candidates(t, v).outputs());
    // 1 input, 2 outputs, and output 1 is spent by another 1-in-2-out transaction (block 181).
    assertTrue(ChangeHeuristics.isPeel(t, v));
    assertFalse(CoinJoinScreen.defaults().screen(t, v).blocksMerges());
  }

  @Test
  void first439Blocks_noMultiInputSpend_noMerge() {
    Clustering c = cluster(load("first-100k-blocks.dat"));
    assertEquals(446, c.stats().transactions());
    assertEquals(7, c.stats().inputs());
    assertEquals(0, c.stats().unresolvedInputs());
    assertEquals(0, c.stats().multiInputMerges());
    assertEquals(0, c.stats().changeMerges());
    assertEquals(c.stats().addresses(), c.stats().clusters());
  }

  @Test
  void block370661_joinMarketShapedTransaction_flaggedAndNotMerged() {
    UtxoLedger l = load("block370661.dat");
    Clustering c = cluster(l);
    Map<String, List<String>> f = flagged(c);
    String jm = "48fc9600760fd8d75fb45ef5d59f891fcac11d2e8367ff099e5c09dd3254ce39";
    assertEquals(List.of("blocksci-coinjoin", "joinmarket"), f.get(jm));
    assertEquals(3, f.size());
    for (Merge m : c.evidence(c.clusterOf(l.transaction(TxId.parse(jm)).orElseThrow().output(2).address()))) {
      assertFalse(m.tx().toString().equals(jm));
    }
    assertEquals(69, c.stats().multiInputMerges());
    assertEquals(1_513, c.stats().clusters());
  }

  @Test
  void block363703_stonewallShapedBatch_mergedAtReducedConfidence() {
    UtxoLedger l = load("block363703.dat");
    Clustering c = cluster(l);
    assertEquals(List.of("blocksci-coinjoin"), flagged(c).get("0e30c8f6a2b4d25a0f7c369ec4286adf7e206b66c8c8050b76e917249fbb03d1"));
    assertEquals(1, c.stats().stonewallShaped());
    assertEquals(1, c.stats().flaggedTransactions());
    // Its 258 inputs spend outputs of earlier blocks: unresolved here, so nothing to merge.
    assertEquals(67, c.stats().multiInputMerges());
    assertEquals(2, c.stats().changeMerges());
  }

  @Test
  void block481815_omniStyleOpReturnTransaction_matchesTx0Rule_knownFalsePositive() {
    // A 2017 transaction (Whirlpool started in 2019) with an OP_RETURN, a 5,430 sat output and one
    // output in the 100k pool's premix range satisfies the Tx0 rule as specified (1 premix output
    // is allowed). Recorded here so that a change of the rule is a conscious one.
    Clustering c = cluster(load("block481815.dat"));
    assertEquals(List.of("whirlpool-tx0"), flagged(c).get("b4228560f83484965e492fae88245607a38ddb55c929170466cec408a7f8b6b7"));
    assertEquals(1, c.stats().flaggedTransactions());
    assertEquals(10, c.stats().multiInputMerges());
  }

  @Test
  void regressionCounts_perBlock() {
    // file -> {multi-input merges, clusters, flagged, stonewall-shaped}
    Map<String, long[]> expected = new TreeMap<>();
    expected.put("block169482.dat", new long[] {0, 231, 0, 0});
    expected.put("block227835.dat", new long[] {1, 194, 0, 0});
    expected.put("block227836.dat", new long[] {0, 153, 0, 0});
    expected.put("block383616.dat", new long[] {96, 3_659, 1, 1});
    expected.put("block481829.dat", new long[] {3, 4_827, 1, 1});
    expected.forEach((f, e) -> {
      Clustering c = cluster(load(f));
      assertEquals(e[0], c.stats().multiInputMerges(), f);
      assertEquals(e[1], c.stats().clusters(), f);
      assertEquals(e[2], c.stats().flaggedTransactions(), f);
      assertEquals(e[3], c.stats().stonewallShaped(), f);
    });
    assertEquals(List.of("blocksci-coinjoin", "joinmarket"),
        flagged(cluster(load("block383616.dat"))).get("ab952d5b56dcab692ddf6cda48e12ca3ac6b542d16fa9a76932c465462df2ca0"));
  }
}
