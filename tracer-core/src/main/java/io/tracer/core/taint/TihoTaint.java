package io.tracer.core.taint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TIHO, "tainted in, highest out" (zkokelj {@code TIHOTainting.cpp}; TaintedTX "t"+"h"): the taint
 * goes to the largest outputs first. Outputs are ordered by value, descending, ties by lower index
 * (a tracer choice); each takes {@code min(remaining T, v)}, and any remainder goes to the fee.
 * Under {@link FeePolicy#PRO_RATA_FIRST} the inputs' pro-rata fee shares take their taint first
 * ({@code floor(f_i·t_i/v_i)} each).
 */
public final class TihoTaint extends AbstractTaintModel {
  TihoTaint() {}

  @Override
  public String id() {
    return "tiho";
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
    long rem = taint;
    if (policy == FeePolicy.PRO_RATA_FIRST && fee > 0 && taint > 0) {
      feeTaint = proRataFeeTaint(inputs, feeShares(inputs, total, fee));
      rem -= feeTaint;
    }
    long[] t = new long[outs.length];
    if (rem > 0) {
      Integer[] order = new Integer[outs.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      // stable sort: equal values keep lower index first
      Arrays.sort(order, (a, b) -> Long.compare(outs[b], outs[a]));
      for (int k = 0; k < order.length && rem > 0; k++) {
        int i = order[k];
        t[i] = Math.min(rem, outs[i]);
        rem -= t[i];
      }
    }
    List<TaintState> o = new ArrayList<>(outs.length);
    for (int i = 0; i < outs.length; i++) {
      o.add(TaintState.of(outs[i], t[i]));
    }
    long toFee = Math.min(rem, fee - feeTaint);
    feeTaint += toFee;
    rem -= toFee;
    return new TxResult(o, TaintState.of(fee, feeTaint), rem);
  }
}
