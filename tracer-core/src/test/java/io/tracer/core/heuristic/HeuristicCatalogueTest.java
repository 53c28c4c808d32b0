package io.tracer.core.heuristic;

import static io.tracer.core.heuristic.TestTx.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.heuristic.change.ChangeCandidates;
import io.tracer.core.heuristic.change.ChangeHeuristic;
import io.tracer.core.heuristic.change.ChangeHeuristics;
import io.tracer.core.heuristic.coinjoin.CoinJoinDetector;
import io.tracer.core.heuristic.coinjoin.CoinJoinScreen;
import io.tracer.core.model.UtxoTx;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every heuristic tells its name, kind (static/dynamic) and confidence, and returns evidence; the
 * values are the ones documented in docs/clustering.md (a change there must change this table).
 */
class HeuristicCatalogueTest {
  private record Spec(HeuristicKind kind, int confidence) {}

  private static Spec s(HeuristicKind k, int c) {
    return new Spec(k, c);
  }

  private static final HeuristicKind ST = HeuristicKind.STATIC;
  private static final HeuristicKind DY = HeuristicKind.DYNAMIC;

  private static Map<String, Spec> changeTable() {
    Map<String, Spec> m = new LinkedHashMap<>();
    m.put("peeling-chain", s(DY, 50));
    m.put("power-of-ten", s(ST, 30));
    m.put("optimal-change", s(ST, 50));
    m.put("address-type", s(ST, 40));
    m.put("locktime", s(DY, 40));
    m.put("address-reuse", s(ST, 100));
    m.put("fresh-address", s(DY, 50));
    m.put("fixed-fee", s(DY, 30));
    m.put("one-time-change", s(DY, 50));
    m.put("direct-change", s(ST, 100));
    m.put("multi-input-change", s(DY, 50));
    m.put("default", s(DY, 70));
    m.put("graphsense", s(DY, 100));
    return m;
  }

  private static Map<String, Spec> detectorTable() {
    Map<String, Spec> m = new LinkedHashMap<>();
    m.put("blocksci-coinjoin", s(ST, 50));
    m.put("whirlpool-mix", s(ST, 60));
    m.put("whirlpool-tx0", s(DY, 60));
    m.put("wasabi-1", s(ST, 70));
    m.put("wabisabi", s(ST, 60));
    m.put("wabisabi-strict", s(ST, 80));
    m.put("joinmarket", s(ST, 49));
    m.put("stonewall", s(ST, 50));
    return m;
  }

  @Test
  void changeHeuristics_everyNamedRule_nameKindConfidenceAsDocumented() {
    Map<String, Spec> table = changeTable();
    assertEquals(table.keySet(), ChangeHeuristics.names());
    table.forEach((name, spec) -> {
      ChangeHeuristic h = ChangeHeuristics.named(name);
      assertEquals(name, h.name());
      assertEquals(spec.kind(), h.kind(), name);
      assertEquals(spec.confidence(), h.confidence(), name);
    });
  }

  @Test
  void changeHeuristics_everyRule_returnsEvidenceWhetherOrNotItFinds() {
    UtxoTx pay = tx("cat").height(100).in(TestTx.wpkh("a"), 50_000).in(TestTx.wpkh("b"), 60_000)
        .out(TestTx.pkh("p"), 70_000).out(TestTx.wpkh("c"), 12_345).build();
    UtxoTx coinbase = tx("catcb").coinbase().out("m", 5_000_000_000L).build();
    for (String name : ChangeHeuristics.names()) {
      ChangeHeuristic h = ChangeHeuristics.named(name);
      for (UtxoTx t : new UtxoTx[] {pay, coinbase}) {
        ChangeCandidates c = h.candidates(t, LedgerView.empty());
        assertEquals(h.name(), c.heuristic(), name);
        assertFalse(c.evidence().isBlank(), name + " gives no evidence");
      }
    }
  }

  @Test
  void detectors_everyNamedDetector_nameKindConfidenceAsDocumented() {
    Map<String, Spec> table = detectorTable();
    assertEquals(table.keySet().stream().toList(), CoinJoinScreen.names());
    table.forEach((name, spec) -> {
      CoinJoinDetector d = CoinJoinScreen.named(name);
      assertEquals(name, d.name());
      assertEquals(spec.kind(), d.kind(), name);
      assertEquals(spec.confidence(), d.confidence(), name);
    });
    assertEquals(CoinJoinScreen.names(),
        CoinJoinScreen.defaults().detectors().stream().map(CoinJoinDetector::name).toList());
  }

  @Test
  void multiInput_describesItself() {
    assertEquals("multi-input", MultiInput.defaults().name());
    assertEquals(ST, MultiInput.defaults().kind());
    assertEquals(80, MultiInput.defaults().confidence());
    assertTrue(MultiInput.defaults().links(tx("catmi").in("a", 1_000).in("b", 1_000).out("c", 1_500).build())
        .evidence().contains("2 distinct addresses"));
  }

  @Test
  void defaultRule_isTheDocumentedCombination() {
    ChangeHeuristic d = ChangeHeuristics.defaultRule();
    assertEquals("default", d.name());
    assertEquals("((unique(optimal-change) & unique(fresh-address)) & address-type)", d.definition());
    assertEquals(ChangeHeuristics.parse("unique(optimal-change) & unique(fresh-address) & address-type").name(),
        d.definition());
  }
}
