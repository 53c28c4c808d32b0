package io.tracer.core.taint;

import java.util.Arrays;
import java.util.List;

/**
 * Haircut (BlockSci {@code taint.cpp}, with exact integers instead of doubles): every output
 * carries the inputs' taint share. In output index order, {@code t_i = min(v_i, floor(v_i·T/V),
 * taint not yet assigned)}; then the fee takes {@code min(T − Σt_i, f)}.
 *
 * <p><b>Residue policy</b> (HEURISTICS.md §4): flooring leaves a residue of less than one unit per
 * output; it goes to the fee. If the residue is larger than the fee (a fee-less or tiny-fee
 * transaction), the excess, at most {@code n−1} units for {@code n} outputs, is recorded as {@link
 * TxResult#lost() lost}: it is reported, never silently dropped.
 *
 * <p>Under {@link FeePolicy#PRO_RATA_FIRST} each input first pays its fee share {@code f_i} with
 * taint {@code floor(f_i·t_i/v_i)}; the outputs then share {@code T'} over {@code V' = Σ outputs}
 * by the same formula, and the residue joins the fee up to the fee's clean part.
 */
public final class HaircutTaint extends AbstractTaintModel {
  HaircutTaint() {}

  @Override
  public String id() {
    return "haircut";
  }

  @Override
  public boolean isOrdered() {
    return false;
  }

  @Override
  public boolean conservesTaint() {
    return true;
  }

  @Override
  TxResult rule(
      List<TaintState> inputs, long[] outs, long total, long taint, long fee, FeePolicy policy) {
    long feeTaint = 0;
    long t = taint;
    long v = total;
    if (policy == FeePolicy.PRO_RATA_FIRST && fee > 0 && taint > 0) {
      feeTaint = proRataFeeTaint(inputs, feeShares(inputs, total, fee));
      t = taint - feeTaint;
      v = total - fee;
    }
    TaintState[] o = new TaintState[outs.length];
    long rem = t;
    for (int i = 0; i < outs.length; i++) {
      long value = outs[i];
      long ti = 0;
      if (rem > 0 && value > 0) {
        ti = Math.min(Math.min(value, ExactMath.mulDivFloor(value, t, v)), rem);
        rem -= ti;
      }
      o[i] = TaintState.of(value, ti);
    }
    long toFee = Math.min(rem, fee - feeTaint);
    feeTaint += toFee;
    rem -= toFee;
    return new TxResult(Arrays.asList(o), TaintState.of(fee, feeTaint), rem);
  }
}
