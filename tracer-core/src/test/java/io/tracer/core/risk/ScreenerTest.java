package io.tracer.core.risk;

import static io.tracer.core.risk.RiskFixtures.heuristicsExample;
import static io.tracer.core.risk.RiskFixtures.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.intel.Category;
import io.tracer.core.intel.Confidence;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.testing.SharedData;
import io.tracer.core.testing.Txs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ScreenerTest {
  static final Address X = Txs.addr("X");

  @Test
  void screen_heuristicsExampleWithSanctionedF_severeWithEvidence() {
    Screener s = Screener.builder().watchlist(RiskFixtures.flagged(Category.SANCTIONS, "F")).build();
    ScreenResult r = s.screen(heuristicsExample(), X);
    assertEquals(Severity.SEVERE, r.severity());
    Alert top = r.alerts().get(0);
    assertEquals(ExposureKind.DIRECT, top.kind());
    assertEquals(Direction.INCOMING, top.direction());
    assertEquals("10.0000", top.sharePercent().toPlainString());
    assertEquals(1, top.evidence().size());
    assertTrue(top.rule().contains("sanctions"), top.rule());
    Alert indirect = r.alerts().get(1);
    assertEquals(ExposureKind.INDIRECT, indirect.kind());
    assertEquals("10.0000", indirect.sharePercent().toPlainString()); // decayed 1,000 of 10,000
    assertEquals(Severity.SEVERE, indirect.severity()); // default: indirect share >= 10% is severe
  }

  @Test
  void screen_dustAttackFromSanctionedWallet_atMostLow() {
    UtxoLedger l =
        UtxoLedger.builder(Chain.BITCOIN)
            .add(Txs.tx("cb").height(1).coinbase().out("S", 100_000).out("C", 50_000_000).build())
            .add(Txs.tx("dust").height(2).in("cb", 0, "S", 100_000).out("X", 546).out("S", 99_000).build())
            .add(Txs.tx("pay").height(3).in("cb", 1, "C", 50_000_000).out("X", 50_000_000).build())
            .build();
    ScreenResult r = Screener.builder().watchlist(RiskFixtures.flagged(Category.SANCTIONS, "S")).build().screen(l, X);
    assertEquals(Severity.LOW, r.severity());
    assertEquals("546", r.alerts().get(0).amount().toString());
  }

  @Test
  void screen_cleanSubject_none() {
    ScreenResult r = Screener.builder().watchlist(Watchlist.empty()).build().screen(heuristicsExample(), X);
    assertEquals(Severity.NONE, r.severity());
    assertTrue(r.alerts().isEmpty());
    assertFalse(r.reaches(Severity.LOW));
  }

  @Test
  void screen_manyThreads_sameResultAsSerial() throws Exception {
    Watchlist.Builder b = Watchlist.builder();
    b.add(Txs.addr("F"), label(Category.HUMAN_TRAFFICKING, "F"));
    b.add(Txs.addr("C"), label(Category.EXCHANGE, "C"));
    Screener s = Screener.builder().watchlist(b.build()).build();
    UtxoLedger ledger = heuristicsExample();
    String expected = ScreenJson.write(s.screen(ledger, X));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> fs = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        Address subject = i % 2 == 0 ? X : Txs.addr("U");
        Callable<String> c = () -> ScreenJson.write(s.screen(ledger, subject));
        fs.add(pool.submit(c));
      }
      String expectedU = ScreenJson.write(s.screen(ledger, Txs.addr("U")));
      for (int i = 0; i < fs.size(); i++) {
        assertEquals(i % 2 == 0 ? expected : expectedU, fs.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void screenJson_labelsWithMarkup_escapedAndAmountsAreStrings() throws Exception {
    Watchlist w =
        Watchlist.builder()
            .add(Txs.addr("F"),
                new Label(Category.SCAM, "scam", "<script>alert('x')</script> & co", "feed", Confidence.FORENSIC,
                    null, null, "t"))
            .build();
    String json = ScreenJson.write(Screener.builder().watchlist(w).build().screen(heuristicsExample(), X));
    assertFalse(json.contains("<script>"), json);
    assertTrue(json.contains("\\u003Cscript\\u003E") || json.contains("\\u003cscript\\u003e"), json);
    JsonNode root = new ObjectMapper().readTree(json);
    assertEquals("<script>alert('x')</script> & co",
        root.at("/alerts/0/evidence/0/labels/0/label").asText());
    assertTrue(root.at("/exposure/incoming/total").isTextual());
    assertEquals("10000", root.at("/exposure/incoming/total").asText());
    assertEquals("bitcoin:BTC", root.at("/asset").asText());
    assertEquals("sat", root.at("/base_unit").asText());
  }

  @Test
  void screenTransaction_T2_incomingFromFAtTwoHops() {
    Screener s = Screener.builder().watchlist(RiskFixtures.flagged(Category.RANSOMWARE, "F")).build();
    ScreenResult r = s.screenTransaction(heuristicsExample(), Txs.id("T2"));
    CategoryExposure c = r.exposure().get(Direction.INCOMING, Category.RANSOMWARE).orElseThrow();
    assertEquals(2, c.minHops());
    assertEquals("2000", c.indirectUndecayed().toString());
  }

  @Test
  void builder_withoutWatchlist_rejected() {
    assertThrows(IllegalStateException.class, () -> Screener.builder().build());
  }

  @Test
  void screen_realTagPackAddressPaysSubject_darknetAndSanctionsAlerts() {
    Watchlist w = Watchlist.builder().load(SharedData.file("graphsense-tagpacks/hydra.yaml")).build();
    String hydra = "1BCWMwpR4M1nYUuuYe2bmzrNuwGoF9ZAbA";
    UtxoLedger l =
        UtxoLedger.builder(Chain.BITCOIN)
            .add(Txs.tx("cb").height(1).coinbase().out(hydra, 2_000_000).build())
            .add(Txs.tx("p").height(2).in("cb", 0, hydra, 2_000_000).out("X", 1_990_000).build())
            .build();
    ScreenResult r = Screener.builder().watchlist(w).build().screen(l, X);
    assertEquals(Severity.SEVERE, r.severity());
    assertEquals(
        List.of(Category.SANCTIONS, Category.DARKNET_MARKET),
        r.alerts().stream().map(Alert::category).toList());
    assertEquals("Hydra Market", r.alerts().get(1).evidence().get(0).labels().get(0).label());
  }
}
