package io.tracer.core.heuristic;

import static io.tracer.core.heuristic.TestTx.addr;
import static io.tracer.core.heuristic.TestTx.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.cluster.AddressClustering;
import io.tracer.core.cluster.Clustering;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.model.UtxoTx;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultiInputTest {
  private final MultiInput mi = MultiInput.defaults();

  @Nested
  class HappyPath {
    @Test
    void links_distinctInputAddressesInInputOrder() {
      UtxoTx t = tx("mi1").in("b", 10_000).in("a", 20_000).in("b", 5_000).in("c", 7_000).out("x", 40_000).build();
      MultiInput.Links l = mi.links(t);
      assertEquals(List.of(addr("b"), addr("a"), addr("c")), l.addresses());
      assertTrue(l.merges());
      assertEquals("4 inputs, 3 distinct addresses spent together", l.evidence());
    }

    @Test
    void describesItself() {
      assertEquals("multi-input", mi.name());
      assertEquals(HeuristicKind.STATIC, mi.kind());
      assertEquals(80, mi.confidence());
      assertEquals(546, mi.dustLimitSat());
      assertEquals(AddressClustering.MULTI_INPUT, mi.name());
    }

    @Test
    void dustLimitPlusOne_merged() {
      UtxoTx t = tx("mi2").in("a", 10_000).in("d", 547).out("x", 9_000).build();
      assertEquals(List.of(addr("a"), addr("d")), mi.links(t).addresses());
    }

    @Test
    void engineMergesExactlyWhatLinksSays() {
      UtxoTx t = tx("mi3").in("a", 10_000).in("dust", 546).unresolvedIn().in("c", 600).out("x", 9_000).build();
      Clustering c = AddressClustering.builder().build().run(UtxoLedger.builder(Chain.BITCOIN).add(t).build());
      MultiInput.Links l = mi.links(t);
      for (var a : l.addresses()) {
        assertEquals(c.clusterOf(l.addresses().get(0)), c.clusterOf(a));
      }
      assertEquals(l.addresses().size(), c.sizeOf(addr("a")));
      assertEquals(l.dustInputs(), c.stats().dustInputs());
      assertEquals(l.unresolvedInputs(), c.stats().unresolvedInputs());
    }
  }

  @Nested
  class Rejection {
    @ParameterizedTest
    @ValueSource(longs = {0, 545, 546})
    void dustAtOrBelowLimit_leftOut(long v) {
      UtxoTx t = tx("mid" + v).in("a", 10_000).in("d", v).out("x", 9_000).build();
      MultiInput.Links l = mi.links(t);
      assertEquals(List.of(addr("a")), l.addresses());
      assertFalse(l.merges());
      assertEquals(1, l.dustInputs());
      assertTrue(l.evidence().contains("1 dust inputs (<= 546 sat) left out"), l.evidence());
    }

    @Test
    void coinbase_noLinks() {
      UtxoTx cb = tx("micb").coinbase().out("m", 5_000_000_000L).build();
      assertFalse(mi.links(cb).merges());
      assertEquals("coinbase or no inputs", mi.links(cb).evidence());
    }

    @Test
    void oneAddressTwice_noMerge() {
      UtxoTx t = tx("mi1a").in("a", 10_000).in("a", 20_000).out("x", 29_000).build();
      assertEquals(List.of(addr("a")), mi.links(t).addresses());
      assertFalse(mi.links(t).merges());
    }

    @Test
    void unresolvedInputs_skippedAndCounted() {
      UtxoTx t = tx("miu").in("a", 10_000).unresolvedIn().unresolvedIn().out("x", 9_000).build();
      MultiInput.Links l = mi.links(t);
      assertEquals(2, l.unresolvedInputs());
      assertFalse(l.merges());
    }

    @Test
    void badSettings_rejected() {
      assertThrows(IllegalArgumentException.class, () -> MultiInput.of(101, 546));
      assertThrows(IllegalArgumentException.class, () -> MultiInput.of(-1, 546));
      assertThrows(IllegalArgumentException.class, () -> MultiInput.of(80, -1));
      assertEquals(0, MultiInput.of(80, 0).dustLimitSat());
    }
  }
}
