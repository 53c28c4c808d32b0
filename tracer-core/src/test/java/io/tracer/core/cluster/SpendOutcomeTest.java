package io.tracer.core.cluster;

import static io.tracer.core.heuristic.TestTx.addr;
import static io.tracer.core.heuristic.TestTx.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.cluster.SpendOutcome.Kind;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.model.UtxoTx;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Why each spend of an address did or did not merge it, by the engine's own rules and order. */
class SpendOutcomeTest {
  // "a" spends alone (t1), with "b" (t2), as dust beside "c" (t3), and in a CoinJoin (cj);
  // "r" only receives
  private static final UtxoTx T1 = tx("t1").height(1).in("a", 10_000).out("r", 9_000).build();
  private static final UtxoTx T2 = tx("t2").height(2).in("a", 10_000).in("b", 20_000).out("x", 29_000).build();
  private static final UtxoTx T3 = tx("t3").height(3).in("a", 500).in("c", 20_000).out("y", 20_000).build();
  private static final UtxoTx CJ = tx("cj").height(4).in("a", 200_000).in("i1", 200_000).in("i2", 200_000)
      .outs(3, "o", 100_000).out("c1", 91_000).out("c2", 92_000).out("c3", 93_000).build();

  @Test
  void of_eachSpendGetsTheEnginesReason() {
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).addAll(List.of(T1, T2, T3, CJ)).build();
    Clustering c = AddressClustering.builder().build().run(l);
    List<SpendOutcome> o = SpendOutcome.of(c, l, addr("a"));
    assertEquals(List.of(T1.id(), T2.id(), T3.id(), CJ.id()), o.stream().map(SpendOutcome::tx).toList());
    assertEquals(List.of(Kind.ALONE, Kind.MERGED, Kind.DUST, Kind.FLAGGED), o.stream().map(SpendOutcome::kind).toList());
    assertEquals(List.of(addr("b")), o.get(1).others());
    assertEquals(List.of(addr("c")), o.get(2).others(), "c was eligible; a's own input was dust");
    assertTrue(o.get(3).detectors().contains("blocksci-coinjoin"), o.get(3).detectors().toString());
    // the outcomes agree with the clustering: merged with b, not with c or the CoinJoin peers
    assertEquals(c.clusterOf(addr("a")), c.clusterOf(addr("b")));
    assertNotEquals(c.clusterOf(addr("a")), c.clusterOf(addr("c")));
    assertNotEquals(c.clusterOf(addr("a")), c.clusterOf(addr("i1")));
    assertEquals(List.of(), SpendOutcome.of(c, l, addr("r")), "an address that only receives spent nothing");
  }

  @Test
  void of_withoutTheMultiInputRule_saysSo() {
    UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).addAll(List.of(T1, T2)).build();
    Clustering c = AddressClustering.builder().heuristics("address-type").build().run(l);
    assertEquals(List.of(Kind.RULE_OFF, Kind.RULE_OFF),
        SpendOutcome.of(c, l, addr("a")).stream().map(SpendOutcome::kind).toList());
    assertEquals("rule-off", Kind.RULE_OFF.id());
  }
}
