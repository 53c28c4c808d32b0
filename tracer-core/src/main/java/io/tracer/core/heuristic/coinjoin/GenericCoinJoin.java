package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.List;
import java.util.Optional;

/**
 * BlockSci's {@code isCoinjoin} (also GraphSense's ingest flag), HEURISTICS.md §1.2: at least 2
 * inputs and 3 outputs; {@code p = (nOut + 1) / 2} participants, no more than the inputs or the
 * distinct input addresses; the most frequent output value occurs exactly p times and is not the
 * dust value 546 or 2,730 sat. Confidence 50 [design].
 */
public final class GenericCoinJoin extends AbstractDetector {
  public static final int MIN_INPUTS = 2;
  public static final int MIN_OUTPUTS = 3;
  public static final long DUST_546_SAT = 546;
  public static final long DUST_2730_SAT = 2_730;

  public GenericCoinJoin() {
    super("blocksci-coinjoin", HeuristicKind.STATIC, 50);
  }

  @Override
  Optional<CoinJoinMatch> test(UtxoTx tx, LedgerView view) {
    if (TxShape.skipEqualOutput(tx)) {
      return Optional.empty();
    }
    List<TxOut> outs = TxShape.foreignOutputs(tx);
    int nIn = tx.inputs().size();
    int nOut = outs.size();
    if (nIn < MIN_INPUTS || nOut < MIN_OUTPUTS) {
      return Optional.empty();
    }
    int p = (nOut + 1) / 2;
    if (p > nIn || p > TxShape.distinctInputScripts(tx)) {
      return Optional.empty();
    }
    TxShape.Mode m = TxShape.mode(outs, v -> true);
    if (m.count() != p || m.value() == DUST_546_SAT || m.value() == DUST_2730_SAT) {
      return Optional.empty();
    }
    return match(p + " outputs of " + m.value() + " sat for " + p + " participants");
  }

  /** Fewest outputs: at least 3 outputs. */
  @Override
  public int minOutputs() {
    return MIN_OUTPUTS;
  }
}
