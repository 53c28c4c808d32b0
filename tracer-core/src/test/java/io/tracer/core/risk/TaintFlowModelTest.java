package io.tracer.core.risk;

import static io.tracer.core.risk.RiskFixtures.heuristicsExample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracer.core.intel.Category;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.taint.TaintModels;
import io.tracer.core.testing.Txs;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The taint engine's models driving exposure through {@link TaintFlowModel}. */
class TaintFlowModelTest {
  // HEURISTICS.md §4.1: I0 = 3,000 tainted, I1 = 7,000 clean; O = 2,000 / 5,000 / 2,500; fee 500.
  static final UtxoTx TX =
      Txs.tx("h").in("a", 0, "T", 3_000).in("b", 0, "C", 7_000)
          .out("o0", 2_000).out("o1", 5_000).out("o2", 2_500).build();

  @Test
  void toOutputs_section41Table_everyModelRow() {
    assertArrayEquals(new long[] {2_000, 5_000, 2_500}, forward("poison"));
    assertArrayEquals(new long[] {600, 1_500, 750}, forward("haircut"));
    assertArrayEquals(new long[] {2_000, 1_000, 0}, forward("fifo"));
    assertArrayEquals(new long[] {0, 0, 2_500}, forward("lifo"));
    assertArrayEquals(new long[] {0, 500, 2_500}, forward("lifo_reverse_out"));
    assertArrayEquals(new long[] {0, 3_000, 0}, forward("tiho"));
  }

  static long[] forward(String id) {
    return TaintFlowModel.of(TaintModels.byId(id)).toOutputs(TX, 0, 3_000);
  }

  @Test
  void toOutputs_partOfTheInput_scaledProRata() {
    assertArrayEquals(new long[] {1_000, 500, 0},
        TaintFlowModel.of(TaintModels.FIFO).toOutputs(TX, 0, 1_500));
  }

  @Test
  void fromInputs_haircutAdapter_sameAsBuiltInHaircut() {
    assertArrayEquals(FlowModel.HAIRCUT.fromInputs(TX, 1, 5_000),
        TaintFlowModel.of(TaintModels.HAIRCUT).fromInputs(TX, 1, 5_000));
  }

  @Test
  void exposure_heuristicsExampleWithEngineHaircut_sameFigures() {
    ExposureEngine eng = new ExposureEngine(RiskFixtures.flagged(Category.SCAM, "F"),
        ExposureConfig.builder().model(FlowModel.named("haircut").orElseThrow()).build());
    ExposureEngine viaTaint = new ExposureEngine(RiskFixtures.flagged(Category.SCAM, "F"),
        ExposureConfig.builder().model(TaintFlowModel.of(TaintModels.HAIRCUT)).build());
    CategoryExposure a = eng.address(heuristicsExample(), Txs.addr("X")).get(Direction.INCOMING, Category.SCAM).orElseThrow();
    CategoryExposure b = viaTaint.address(heuristicsExample(), Txs.addr("X")).get(Direction.INCOMING, Category.SCAM).orElseThrow();
    assertEquals(a.direct(), b.direct());
    assertEquals(a.indirectUndecayed(), b.indirectUndecayed());
    assertEquals(BigInteger.valueOf(2_000), b.indirectUndecayed());
  }

  @Test
  void named_tiho_resolvesThroughTheTaintEngine() {
    assertEquals("tiho", FlowModel.named("tiho").orElseThrow().name());
    assertEquals(java.util.Optional.empty(), FlowModel.named("nonsense"));
  }
}
