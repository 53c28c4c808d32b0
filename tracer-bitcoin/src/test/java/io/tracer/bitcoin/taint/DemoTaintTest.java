package io.tracer.bitcoin.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.demo.DemoCase;
import io.tracer.bitcoin.demo.DemoManifest;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.taint.FeePolicy;
import io.tracer.core.taint.OutputTaint;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.taint.TaintModel;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.taint.TxTaint;
import io.tracer.core.taint.UtxoTaintOptions;
import io.tracer.core.taint.UtxoTaintResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multi-hop taint through the built-in demo case (signed regtest blocks): the 14 payments to the
 * ring are the seeds; they are consolidated, the controller takes a cut, mixes it in a coinjoin
 * with three clean participants, and deposits at an exchange; the rest goes down a peel chain to
 * another deposit; the exchange sweeps the deposits. Expected figures come from the case manifest.
 */
class DemoTaintTest {
  private static UtxoLedger ledger;
  private static DemoManifest m;
  private static List<OutPoint> seeds;

  @BeforeAll
  static void load() {
    ledger = DemoCase.ledger();
    m = DemoCase.manifest();
    seeds = m.outpoints("paymentOutputs");
  }

  private static UtxoTaintResult run(TaintModel model, UtxoTaintOptions o) {
    return TaintEngine.utxo(model, o).propagate(ledger, seeds);
  }

  @Test
  void propagate_everyModel_consolidationAndCutFullyTainted() {
    long paid = m.fact("paymentsTotalSats");
    long consolidated = m.fact("consolidatedSats");
    TxId consolidation = m.transaction("consolidation");
    for (TaintModel model : TaintModels.all()) {
      UtxoTaintResult r = run(model, UtxoTaintOptions.defaults());
      assertEquals(consolidated, r.taintOf(new OutPoint(consolidation, 0)), model.id());
      assertEquals(paid - consolidated, r.feeTaint(consolidation), model.id());
      assertEquals(1, r.transaction(consolidation).orElseThrow().hop(), model.id());
      assertEquals(
          m.fact("controllerCutSats"), r.taintOf(m.outpoints("controllerCut").get(0)), model.id());
      for (OutPoint s : seeds) {
        assertEquals(r.output(s).orElseThrow().value(), r.taintOf(s), model.id());
      }
    }
  }

  @Test
  void propagate_conservingModels_taintInEqualsTaintOutOverTheWholeCase() {
    for (TaintModel model : TaintModels.all()) {
      if (!model.conservesTaint()) {
        continue;
      }
      for (FeePolicy p : FeePolicy.values()) {
        UtxoTaintResult r = run(model, UtxoTaintOptions.builder().feePolicy(p).build());
        String ctx = model.id() + "/" + p;
        assertEquals(m.fact("paymentsTotalSats"), r.totals().seeded(), ctx);
        assertTrue(r.conserved(), ctx + " " + r.totals());
        for (TxTaint t : r.transactions()) {
          assertEquals(t.inputTaint(), t.outputTaint() + t.feeTaint() + t.lost(), ctx);
        }
      }
    }
  }

