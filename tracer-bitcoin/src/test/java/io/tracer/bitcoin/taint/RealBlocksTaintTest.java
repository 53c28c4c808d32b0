package io.tracer.bitcoin.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.source.Sources;
import io.tracer.core.source.UtxoSource;
import io.tracer.core.taint.OutputTaint;
import io.tracer.core.taint.TaintEngine;
import io.tracer.core.taint.TaintModel;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.taint.UtxoTaintOptions;
import io.tracer.core.taint.UtxoTaintResult;
import io.tracer.core.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Taint over real mainnet blocks 0–438 (shared data): the block-9 coinbase that Satoshi paid to
 * Hal Finney in block 170, then down Satoshi's change chain (blocks 181, 182, 183, 187, 221, 248).
 * Every spend there has one input and no fee, so each model must keep the 50 BTC whole.
 */
class RealBlocksTaintTest {
  static final OutPoint BLOCK9_COINBASE =
      OutPoint.parse("0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9:0");
  static final TxId HAL = TxId.parse("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16");
  static final TxId HOP4_PEEL =
      TxId.parse("12b5633bad1f9c167d523ad1aa1947b2732a865bf5414eab2f9e5ae5d5c191ba");
  static final long FIFTY_BTC = 5_000_000_000L;

  private static UtxoSource source;

  @BeforeAll
  static void open() {
    source =
        (UtxoSource)
            Sources.open("btc-blocks:" + SharedData.file("bitcoinj-blocks/first-100k-blocks.dat"));
  }

  @AfterAll
  static void close() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void propagate_satoshiToHal_everyModelKeepsFiftyBtcWhole() {
    for (TaintModel m : TaintModels.all()) {
      UtxoTaintResult r = TaintEngine.utxo(m).propagate(source, List.of(BLOCK9_COINBASE));
      assertEquals(7, r.totals().transactions(), m.id());
      assertEquals(1_000_000_000L, r.taintOf(new OutPoint(HAL, 0)), m.id()); // Hal's 10 BTC
      assertEquals(FIFTY_BTC, r.totals().held(), m.id());
      assertEquals(0, r.totals().fees(), m.id());
      List<OutputTaint> terminal = r.terminalOutputs();
      assertEquals(6, terminal.size(), m.id());
      for (OutputTaint o : terminal) {
        assertEquals(o.value(), o.tainted(), m.id() + " " + o.outPoint());
        assertEquals(OutputTaint.Status.UNSPENT, o.status());
      }
      assertTrue(r.conserved(), m.id());
    }
  }

  @Test
  void propagate_hopsThree_stopsBeforeTheFourthPeel() {
    UtxoTaintResult r =
        TaintEngine.utxo(TaintModels.HAIRCUT, UtxoTaintOptions.builder().maxHops(3).build())
            .propagate(source, List.of(BLOCK9_COINBASE));
    assertEquals(3, r.totals().transactions());
    assertTrue(r.transaction(HOP4_PEEL).isEmpty());
    assertEquals(FIFTY_BTC, r.totals().held());
    assertTrue(r.conserved());
  }

  @Test
  void propagate_untilHeight181_twoTransactions() {
    UtxoTaintResult r =
        TaintEngine.utxo(TaintModels.FIFO, UtxoTaintOptions.builder().untilHeight(181).build())
            .propagate(source, List.of(BLOCK9_COINBASE));
    assertEquals(2, r.totals().transactions());
    assertEquals(181, r.transactions().get(1).block().height());
  }
}
