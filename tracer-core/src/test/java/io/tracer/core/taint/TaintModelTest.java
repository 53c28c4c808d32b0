package io.tracer.core.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracer.core.taint.TaintModel.TxResult;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HEURISTICS.md §4.1 test vectors, to the unit, for every model. */
class TaintModelTest {
  /** I0 = 3,000 tainted, I1 = 7,000 clean; outputs 2,000 / 5,000 / 2,500; fee 500. */
  private static final List<TaintState> ONE_TX_INPUTS =
      List.of(TaintState.fullyTainted(3_000), TaintState.clean(7_000));

  private static final long[] ONE_TX_OUTPUTS = {2_000, 5_000, 2_500};

  private static TxResult oneTx(TaintModel m) {
    return m.apply(ONE_TX_INPUTS, ONE_TX_OUTPUTS, FeePolicy.TERMINAL);
  }

  private static long[] row(TxResult r) {
    return new long[] {
      r.outputs().get(0).tainted(),
      r.outputs().get(1).tainted(),
      r.outputs().get(2).tainted(),
      r.fee().tainted()
    };
  }

  @Nested
  class OneTransactionTable {
    @ParameterizedTest(name = "{0}: {1} {2} {3} fee {4}")
    @CsvSource({
      "poison,           2000, 5000, 2500, 500",
      "haircut,           600, 1500,  750, 150",
      "fifo,             2000, 1000,    0,   0",
      "lifo,                0,    0, 2500, 500",
      "lifo_reverse_out,    0,  500, 2500,   0",
      "tiho,                0, 3000,    0,   0"
    })
    void apply_worked_example_matchesTableToTheUnit(
        String model, long o0, long o1, long o2, long fee) {
      TxResult r = oneTx(TaintModels.byId(model));
      assertEquals(List.of(o0, o1, o2, fee), List.of(box(row(r))));
      assertEquals(0, r.lost());
    }

    @Test
    void apply_fifo_segmentVectorsAsDocumented() {
      TxResult r = oneTx(TaintModels.FIFO);
      assertEquals("[(2000,T)]", r.outputs().get(0).segments().orElseThrow().toString());
      assertEquals("[(1000,T),(4000,C)]", r.outputs().get(1).segments().orElseThrow().toString());
      assertEquals("[(2500,C)]", r.outputs().get(2).segments().orElseThrow().toString());
      assertEquals("[(500,C)]", r.fee().segments().orElseThrow().toString());
    }

    @Test
    void apply_lifo_streamIsCleanThenTainted() {
      TxResult r = oneTx(TaintModels.LIFO);
      assertEquals("[(2000,C)]", r.outputs().get(0).segments().orElseThrow().toString());
      assertEquals("[(5000,C)]", r.outputs().get(1).segments().orElseThrow().toString());
      assertEquals("[(2500,T)]", r.outputs().get(2).segments().orElseThrow().toString());
      assertEquals("[(500,T)]", r.fee().segments().orElseThrow().toString());
    }

    @Test
    void apply_lifoReverseOut_lastOutputFilledFirst() {
      TxResult r = oneTx(TaintModels.LIFO_REVERSE_OUT);
      assertEquals("[(500,T),(4500,C)]", r.outputs().get(1).segments().orElseThrow().toString());
      assertEquals("[(2000,C)]", r.outputs().get(0).segments().orElseThrow().toString());
    }

    @Test
    void apply_everyModel_outputValuesAndFeeValuePreserved() {
      for (TaintModel m : TaintModels.all()) {
        TxResult r = oneTx(m);
        assertEquals(2_000, r.outputs().get(0).value(), m.id());
        assertEquals(5_000, r.outputs().get(1).value(), m.id());
        assertEquals(2_500, r.outputs().get(2).value(), m.id());
        assertEquals(500, r.fee().value(), m.id());
      }
    }
  }

  @Nested
  class HaircutRounding {
    @Test
    void apply_roundingCase_floorsAndResidueToFee() {
      TxResult r =
          TaintModels.HAIRCUT.apply(
              List.of(TaintState.fullyTainted(1_000), TaintState.clean(2_000)),
              new long[] {1_000, 1_000, 900},
              FeePolicy.TERMINAL);
      assertEquals(List.of(333L, 333L, 300L, 34L), List.of(box(row(r))));
      assertEquals(0, r.lost());
    }

