package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.List;
import java.util.Optional;

/**
 * JoinMarket (GraphSense, confidence 49), HEURISTICS.md §2: v = the most frequent output above
 * 2,730 sat with count n; {@code n ≥ nOut/2}; {@code 3 ≤ n ≤ distinct input addresses}; output
 * addresses distinct; some output differs from v; with 50 or more inputs also {@code nIn/n ≤ 20}
 * and {@code nOut/n ≥ 1.7} (compared exactly, in integers).
 */
public final class JoinMarket extends AbstractDetector {
  public static final long MIN_VALUE_EXCLUSIVE_SAT = 2_730;
  public static final int MIN_EQUAL_OUTPUTS = 3;
  public static final int LARGE_INPUT_COUNT = 50;
  public static final int MAX_INPUTS_PER_EQUAL_OUTPUT = 20;
  /** nOut/n ≥ 17/10. */
  public static final int MIN_OUTPUT_RATIO_TENTHS = 17;

  public JoinMarket() {
    super("joinmarket", HeuristicKind.STATIC, 49);
  }

  @Override
  Optional<CoinJoinMatch> test(UtxoTx tx, LedgerView view) {
    if (TxShape.skipEqualOutput(tx)) {
      return Optional.empty();
    }
    List<TxOut> outs = TxShape.foreignOutputs(tx);
    int nIn = tx.inputs().size();
    int nOut = outs.size();
    TxShape.Mode m = TxShape.mode(outs, v -> v > MIN_VALUE_EXCLUSIVE_SAT);
    int n = m.count();
    if (n < MIN_EQUAL_OUTPUTS || 2 * n < nOut || n > TxShape.distinctInputScripts(tx)) {
      return Optional.empty();
    }
    if (!TxShape.distinctAddresses(outs) || n == nOut) {
      return Optional.empty();
    }
    if (nIn >= LARGE_INPUT_COUNT
        && (nIn > MAX_INPUTS_PER_EQUAL_OUTPUT * n || 10 * nOut < MIN_OUTPUT_RATIO_TENTHS * n)) {
      return Optional.empty();
    }
    return match(n + " equal outputs of " + m.value() + " sat among " + nOut);
  }

  /** Fewest outputs: n >= 3 equal outputs and one other. */
  @Override
  public int minOutputs() {
    return MIN_EQUAL_OUTPUTS + 1;
  }
}
