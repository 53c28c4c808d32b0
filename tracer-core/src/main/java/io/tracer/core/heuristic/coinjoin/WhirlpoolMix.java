package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.Address;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whirlpool mix (GraphSense, confidence 60), HEURISTICS.md §2: 5–8 inputs and as many outputs;
 * all input and output addresses distinct; every output equals a pool denomination d; every input
 * in [d, d + 110,000]; 1–4 new entrants (input above d), each with an excess in [100, 110,000].
 * Needs resolved inputs.
 */
public final class WhirlpoolMix extends AbstractDetector {
  public static final int MIN_INPUTS = 5;
  public static final int MAX_INPUTS = 8;
  public static final int MIN_NEW_ENTRANTS = 1;
  public static final int MAX_NEW_ENTRANTS = 4;

  public WhirlpoolMix() {
    super("whirlpool-mix", HeuristicKind.STATIC, 60);
  }

  @Override
  Optional<CoinJoinMatch> test(UtxoTx tx, LedgerView view) {
    int n = tx.inputs().size();
    if (n < MIN_INPUTS || n > MAX_INPUTS || tx.outputs().size() != n || !tx.inputsResolved()) {
      return Optional.empty();
    }
    Set<Address> seen = new HashSet<>();
    for (TxIn in : tx.inputs()) {
      if (!seen.add(in.address())) {
        return Optional.empty();
      }
    }
    for (TxOut o : tx.outputs()) {
      if (!seen.add(o.address())) {
        return Optional.empty();
      }
    }
    long d = tx.outputs().get(0).value();
    WhirlpoolPool pool = null;
    for (WhirlpoolPool p : WhirlpoolPool.values()) {
      if (p.denomination() == d) {
        pool = p;
      }
    }
    if (pool == null) {
      return Optional.empty();
    }
    for (TxOut o : tx.outputs()) {
      if (o.value() != d) {
        return Optional.empty();
      }
    }
    int entrants = 0;
    for (TxIn in : tx.inputs()) {
      long excess = in.value() - d;
      if (excess < 0 || excess > WhirlpoolPool.MAX_EXCESS_SAT) {
        return Optional.empty();
      }
      if (excess > 0) {
        if (excess < WhirlpoolPool.MIN_EXCESS_SAT) {
          return Optional.empty();
        }
        entrants++;
      }
    }
    if (entrants < MIN_NEW_ENTRANTS || entrants > MAX_NEW_ENTRANTS) {
      return Optional.empty();
    }
    return match(n + "x" + d + " sat, " + entrants + " new entrants");
  }

  /** Fewest outputs: as many outputs as inputs, at least 5. */
  @Override
  public int minOutputs() {
    return MIN_INPUTS;
  }
}