    @Test
    void apply_residueLargerThanFee_excessRecordedAsLost() {
      // T = 1, V = 3, three outputs of 1 and no fee: each floor(1/3) = 0, residue 1 > fee 0
      TxResult r =
          TaintModels.HAIRCUT.apply(
              List.of(TaintState.of(3, 1)), new long[] {1, 1, 1}, FeePolicy.TERMINAL);
      assertEquals(0, r.outputTaint());
      assertEquals(0, r.fee().tainted());
      assertEquals(1, r.lost());
    }

    @Test
    void apply_residueEqualToFee_nothingLost() {
      // T = 2, V = 4, outputs 1,1,1 fee 1: floors 0,0,0 -> residue 2, fee takes 1, 1 lost
      TxResult r =
          TaintModels.HAIRCUT.apply(
              List.of(TaintState.of(4, 2)), new long[] {1, 1, 1}, FeePolicy.TERMINAL);
      assertEquals(1, r.fee().tainted());
      assertEquals(1, r.lost());
      // fee 2 (one more unit of fee, one less output): residue fits exactly
      TxResult r2 =
          TaintModels.HAIRCUT.apply(
              List.of(TaintState.of(4, 2)), new long[] {1, 1}, FeePolicy.TERMINAL);
      assertEquals(2, r2.fee().tainted());
      assertEquals(0, r2.lost());
    }

    @Test
    void apply_productBeyondLong_exact() {
      // v·T ≈ 4.4e30: a double or a plain long product would be wrong here
      long max = 2_100_000_000_000_000L;
      long t = max - 7;
      TxResult r =
          TaintModels.HAIRCUT.apply(
              List.of(TaintState.of(max, t)), new long[] {max - 1_000, 999}, FeePolicy.TERMINAL);
      long expect0 =
          java.math.BigInteger.valueOf(max - 1_000)
              .multiply(java.math.BigInteger.valueOf(t))
              .divide(java.math.BigInteger.valueOf(max))
              .longValueExact();
      assertEquals(expect0, r.outputs().get(0).tainted());
      assertEquals(t, r.outputTaint() + r.fee().tainted() + r.lost());
    }
  }

  @Nested
  class SecondHop {
    @Test
    void apply_haircutSecondHop_1470AndFee30() {
      TxResult hop1 = oneTx(TaintModels.HAIRCUT);
      TxResult r =
          TaintModels.HAIRCUT.apply(
              List.of(hop1.outputs().get(1), TaintState.clean(5_000)),
              new long[] {9_800},
              FeePolicy.TERMINAL);
      assertEquals(1_470, r.outputs().get(0).tainted());
      assertEquals(30, r.fee().tainted());
    }

    @Test
    void apply_fifoSecondHop_1000AndFee0() {
      TxResult hop1 = oneTx(TaintModels.FIFO);
      TxResult r =
          TaintModels.FIFO.apply(
              List.of(hop1.outputs().get(1), TaintState.clean(5_000)),
              new long[] {9_800},
              FeePolicy.TERMINAL);
      assertEquals(1_000, r.outputs().get(0).tainted());
      assertEquals("[(1000,T),(8800,C)]", r.outputs().get(0).segments().orElseThrow().toString());
      assertEquals(0, r.fee().tainted());
    }
  }

  @Nested
  class ProRataFirst {
    /**
     * §4.1 under PRO_RATA_FIRST: the fee of 500 is first taken from the inputs in proportion, 150
     * from I0 (tainted) and 350 from I1 (clean), so 150 of taint is in the fee whatever the model;
     * the outputs then share the remaining stream [2850 T][6650 C] (TaintedTX's convention).
     */
    @ParameterizedTest(name = "{0}: {1} {2} {3} fee {4}")
    @CsvSource({
      "haircut,           600, 1500,  750, 150",
      "fifo,             2000,  850,    0, 150",
      "lifo,                0,  350, 2500, 150",
      "lifo_reverse_out,    0,  350, 2500, 150",
      "tiho,                0, 2850,    0, 150"
    })
    void apply_workedExampleProRata_everyConservingModel(
        String model, long o0, long o1, long o2, long fee) {
      TxResult r = TaintModels.byId(model).apply(ONE_TX_INPUTS, ONE_TX_OUTPUTS, FeePolicy.PRO_RATA_FIRST);
      assertEquals(List.of(o0, o1, o2, fee), List.of(box(row(r))));
      assertEquals(500, r.fee().value());
      assertEquals(0, r.lost());
    }

