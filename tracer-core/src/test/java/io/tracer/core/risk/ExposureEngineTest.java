package io.tracer.core.risk;

import static io.tracer.core.risk.RiskFixtures.heuristicsExample;
import static io.tracer.core.risk.RiskFixtures.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.intel.Category;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.testing.Txs;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExposureEngineTest {
  static final Address X = Txs.addr("X");

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  static ExposureEngine engine(Watchlist w) {
    return new ExposureEngine(w, ExposureConfig.defaults());
  }

  @Nested
  class HeuristicsExample {
    @Test
    void address_section43Example_directIndirectAndDecayedExactly() {
      Exposure e = engine(RiskFixtures.flagged(Category.SCAM, "F")).address(heuristicsExample(), X);
      assertEquals(n(10_000), e.totalIncoming());
      CategoryExposure c = e.get(Direction.INCOMING, Category.SCAM).orElseThrow();
      assertEquals(n(1_000), c.direct());
      assertEquals(n(2_000), c.indirectUndecayed());
      assertEquals(n(1_000), c.indirect()); // λ = 1/2, two hops
      assertEquals(0, Exposure.percent(c.direct(), e.totalIncoming()).compareTo(new java.math.BigDecimal("10")));
      assertEquals(0, Exposure.percent(c.indirectUndecayed(), e.totalIncoming()).compareTo(new java.math.BigDecimal("20")));
      assertEquals(1, c.minHops());
      assertEquals(2, c.minIndirectHops());
      assertEquals(2, c.pathCount());
      assertFalse(e.truncated());
    }

    @Test
    void address_section43Example_evidencePathsNameTransactionsInOrder() {
      Exposure e = engine(RiskFixtures.flagged(Category.SCAM, "F")).address(heuristicsExample(), X);
      List<ExposurePath> paths = e.get(Direction.INCOMING, Category.SCAM).orElseThrow().paths();
      ExposurePath indirect = paths.get(0); // 2,000 sorts before 1,000
      assertEquals(2, indirect.hops());
      assertEquals(n(2_000), indirect.amount());
      assertEquals(n(1_000), indirect.decayed());
      assertEquals(Txs.addr("F"), indirect.counterparty());
      assertEquals(List.of(Txs.id("P"), Txs.id("T2")), indirect.steps().stream().map(PathStep::tx).toList());
      assertEquals(Txs.addr("F"), indirect.steps().get(0).from());
      assertEquals(X, indirect.steps().get(1).to());
      ExposurePath direct = paths.get(1);
      assertEquals(ExposureKind.DIRECT, direct.kind());
      assertEquals(List.of(Txs.id("T1")), direct.steps().stream().map(PathStep::tx).toList());
    }

    @Test
    void address_noDecay_indirectEqualsUndecayed() {
      ExposureEngine eng =
          new ExposureEngine(RiskFixtures.flagged(Category.SCAM, "F"), ExposureConfig.builder().decay(1, 1).build());
      CategoryExposure c = eng.address(heuristicsExample(), X).get(Direction.INCOMING, Category.SCAM).orElseThrow();
      assertEquals(n(2_000), c.indirect());
    }

    @Test
    void address_maxHopsOne_onlyDirect() {
      ExposureEngine eng =
          new ExposureEngine(RiskFixtures.flagged(Category.SCAM, "F"), ExposureConfig.builder().maxHops(1).build());
      CategoryExposure c = eng.address(heuristicsExample(), X).get(Direction.INCOMING, Category.SCAM).orElseThrow();
      assertEquals(n(1_000), c.direct());
      assertEquals(BigInteger.ZERO, c.indirect());
    }
  }

  @Nested
  class StopsAndFloors {
    @Test
    void address_serviceIntermediary_stopsTheSearch() {
      Watchlist.Builder b = Watchlist.builder();
      b.add(Txs.addr("F"), label(Category.SANCTIONS, "F"));
      b.add(Txs.addr("U"), label(Category.EXCHANGE, "Exchange U"));
      Exposure e = engine(b.build()).address(heuristicsExample(), X);
      assertEquals(n(4_000), e.get(Direction.INCOMING, Category.EXCHANGE).orElseThrow().direct());
      // F's 2,000 behind the exchange is not visible: only the 1,000 direct remains.
      CategoryExposure s = e.get(Direction.INCOMING, Category.SANCTIONS).orElseThrow();
      assertEquals(n(1_000), s.direct());
      assertEquals(BigInteger.ZERO, s.indirectUndecayed());
    }

    @Test
    void address_intermediaryBelowDustFloor_notFollowed() {
      // U passes 999 sat to X: one below the 1,000 sat floor, so F behind U is not reached.
      UtxoLedger l =
          UtxoLedger.builder(Chain.BITCOIN)
              .add(Txs.tx("cb").height(1).coinbase().out("F", 999).out("F2", 1_000).build())
              .add(Txs.tx("a").height(2).in("cb", 0, "F", 999).out("U", 999).build())
              .add(Txs.tx("b").height(2).position(2).in("cb", 1, "F2", 1_000).out("U2", 1_000).build())
              .add(Txs.tx("c").height(3).in("a", 0, "U", 999).out("X", 999).build())
              .add(Txs.tx("d").height(3).position(2).in("b", 0, "U2", 1_000).out("X", 1_000).build())
              .build();
      Exposure e = engine(RiskFixtures.flagged(Category.RANSOMWARE, "F", "F2")).address(l, X);
      CategoryExposure c = e.get(Direction.INCOMING, Category.RANSOMWARE).orElseThrow();
      assertEquals(n(1_000), c.indirectUndecayed()); // exactly at the floor: followed
      assertEquals(1, c.pathCount());
    }

    @Test
    void address_changeBackToSubject_notCountedAsIncoming() {
      UtxoLedger l =
          UtxoLedger.builder(Chain.BITCOIN)
              .add(Txs.tx("cb").height(1).coinbase().out("X", 10_000).build())
              .add(Txs.tx("s").height(2).in("cb", 0, "X", 10_000).out("S", 3_000).out("X", 6_900).build())
              .build();
      Exposure e = engine(RiskFixtures.flagged(Category.SANCTIONS, "S")).address(l, X);
      assertEquals(n(10_000), e.totalIncoming());
      assertEquals(n(3_000), e.totalOutgoing()); // haircut: 3,000·10,000/10,000
      assertEquals(n(3_000), e.get(Direction.OUTGOING, Category.SANCTIONS).orElseThrow().direct());
      assertTrue(e.incoming().isEmpty());
    }

    @Test
    void address_outgoingThroughIntermediary_indirectDecayed() {
      UtxoLedger l =
          UtxoLedger.builder(Chain.BITCOIN)
              .add(Txs.tx("cb").height(1).coinbase().out("X", 10_000).build())
              .add(Txs.tx("s").height(2).in("cb", 0, "X", 10_000).out("V", 8_000).out("W", 2_000).build())
              .add(Txs.tx("v").height(3).in("s", 0, "V", 8_000).out("M", 4_000).out("V2", 3_900).build())
              .build();
      Exposure e = engine(RiskFixtures.flagged(Category.DARKNET_MARKET, "M")).address(l, X);
      CategoryExposure c = e.get(Direction.OUTGOING, Category.DARKNET_MARKET).orElseThrow();
      // haircut in tx v: 4,000·8,000/8,000 = 4,000 undecayed, 2,000 after λ
      assertEquals(n(4_000), c.indirectUndecayed());
      assertEquals(n(2_000), c.indirect());
      List<PathStep> steps = c.paths().get(0).steps();
      assertEquals(X, steps.get(0).from());
      assertEquals(Txs.addr("M"), steps.get(1).to());
    }

    @Test
    void address_unresolvedFunding_truncatedWithNote() {
      UtxoLedger l =
          UtxoLedger.builder(Chain.BITCOIN)
              .add(Txs.tx("t").height(3).in("missing", 0, "U", 5_000).out("X", 5_000).build())
              .build();
      Exposure e = engine(RiskFixtures.flagged(Category.SCAM, "F")).address(l, X);
      assertTrue(e.truncated());
      assertTrue(e.notes().get(0).contains("not in the source"), e.notes().toString());
    }

    @Test
    void address_visitBudget_marksTruncated() {
      ExposureEngine eng =
          new ExposureEngine(RiskFixtures.flagged(Category.SCAM, "F"), ExposureConfig.builder().maxVisits(1).build());
      Exposure e = eng.address(heuristicsExample(), X);
      assertTrue(e.truncated());
    }

    @Test
    void address_wrongChain_rejected() {
      assertThrows(IllegalArgumentException.class,
          () -> engine(Watchlist.empty()).address(heuristicsExample(), MemAccountSource.eth("1")));
    }
  }

  @Nested
  class Models {
    @Test
    void fifo_heuristicsExample_differentAttribution() {
      ExposureEngine eng =
          new ExposureEngine(RiskFixtures.flagged(Category.SCAM, "F"), ExposureConfig.builder().model(FlowModel.FIFO).build());
      CategoryExposure c = eng.address(heuristicsExample(), X).get(Direction.INCOMING, Category.SCAM).orElseThrow();
      // FIFO in P: output U [0,4000) overlaps F [0,2000) and C2 [2000,4000): 2,000 from F as well.
      assertEquals(n(2_000), c.indirectUndecayed());
      assertEquals("fifo", eng.config().model().name());
    }

    @Test
    void haircut_section41Rows_matchHeuristicsTable() {
      var tx =
          Txs.tx("h").in("a", 0, "T", 3_000).in("b", 0, "C", 7_000)
              .out("o0", 2_000).out("o1", 5_000).out("o2", 2_500).build();
      assertEquals(List.of(600L, 1_500L, 750L),
          java.util.Arrays.stream(FlowModel.HAIRCUT.toOutputs(tx, 0, 3_000)).boxed().toList());
      assertEquals(List.of(2_000L, 1_000L, 0L),
          java.util.Arrays.stream(FlowModel.FIFO.toOutputs(tx, 0, 3_000)).boxed().toList());
    }

    @Test
    void poison_everyInputIsAnOrigin() {
      ExposureEngine eng =
          new ExposureEngine(RiskFixtures.flagged(Category.SCAM, "F"), ExposureConfig.builder().model(FlowModel.POISON).build());
      CategoryExposure c = eng.address(heuristicsExample(), X).get(Direction.INCOMING, Category.SCAM).orElseThrow();
      assertEquals(n(2_000), c.indirectUndecayed()); // capped at F's input value
    }
  }

  @Nested
  class AccountModel {
    final Address f = MemAccountSource.eth("f");
    final Address u = MemAccountSource.eth("a");
    final Address c = MemAccountSource.eth("c");
    final Address x = MemAccountSource.eth("99");

    Watchlist flaggedF() {
      return Watchlist.builder().add(f, label(Category.SANCTIONS, "F")).build();
    }

    @Test
    void address_section43ExampleInWei_sameNumbers() {
      long e15 = 100_000_000_000_000L; // 10^14 wei, the dust floor
      MemAccountSource s =
          new MemAccountSource()
              .send("u1", 1, f, u, 2_000 * e15)
              .send("u2", 2, c, u, 2_000 * e15)
              .send("x1", 3, f, x, 1_000 * e15)
              .send("x2", 4, u, x, 4_000 * e15)
              .send("x3", 5, c, x, 5_000 * e15);
      Exposure e = engine(flaggedF()).address(s, x);
      CategoryExposure ce = e.get(Direction.INCOMING, Category.SANCTIONS).orElseThrow();
      assertEquals(n(10_000 * e15), e.totalIncoming());
      assertEquals(n(1_000 * e15), ce.direct());
      assertEquals(n(2_000 * e15), ce.indirectUndecayed());
      assertEquals(n(1_000 * e15), ce.indirect());
    }

    @Test
    void address_inflowAfterTheTransfer_notAttributed() {
      long e15 = 100_000_000_000_000L; // 10^14 wei, the dust floor
      MemAccountSource s =
          new MemAccountSource()
              .send("x2", 1, u, x, 4_000 * e15)
              .send("u1", 2, f, u, 2_000 * e15); // later: cannot be the source
      Exposure e = engine(flaggedF()).address(s, x);
      assertTrue(e.incoming().isEmpty());
    }

    @Test
    void address_cycle_terminates() {
      long e15 = 100_000_000_000_000L; // 10^14 wei, the dust floor
      MemAccountSource s =
          new MemAccountSource()
              .send("a", 1, f, u, 5_000 * e15)
              .send("b", 2, u, c, 5_000 * e15)
              .send("c", 3, c, u, 5_000 * e15)
              .send("d", 4, u, x, 5_000 * e15);
      Exposure e = engine(flaggedF()).address(s, x);
      assertFalse(e.truncated());
      assertTrue(e.get(Direction.INCOMING, Category.SANCTIONS).isPresent());
    }

    @Test
    void address_nonHaircutModel_rejected() {
      ExposureEngine eng = new ExposureEngine(flaggedF(), ExposureConfig.builder().model(FlowModel.FIFO).build());
      assertThrows(IllegalArgumentException.class, () -> eng.address(new MemAccountSource(), x));
    }
  }
}
