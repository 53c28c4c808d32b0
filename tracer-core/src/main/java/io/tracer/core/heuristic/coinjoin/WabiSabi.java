package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wasabi 2.0 / WabiSabi, the loose GraphSense rule (confidence 60), HEURISTICS.md §2: at least 20
 * inputs; no input address holds more than 10% of them; every output at least 5,000 sat; output
 * addresses distinct; D = the values occurring at least twice, with at least 3 of them; outputs
 * whose value is in D at least (nOut − 1)/2; at least one output not in D. See {@link
 * WabiSabiStrict} for the stricter rule.
 */
public final class WabiSabi extends AbstractDetector {
  public static final int MIN_INPUTS = 20;
  public static final int MAX_INPUT_SHARE_DIVISOR = 10;
  public static final long MIN_OUTPUT_SAT = 5_000;
  public static final int MIN_REPEATED_VALUES = 3;

  public WabiSabi() {
    super("wabisabi", HeuristicKind.STATIC, 60);
  }

  @Override
  Optional<CoinJoinMatch> test(UtxoTx tx, LedgerView view) {
    int nIn = tx.inputs().size();
    if (TxShape.skipEqualOutput(tx) || nIn < MIN_INPUTS) {
      return Optional.empty();
    }
    if (TxShape.maxInputsPerAddress(tx) * MAX_INPUT_SHARE_DIVISOR > nIn) {
      return Optional.empty();
    }
    List<TxOut> outs = TxShape.foreignOutputs(tx);
    for (TxOut o : outs) {
      if (o.value() < MIN_OUTPUT_SAT) {
        return Optional.empty();
      }
    }
    if (!TxShape.distinctAddresses(outs)) {
      return Optional.empty();
    }
    int repeated = 0;
    int inD = 0;
    for (Map.Entry<Long, Integer> e : TxShape.valueCounts(outs).entrySet()) {
      if (e.getValue() >= 2) {
        repeated++;
        inD += e.getValue();
      }
    }
    int nOut = outs.size();
    if (repeated < MIN_REPEATED_VALUES || 2 * inD < nOut - 1 || inD == nOut) {
      return Optional.empty();
    }
    return match(repeated + " repeated denominations over " + inD + " of " + nOut + " outputs");
  }

  /** Fewest outputs: at least 3 values occurring at least twice. */
  @Override
  public int minOutputs() {
    return 2 * MIN_REPEATED_VALUES;
  }
}