  @Test
  void propagate_peelChain_hopsIncreaseByOne() {
    UtxoTaintResult r = run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults());
    List<TxId> peel = m.transactions("peelHops");
    int first = r.transaction(peel.get(0)).orElseThrow().hop();
    for (int i = 0; i < peel.size(); i++) {
      assertEquals(first + i, r.transaction(peel.get(i)).orElseThrow().hop(), "peel hop " + i);
    }
  }

  @Test
  void propagate_haircutCoinjoin_equalDenominationsCarryEqualTaint() {
    UtxoTaintResult r = run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults());
    UtxoTx cj = ledger.transaction(m.transaction("coinjoin")).orElseThrow();
    long d = m.fact("coinjoinDenominationSats");
    long taintOfDenomination = -1;
    for (int i = 0; i < cj.outputs().size(); i++) {
      if (cj.output(i).value() == d) {
        long t = r.taintOf(cj.outPoint(i));
        if (taintOfDenomination < 0) {
          taintOfDenomination = t;
        }
        assertEquals(taintOfDenomination, t, "output " + i);
      }
    }
    // the controller brought the only tainted input: 2,376,000 of the coinjoin's total
    TxTaint t = r.transaction(cj.id()).orElseThrow();
    assertEquals(m.fact("controllerCutSats"), t.inputTaint());
    long total = cj.inputValue().orElseThrow();
    assertEquals(Math.floorDiv(d * t.inputTaint(), total), taintOfDenomination);
  }

  @Test
  void propagate_poison_sweepToHotWalletFullyTainted() {
    UtxoTaintResult r = run(TaintModels.POISON, UtxoTaintOptions.defaults());
    OutPoint sweep = new OutPoint(m.transaction("sweep"), 0);
    assertEquals(m.fact("sweptToHotWalletSats"), r.taintOf(sweep));
    for (OutPoint dep : m.outpoints("depositOutputs")) {
      OutputTaint o = r.output(dep).orElseThrow();
      assertEquals(o.value(), o.tainted());
    }
  }

  @Test
  void propagate_modelsDisagreeAfterTheCoinjoin_asTheLiteratureSays() {
    OutPoint mixed = m.outpoints("coinjoinControllerMixed").get(0);
    long haircut = run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults()).taintOf(mixed);
    long poison = run(TaintModels.POISON, UtxoTaintOptions.defaults()).taintOf(mixed);
    long tiho = run(TaintModels.TIHO, UtxoTaintOptions.defaults()).taintOf(mixed);
    assertEquals(m.fact("coinjoinDenominationSats"), poison);
    assertTrue(haircut > 0 && haircut < poison, "haircut " + haircut);
    // TIHO gives the taint to the largest outputs: the participants' change, not the mixed coin
    assertEquals(0, tiho);
  }

  /**
   * Haircut, hop by hop to the unit through coinjoin → controller's deposit → exchange sweep. Each
   * expected figure is computed here from the transactions' values with the §4 formula
   * {@code floor(v·T/V)} in BigInteger, not taken from the engine.
   */
  @Test
  void propagate_haircutThroughCoinjoinDepositAndSweep_exactEachHop() {
    UtxoTaintResult r = run(TaintModels.HAIRCUT, UtxoTaintOptions.defaults());
    UtxoTx cj = ledger.transaction(m.transaction("coinjoin")).orElseThrow();
    OutPoint mixed = m.outpoints("coinjoinControllerMixed").get(0);
    long cjIn = cj.inputValue().orElseThrow();
    long tMixed = floorShare(cj.output(mixed.index()).value(), m.fact("controllerCutSats"), cjIn);
    assertEquals(tMixed, r.taintOf(mixed));

    UtxoTx deposit = ledger.transaction(m.transactions("deposits").get(0)).orElseThrow();
    assertEquals(mixed, deposit.inputs().get(0).prevout());
    long vIn = deposit.inputValue().orElseThrow();
    long tDeposit = floorShare(deposit.output(0).value(), tMixed, vIn);
    assertEquals(tDeposit, r.taintOf(deposit.outPoint(0)));
    assertEquals(tMixed - tDeposit, r.feeTaint(deposit.id())); // one output: the fee takes the rest

    UtxoTx sweep = ledger.transaction(m.transaction("sweep")).orElseThrow();
    long tIn = 0;
    for (var in : sweep.inputs()) {
      tIn += r.taintOf(in.prevout());
    }
    assertEquals(r.transaction(sweep.id()).orElseThrow().inputTaint(), tIn);
    long tSweep = floorShare(sweep.output(0).value(), tIn, sweep.inputValue().orElseThrow());
    assertEquals(tSweep, r.taintOf(sweep.outPoint(0)));
    assertEquals(Math.min(tIn - tSweep, sweep.fee().orElseThrow()), r.feeTaint(sweep.id()));
    assertTrue(r.conserved());
  }

  /**
   * FIFO segment vectors through the coinjoin: the controller's cut (fully tainted) is its first
   * input, so the first denomination output takes d of it and the second the rest, then clean.
   */
  @Test
  void propagate_fifoCoinjoin_segmentVectorsFromTheCutThenClean() {
    UtxoTaintResult r = run(TaintModels.FIFO, UtxoTaintOptions.defaults());
    UtxoTx cj = ledger.transaction(m.transaction("coinjoin")).orElseThrow();
    OutPoint cut = m.outpoints("controllerCut").get(0);
    assertEquals(cut, cj.inputs().get(0).prevout(), "the cut is the coinjoin's first input");
    long c = m.fact("controllerCutSats");
    long d = m.fact("coinjoinDenominationSats");
    assertEquals(d, cj.output(0).value());
    assertEquals(d, cj.output(1).value());
    assertEquals("[(" + d + ",T)]", vector(r, cj.outPoint(0)));
    assertEquals("[(" + (c - d) + ",T),(" + (2 * d - c) + ",C)]", vector(r, cj.outPoint(1)));
    for (int i = 2; i < cj.outputs().size(); i++) {
      assertEquals(0, r.taintOf(cj.outPoint(i)), "output " + i);
    }
    assertEquals(0, r.feeTaint(cj.id()));
    // next hop: the controller's deposit spends the fully tainted first output, fee 2,000 from it
    UtxoTx deposit = ledger.transaction(m.transactions("deposits").get(0)).orElseThrow();
    assertEquals("[(" + deposit.output(0).value() + ",T)]", vector(r, deposit.outPoint(0)));
    assertEquals(d - deposit.output(0).value(), r.feeTaint(deposit.id()));
  }

  private static String vector(UtxoTaintResult r, OutPoint o) {
    return r.output(o).orElseThrow().segmentVector().orElseThrow().toString();
  }

  private static long floorShare(long v, long t, long total) {
    return java.math.BigInteger.valueOf(v)
        .multiply(java.math.BigInteger.valueOf(t))
        .divide(java.math.BigInteger.valueOf(total))
        .longValueExact();
  }

  @Test
  void propagate_maxHopsTwo_stopsAfterTheCutAndConserves() {
    UtxoTaintResult r = run(TaintModels.FIFO, UtxoTaintOptions.builder().maxHops(2).build());
    assertEquals(OutputTaint.Status.LIMIT, r.output(m.outpoints("controllerCut").get(0)).orElseThrow().status());
    assertTrue(r.transaction(m.transaction("coinjoin")).isEmpty());
    assertTrue(r.conserved());
  }
}
