package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.List;
import java.util.Optional;

/**
 * Wasabi 1.0 and 1.1 (GraphSense, confidence 70), HEURISTICS.md §2.
 *
 * <ul>
 *   <li>At least 10 inputs; no input address holds more than 10% of the inputs.
 *   <li>d = the most frequent output with |v − 10,000,000| ≤ 500,000 sat, count n. Wasabi 1.1
 *       mixing levels: for i ≥ 1 the most frequent output within 2^i·500,000 of 2^i·10,000,000
 *       counts as a level when it occurs at least twice; n is the largest level count.
 *   <li>n ≥ 3; n ≥ (nOut − 1)/2; n ≤ distinct input addresses ≤ 7n; output addresses distinct.
 *   <li>With fewer than 20 inputs, an N-way split payout is rejected: [interpretation] when the
 *       value outside the n equal outputs is at most 10,000 sat (0.0001 BTC).
 * </ul>
 */
public final class Wasabi1 extends AbstractDetector {
  public static final int MIN_INPUTS = 10;
  /** No input address may hold more than 1/10 of the inputs. */
  public static final int MAX_INPUT_SHARE_DIVISOR = 10;
  public static final long DENOMINATION_SAT = 10_000_000; // 0.1 BTC
  public static final long TOLERANCE_SAT = 500_000;
  public static final int MIN_EQUAL_OUTPUTS = 3;
  public static final int MAX_INPUTS_PER_PARTICIPANT = 7;
  public static final int SPLIT_CHECK_BELOW_INPUTS = 20;
  public static final long SPLIT_RESIDUAL_SAT = 10_000; // 0.0001 BTC
  /** Mixing levels looked at (2^i·d up to i = 10, i.e. 102.4 BTC). */
  public static final int MAX_LEVEL = 10;

  public Wasabi1() {
    super("wasabi-1", HeuristicKind.STATIC, 70);
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
    int nOut = outs.size();
    TxShape.Mode base =
        TxShape.mode(outs, v -> Math.abs(v - DENOMINATION_SAT) <= TOLERANCE_SAT);
    int n = base.count();
    long d = base.value();
    int levels = 0;
    for (int i = 1; i <= MAX_LEVEL; i++) {
      long centre = DENOMINATION_SAT << i;
      long tol = TOLERANCE_SAT << i;
      TxShape.Mode lvl = TxShape.mode(outs, v -> Math.abs(v - centre) <= tol);
      if (lvl.count() >= 2) {
        levels++;
        if (lvl.count() > n) {
          n = lvl.count();
          d = lvl.value();
        }
      }
    }
    if (n < MIN_EQUAL_OUTPUTS || 2 * n < nOut - 1) {
      return Optional.empty();
    }
    int distinctIn = TxShape.distinctInputScripts(tx);
    if (distinctIn < n || distinctIn > MAX_INPUTS_PER_PARTICIPANT * n) {
      return Optional.empty();
    }
    if (!TxShape.distinctAddresses(outs)) {
      return Optional.empty();
    }
    if (nIn < SPLIT_CHECK_BELOW_INPUTS) {
      long residual = 0;
      for (TxOut o : outs) {
        residual = Math.addExact(residual, o.value() == d ? 0 : o.value());
      }
      if (residual <= SPLIT_RESIDUAL_SAT) {
        return Optional.empty();
      }
    }
    return match(n + " outputs of " + d + " sat" + (levels > 0 ? ", " + levels + " higher levels" : ""));
  }

  /** Fewest outputs: n >= 3 equal outputs. */
  @Override
  public int minOutputs() {
    return MIN_EQUAL_OUTPUTS;
  }
}
