package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.UtxoTx;
import java.util.Map;
import java.util.Optional;

/**
 * Samourai Stonewall shape, used as a veto (GraphSense), HEURISTICS.md §2: 3–4 outputs, at least 2
 * inputs, distinct output addresses, and exactly one value that occurs exactly twice, at 5,000 sat
 * or more. A Stonewall may be one wallet or two (STONEWALLx2), so it is reported as a
 * single-party-looking shape: {@link CoinJoinScreen} uses it to veto the generic and JoinMarket
 * labels; it blocks no merge by itself. Confidence 50 [design].
 */
public final class Stonewall extends AbstractDetector {
  public static final int MIN_OUTPUTS = 3;
  public static final int MAX_OUTPUTS = 4;
  public static final int MIN_INPUTS = 2;
  public static final long MIN_PAIR_VALUE_SAT = 5_000;

  public Stonewall() {
    super("stonewall", HeuristicKind.STATIC, 50);
  }

  @Override
  Optional<CoinJoinMatch> test(UtxoTx tx, LedgerView view) {
    int nOut = tx.outputs().size();
    if (nOut < MIN_OUTPUTS || nOut > MAX_OUTPUTS || tx.inputs().size() < MIN_INPUTS) {
      return Optional.empty();
    }
    if (!TxShape.distinctAddresses(tx.outputs())) {
      return Optional.empty();
    }
    long pair = -1;
    int pairs = 0;
    for (Map.Entry<Long, Integer> e : TxShape.valueCounts(tx.outputs()).entrySet()) {
      if (e.getValue() == 2) {
        pairs++;
        pair = e.getKey();
      }
    }
    if (pairs != 1 || pair < MIN_PAIR_VALUE_SAT) {
      return Optional.empty();
    }
    return Optional.of(
        new CoinJoinMatch(name(), confidence(), false, "one pair of equal outputs of " + pair + " sat"));
  }

  /** Fewest outputs: 3 or 4 outputs. */
  @Override
  public int minOutputs() {
    return MIN_OUTPUTS;
  }
}
