package io.tracer.core.heuristic.coinjoin;

import io.tracer.core.heuristic.HeuristicKind;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.util.Optional;

/**
 * Whirlpool Tx0 (GraphSense, confidence 60, raised to 90 when a premix output is later spent by a
 * Whirlpool mix), HEURISTICS.md §2: exactly one OP_RETURN output; for a pool (d, f), the premix
 * value = the most frequent output in [d + 100, d + 110,000], occurring 1–70 times and at least
 * (spendable outputs − 2) times; exactly one other output in [f/2, 3f] (the pool fee). Dynamic,
 * because of the confirmation through spends (at most 20 premix outputs are looked at).
 *
 * <p>A Tx0 is one user's transaction, not a mix (am-i-exposed): the match is {@code multiParty =
 * false}. The clustering engine still keeps it out of merges, since its change is "toxic" and
 * its premix outputs leave the user's cluster into mixes.
 */
public final class WhirlpoolTx0 extends AbstractDetector {
  public static final int MAX_PREMIX_OUTPUTS = 70;
  /** Premix outputs must be at least (spendable outputs − this many). */
  public static final int MAX_NON_PREMIX_SPENDABLE = 2;
  /** Premix outputs checked for a later Whirlpool mix. */
  public static final int MAX_SPENDS_CHECKED = 20;
  public static final int CONFIRMED_CONFIDENCE = 90;

  private final WhirlpoolMix mix = new WhirlpoolMix();

  public WhirlpoolTx0() {
    super("whirlpool-tx0", HeuristicKind.DYNAMIC, 60);
  }

  @Override
  Optional<CoinJoinMatch> test(UtxoTx tx, LedgerView view) {
    int opReturns = 0;
    for (TxOut o : tx.outputs()) {
      opReturns += o.type().isSpendable() ? 0 : 1;
    }
    if (opReturns != 1) {
      return Optional.empty();
    }
    int spendable = tx.outputs().size() - 1;
    for (WhirlpoolPool pool : WhirlpoolPool.values()) {
      long d = pool.denomination();
      TxShape.Mode premix =
          TxShape.mode(
              tx.outputs().stream().filter(o -> o.type().isSpendable()).toList(),
              v -> v >= d + WhirlpoolPool.MIN_EXCESS_SAT && v <= d + WhirlpoolPool.MAX_EXCESS_SAT);
      int c = premix.count();
      if (c < 1 || c > MAX_PREMIX_OUTPUTS || c < spendable - MAX_NON_PREMIX_SPENDABLE) {
        continue;
      }
      long f = pool.fee();
      int fees = 0;
      for (TxOut o : tx.outputs()) {
        long v = o.value();
        if (o.type().isSpendable() && v != premix.value() && 2 * v >= f && v <= 3 * f) {
          fees++;
        }
      }
      if (fees != 1) {
        continue;
      }
      int confidence = confidence();
      int checked = 0;
      for (TxOut o : tx.outputs()) {
        if (o.value() != premix.value() || checked >= MAX_SPENDS_CHECKED) {
          continue;
        }
        checked++;
        Optional<UtxoTx> s = view.spendingTx(tx.outPoint(o.index()));
        if (s.isPresent() && mix.detect(s.get(), view).isPresent()) {
          confidence = CONFIRMED_CONFIDENCE;
          break;
        }
      }
      return Optional.of(
          new CoinJoinMatch(
              name(),
              confidence,
              false,
              c + " premix outputs of " + premix.value() + " sat for pool " + d
                  + (confidence == CONFIRMED_CONFIDENCE ? ", premix spent in a Whirlpool mix" : "")));
    }
    return Optional.empty();
  }

  /** Fewest outputs: OP_RETURN, at least one premix and exactly one fee output. */
  @Override
  public int minOutputs() {
    return 3;
  }
}
