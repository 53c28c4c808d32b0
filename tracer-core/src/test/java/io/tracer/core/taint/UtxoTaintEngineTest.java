package io.tracer.core.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.taint.OutputTaint.Status;
import io.tracer.core.testing.Txs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The engine over a ledger: HEURISTICS.md §4.1 two-hop example, limits, fees, burns, errors. */
class UtxoTaintEngineTest {
  // funding: f:0 = 3,000 (the seed), g:0 = 7,000 clean, h:0 = 5,000 clean
  static final UtxoTx F = Txs.tx("f").height(1).position(1).in("x", 0, "src", 3_100).out("victim", 3_000).build();
  static final UtxoTx G = Txs.tx("g").height(1).position(2).in("y", 0, "c1", 7_100).out("bob", 7_000).build();
  static final UtxoTx H = Txs.tx("h").height(1).position(3).in("z", 0, "c2", 5_100).out("carol", 5_000).build();
  // hop 1: the one-transaction example
  static final UtxoTx T1 =
      Txs.tx("t1").height(2).position(1)
          .in("f", 0, "victim", 3_000).in("g", 0, "bob", 7_000)
          .out("o0", 2_000).out("o1", 5_000).out("o2", 2_500).build();
  // hop 2: the second-hop example, O1 first then a clean 5,000; one output of 9,800
  static final UtxoTx T2 =
      Txs.tx("t2").height(3).position(1)
          .in("t1", 1, "o1", 5_000).in("h", 0, "carol", 5_000)
          .out("exchange", 9_800).build();

  static final OutPoint SEED = new OutPoint(F.id(), 0);