    @Test
    void apply_fifoProRata_feeTakesEachInputsTail() {
      // shares: 500·3000/10000 = 150 from I0 (tainted tail), 350 from I1 (clean)
      TxResult r =
          TaintModels.FIFO.apply(ONE_TX_INPUTS, ONE_TX_OUTPUTS, FeePolicy.PRO_RATA_FIRST);
      assertEquals("[(150,T),(350,C)]", r.fee().segments().orElseThrow().toString());
      // stream [2850 T][6650 C]: O0 2000 T, O1 850 T + 4150 C, O2 2500 C
      assertEquals(List.of(2_000L, 850L, 0L, 150L), List.of(box(row(r))));
    }

    @Test
    void apply_haircutProRata_feeTaintFromInputShares() {
      TxResult r =
          TaintModels.HAIRCUT.apply(ONE_TX_INPUTS, ONE_TX_OUTPUTS, FeePolicy.PRO_RATA_FIRST);
      // fee 150 (=150·3000/3000); T' = 2850 over V' = 9500: 600, 1500, 750
      assertEquals(List.of(600L, 1_500L, 750L, 150L), List.of(box(row(r))));
    }

    @Test
    void apply_lifoProRata_sharesFollowInputsNotStream() {
      TxResult r = TaintModels.LIFO.apply(ONE_TX_INPUTS, ONE_TX_OUTPUTS, FeePolicy.PRO_RATA_FIRST);
      // stream reversed: [6650 C][2850 T]; fee vector in stream order: 350 C then 150 T
      assertEquals("[(350,C),(150,T)]", r.fee().segments().orElseThrow().toString());
      // O0 2000 C; O1 4650 C + 350 T; O2 2500 T
      assertEquals(List.of(0L, 350L, 2_500L, 150L), List.of(box(row(r))));
      assertEquals(3_000, r.outputTaint() + r.fee().tainted());
    }
  }

  @Nested
  class Rejection {
    @Test
    void apply_outputsExceedInputs_throws() {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              TaintModels.HAIRCUT.apply(
                  List.of(TaintState.clean(10)), new long[] {11}, FeePolicy.TERMINAL));
    }

    @Test
    void apply_outputsEqualInputs_zeroFee() {
      TxResult r =
          TaintModels.FIFO.apply(List.of(TaintState.fullyTainted(10)), new long[] {10}, FeePolicy.TERMINAL);
      assertEquals(0, r.fee().value());
      assertEquals(10, r.outputTaint());
    }

    @Test
    void apply_orderedModelWithPartlyTaintedUnorderedInput_throws() {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              TaintModels.FIFO.apply(
                  List.of(TaintState.of(10, 5)), new long[] {10}, FeePolicy.TERMINAL));
    }

    @Test
    void apply_negativeOutput_throws() {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              TaintModels.TIHO.apply(
                  List.of(TaintState.clean(10)), new long[] {-1}, FeePolicy.TERMINAL));
    }

    @Test
    void byId_unknown_listsKnownModels() {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TaintModels.byId("fofi"));
      assertEquals(
          "unknown taint model 'fofi'; known: poison, haircut, fifo, lifo, lifo_reverse_out, tiho",
          e.getMessage());
    }

    @Test
    void byId_dashAndCase_accepted() {
      assertEquals(TaintModels.LIFO_REVERSE_OUT, TaintModels.byId("LIFO-Reverse-Out"));
    }
  }

  @Nested
  class Tiho {
    @Test
    void apply_tiesGoToLowerIndex() {
      TxResult r =
          TaintModels.TIHO.apply(
              List.of(TaintState.fullyTainted(150), TaintState.clean(150)),
              new long[] {100, 100, 100},
              FeePolicy.TERMINAL);
      assertEquals(List.of(100L, 50L, 0L, 0L), List.of(box(row(r))));
    }

    @Test
    void apply_taintBeyondOutputs_restToFee() {
      TxResult r =
          TaintModels.TIHO.apply(
              List.of(TaintState.fullyTainted(1_000)), new long[] {600, 300}, FeePolicy.TERMINAL);
      assertEquals(100, r.fee().tainted());
      assertEquals(900, r.outputTaint());
    }
  }

  private static Long[] box(long[] a) {
    Long[] b = new Long[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i];
    }
    return b;
  }
}