  static UtxoLedger ledger(UtxoTx... extra) {
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN).add(F).add(G).add(H).add(T1).add(T2);
    for (UtxoTx t : extra) {
      b.add(t);
    }
    return b.build();
  }

  static String vector(UtxoTaintResult r, OutPoint o) {
    return r.output(o).orElseThrow().segmentVector().orElseThrow().toString();
  }

  static UtxoTaintResult run(TaintModel m, UtxoTaintOptions o, UtxoLedger l, OutPoint... seeds) {
    return TaintEngine.utxo(m, o).propagate(l, List.of(seeds));
  }

  @Nested
  class HappyPath {
    @Test
    void propagate_haircutTwoHops_matchesWorkedExample() {
      UtxoTaintResult r = run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), ledger(), SEED);
      assertEquals(600, r.taintOf(T1.outPoint(0)));
      assertEquals(1_500, r.taintOf(T1.outPoint(1)));
      assertEquals(750, r.taintOf(T1.outPoint(2)));
      assertEquals(150, r.feeTaint(T1.id()));
      assertEquals(1_470, r.taintOf(T2.outPoint(0)));
      assertEquals(30, r.feeTaint(T2.id()));
      assertEquals(new UtxoTaintResult.Totals(3_000, 2_820, 180, 0, 0, 0, 2, 0, 0), r.totals());
      assertTrue(r.conserved());
    }

    @Test
    void propagate_fifoTwoHops_matchesWorkedExampleWithSegments() {
      UtxoTaintResult r = run(TaintModels.FIFO, UtxoTaintOptions.defaults(), ledger(), SEED);
      assertEquals(1_000, r.taintOf(T2.outPoint(0)));
      assertEquals(0, r.feeTaint(T2.id()));
      OutputTaint out = r.output(T2.outPoint(0)).orElseThrow();
      assertEquals("[(1000,T),(8800,C)]", out.segmentVector().orElseThrow().toString());
      assertEquals(2, out.hop());
      assertEquals(Status.UNSPENT, out.status());
      assertEquals(2_000, r.taintOf(T1.outPoint(0)));
      assertTrue(r.conserved());
      assertEquals(2, r.totals().maxSegments());
    }

    @Test
    void propagate_statuses_followedUnspentClean() {
      UtxoTaintResult r = run(TaintModels.FIFO, UtxoTaintOptions.defaults(), ledger(), SEED);
      assertEquals(Status.FOLLOWED, r.output(SEED).orElseThrow().status());
      assertEquals(T1.id(), r.output(SEED).orElseThrow().spentBy());
      assertEquals(Status.FOLLOWED, r.output(T1.outPoint(1)).orElseThrow().status());
      assertEquals(Status.UNSPENT, r.output(T1.outPoint(0)).orElseThrow().status());
      assertEquals(Status.CLEAN, r.output(T1.outPoint(2)).orElseThrow().status());
      assertEquals(
          List.of(SEED, T1.outPoint(0), T1.outPoint(1), T1.outPoint(2), T2.outPoint(0)),
          r.outputs().stream().map(OutputTaint::outPoint).toList());
    }

    @Test
    void propagate_poison_everythingDownstreamFullyTainted() {
      UtxoTaintResult r = run(TaintModels.POISON, UtxoTaintOptions.defaults(), ledger(), SEED);
      assertEquals(9_800, r.taintOf(T2.outPoint(0)));
      assertEquals(500, r.feeTaint(T1.id()));
      assertEquals(2_500, r.taintOf(T1.outPoint(2)));
    }

    @Test
    void propagate_unreachedOutput_taintZero() {
      UtxoTaintResult r = run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), ledger(), SEED);
      assertEquals(0, r.taintOf(G.outPoint(0)));
      assertTrue(r.output(G.outPoint(0)).isEmpty());
    }

    @Test
    void propagate_sameBlockSpend_processedByPosition() {
      UtxoTx a = Txs.tx("sa").height(2).position(5).in("f", 0, "victim", 3_000).out("m", 2_900).build();
      UtxoTx b = Txs.tx("sb").height(2).position(6).in("sa", 0, "m", 2_900).out("n", 2_800).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(b).add(a).build();
      UtxoTaintResult r = run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), l, SEED);
      assertEquals(2_800, r.taintOf(b.outPoint(0)));
      assertEquals(2, r.output(b.outPoint(0)).orElseThrow().hop());
    }

    @Test
    void propagate_sameBlockSpendAgainstTxidOrder_waitsForTheEarlierPosition() {
      // "early" (position 1) pays "late" (position 2); "late" also spends the second seed h:0, so
      // both are queued at once and "late" has the smaller txid: only position order gives "late"
      // its input from "early" already tainted.
      UtxoTx early = Txs.tx("early").height(2).position(1).in("f", 0, "victim", 3_000).out("m", 2_900).build();
      UtxoTx late =
          Txs.tx("late").height(2).position(2)
              .in("h", 0, "carol", 5_000).in("early", 0, "m", 2_900)
              .out("n", 7_000).out("p", 800).build();
      assertTrue(late.id().compareTo(early.id()) < 0, "the test needs txid order against position");
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(H).add(late).add(early).build();
      List<OutPoint> seeds = List.of(SEED, H.outPoint(0));
      UtxoTaintEngine e = TaintEngine.utxo(TaintModels.FIFO, UtxoTaintOptions.defaults());
      for (UtxoTaintResult r : List.of(e.propagateGeneric(l, seeds), e.propagateIndexed(l, seeds))) {
        assertEquals("[(7000,T)]", vector(r, late.outPoint(0)));
        assertEquals(800, r.taintOf(late.outPoint(1)));
        assertEquals(100, r.feeTaint(late.id()));
        assertEquals(List.of(early.id(), late.id()), r.transactions().stream().map(TxTaint::txId).toList());
        assertEquals(1, r.transaction(late.id()).orElseThrow().hop()); // via the seed h:0
        assertTrue(r.conserved());
      }
    }

    @Test
    void propagate_changeBackToTheSameAddressWithEqualValues_keyedByOutpoint() {
      // two outputs to the input's own address with equal values (self-transfer with change), then
      // spent in reverse order: only outpoint keys keep their different segment vectors apart
      UtxoTx split =
          Txs.tx("split").height(2).in("f", 0, "victim", 3_000).in("g", 0, "bob", 7_000)
              .out("victim", 5_000).out("victim", 5_000).build();
      UtxoTx join =
          Txs.tx("join").height(3).in("split", 1, "victim", 5_000).in("split", 0, "victim", 5_000)
              .out("victim", 9_900).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(G).add(split).add(join).build();
      UtxoTaintResult r = run(TaintModels.FIFO, UtxoTaintOptions.defaults(), l, SEED);
      assertEquals("[(3000,T),(2000,C)]", vector(r, split.outPoint(0)));
      assertEquals("[(5000,C)]", vector(r, split.outPoint(1)));
      assertEquals("[(5000,C),(3000,T),(1900,C)]", vector(r, join.outPoint(0)));
      assertEquals(0, r.feeTaint(join.id()));
      assertTrue(r.conserved());
    }

    @Test
    void propagate_dustOutputs_exactFloorShareAndResidueAccounted() {
      // a 546-sat dust output next to a large one: haircut floors its share exactly (never
      // rounds up), TIHO serves it last; in both, taint in = out + fee + lost
      UtxoTx dust =
          Txs.tx("dust").height(2).in("f", 0, "victim", 3_000).in("g", 0, "bob", 7_000)
              .out("dusted", 546).out("k", 9_453).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(G).add(dust).build();
      UtxoTaintResult h = run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), l, SEED);
      assertEquals(163, h.taintOf(dust.outPoint(0))); // floor(546·3000/10000) = floor(163.8)
      assertEquals(2_835, h.taintOf(dust.outPoint(1))); // floor(9453·3000/10000) = floor(2835.9)
      assertEquals(1, h.feeTaint(dust.id())); // residue 2, fee 1
      assertEquals(1, h.totals().lost());
      assertTrue(h.conserved());
      UtxoTaintResult t = run(TaintModels.TIHO, UtxoTaintOptions.defaults(), l, SEED);
      assertEquals(0, t.taintOf(dust.outPoint(0)));
      assertEquals(3_000, t.taintOf(dust.outPoint(1)));
    }

    @Test
    void propagate_diamond_hopIsShortestPath() {
      // seed -> d1 (2 outputs) ; d1:0 -> d2 ; d1:1 and d2:0 -> d3: d3 is hop 2 via d1:1
      UtxoTx d1 = Txs.tx("d1").height(2).in("f", 0, "victim", 3_000).out("p", 1_000).out("q", 1_900).build();
      UtxoTx d2 = Txs.tx("d2").height(3).in("d1", 0, "p", 1_000).out("r", 900).build();
      UtxoTx d3 =
          Txs.tx("d3").height(4).in("d2", 0, "r", 900).in("d1", 1, "q", 1_900).out("s", 2_700).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(d1).add(d2).add(d3).build();
      UtxoTaintResult r = run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), l, SEED);
      assertEquals(2, r.transaction(d3.id()).orElseThrow().hop());
      assertEquals(2_700, r.taintOf(d3.outPoint(0)));
      assertTrue(r.conserved());
    }

    @Test
    void propagate_seedDownstreamOfSeed_countsOnlyAddedTaint() {
      // seed both f:0 and t1:2 (which haircut gives 750 of 2,500): seeded = 3,000 + 1,750
      UtxoTaintResult r =
          run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), ledger(), SEED, T1.outPoint(2));
      assertEquals(2_500, r.taintOf(T1.outPoint(2)));
      assertEquals(4_750, r.totals().seeded());
      assertTrue(r.conserved());
    }
  }

  @Nested
  class Limits {
    @Test
    void propagate_maxHopsOne_taintStopsAtLimit() {
      UtxoTaintOptions o = UtxoTaintOptions.builder().maxHops(1).build();
      UtxoTaintResult r = run(TaintModels.HAIRCUT, o, ledger(), SEED);
      OutputTaint o1 = r.output(T1.outPoint(1)).orElseThrow();
      assertEquals(Status.LIMIT, o1.status());
      assertEquals(T2.id(), o1.spentBy());
      assertTrue(r.transaction(T2.id()).isEmpty());
      assertEquals(2_850, r.totals().held());
      assertTrue(r.conserved());
      assertTrue(r.isComplete());
    }

    @Test
    void propagate_maxHopsTwo_secondHopProcessed() {
      UtxoTaintOptions o = UtxoTaintOptions.builder().maxHops(2).build();
      assertEquals(1_470, run(TaintModels.HAIRCUT, o, ledger(), SEED).taintOf(T2.outPoint(0)));
    }

    @Test
    void propagate_maxHopsZero_onlySeeds() {
      UtxoTaintOptions o = UtxoTaintOptions.builder().maxHops(0).build();
      UtxoTaintResult r = run(TaintModels.HAIRCUT, o, ledger(), SEED);
      assertEquals(Status.LIMIT, r.output(SEED).orElseThrow().status());
      assertEquals(0, r.totals().transactions());
    }

    @Test
    void propagate_untilHeightAtT2_processesT2() {
      UtxoTaintOptions o = UtxoTaintOptions.builder().untilHeight(3).build();
      assertEquals(1_470, run(TaintModels.HAIRCUT, o, ledger(), SEED).taintOf(T2.outPoint(0)));
    }

    @Test
    void propagate_untilHeightBelowT2_stopsBeforeIt() {
      UtxoTaintOptions o = UtxoTaintOptions.builder().untilHeight(2).build();
      UtxoTaintResult r = run(TaintModels.HAIRCUT, o, ledger(), SEED);
      assertEquals(Status.LIMIT, r.output(T1.outPoint(1)).orElseThrow().status());
      assertTrue(r.conserved());
    }

    @Test
    void propagate_maxTransactionsReached_incompleteButConserved() {
      UtxoTaintOptions o = UtxoTaintOptions.builder().maxTransactions(1).build();
      UtxoTaintResult r = run(TaintModels.FIFO, o, ledger(), SEED);
      assertFalse(r.isComplete());
      assertEquals(1, r.totals().transactions());
      assertTrue(r.conserved());
    }
  }

  @Nested
  class FeesAndBurns {
    @Test
    void propagate_opReturn_taintBurnedAndRecorded() {
      UtxoTx burn =
          Txs.tx("burn").height(2)
              .in("f", 0, "victim", 3_000)
              .out("data", 600, OutputType.OP_RETURN).out("k", 2_300).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(burn).build();
      UtxoTaintResult r = run(TaintModels.FIFO, UtxoTaintOptions.defaults(), l, SEED);
      assertEquals(Status.BURNED, r.output(burn.outPoint(0)).orElseThrow().status());
      assertEquals(600, r.totals().burned());
      assertEquals(600, r.transaction(burn.id()).orElseThrow().burned());
      assertEquals(2_300, r.totals().held());
      assertEquals(100, r.totals().fees());
      assertTrue(r.conserved());
    }

    @Test
    void propagate_taintFee_feeFlowsIntoCoinbase() {
      long subsidy = UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(5);
      UtxoTx cb = coinbase("cb5", 5, subsidy + 100 + 40);
      // pays a tainted fee of 100 (FIFO: tail of the seed) at position 1
      UtxoTx spend = Txs.tx("spend").height(5).position(1).in("f", 0, "victim", 3_000).out("k", 2_900).build();
      // an unrelated clean tx in the block, paying 40: not traced, so it is the clean rest
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(cb).add(spend).build();
      UtxoTaintOptions o = UtxoTaintOptions.builder().taintFee(true).build();
      UtxoTaintResult r = run(TaintModels.FIFO, o, l, SEED);
      OutputTaint miner = r.output(cb.outPoint(0)).orElseThrow();
      assertEquals(100, miner.tainted());
      assertEquals("[(" + subsidy + ",C),(100,T),(40,C)]", miner.segmentVector().orElseThrow().toString());
      assertEquals(2, miner.hop());
      assertTrue(r.transaction(spend.id()).orElseThrow().feeToCoinbase());
      assertEquals(0, r.totals().fees());
      assertEquals(100, r.totals().feesToCoinbase());
      assertTrue(r.conserved());
    }

    @Test
    void propagate_taintFeeTwoTracedTxs_coinbaseFeeInputsInBlockPositionNotTxidOrder() {
      long subsidy = UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(5);
      // position 1 ("early"): FIFO stream [3000 T][7000 C], its fee of 100 is the clean tail
      UtxoTx first =
          Txs.tx("early").height(5).position(1).in("f", 0, "victim", 3_000).in("g", 0, "bob", 7_000)
              .out("k", 9_900).build();
      // position 2 ("late", the smaller txid): the second seed, its fee of 60 tainted
      UtxoTx second = Txs.tx("late").height(5).position(2).in("h", 0, "carol", 5_000).out("q", 4_940).build();
      assertTrue(second.id().compareTo(first.id()) < 0, "the test needs txid order against position");
      UtxoTx cb = coinbase("cb5", 5, subsidy + 100 + 60 + 40); // 40: fees of untraced txs
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(G).add(H).add(cb).add(second).add(first).build();
      UtxoTaintOptions o = UtxoTaintOptions.builder().taintFee(true).build();
      UtxoTaintEngine e = TaintEngine.utxo(TaintModels.FIFO, o);
      List<OutPoint> seeds = List.of(SEED, H.outPoint(0));
      for (UtxoTaintResult r : List.of(e.propagateGeneric(l, seeds), e.propagateIndexed(l, seeds))) {
        // inputs [subsidy C][fee at position 1: 100 C][fee at position 2: 60 T][rest 40 C]
        assertEquals("[(" + (subsidy + 100) + ",C),(60,T),(40,C)]", vector(r, cb.outPoint(0)));
        assertEquals(60, r.totals().feesToCoinbase());
        assertTrue(r.conserved());
      }
    }

    @Test
    void propagate_taintFeeHaircut_coinbaseShareExact() {
      long subsidy = UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(5);
      UtxoTx cb = coinbase("cb5", 5, subsidy + 100);
      UtxoTx spend = Txs.tx("spend").height(5).position(1).in("f", 0, "victim", 3_000).out("k", 2_900).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(cb).add(spend).build();
      UtxoTaintOptions o = UtxoTaintOptions.builder().taintFee(true).build();
      UtxoTaintResult r = run(TaintModels.HAIRCUT, o, l, SEED);
      assertEquals(100, r.taintOf(cb.outPoint(0)));
      assertTrue(r.conserved());
    }

    @Test
    void propagate_taintFeeButCoinbaseBeyondHops_feeStaysTerminal() {
      long subsidy = UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(5);
      UtxoTx cb = coinbase("cb5", 5, subsidy + 100);
      UtxoTx spend = Txs.tx("spend").height(5).position(1).in("f", 0, "victim", 3_000).out("k", 2_900).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(cb).add(spend).build();
      UtxoTaintOptions o = UtxoTaintOptions.builder().taintFee(true).maxHops(1).build();
      UtxoTaintResult r = run(TaintModels.HAIRCUT, o, l, SEED);
      assertTrue(r.output(cb.outPoint(0)).isEmpty());
      assertEquals(100, r.totals().fees());
      assertFalse(r.transaction(spend.id()).orElseThrow().feeToCoinbase());
      assertTrue(r.conserved());
    }

    @Test
    void propagate_taintFeeMinerClaimsLessThanFee_unclaimedTaintLost() {
      UtxoTx cb = coinbase("cb5", 5, 60); // claims 60 of the 100 fee and no subsidy
      UtxoTx spend = Txs.tx("spend").height(5).position(1).in("f", 0, "victim", 3_000).out("k", 2_900).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(cb).add(spend).build();
      UtxoTaintOptions o = UtxoTaintOptions.builder().taintFee(true).build();
      UtxoTaintResult r = run(TaintModels.FIFO, o, l, SEED);
      assertEquals(60, r.taintOf(cb.outPoint(0)));
      assertEquals(40, r.totals().lost());
      assertTrue(r.conserved());
    }

    @Test
    void propagate_taintFeeWithoutCoinbase_throwsMissingTransaction() {
      UtxoTx spend = Txs.tx("spend").height(5).position(1).in("f", 0, "victim", 3_000).out("k", 2_900).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(spend).build();
      UtxoTaintOptions o = UtxoTaintOptions.builder().taintFee(true).build();
      assertThrows(
          TaintException.MissingTransaction.class, () -> run(TaintModels.FIFO, o, l, SEED));
    }

    private UtxoTx coinbase(String name, long height, long value) {
      return new UtxoTx(
          Txs.id(name),
          BlockRef.of(height, 0, Instant.ofEpochSecond(1_600_000_000L)),
          1,
          0,
          100,
          List.of(TxIn.coinbase(0xffffffffL)),
          List.of(new TxOut(0, Txs.addr("miner"), value, OutputType.P2PKH)));
    }
  }

  @Nested
  class Rejection {
    @Test
    void propagate_seedNotInSource_throwsMissingTransaction() {
      OutPoint nowhere = new OutPoint(Txs.id("nowhere"), 0);
      TaintException e =
          assertThrows(
              TaintException.MissingTransaction.class,
              () -> run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), ledger(), nowhere));
      assertTrue(e.getMessage().contains(nowhere.txId().toString()), e.getMessage());
    }

    @Test
    void propagate_seedIndexOutOfRange_throws() {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), ledger(), new OutPoint(F.id(), 1)));
    }

    @Test
    void propagate_cleanInputUnresolvable_throwsUnresolvedInput() {
      UtxoTx t =
          new UtxoTx(
              Txs.id("u"),
              BlockRef.of(2, 1, Instant.ofEpochSecond(1_600_000_000L)),
              2,
              0,
              100,
              List.of(
                  TxIn.resolved(SEED, Txs.addr("victim"), 3_000, 0),
                  TxIn.unresolved(new OutPoint(Txs.id("unknown"), 0), 0)),
              List.of(new TxOut(0, Txs.addr("k"), 2_000, OutputType.P2WPKH)));
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(t).build();
      assertThrows(
          TaintException.UnresolvedInput.class,
          () -> run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), l, SEED));
    }

    @Test
    void propagate_outputsExceedInputs_throwsTaintExceptionNamingTx() {
      UtxoTx bad = Txs.tx("bad").height(2).in("f", 0, "victim", 3_000).out("k", 3_001).build();
      UtxoLedger l = UtxoLedger.builder(Chain.BITCOIN).add(F).add(bad).build();
      TaintException e =
          assertThrows(
              TaintException.class,
              () -> run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults(), l, SEED));
      assertTrue(e.getMessage().contains(bad.id().toString()), e.getMessage());
    }

    @Test
    void utxo_poisonWithProRata_rejected() {
      UtxoTaintOptions o = UtxoTaintOptions.builder().feePolicy(FeePolicy.PRO_RATA_FIRST).build();
      assertThrows(IllegalArgumentException.class, () -> TaintEngine.utxo(TaintModels.POISON, o));
    }

    @Test
    void options_coinbaseLookupWithoutTaintFee_rejected() {
      assertThrows(
          IllegalArgumentException.class,
          () -> UtxoTaintOptions.builder().coinbaseLookup(h -> java.util.Optional.empty()).build());
    }

    @Test
    void options_negativeLimits_rejected() {
      assertThrows(IllegalArgumentException.class, () -> UtxoTaintOptions.builder().maxHops(-1));
      assertThrows(IllegalArgumentException.class, () -> UtxoTaintOptions.builder().untilHeight(-1));
      assertThrows(IllegalArgumentException.class, () -> UtxoTaintOptions.builder().maxTransactions(0));
    }
  }

  @Test
  void subsidy_bitcoinSchedule_halvingsAndZeroAfter64() {
    assertEquals(5_000_000_000L, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(209_999));
    assertEquals(2_500_000_000L, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(210_000));
    assertEquals(0, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(64L * 210_000));
    assertEquals(0, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(63L * 210_000)); // 5e9 >> 63
    assertEquals(1, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(32L * 210_000)); // 5e9 >> 32
    assertEquals(0, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(33L * 210_000));
    // Java masks a long shift count to 6 bits (x >> 64 == x): 64 or more halvings must be 0, not 50 BTC
    assertEquals(0, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(128L * 210_000));
    assertEquals(0, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(65L * 210_000));
    assertEquals(0, UtxoTaintOptions.BITCOIN_SUBSIDY.applyAsLong(Long.MAX_VALUE));
  }
}
